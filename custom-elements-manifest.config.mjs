/**
 * `npm run analyze` writes custom-elements.json from the JSDoc of the element classes. Globs are
 * explicit: without them the analyzer crawls node_modules for minutes.
 */
export default {
  globs: ['src/**/*.ts'],
  exclude: ['src/**/*.d.ts', 'src/**/*.test.ts'],
  outdir: '.',
  litelement: true,
  dependencies: false,
  packagejson: false,
  plugins: [
    {
      // The analyzer reads files in parallel, so module order varies between runs; CI compares the
      // committed file with a fresh one, so the order must be stable.
      name: 'stable-module-order',
      packageLinkPhase({ customElementsManifest }) {
        customElementsManifest.modules.sort((a, b) => a.path.localeCompare(b.path));
      },
    },
  ],
};
