// The dependency diagram in docs/ARCHITECTURE.md, drawn from the code by dependency-cruiser so that it cannot
// drift: one box per feature (or flat domain), grouped by domain; an arrow between two features of a domain
// where one imports the other, and one arrow between two domains where any part of one imports the other.
// Type-only imports are left out (they vanish at run time), and so are the libraries (kernel, db, http, config),
// which every unit may use.
//
//   node scripts/architecture-diagram.mjs           rewrites the diagram between the markers in the page
//   node scripts/architecture-diagram.mjs --check   exits 1, saying so, when the page's diagram is out of date
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';

const root = path.resolve(import.meta.dirname, '..');
const page = path.join(root, 'docs/ARCHITECTURE.md');
const BEGIN = '<!-- dependency diagram: begin (npm run docs:diagram) -->';
const END = '<!-- dependency diagram: end -->';
const FEATURED = new Set(['ledger', 'governance', 'commissioning', 'appraisal', 'publish']);

function unitOf(file) {
  const parts = file.split('/');
  if (parts[0] !== 'src' || parts.length < 2) return null;
  if (parts.length === 2) return parts[1].replace(/\.ts$/, '');
  if (FEATURED.has(parts[1])) return parts.length >= 4 ? `${parts[1]}/${parts[2]}` : parts[1];
  return parts[1];
}

function diagram() {
  const run = spawnSync(
    process.execPath,
    [
      path.join(root, 'node_modules/dependency-cruiser/bin/dependency-cruise.mjs'),
      'src',
      '--config',
      path.join(root, '.dependency-cruiser.cjs'),
      '--exclude',
      '\\.test\\.ts$',
      '--output-type',
      'json',
    ],
    { cwd: root, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 },
  );
  if (!run.stdout) throw new Error(run.stderr || 'dependency-cruiser printed nothing');
  const { modules } = JSON.parse(run.stdout);
  const units = new Set();
  const edges = new Set();
  for (const m of modules) {
    const from = unitOf(m.source);
    if (!from) continue;
    units.add(from);
    for (const d of m.dependencies) {
      const to = unitOf(d.resolved);
      if (!to || to === from || d.dependencyTypes.includes('type-only')) continue;
      edges.add(`${from}|${to}`);
    }
  }
  const id = (u) => u.replace(/[^A-Za-z0-9]/g, '_');
  const lines = ['```mermaid', 'flowchart LR'];
  const domains = new Map();
  for (const u of [...units].sort()) {
    const d = u.includes('/') ? u.split('/')[0] : u;
    if (!domains.has(d)) domains.set(d, []);
    domains.get(d).push(u);
  }
  for (const [d, members] of domains) {
    if (members.length === 1 && members[0] === d) {
      lines.push(`  ${id(d)}["${d}"]`);
      continue;
    }
    lines.push(`  subgraph ${id(d)}_domain["${d}"]`);
    for (const u of members) lines.push(`    ${id(u)}["${u.includes('/') ? u.split('/')[1] : 'plugin'}"]`);
    lines.push('  end');
  }
  const LIBRARIES = new Set(['kernel', 'db', 'http', 'config']);
  const domainOf = (u) => (u.includes('/') ? u.split('/')[0] : u);
  const boxOf = (d) => (domains.get(d).length === 1 && domains.get(d)[0] === d ? id(d) : `${id(d)}_domain`);
  const arrows = new Set();
  for (const e of edges) {
    const [from, to] = e.split('|');
    const [df, dt] = [domainOf(from), domainOf(to)];
    if (LIBRARIES.has(dt)) continue;
    if (df === dt) arrows.add(`  ${id(from)} --> ${id(to)}`);
    else arrows.add(`  ${boxOf(df)} --> ${boxOf(dt)}`);
  }
  lines.push(...[...arrows].sort());
  lines.push('```');
  return lines.join('\n');
}

const text = fs.readFileSync(page, 'utf8');
const a = text.indexOf(BEGIN);
const b = text.indexOf(END);
if (a < 0 || b < a) throw new Error(`docs/ARCHITECTURE.md has no diagram markers (${BEGIN} ... ${END})`);
const next = `${text.slice(0, a + BEGIN.length)}\n${diagram()}\n${text.slice(b)}`;
if (process.argv.includes('--check')) {
  if (next !== text) {
    console.error('docs/ARCHITECTURE.md: the dependency diagram is out of date; run `npm run docs:diagram`.');
    process.exit(1);
  }
  console.log('docs/ARCHITECTURE.md: the dependency diagram matches the code.');
} else {
  fs.writeFileSync(page, next);
  console.log('docs/ARCHITECTURE.md: dependency diagram written.');
}
