// The boundaries of the code (DESIGN.md, "Parts"; docs/ARCHITECTURE.md), checked by `npm run lint` so that a breach
// fails CI. A "unit" is a feature folder (src/<domain>/<feature>/ in the domains made of features) or a whole flat
// domain (src/auth/, src/audit/, ...); kernel/, db/ and http/ are libraries that any unit may use.
const FEATURED = '(?:ledger|governance|commissioning|appraisal|publish)';
const FLAT = '(?:auth|audit|partnerships|demo|web)';
// the unit of the importing file, as group 1: its feature folder, a domain root file, a flat domain, or the
// top of src/, test/ or bench/
const IMPORTER = `^(src/${FEATURED}/[^/]+(?:/|$)|src/[^/]+/|src/[^/]+$|test/|bench/)`;

module.exports = {
  forbidden: [
    {
      name: 'through-index',
      comment:
        'Another folder imports a feature (or a flat domain) only through its index.ts, its public face: import what you need from there, exporting it from the index if it is meant to be used outside.',
      severity: 'error',
      from: { path: IMPORTER, pathNot: `^src/${FEATURED}/plugin\\.ts$` },
      to: {
        path: [`^src/${FEATURED}/[^/]+/`, `^src/${FLAT}/`],
        pathNot: [
          '^$1',
          `^src/${FEATURED}/[^/]+/index\\.ts$`,
          `^src/${FLAT}/index\\.ts$`,
          `^src/${FLAT}/plugin\\.ts$`,
        ],
      },
    },
    {
      name: 'plugin-registers-routes',
      comment:
        "A domain's plugin.ts registers its features' routes and nothing else: it imports their route files (*routes.ts), which nothing else imports.",
      severity: 'error',
      from: { path: `^src/(${FEATURED})/plugin\\.ts$` },
      to: { path: '^src/', pathNot: ['^src/$1/[^/]+/[A-Za-z]*[rR]outes\\.ts$', '^src/(kernel|db|http)/'] },
    },
    {
      name: 'only-web-registers-plugins',
      comment: "A domain's plugin.ts is its face to the server: only web/ registers it.",
      severity: 'error',
      from: { pathNot: ['^src/web/', '^test/', '\\.test\\.ts$'] },
      to: { path: '^src/[^/]+/plugin\\.ts$' },
    },
    {
      name: 'kernel-is-pure',
      comment: 'kernel/ is shared pure code: it imports nothing of ours outside itself.',
      severity: 'error',
      from: { path: '^src/kernel/' },
      to: { path: '^src/', pathNot: '^src/kernel/' },
    },
    {
      name: 'libraries-below-domains',
      comment:
        "db/ and http/ sit below the domains: they may use kernel/ and each other, never a domain (db/database.ts joins the domains' table types, a type-only import).",
      severity: 'error',
      from: { path: '^src/(db|http)/', pathNot: '\\.test\\.ts$' },
      to: { path: '^src/', pathNot: '^src/(kernel|db|http|config\\.ts)', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'nothing-imports-web',
      comment: 'web/ assembles the server from every domain; only main.ts and the tests may import it.',
      severity: 'error',
      from: { pathNot: ['^src/web/', '^src/main\\.ts$', '^test/', '^bench/', '\\.test\\.ts$'] },
      to: { path: '^src/web/' },
    },
    {
      name: 'no-cycles-between-units',
      comment:
        'A cycle of imports that leaves a feature (or a flat domain) and comes back ties the two together, and through their index.ts files it can run a module before what it imports is ready: the lower of the two must own what both need.',
      severity: 'error',
      from: { path: IMPORTER },
      to: {
        path: '^src/',
        pathNot: '^$1',
        circular: true,
        dependencyTypesNot: ['type-only'],
        viaOnly: { dependencyTypesNot: ['type-only'] },
      },
    },
    {
      name: 'no-unresolvable',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: ['^node_modules', '^dist/', '^data/', '^src/web/assets/', '^test/fixtures/'] },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default'],
    },
    reporterOptions: {
      dot: {
        collapsePattern: `^src/${FEATURED}/[^/]+|^src/[^/]+`,
      },
    },
  },
};
