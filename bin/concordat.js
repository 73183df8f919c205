#!/usr/bin/env node
// The `concordat` command: runs the TypeScript sources through tsx, so that it works straight after
// `npm install`; with NODE_ENV=production it runs the compiled build (`npm run build`) instead.
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import path from 'node:path';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const built = path.join(root, 'dist', 'main.js');
let entry = built;
if (process.env.NODE_ENV !== 'production' || !existsSync(built)) {
  const { register } = await import('tsx/esm/api');
  register();
  entry = path.join(root, 'src', 'main.ts');
}
const { main } = await import(pathToFileURL(entry).href);
const code = await main(process.argv.slice(2)).catch((e) => {
  console.error(e instanceof Error ? e.message : String(e));
  return 1;
});
if (code >= 0) process.exit(code);
