import commonjs from '@rollup/plugin-commonjs';
import nodeResolve from '@rollup/plugin-node-resolve';
import replace from '@rollup/plugin-replace';
import terser from '@rollup/plugin-terser';

/**
 * The script-tag build. `tsc -p tsconfig.build.json` first compiles src/ to dist/ (the npm build:
 * ES modules + .d.ts, dependencies left as imports); this bundles dist/call-elements.js with its
 * dependencies into one minified ES module. The vendor SDKs, imported with import() on first use,
 * become separate chunks next to it, so a page downloads them only when it places such a call.
 */
export default {
  input: { 'call-elements.bundle': 'dist/call-elements.js' },
  output: {
    dir: 'dist',
    format: 'es',
    entryFileNames: '[name].js',
    chunkFileNames: (chunk) =>
      chunk.moduleIds.some((id) => id.includes('/aircall-everywhere/'))
        ? 'chunks/aircall-everywhere-[hash].js'
        : 'chunks/[name]-[hash].js',
    sourcemap: true,
  },
  plugins: [
    replace({ preventAssignment: true, values: { 'process.env.NODE_ENV': JSON.stringify('production') } }),
    nodeResolve({ browser: true, preferBuiltins: false }),
    commonjs(),
    terser({ format: { comments: false } }),
  ],
  onwarn(warning, warn) {
    // The Twilio SDK's CommonJS parts use `this` at module level; harmless in the browser.
    if (warning.code === 'THIS_IS_UNDEFINED') return;
    warn(warning);
  },
};
