// After `npm run build`: every subpath of package.json's `exports` map points at files that exist, and
// each ES module there resolves all of its relative imports (what a bundler or a browser would load);
// custom-elements.json describes shipped files (every module path and module reference exists in the
// package's dist/) and defines each tag once, from the module that registers it, as a class it declares.
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
  // Block comments are left out: a JSDoc example (`import('./x.js')`) is not an import.
  const code = readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\//g, '');
  for (const match of code.matchAll(/(?:import|export)[^'"]*?from\s*['"](\.[^'"]+)['"]|import\(\s*['"](\.[^'"]+)['"]\s*\)|import\s*['"](\.[^'"]+)['"]/g)) {
    const specifier = match[1] ?? match[2] ?? match[3];
    checkModule(resolve(dirname(file), specifier), file.slice(root.length + 1));
  }
}

for (const [subpath, target] of Object.entries(pkg.exports)) {
  const targets = typeof target === 'string' ? { default: target } : target;
  for (const [condition, path] of Object.entries(targets)) checkModule(join(root, path), `exports["${subpath}"].${condition}`);
}

const manifest = JSON.parse(readFileSync(join(root, 'custom-elements.json'), 'utf8'));
const declared = new Map(manifest.modules.map((mod) => [mod.path, new Set((mod.declarations ?? []).map((d) => d.name))]));
const references = (value, found = []) => {
  if (Array.isArray(value)) value.forEach((item) => references(item, found));
  else if (value && typeof value === 'object') {
    for (const [key, child] of Object.entries(value)) key === 'module' && typeof child === 'string' ? found.push(child) : references(child, found);
  }
  return found;
};
const tags = new Map();
for (const mod of manifest.modules) {
  for (const path of [mod.path, ...references(mod)]) {
    // Other packages (`lit`) are named as such; everything of this package is a file of dist/.
    const ours = /^(\.|\/|src\/|dist\/)/.test(path) || path === mod.path;
    if (ours && (!path.startsWith('dist/') || !existsSync(join(root, path)))) problems.push(`custom-elements.json: ${mod.path} names ${path}, which is not a file of dist/`);
  }
  for (const entry of mod.exports ?? []) {
    if (entry.kind !== 'custom-element-definition') continue;
    if (tags.has(entry.name)) problems.push(`custom-elements.json: <${entry.name}> is defined twice (${tags.get(entry.name)}, ${mod.path})`);
    tags.set(entry.name, mod.path);
    if (!/^[a-z][a-z0-9]*-[a-z0-9-]*$/.test(entry.name) || !declared.get(entry.declaration.module)?.has(entry.declaration.name)) {
      problems.push(`custom-elements.json: definition "${entry.name}" in ${mod.path} is not a tag defined as a class of the manifest`);
    }
  }
}

if (problems.length) {
  console.error(`package exports are broken:\n  ${problems.join('\n  ')}`);
  process.exit(1);
}
console.log(`package exports: ${Object.keys(pkg.exports).length} subpaths, ${checked.size} files, every relative import resolves`);
console.log(`custom-elements.json: ${manifest.modules.length} modules in dist/, ${tags.size} tags defined (${[...tags.keys()].join(', ')})`);
