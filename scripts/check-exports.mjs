// After `npm run build`: every subpath of package.json's `exports` map points at files that exist, and
// each ES module there resolves all of its relative imports (what a bundler or a browser would load).
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(fileURLToPath(new URL('..', import.meta.url)));
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const problems = [];
const checked = new Set();

function checkModule(file, from) {
  if (checked.has(file)) return;
  checked.add(file);
  if (!existsSync(file)) {
    problems.push(`${from}: ${file.slice(root.length + 1)} is missing`);
    return;
  }
  if (!file.endsWith('.js')) return;
  const code = readFileSync(file, 'utf8');
  for (const match of code.matchAll(/(?:import|export)[^'"]*?from\s*['"](\.[^'"]+)['"]|import\(\s*['"](\.[^'"]+)['"]\s*\)|import\s*['"](\.[^'"]+)['"]/g)) {
    const specifier = match[1] ?? match[2] ?? match[3];
    checkModule(resolve(dirname(file), specifier), file.slice(root.length + 1));
  }
}

for (const [subpath, target] of Object.entries(pkg.exports)) {
  const targets = typeof target === 'string' ? { default: target } : target;
  for (const [condition, path] of Object.entries(targets)) checkModule(join(root, path), `exports["${subpath}"].${condition}`);
}

if (problems.length) {
  console.error(`package exports are broken:\n  ${problems.join('\n  ')}`);
  process.exit(1);
}
console.log(`package exports: ${Object.keys(pkg.exports).length} subpaths, ${checked.size} files, every relative import resolves`);
