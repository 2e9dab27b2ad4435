import { build } from 'esbuild';

/**
 * The test runner's node-resolve cannot load @twilio/voice-sdk (its ESM entry imports the CommonJS
 * "events" package) nor aircall-everywhere (a CommonJS bundle): modernweb-dev/web#1700. This plugin
 * serves each of them as one esbuild-made ES module instead, built once per run from node_modules,
 * so that tests exercise the real packages.
 */
const VENDORS = {
  '@twilio/voice-sdk': 'twilio-voice-sdk',
  'aircall-everywhere': 'aircall-everywhere',
};

export function vendorPlugin() {
  const cache = new Map();
  const bundle = (specifier) => {
    if (!cache.has(specifier)) {
      cache.set(
        specifier,
        build({
          stdin: { contents: `export * from '${specifier}'; import * as m from '${specifier}'; export default (m.default ?? m);`, resolveDir: process.cwd() },
          bundle: true,
          format: 'esm',
          platform: 'browser',
          write: false,
          logLevel: 'silent',
        }).then((result) => result.outputFiles[0].text),
      );
    }
    return cache.get(specifier);
  };
  return {
    name: 'call-elements-vendors',
    resolveImport({ source }) {
      if (source in VENDORS) return `/__vendor__/${VENDORS[source]}.js`;
      return undefined;
    },
    async serve(context) {
      const match = /^\/__vendor__\/([\w-]+)\.js$/.exec(context.path);
      if (!match) return undefined;
      const specifier = Object.keys(VENDORS).find((key) => VENDORS[key] === match[1]);
      if (!specifier) return undefined;
      return { body: await bundle(specifier), type: 'js' };
    },
  };
}
