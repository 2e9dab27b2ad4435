// Builds an entry with rollup's JS API and the plugins of rollup.config.mjs (imported from it), and measures what a
// browser downloads: the entry chunk with its static imports (loaded at once), and apart from that
// each dynamic-import chunk (loaded later, e.g. at the first Twilio call).
import terser from '@rollup/plugin-terser';
import { createHash } from 'node:crypto';
import { readFile, rm } from 'node:fs/promises';
import { gzipSync } from 'node:zlib';
import { rollup } from 'rollup';
import { productionPlugins as sharedProductionPlugins } from '../../../rollup.config.mjs';
import { GZIP_LEVEL } from './server.mjs';

const minified = new Map();

/**
 * rollup.config.mjs's terser, remembering its output per input: the same chunk (the Twilio SDK
 * above all) comes out of several builds, and minifying it again would give the same bytes.
 */
function rememberingTerser() {
  const plugin = terser({ format: { comments: false } });
  return {
    name: 'remembering-terser',
    async renderChunk(code, chunk, outputOptions) {
      const key = createHash('sha256').update(`${outputOptions.format}:${!!outputOptions.sourcemap}:${code}`).digest('hex');
      if (!minified.has(key)) minified.set(key, await plugin.renderChunk.call(this, code, chunk, outputOptions));
      return minified.get(key);
    },
  };
}

/** The plugins of rollup.config.mjs (fresh instances for every build), with the remembering terser. */
export function productionPlugins() {
  return sharedProductionPlugins({ minifier: rememberingTerser() });
}

/**
 * Reads the npm build's own source maps with its chunks, so that the maps of a build from dist/npm/ reach
 * back to the library's modules (tsc's, under dist/) and bytes can be attributed to each of them.
 */
function npmBuildSourceMaps() {
  return {
    name: 'npm-build-source-maps',
    async load(id) {
      if (!/\/dist\/npm\/.*\.js$/.test(id)) return null;
      const code = await readFile(id, 'utf8');
      const map = JSON.parse(await readFile(`${id}.map`, 'utf8'));
      return { code: code.replace(/\n\/\/# sourceMappingURL=.*$/, ''), map };
    },
  };
}

export const gzipBytes = (code) => gzipSync(Buffer.from(code), { level: GZIP_LEVEL }).length;

let cache;

/** Warnings of every build, as `rollup -c --silent` would hide them (kept for results.json). */
export const warnings = new Map();

/**
 * Bundles `input` (a path) in memory, or into `dir` when given. `sourcemap` keeps the minified
 * chunks' source maps (to attribute bytes to modules).
 */
export async function bundle(input, { dir, sourcemap = false } = {}) {
  const build = await rollup({
    input,
    cache,
    plugins: [...(sourcemap ? [npmBuildSourceMaps()] : []), ...productionPlugins()],
    onwarn(warning) {
      // npm run build is silent too: circular imports inside the Twilio SDK and zod, and comments
      // rollup cannot place, change nothing in the bytes.
      warnings.set(warning.code, (warnings.get(warning.code) ?? 0) + 1);
    },
  });
  // Module transforms (the CommonJS conversion of the Twilio SDK above all) are shared between builds.
  cache = build.cache;
  const outputOptions = {
    format: 'es',
    entryFileNames: '[name].js',
    chunkFileNames: 'chunks/[name]-[hash].js',
    sourcemap,
  };
  try {
    if (dir) {
      await rm(dir, { recursive: true, force: true });
      return (await build.write({ ...outputOptions, dir })).output;
    }
    return (await build.generate(outputOptions)).output;
  } finally {
    await build.close();
  }
}

/** What a lazy load brings: a vendor SDK (named by its package), or else the name of its first chunk. */
function lazyLabel(files, chunks) {
  const ids = [...files].flatMap((fileName) => Object.keys(chunks.get(fileName).modules));
  if (ids.some((id) => id.includes('/@twilio/voice-sdk/'))) return { label: 'Twilio', vendor: true };
  if (ids.some((id) => id.includes('/aircall-everywhere/'))) return { label: 'Aircall', vendor: true };
  return { label: chunks.get([...files][0]).name, vendor: false };
}

/**
 * Sizes of a rollup output: `initial` = the entry chunk and every chunk it imports statically
 * (what loads before anything runs); `lazy` = for each import() of the initial code, the bytes
 * it adds: the chunk and everything it imports, statically or with import() (a provider chunk
 * loads its vendor SDK during the same first call), not loaded already.
 */
export function measureOutput(output) {
  const chunks = new Map(output.filter((item) => item.type === 'chunk').map((chunk) => [chunk.fileName, chunk]));
  const entry = [...chunks.values()].find((chunk) => chunk.isEntry);
  const closure = (start, exclude = new Set(), { dynamic = false } = {}) => {
    const seen = new Set();
    const visit = (fileName) => {
      if (seen.has(fileName) || exclude.has(fileName)) return;
      seen.add(fileName);
      chunks.get(fileName).imports.forEach(visit);
      if (dynamic) chunks.get(fileName).dynamicImports.forEach(visit);
    };
    visit(start);
    return seen;
  };
  const sizeOf = (files) => {
    const list = [...files].map((fileName) => {
      const code = chunks.get(fileName).code;
      return { file: fileName, min: Buffer.byteLength(code), gzip: gzipBytes(code) };
    });
    return { min: sum(list, 'min'), gzip: sum(list, 'gzip'), files: list };
  };
  const initialFiles = closure(entry.fileName);
  const lazyEntries = new Set([...initialFiles].flatMap((fileName) => chunks.get(fileName).dynamicImports));
  const lazy = [...lazyEntries]
    .filter((fileName) => !initialFiles.has(fileName))
    .map((fileName) => {
      const files = closure(fileName, initialFiles, { dynamic: true });
      return { ...lazyLabel(files, chunks), ...sizeOf(files) };
    });
  return { entry: entry.fileName, initial: sizeOf(initialFiles), lazy };
}

const sum = (list, key) => list.reduce((total, item) => total + item[key], 0);

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** Decodes source map `mappings` into, per generated line, segments [column, sourceIndex?]. */
function decodeMappings(mappings) {
  const lines = [];
  // Only the generated column and the source index matter here (both are deltas from the segment before).
  let source = 0;
  for (const line of mappings.split(';')) {
    const segments = [];
    let column = 0;
    for (const segment of line.split(',')) {
      if (!segment) continue;
      const fields = [];
      let value = 0;
      let shift = 0;
      for (const char of segment) {
        const digit = BASE64.indexOf(char);
        value += (digit & 31) << shift;
        if (digit & 32) {
          shift += 5;
        } else {
          fields.push(value & 1 ? -(value >>> 1) : value >>> 1);
          value = 0;
          shift = 0;
        }
      }
      column += fields[0];
      if (fields.length >= 4) {
        source += fields[1];
        segments.push([column, source]);
      } else {
        segments.push([column]);
      }
    }
    lines.push(segments);
  }
  return lines;
}

/** Minified code no source map segment points to: rollup's and terser's glue between modules. */
const UNMAPPED = '(unmapped: bundler glue)';

/** "lit-html", "@lit/reactive-element", or the library's own file relative to dist/. */
export function moduleLabel(source) {
  if (source === UNMAPPED) return { group: UNMAPPED, module: UNMAPPED };
  const inPackage = /node_modules\/((?:@[^/]+\/)?[^/]+)\/(.*)$/.exec(source);
  if (inPackage) return { group: inPackage[1], module: `${inPackage[1]}/${inPackage[2]}` };
  const own = /dist\/(.*)$/.exec(source);
  const module = own ? own[1] : source;
  return { group: `call-elements ${module.includes('/') ? module.slice(0, module.indexOf('/')) : module}`, module };
}

/**
 * Splits the minified chunks of `files` between their source modules with the chunks' source maps:
 * exact minified bytes per module; the gzip share of each module is the gzip of its own minified
 * code, scaled so that the shares add up to the real gzip size of the chunks.
 */
export function attributeBytes(output, files) {
  const wanted = new Set(files);
  const perModule = new Map();
  let totalGzip = 0;
  for (const chunk of output) {
    if (chunk.type !== 'chunk' || !wanted.has(chunk.fileName)) continue;
    totalGzip += gzipBytes(chunk.code);
    const lines = chunk.code.split('\n');
    decodeMappings(chunk.map.mappings).forEach((segments, lineIndex) => {
      const text = lines[lineIndex] ?? '';
      segments.forEach((segment, i) => {
        const end = i + 1 < segments.length ? segments[i + 1][0] : text.length;
        const source = segment.length > 1 ? chunk.map.sources[segment[1]] : UNMAPPED;
        const pieces = perModule.get(source) ?? [];
        pieces.push(text.slice(segment[0], end));
        perModule.set(source, pieces);
      });
      // Code before the first segment of a line has no source either.
      if (segments.length && segments[0][0] > 0) {
        const pieces = perModule.get(UNMAPPED) ?? [];
        pieces.push(text.slice(0, segments[0][0]));
        perModule.set(UNMAPPED, pieces);
      }
    });
  }
  const modules = [...perModule].map(([source, pieces]) => {
    const code = pieces.join('');
    return { source, ...moduleLabel(source), min: Buffer.byteLength(code), gzipAlone: gzipBytes(code) };
  });
  const alone = sum(modules, 'gzipAlone');
  for (const module of modules) module.gzipShare = Math.round((module.gzipAlone * totalGzip) / alone);
  modules.sort((a, b) => b.gzipShare - a.gzipShare);
  const groups = new Map();
  for (const module of modules) {
    const group = groups.get(module.group) ?? { group: module.group, min: 0, gzipShare: 0, modules: 0 };
    group.min += module.min;
    group.gzipShare += module.gzipShare;
    group.modules += 1;
    groups.set(module.group, group);
  }
  return {
    totalGzip,
    groups: [...groups.values()].sort((a, b) => b.gzipShare - a.gzipShare),
    modules: modules.map(({ module, group, min, gzipShare }) => ({ module, group, min, gzipShare })),
  };
}
