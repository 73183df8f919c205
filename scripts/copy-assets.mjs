// After `tsc`, copies what the compiled program reads at run time (templates, SQL migrations, styles and
// browser scripts) from src/ to dist/, keeping their paths.
import fs from 'node:fs';
import path from 'node:path';

const from = path.resolve('src');
const to = path.resolve('dist');
let copied = 0;
for (const entry of fs.readdirSync(from, { recursive: true, withFileTypes: true })) {
  if (!entry.isFile() || entry.name.endsWith('.ts')) continue;
  const source = path.join(entry.parentPath, entry.name);
  const target = path.join(to, path.relative(from, source));
  fs.mkdirSync(path.dirname(target), { recursive: true });
  fs.copyFileSync(source, target);
  copied += 1;
}
console.log(`Copied ${copied} templates, migrations and assets to dist/`);
