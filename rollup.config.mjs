import minifyHtmlLiterals from '@lit-labs/rollup-plugin-minify-html-literals';
import commonjs from '@rollup/plugin-commonjs';
import nodeResolve from '@rollup/plugin-node-resolve';
import replace from '@rollup/plugin-replace';
import terser from '@rollup/plugin-terser';

/**
 * The production plugins, shared with the benchmark (scripts/bench) so that it measures what ships:
 * Lit's html`` and css`` templates minified, NODE_ENV replaced, CommonJS vendor SDKs converted, terser.
 */
export function productionPlugins({ minifier = terser({ format: { comments: false } }) } = {}) {
  return [
    minifyHtmlLiterals(),
    replace({ preventAssignment: true, values: { 'process.env.NODE_ENV': JSON.stringify('production') } }),
    nodeResolve({ browser: true, preferBuiltins: false }),
    commonjs(),
    minifier,
  ];
}

/**
 * The script-tag build. `tsc -p tsconfig.build.json` first compiles src/ to dist/ (the npm build:
 * ES modules + .d.ts, dependencies left as imports); this bundles dist/call-elements.js with its
 * dependencies into one minified ES module. The vendor SDKs, imported with import() on first use,
 * become separate chunks next to it, so a page downloads them only when it places such a call.
 */
export default {
  input: { 'call-elements.bundle': 'dist/call-elements.js' },
  // Lets the lazily loaded chunks (<aircall-settings>, the SDKs) import what they share with the
  // bundle from the bundle itself, instead of splitting the bundle into an entry and a shared chunk.
  preserveEntrySignatures: 'allow-extension',
  output: {
    dir: 'dist',
    format: 'es',
    entryFileNames: '[name].js',
    chunkFileNames: (chunk) => {
      if (chunk.moduleIds.some((id) => id.includes('/aircall-everywhere/'))) return 'chunks/aircall-everywhere-[hash].js';
      if (chunk.moduleIds.some((id) => id.includes('/elements/aircall-settings/'))) return 'chunks/aircall-settings-[hash].js';
      return 'chunks/[name]-[hash].js';
    },
    sourcemap: true,
  },
  plugins: productionPlugins(),
  onwarn(warning, warn) {
    // The Twilio SDK's CommonJS parts use `this` at module level; harmless in the browser.
    if (warning.code === 'THIS_IS_UNDEFINED') return;
    warn(warning);
  },
};
