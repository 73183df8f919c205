/**
 * The boundary rules of `.dependency-cruiser.cjs` (run by `npm run lint` over src/, test/ and bench/) find each
 * kind of breach: a tree in test/fixtures/boundaries breaks every rule once, and each must be named.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '..');
const fixture = path.join(root, 'test/fixtures/boundaries');

interface Violation {
  from: string;
  to: string;
  rule: { name: string };
}

function cruise(): Violation[] {
  const run = spawnSync(
    process.execPath,
    [
      path.join(root, 'node_modules/dependency-cruiser/bin/dependency-cruise.mjs'),
      'src',
      '--config',
      path.join(root, '.dependency-cruiser.cjs'),
      '--output-type',
      'json',
    ],
    { cwd: fixture, encoding: 'utf8' },
  );
  const result = JSON.parse(run.stdout) as { summary: { violations: Violation[] } };
  return result.summary.violations;
}

describe('the boundary rules', () => {
  const found = cruise();
  const breach = (rule: string) =>
    found.filter((v) => v.rule.name === rule).map((v) => `${v.from} → ${v.to}`);

  it('refuse an import past a feature’s index.ts, and allow one through it', () => {
    expect(breach('through-index')).toContain('src/governance/boards/routes.ts → src/ledger/funds/store.ts');
    expect(breach('through-index')).not.toContain(
      'src/governance/boards/routes.ts → src/ledger/funds/index.ts',
    );
  });

  it('refuse kernel/ importing a domain', () => {
    expect(breach('kernel-is-pure')).toEqual(['src/kernel/money.ts → src/ledger/funds/index.ts']);
  });

  it('refuse a domain importing web/', () => {
    expect(breach('nothing-imports-web')).toEqual(['src/audit/store.ts → src/web/server.ts']);
  });

  it('refuse a library (db/, http/) importing a domain', () => {
    expect(breach('libraries-below-domains')).toEqual(['src/http/request.ts → src/ledger/funds/index.ts']);
  });

  it('let a domain’s plugin.ts import only its features’ routes, and only web/ import a plugin', () => {
    expect(breach('plugin-registers-routes')).toEqual(['src/ledger/plugin.ts → src/ledger/funds/store.ts']);
    expect(breach('through-index')).not.toContain('src/ledger/plugin.ts → src/ledger/funds/routes.ts');
    expect(breach('only-web-registers-plugins')).toEqual([
      'src/governance/boards/routes.ts → src/ledger/plugin.ts',
    ]);
  });

  it('refuse a cycle between two units', () => {
    expect(breach('no-cycles-between-units')).toContain('src/auth/index.ts → src/partnerships/index.ts');
  });
});
