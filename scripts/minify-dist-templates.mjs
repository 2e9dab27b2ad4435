// The npm build's ES modules (dist/, compiled by tsc) with their html`` and css`` templates minified, as
// the script-tag bundle's are: a user's own bundler (Vite, esbuild, webpack…) minifies JavaScript but
// leaves the whitespace and comments inside template literals, which are part of what a page downloads.
// The rest of each module stays as tsc wrote it; its source map is rewritten to still point at src/.
// Runs after `tsc -p tsconfig.build.json`, before rollup bundles dist/ into dist/bundle/.
import remapping from '@jridgewell/remapping';
import { minifyHTMLLiterals } from '@lit-labs/rollup-plugin-minify-html-literals/lib/minify-html-literals.js';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const DIST = fileURLToPath(new URL('../dist', import.meta.url));
/** Node-only code (the server) and the bundle rollup writes afterwards: no templates to minify. */
const SKIPPED = new Set(['bundle', 'server']);

async function modules(dir) {
  const found = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!(dir === DIST && SKIPPED.has(entry.name))) found.push(...(await modules(path)));
    } else if (entry.name.endsWith('.js')) found.push(path);
  }
  return found;
}

let changed = 0;
for (const file of await modules(DIST)) {
  const code = await readFile(file, 'utf8');
  if (!/\b(html|css|svg) ?`/.test(code)) continue;
  const result = await minifyHTMLLiterals(code, { fileName: file });
  if (!result) continue;
  const mapFile = `${file}.map`;
  const compiled = JSON.parse(await readFile(mapFile, 'utf8'));
  // The minifier's map goes from the minified module to tsc's output (named as the map next to it names
  // it), tsc's from that output to src/.
  const minified = { ...result.map, sources: [compiled.file], file: compiled.file };
  const map = remapping(minified, (source) => (source === compiled.file ? compiled : null));
  map.file = compiled.file;
  await writeFile(file, result.code.replace(/\/\/# sourceMappingURL=\S+\s*$/, '') + `//# sourceMappingURL=${compiled.file}.map\n`);
  await writeFile(mapFile, JSON.stringify(map));
  changed += 1;
}
console.log(`minify-dist-templates: ${changed} module(s) of dist/ with html/css templates minified`);
