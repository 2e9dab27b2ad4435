import { execFileSync } from 'node:child_process';
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

/**
 * React and react-dom are CommonJS only, and react-dom must share React's module instance (two
 * copies break hooks). So the whole family is bundled once into one module, and each specifier is
 * served as a small facade over its part of it. CommonJS exports are dynamic, so the facades'
 * named exports are the keys Node sees when it requires the same files, in a child process (React
 * touches `console` as it loads, and the test runner's console is a proxy that lacks some methods).
 */
const REACT_FAMILY = {
  react: 'react',
  'react-dom': 'react-dom',
  'react-dom/client': 'react-dom-client',
};
const REACT_BUNDLE = 'react-family';

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

function bundleOf(contents) {
  return build({
    stdin: { contents, resolveDir: process.cwd() },
    bundle: true,
    format: 'esm',
    platform: 'browser',
    write: false,
    logLevel: 'silent',
  }).then((result) => result.outputFiles[0].text);
}

function vendorSource(specifier) {
  return bundleOf(`export * from '${specifier}'; import * as m from '${specifier}'; export default (m.default ?? m);`);
}

function reactFamilySource() {
  const parts = Object.entries(REACT_FAMILY);
  return bundleOf(
    parts.map(([specifier, name]) => `import ${name.replaceAll('-', '_')} from '${specifier}';`).join('\n') +
      `\nexport { ${parts.map(([, name]) => name.replaceAll('-', '_')).join(', ')} };`,
  );
}

function reactFacadeSource(specifier) {
  const part = REACT_FAMILY[specifier].replaceAll('-', '_');
  const keys = execFileSync(process.execPath, ['-p', `JSON.stringify(Object.keys(require(${JSON.stringify(specifier)})))`], {
    encoding: 'utf8',
  });
  const names = JSON.parse(keys).filter((name) => name !== 'default' && IDENTIFIER.test(name));
  return `import { ${part} } from '/__vendor__/${REACT_BUNDLE}.js';
export default ${part};
export const { ${names.join(', ')} } = ${part};
`;
}

export function vendorPlugin() {
  const cache = new Map();
  const once = (key, make) => {
    if (!cache.has(key)) cache.set(key, make());
    return cache.get(key);
  };
  return {
    name: 'call-elements-vendors',
    resolveImport({ source }) {
      if (source in VENDORS) return `/__vendor__/${VENDORS[source]}.js`;
      if (source in REACT_FAMILY) return `/__vendor__/${REACT_FAMILY[source]}.js`;
      return undefined;
    },
    async serve(context) {
      const match = /^\/__vendor__\/([\w-]+)\.js$/.exec(context.path);
      if (!match) return undefined;
      const name = match[1];
      if (name === REACT_BUNDLE) return { body: await once(name, reactFamilySource), type: 'js' };
      const reactSpecifier = Object.keys(REACT_FAMILY).find((key) => REACT_FAMILY[key] === name);
      if (reactSpecifier) return { body: await once(name, () => Promise.resolve(reactFacadeSource(reactSpecifier))), type: 'js' };
      const specifier = Object.keys(VENDORS).find((key) => VENDORS[key] === name);
      if (!specifier) return undefined;
      return { body: await once(name, () => vendorSource(specifier)), type: 'js' };
    },
  };
}
