import commonjs from '@rollup/plugin-commonjs';
import nodeResolve from '@rollup/plugin-node-resolve';
import replace from '@rollup/plugin-replace';
import terser from '@rollup/plugin-terser';
import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';

/** `process.env.NODE_ENV` as production builds of the dependencies expect it. */
const productionEnv = () => replace({ preventAssignment: true, values: { 'process.env.NODE_ENV': JSON.stringify('production') } });

/**
 * The production plugins, shared with the benchmark (scripts/bench) so that it measures what ships:
 * NODE_ENV replaced, CommonJS vendor SDKs converted, terser. Both bundle dist/, whose html`` and css``
 * templates are minified already (scripts/minify-dist-templates.mjs).
 */
export function productionPlugins({ minifier = terser({ format: { comments: false } }) } = {}) {
  return [
    productionEnv(),
    nodeResolve({ browser: true, preferBuiltins: false }),
    commonjs(),
    minifier,
  ];
}

/**
 * The script-tag build. `tsc -p tsconfig.build.json` first compiles src/ to dist/ (the npm build:
 * ES modules + .d.ts, dependencies left as imports); this bundles them with their dependencies into
 * minified ES modules under dist/bundle/, with fixed names a page can import from:
 *
 * - `bundle/call-elements.js`, the one script tag: every element registered (the `define…` functions of
 *   the on-demand ones are its only exports);
 * - `bundle/index.js`, the root API (`configure()`...), and `bundle/<subpath>.js` for the factories and
 *   advanced APIs of the npm subpaths (providers, storage, schema, runtime). Each imports the main bundle
 *   first, so that everything the main bundle has stays
 *   in that one file (a page loads it, then only what the subpath adds) instead of being split into
 *   chunks shared by the entries.
 *
 * What the library downloads on first use (the engine, the SDKs, <aircall-settings>, <call-history>, <call-audio-settings>, French, the
 * toasts) becomes chunks in dist/bundle/chunks/, downloaded when needed.
 */
export const BUNDLE_SUBPATHS = {
  index: 'dist/index.js',
  'providers/demo': 'dist/providers/demo/index.js',
  'providers/twilio': 'dist/providers/twilio/index.js',
  'providers/aircall': 'dist/providers/aircall/index.js',
  'storage/memory': 'dist/storage/memory/index.js',
  'storage/indexeddb': 'dist/storage/indexeddb/index.js',
  'storage/http': 'dist/storage/http/index.js',
  'storage/lazy-http': 'dist/storage/http/lazy-http-storage.js',
  schema: 'dist/schema/index.js',
  runtime: 'dist/runtime.js',
};
const MAIN = 'dist/call-elements.js';
const SUBPATH_PREFIX = '\0bundle-subpath:';

/** Each subpath entry is a module that imports the main bundle, then re-exports its npm module. */
function bundleSubpaths() {
  return {
    name: 'call-elements-bundle-subpaths',
    resolveId: (id) => (id.startsWith(SUBPATH_PREFIX) ? id : null),
    load(id) {
      if (!id.startsWith(SUBPATH_PREFIX)) return null;
      const target = BUNDLE_SUBPATHS[id.slice(SUBPATH_PREFIX.length)];
      return `import ${JSON.stringify(resolve(MAIN))};\nexport * from ${JSON.stringify(resolve(target))};\n`;
    },
  };
}

/** Where tsc's modules are, which the npm build bundles. */
const DIST = `${resolve('dist')}/`;

/**
 * A module's path under dist/ as folders and its short name, last: its file's, or its folder's for an index.js
 * (the twilio, aircall, http... chunks).
 */
const pathSegments = (path) => path.replace(/(\/index)?\.js$/, '').split('/');

/**
 * The npm build's chunk names: after the chunk's main module (the page chunk: page.js), by its short name or,
 * when two of the browser's modules under dist/ have the same one (store/aircall.js and
 * providers/aircall/index.js), prefixed with its folder (store-aircall, providers-aircall) rather than
 * rollup's numbered aircall2. Short: a page's import() calls name them, in the app's bundler too.
 */
function npmChunkFileNames() {
  let counts;
  return (chunk) => {
    const main = chunk.facadeModuleId ?? chunk.moduleIds.at(-1) ?? '';
    if (chunk.name === 'page' || !main.startsWith(DIST)) return 'chunks/[name].js';
    if (!counts) {
      counts = new Map();
      const browserModules = readdirSync(DIST, { recursive: true }).filter((file) => file.endsWith('.js') && !/^(npm|bundle|server)\//.test(file));
      for (const name of browserModules.map((file) => pathSegments(file).at(-1))) counts.set(name, (counts.get(name) ?? 0) + 1);
    }
    const segments = pathSegments(main.slice(DIST.length));
    const name = segments.at(-1);
    return `chunks/${counts.get(name) > 1 && segments.length > 1 ? `${segments.at(-2)}-${name}` : name}.js`;
  };
}

const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8'));

/**
 * The npm build's entries: every browser target of the exports map (not the script-tag bundle, not the
 * Node-only server), by its path under dist/ without `.js`.
 */
const PACKAGE_ENTRIES = Object.fromEntries(
  Object.values(pkg.exports)
    .map((target) => (typeof target === 'object' ? target.default : undefined))
    .filter((file) => file?.startsWith('./dist/npm/'))
    .map((file) => [file.slice('./dist/npm/'.length, -'.js'.length), `dist/${file.slice('./dist/npm/'.length)}`]),
);

/**
 * The React components of `call-elements/react`, each a module of its own that its entry re-exports: not listed
 * in package.json's `sideEffects`, so that an app's bundler leaves out a component it does not import, and the
 * registration of its element with it.
 */
const REACT_COMPONENTS = Object.fromEntries(['call-button', 'call-controls', 'call-notification'].map((name) => [`react/${name}`, `dist/react/${name}.js`]));

/**
 * What a page with the call elements loads at once, one chunk in every bundler: the modules the
 * `<call-button>` and `<call-notification>` definitions import statically (not the definitions themselves,
 * which register the elements: each stays in its own entry).
 */
const PAGE_ELEMENTS = ['dist/elements/call-button/define.js', 'dist/elements/call-notification/define.js'].map((file) => resolve(file));

function pageChunk() {
  let page;
  return (id, { getModuleInfo }) => {
    if (!page) {
      page = new Set();
      const visit = (module) => {
        for (const imported of getModuleInfo(module)?.importedIds ?? []) {
          if (page.has(imported) || !imported.startsWith(DIST)) continue;
          page.add(imported);
          visit(imported);
        }
      };
      PAGE_ELEMENTS.forEach(visit);
    }
    return page.has(id) && !/\/elements\/[^/]+\/define\.js$/.test(id) ? 'page' : undefined;
  };
}

const isDependency = (id) => !id.startsWith('.') && !id.startsWith('/') && !id.startsWith('\0');

/**
 * The npm build: dist/ (tsc's modules) bundled into the modules the package's exports map names, under
 * dist/npm/, with one explicit chunk plan that every bundler then keeps — the page chunk (above), then one
 * chunk per part downloaded on demand (the engine, each storage adapter and provider, the settings
 * element, French...). Dependencies stay imports (the app's bundler shares them); minified, with the
 * annotations bundlers use to drop what a page does not use. React's entries keep their 'use client'.
 */
const packageBuild = {
  input: { ...PACKAGE_ENTRIES, ...REACT_COMPONENTS },
  external: isDependency,
  // What the dependencies do as they load, the modules that use them make happen: an entry that only
  // re-exports needs no bare import of its own.
  treeshake: { moduleSideEffects: (id, external) => !external },
  preserveEntrySignatures: 'strict',
  output: {
    dir: 'dist/npm',
    format: 'es',
    entryFileNames: '[name].js',
    // No hash: the app's bundler names (and hashes) what it makes of them; short names keep its lists of
    // what each import() preloads short.
    chunkFileNames: npmChunkFileNames(),
    manualChunks: pageChunk(),
    hoistTransitiveImports: false,
    banner: (chunk) => (chunk.isEntry && chunk.name.startsWith('react/') ? "'use client';" : ''),
    // The maps point into tsc's modules, which the package ships: no copy of them inside.
    sourcemap: true,
    sourcemapExcludeSources: true,
  },
  plugins: [
    productionEnv(),
    terser({ format: { comments: false, preserve_annotations: true }, compress: { directives: false } }),
  ],
  onwarn(warning, warn) {
    // tsc's 'use client' of the React modules: the banner above puts it back on their entries.
    if (warning.code === 'MODULE_LEVEL_DIRECTIVE') return;
    warn(warning);
  },
};

/** What the script-tag bundle's chunks downloaded on demand are named after: the folder of a module they hold. */
const NAMED_BUNDLE_CHUNKS = ['aircall-everywhere', 'aircall-settings', 'call-history', 'call-audio-settings', 'call-controls'];

const scriptTagBuild = {
  input: {
    'call-elements': MAIN,
    ...Object.fromEntries(Object.keys(BUNDLE_SUBPATHS).map((name) => [name, `${SUBPATH_PREFIX}${name}`])),
  },
  // Lets the subpath entries and the chunks downloaded on demand import what they share with the main
  // bundle from the main bundle itself, instead of splitting it into an entry and shared chunks.
  preserveEntrySignatures: 'allow-extension',
  output: {
    dir: 'dist/bundle',
    format: 'es',
    entryFileNames: '[name].js',
    // A chunk with Aircall's SDK or an element downloaded on demand is named after it (rollup would name the
    // element's after its define.js); any other after its main module.
    chunkFileNames: (chunk) => {
      const part = NAMED_BUNDLE_CHUNKS.find((name) => chunk.moduleIds.some((id) => id.includes(`/${name}/`)));
      return `chunks/${part ?? '[name]'}-[hash].js`;
    },
    sourcemap: true,
  },
  plugins: [bundleSubpaths(), ...productionPlugins()],
  onwarn(warning, warn) {
    // The Twilio SDK's CommonJS parts use `this` at module level; harmless in the browser.
    if (warning.code === 'THIS_IS_UNDEFINED') return;
    warn(warning);
  },
};

export default [packageBuild, scriptTagBuild];
