// The chunk plan's rule, checked on tsc's modules in dist/ and on the npm build made from them, dist/npm/ (after
// `npm run build`; CI runs it): no entry of the
// package reaches, through its static imports and re-exports, a module that the library downloads on
// demand with import(). Bundlers differ in what they do with such a module: rollup keeps it lazy, but
// esbuild (Angular's builder) puts it in the page's initial chunk. Subpaths whose purpose is to deliver
// one such module (a provider's factory, the eager HTTP storage, the schemas, the synchronous runtime)
// name it below; everything else must reach none.
//
//   node scripts/check-chunks.mjs
import { readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseAst } from 'rollup/parseAst';

const root = resolve(fileURLToPath(new URL('..', import.meta.url)));
const dist = join(root, 'dist');

/** What a subpath exists to deliver, and may therefore bring with it at once (dist/-relative). */
const DELIVERS = {
  './providers/demo': ['providers/demo/demo-provider.js'],
  './providers/twilio': ['providers/twilio/twilio-provider.js'],
  './providers/aircall': ['providers/aircall/aircall-provider.js'],
  // The eager adapters validate synchronously: the schemas come with them (the lazy HTTP storage and the
  // IndexedDB one download them when first needed).
  // The HTTP adapters check their base URL at once: its rule comes with them (the runtime downloads it for `storage-url`).
  './storage/http': ['storage/http/http-storage.js', 'storage/http/base-url.js', 'schema/validate.js', 'storage/aircall-config-values.js'],
  './storage/lazy-http': ['storage/http/base-url.js'],
  './storage/memory': ['schema/validate.js', 'storage/aircall-config-values.js'],
  './schema': ['schema/validate.js'],
  // The synchronous API: the engine with the page, what the engine imports at once, and buildCallRecord's schemas.
  './runtime': ['calls/engine.js', 'providers/demo/demo-provider.js', 'schema/validate.js', 'storage/http/base-url.js'],
  // <call-controls> is on demand in the script-tag bundle (call-elements.js), not for these entries.
  './elements/call-controls': ['elements/call-controls/define.js'],
  './react': ['elements/call-controls/define.js'],
  './elements/aircall-settings': ['elements/aircall-settings/define.js'],
  './react/aircall-settings': ['elements/aircall-settings/define.js'],
  './elements/call-history': ['elements/call-history/define.js'],
  './react/call-history': ['elements/call-history/define.js'],
  './elements/call-audio-settings': ['elements/call-audio-settings/define.js'],
  './react/call-audio-settings': ['elements/call-audio-settings/define.js'],
};

const parsed = new Map();
/** Relative static and dynamic imports of a dist/ file (paths relative to dist/). */
function importsOf(file) {
  if (!parsed.has(file)) {
    const code = readFileSync(join(dist, file), 'utf8');
    const local = (specifier) => (typeof specifier === 'string' && specifier.startsWith('.') ? relative(dist, resolve(dirname(join(dist, file)), specifier)) : undefined);
    const statics = [];
    const dynamics = [];
    const walk = (node) => {
      if (!node || typeof node !== 'object') return;
      if (Array.isArray(node)) return node.forEach(walk);
      if (/^(Import|ExportAll|ExportNamed)Declaration$/.test(node.type) && node.source && !(node.importKind === 'type')) {
        const target = local(node.source.value);
        if (target) statics.push(target);
      }
      if (node.type === 'ImportExpression') {
        const target = node.source?.type === 'Literal' ? local(node.source.value) : undefined;
        if (target) dynamics.push(target);
      }
      for (const value of Object.values(node)) if (value && typeof value === 'object') walk(value);
    };
    walk(parseAst(code));
    parsed.set(file, { statics, dynamics });
  }
  return parsed.get(file);
}

/** Every file an entry reaches statically, with the path that reaches each (for the message). */
function staticClosure(entry) {
  const via = new Map([[entry, [entry]]]);
  const queue = [entry];
  while (queue.length) {
    const file = queue.shift();
    for (const next of importsOf(file).statics) {
      if (via.has(next)) continue;
      via.set(next, [...via.get(file), next]);
      queue.push(next);
    }
  }
  return via;
}

const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const exported = Object.entries(pkg.exports)
  .map(([subpath, target]) => [subpath, typeof target === 'string' ? target : target.default])
  .filter(([subpath, file]) => typeof file === 'string' && file.endsWith('.js') && !subpath.startsWith('./bundle') && !subpath.startsWith('./server') && !file.includes('*'));
// The rule holds for tsc's modules, from which the npm build (dist/npm/) makes one chunk per part downloaded on demand,
// and again for what ships, the npm build's files.
const entries = exported.map(([subpath, file]) => [subpath, relative(dist, join(root, file.replace('./dist/npm/', './dist/')))]);
const npmEntries = exported.map(([subpath, file]) => [subpath, relative(dist, join(root, file))]);

/** Every file imported with import() by any file reachable from the entries, with the first file that does. */
function lazyTargetsOf(entryFiles) {
  const targets = new Map();
  for (const [, entry] of entryFiles) {
    const seen = new Set();
    const visit = (file) => {
      if (seen.has(file)) return;
      seen.add(file);
      const { statics, dynamics } = importsOf(file);
      for (const target of dynamics) {
        if (!targets.has(target)) targets.set(target, file);
        visit(target);
      }
      statics.forEach(visit);
    };
    visit(entry);
  }
  return targets;
}

const sources = new Map();
/** The tsc modules (dist/-relative) a file of the npm build was made from, as its source map says. */
function sourcesOf(file) {
  if (!sources.has(file)) {
    const map = JSON.parse(readFileSync(join(dist, `${file}.map`), 'utf8'));
    sources.set(file, map.sources.map((source) => relative(dist, resolve(dirname(join(dist, file)), source))));
  }
  return sources.get(file);
}

/**
 * What breaks the rule in one graph: a file an entry reaches statically that another file imports with import(),
 * unless `delivers(file, modules)` says it is (or holds) one of the modules the subpath exists to deliver.
 */
function problemsOf(entryFiles, lazyTargets, delivers) {
  const found = [];
  for (const [subpath, entry] of entryFiles) {
    const allowed = new Set(DELIVERS[subpath] ?? []);
    for (const [file, path] of staticClosure(entry)) {
      if (lazyTargets.has(file) && !delivers(file, allowed)) {
        found.push(`${subpath} (dist/${entry}): reaches ${file}, which ${lazyTargets.get(file)} downloads on demand (${path.join(' → ')})`);
      }
    }
  }
  return found;
}

const lazyTargets = lazyTargetsOf(entries);
const npmLazy = lazyTargetsOf(npmEntries);
const problems = [
  ...problemsOf(entries, lazyTargets, (file, allowed) => allowed.has(file)),
  ...problemsOf(npmEntries, npmLazy, (file, allowed) => sourcesOf(file).some((source) => allowed.has(source))),
];

if (problems.length) {
  console.error(`check-chunks: ${problems.length} entry path(s) bring a part meant to download on demand:\n  ${problems.join('\n  ')}`);
  process.exit(1);
}
console.log(
  `check-chunks: ${entries.length} entries, ${lazyTargets.size} modules downloaded on demand (${npmLazy.size} files of dist/npm/), ` +
    'none reached at once by an entry that does not deliver it, in tsc\'s modules and in the npm build',
);
