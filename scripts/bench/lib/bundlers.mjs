// Builds a page entry the way a user's own toolchain does, with that tool's defaults for a production
// build, and measures what a browser downloads before anything is clicked: the entry file and every file
// it imports statically, min+gzip. Nothing of ours is applied (no html-literal minification, no terser):
// the figure is what a Vite or esbuild user gets.
import { build as esbuild } from 'esbuild';
import { readdir, readFile, rm } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { parseAst } from 'rollup/parseAst';
import { gzipBytes } from './build.mjs';

/** Static imports of a built ES module, as paths relative to `dir` (only files of the output). */
export function staticImports(code, file, dir) {
  return parseAst(code)
    .body.filter((node) => node.source && /^(Import|ExportAll|ExportNamed)Declaration$/.test(node.type))
    .map((node) => node.source.value)
    .filter((specifier) => specifier.startsWith('.') || specifier.startsWith('/'))
    .map((specifier) => relative(dir, specifier.startsWith('/') ? join(dir, specifier) : resolve(dirname(join(dir, file)), specifier)));
}

/** Every .js file under `dir`, relative to it. */
async function jsFiles(dir, under = '') {
  const found = [];
  for (const entry of await readdir(join(dir, under), { withFileTypes: true })) {
    const path = join(under, entry.name);
    if (entry.isDirectory()) found.push(...(await jsFiles(dir, path)));
    else if (entry.name.endsWith('.js')) found.push(path);
  }
  return found;
}

/** The initial download of `entryFile` in `dir`: it and its static imports, each gzipped on its own. */
export async function initialDownload(dir, entryFile) {
  const files = new Map();
  for (const file of await jsFiles(dir)) files.set(file, await readFile(join(dir, file), 'utf8'));
  const seen = new Set();
  const visit = (file) => {
    if (seen.has(file)) return;
    if (!files.has(file)) throw new Error(`${entryFile} imports ${file}, which is not in ${dir}`);
    seen.add(file);
    staticImports(files.get(file), file, dir).forEach(visit);
  };
  visit(entryFile);
  const list = [...seen].map((file) => ({ file, min: Buffer.byteLength(files.get(file)), gzip: gzipBytes(files.get(file)) }));
  const others = [...files.keys()].filter((file) => !seen.has(file));
  return {
    // The Twilio SDK names itself in its code (its PACKAGE_NAME constant): it must never load at once.
    twilioSdk: [...seen].some((file) => files.get(file).includes('@twilio/voice-sdk')),
    gzip: list.reduce((total, item) => total + item.gzip, 0),
    min: list.reduce((total, item) => total + item.min, 0),
    files: list,
    onDemand: { files: others.length, gzip: others.reduce((total, file) => total + gzipBytes(files.get(file)), 0) },
  };
}

/** esbuild as its docs suggest for a browser app with code splitting: bundle, ESM, splitting, minify. */
export async function buildWithEsbuild(entry, dir, { external = [] } = {}) {
  await rm(dir, { recursive: true, force: true });
  await esbuild({
    entryPoints: { page: entry },
    bundle: true,
    splitting: true,
    format: 'esm',
    minify: true,
    platform: 'browser',
    external,
    outdir: dir,
    logLevel: 'error',
    define: { 'process.env.NODE_ENV': '"production"' },
  });
  return initialDownload(dir, 'page.js');
}

/** `vite build` with Vite's defaults, the page's script as the only input. */
export async function buildWithVite(entry, dir, { external = [] } = {}) {
  const { build } = await import('vite');
  await rm(dir, { recursive: true, force: true });
  await build({
    configFile: false,
    root: dirname(entry),
    logLevel: 'error',
    build: {
      outDir: dir,
      emptyOutDir: true,
      rollupOptions: { input: { page: entry }, external, output: { entryFileNames: '[name].js' } },
    },
  });
  return initialDownload(dir, 'page.js');
}
