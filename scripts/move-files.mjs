// Moves source files and keeps every reference to them true: relative import specifiers in TypeScript (static,
// dynamic, `export ... from`, `vi.mock`) and template names (`'ledger/journal/views/journal.njk'`, resolved from
// src/) in TypeScript and Nunjucks. Used to reshape the folders without a hand edit per import.
//
//   node scripts/move-files.mjs MAPPING     MAPPING has one move a line, "old new" (a file, or a folder whose
//                                            files all move beneath the new folder); '#' starts a comment
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';

const root = process.cwd();
const mappingFile = process.argv[2];
if (!mappingFile) {
  console.error('usage: node scripts/move-files.mjs MAPPING');
  process.exit(2);
}

function walk(dir) {
  const out = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) {
      if (e.name === 'node_modules' || e.name.startsWith('.')) continue;
      out.push(...walk(p));
    } else out.push(path.relative(root, p));
  }
  return out;
}

const all = ['src', 'test', 'bench'].filter((d) => fs.existsSync(d)).flatMap(walk);
const moves = new Map();
for (const raw of fs.readFileSync(mappingFile, 'utf8').split('\n')) {
  const line = raw.replace(/#.*/, '').trim();
  if (!line) continue;
  const [from, to] = line.split(/\s+/);
  if (!from || !to) throw new Error(`Bad mapping line: ${raw}`);
  const prefix = from.replace(/\/$/, '') + '/';
  const isDir = fs.existsSync(from) && fs.statSync(from).isDirectory();
  if (isDir) {
    for (const f of all) if (f.startsWith(prefix)) moves.set(f, path.join(to, f.slice(prefix.length)));
  } else {
    if (!all.includes(from)) throw new Error(`No such file: ${from}`);
    moves.set(from, to.endsWith('/') ? path.join(to, path.basename(from)) : to);
  }
}
const targets = new Set();
for (const [from, to] of moves) {
  if (targets.has(to)) throw new Error(`Two files would move to ${to}`);
  if (!moves.has(to) && all.includes(to) && to !== from)
    throw new Error(`${to} exists already (from ${from})`);
  targets.add(to);
}
const newPath = (p) => moves.get(p) ?? p;
const existing = new Set(all);

function resolveSpecifier(importer, spec) {
  const base = path.normalize(path.join(path.dirname(importer), spec));
  for (const candidate of [base.replace(/\.js$/, '.ts'), base, `${base}.ts`, path.join(base, 'index.ts')])
    if (existing.has(candidate)) return candidate;
  return undefined;
}

function specifierFor(importerNew, targetNew, originalSpec) {
  let rel = path.relative(path.dirname(importerNew), targetNew);
  if (!rel.startsWith('.')) rel = `./${rel}`;
  if (originalSpec.endsWith('.js') || targetNew.endsWith('.ts')) rel = rel.replace(/\.ts$/, '.js');
  return rel;
}

const importPattern =
  /((?:\bfrom|\bimport|\bimport\(|\bvi\.mock\(|\bvi\.importActual(?:<[^>]*>)?\(|\brequire\()\s*)(['"])(\.{1,2}\/[^'"]+)\2/g;
const templatePattern = /(['"`])([a-z][A-Za-z]*\/[A-Za-z0-9/_-]*\.njk)\1/g;

let changed = 0;
const contents = new Map();
for (const file of all) {
  if (!/\.(ts|mjs|njk)$/.test(file)) continue;
  const text = fs.readFileSync(file, 'utf8');
  const importerNew = newPath(file);
  let next = text;
  if (!file.endsWith('.njk')) {
    next = next.replace(importPattern, (whole, lead, quote, spec) => {
      const target = resolveSpecifier(file, spec);
      if (!target) return whole;
      const rewritten = specifierFor(importerNew, newPath(target), spec);
      return `${lead}${quote}${rewritten}${quote}`;
    });
  }
  next = next.replace(templatePattern, (whole, quote, name) => {
    const target = path.join('src', name);
    if (!moves.has(target)) return whole;
    return `${quote}${path.relative('src', moves.get(target))}${quote}`;
  });
  if (next !== text) contents.set(file, next);
}

for (const [from, to] of moves) {
  if (from === to) continue;
  fs.mkdirSync(path.dirname(to), { recursive: true });
  execFileSync('git', ['mv', from, to]);
}
for (const [file, text] of contents) {
  fs.writeFileSync(newPath(file), text);
  changed += 1;
}
// folders left empty by the moves go too
for (const from of moves.keys()) {
  let dir = path.dirname(from);
  while (dir !== '.' && fs.existsSync(dir) && fs.readdirSync(dir).length === 0) {
    fs.rmdirSync(dir);
    dir = path.dirname(dir);
  }
}
console.log(
  `Moved ${[...moves].filter(([a, b]) => a !== b).length} files; rewrote references in ${changed}.`,
);
