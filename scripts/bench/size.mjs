// Bytes, min+gzip: what a page downloads before its first call, against the Twilio SDK alone (target: at
// most 35 %), in each toolchain a user may build it with — the agent page with rollup (our build's
// plugins), Vite and esbuild, the same page with the React components, and the script-tag bundle —, then
// every subpath of the package's exports map and every file of the script-tag bundle.
import { readdir, readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { attributeBytes, bundle, gzipBytes, measureOutput } from './lib/build.mjs';
import { buildWithEsbuild, buildWithVite, initialDownload, staticImports } from './lib/bundlers.mjs';
import { BUILD, DIST, PAGES, ROOT } from './lib/paths.mjs';

export const TARGET_RATIO = 0.35;
const entry = (name) => resolve(ROOT, 'scripts/bench/entries', name);

/** The browser JS targets of package.json's exports map (subpath → file): not the script-tag bundle, nor the Node-only server. */
async function exportedEntries() {
  const pkg = JSON.parse(await readFile(join(ROOT, 'package.json'), 'utf8'));
  return Object.entries(pkg.exports)
    .map(([subpath, target]) => [subpath, typeof target === 'string' ? target : target.default])
    .filter(([subpath, file]) => typeof file === 'string' && file.endsWith('.js') && !subpath.startsWith('./bundle'));
}

/** The script-tag bundle and its chunks exactly as `npm run build` wrote them; `initial` when loaded with the bundle. */
async function scriptTagFiles() {
  const bundleDir = join(DIST, 'bundle');
  const files = [];
  const walk = async (under) => {
    for (const item of (await readdir(join(bundleDir, under), { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name))) {
      const path = under ? `${under}/${item.name}` : item.name;
      if (item.isDirectory()) await walk(path);
      else if (item.name.endsWith('.js')) files.push(path);
    }
  };
  await walk('');
  const measured = new Map();
  for (const file of files) {
    const code = await readFile(join(bundleDir, file));
    measured.set(file, { file, min: code.length, gzip: gzipBytes(code), initial: false, imports: staticImports(code.toString('utf8'), file, bundleDir) });
  }
  const markInitial = (file) => {
    const entry = measured.get(file);
    if (!entry || entry.initial) return;
    entry.initial = true;
    entry.imports.forEach(markInitial);
  };
  markInitial('call-elements.js');
  return [...measured.values()].map(({ imports, ...entry }) => entry);
}

/** Loads the built agent page in Chromium and adds up the JS bytes the server sent before any click. */
async function crossCheck({ browser, server }) {
  const page = await browser.newPage();
  try {
    const seen = [];
    const problems = [];
    page.on('pageerror', (error) => problems.push(error.message));
    page.on('response', (response) => {
      if (response.request().resourceType() === 'script') seen.push(new URL(response.url()).pathname);
    });
    const before = server.sent.length;
    await page.goto(`${server.origin}${PAGES}/agent.html`, { waitUntil: 'load' });
    await page.waitForFunction(() => !!customElements.get('call-button') && !!customElements.get('call-notification'), { timeout: 15_000 });
    await page.waitForNetworkIdle({ idleTime: 300, timeout: 15_000 });
    if (problems.length) throw new Error(`the agent page failed: ${problems.join('; ')}`);
    const scripts = server.sent.slice(before).filter((entry) => /\.m?js$/.test(entry.path));
    if (scripts.some((s) => s.encoding !== 'gzip')) throw new Error('the browser did not ask for gzip');
    if (scripts.length !== seen.length) throw new Error(`server sent ${scripts.length} scripts, the browser saw ${seen.length}`);

    // Then one demo call, placed and hung up as an agent would, to see what it loads on demand.
    const beforeCall = server.sent.length;
    await page.evaluate(() => {
      window.benchEnded = false;
      document.addEventListener('call-end', () => (window.benchEnded = true));
      document.querySelector('call-button').call();
    });
    await page.waitForFunction(() => document.querySelector('call-button').getAttribute('state') === 'connected', { timeout: 15_000 });
    await page.evaluate(() => document.querySelector('call-button').hangup());
    await page.waitForFunction(() => window.benchEnded, { timeout: 15_000 });
    await page.waitForNetworkIdle({ idleTime: 300, timeout: 15_000 });
    if (problems.length) throw new Error(`the agent page failed during a call: ${problems.join('; ')}`);
    const callScripts = server.sent.slice(beforeCall).filter((entry) => /\.m?js$/.test(entry.path));

    const summary = (list) => ({ gzip: list.reduce((total, s) => total + s.bytes, 0), files: list.map((s) => ({ path: s.path, gzip: s.bytes })) });
    return { ...summary(scripts), firstDemoCall: summary(callScripts) };
  } finally {
    await page.close();
  }
}

export async function sizeBench(context) {
  const rows = [];
  const kB = (bytes) => bytes / 1000;

  const twilioDevice = measureOutput(await bundle(entry('twilio-device.js')));
  const twilioAll = measureOutput(await bundle(entry('twilio-all.js')));
  const reference = twilioDevice.initial.gzip;
  const agentOutput = await bundle(entry('agent-page.js'), { dir: join(BUILD, 'agent'), sourcemap: true });
  const agent = measureOutput(agentOutput);
  const breakdown = attributeBytes(agentOutput, agent.initial.files.map((f) => f.file));
  const browserCheck = context.browser ? await crossCheck(context) : undefined;

  const ratio = agent.initial.gzip / reference;
  rows.push({
    name: 'size: agent page, before the first call',
    figure: kB(agent.initial.gzip),
    unit: 'kB min+gzip',
    reference: `Twilio Device ${kB(reference).toFixed(1)} kB`,
    ratio,
    note: `rollup with our build's plugins; call-button + call-notification + IndexedDB persistence; target ≤ ${TARGET_RATIO}: ${ratio <= TARGET_RATIO ? 'met' : 'NOT met'}`,
  });
  const toolchains = [];
  const targetNote = (r) => `target ≤ ${TARGET_RATIO}: ${r <= TARGET_RATIO ? 'met' : 'NOT met'}`;
  const reactExternal = { external: ['react', 'react-dom', 'react/jsx-runtime'] };
  for (const [tool, build] of [['Vite', buildWithVite], ['esbuild', buildWithEsbuild]]) {
    for (const [page, file, options] of [['agent page', 'agent-page.js', {}], ['React agent page', 'react-page.js', reactExternal]]) {
      const measured = await build(entry(file), join(BUILD, `${tool.toLowerCase()}-${file.replace(/\.js$/, '')}`), options);
      const r = measured.gzip / reference;
      toolchains.push({ tool, page, entry: file, ...measured, ratio: r });
      rows.push({
        name: `size: ${page}, built with ${tool}`,
        figure: kB(measured.gzip),
        unit: 'kB min+gzip',
        reference: `Twilio Device ${kB(reference).toFixed(1)} kB`,
        ratio: r,
        note: `${tool}'s production defaults, ${measured.files.length} file(s) before the first call${options.external ? ', React itself not counted' : ''}${measured.twilioSdk ? ', THE TWILIO SDK IS IN IT' : ', no Twilio SDK'}; ${targetNote(r)}`,
      });
    }
  }
  // A page that writes only HTML loads call-elements.js; one that calls configure() imports index.js, which loads it first.
  const scriptTagDownloads = {};
  for (const [file, name, what, target] of [
    ['call-elements.js', 'size: script-tag bundle, before the first call', 'every element registered (the API is index.js)', true],
    ['index.js', 'size: script-tag bundle with the root API, before the first call', 'configure() and the rest of the root API', false],
  ]) {
    const initial = await initialDownload(join(DIST, 'bundle'), file);
    const r = initial.gzip / reference;
    scriptTagDownloads[file] = { ...initial, ratio: r };
    rows.push({
      name,
      figure: kB(initial.gzip),
      unit: 'kB min+gzip',
      reference: `Twilio Device ${kB(reference).toFixed(1)} kB`,
      ratio: r,
      note: `dist/bundle/${file} and what it imports: ${initial.files.length} file(s); ${what}${initial.twilioSdk ? ', THE TWILIO SDK IS IN IT' : ', no Twilio SDK'}${target ? `; ${targetNote(r)}` : ''}`,
    });
  }
  const variants = [];
  for (const [file, label] of [
    ['agent-page-configured.js', 'with configure({ identity, locale })'],
    ['agent-page-lazy-http.js', 'with configure({ storage: createLazyHttpStorage() })'],
    ['agent-page-http.js', 'with configure({ storage: createHttpStorage() })'],
  ]) {
    const measured = measureOutput(await bundle(entry(file)));
    variants.push({ entry: file, label, ...measured });
    rows.push({
      name: `size: agent page ${label}`,
      figure: kB(measured.initial.gzip),
      unit: 'kB min+gzip',
      reference: `Twilio Device ${kB(reference).toFixed(1)} kB`,
      ratio: measured.initial.gzip / reference,
      note: `scripts/bench/entries/${file}; before the first call`,
    });
  }
  if (browserCheck) {
    rows.push({
      name: 'size: agent page, downloaded by Chromium',
      figure: kB(browserCheck.gzip),
      unit: 'kB gzip',
      reference: `as built ${kB(agent.initial.gzip).toFixed(1)} kB`,
      ratio: browserCheck.gzip / agent.initial.gzip,
      note: `JS responses before any click: ${browserCheck.files.length} file(s)`,
    });
    rows.push({
      name: 'size: agent page, added by the first demo call',
      figure: kB(browserCheck.firstDemoCall.gzip),
      unit: 'kB gzip',
      reference: `Twilio Device ${kB(reference).toFixed(1)} kB`,
      ratio: browserCheck.firstDemoCall.gzip / reference,
      note: `downloaded by Chromium during one call: ${browserCheck.firstDemoCall.files.map((f) => f.path.split('/').pop()).join(', ') || 'nothing'}`,
    });
  }
  for (const lazy of agent.lazy) {
    rows.push({
      name: `size: agent page, on demand: ${lazy.vendor ? `${lazy.label} (first ${lazy.label} call)` : `chunk "${lazy.label}"`}`,
      figure: kB(lazy.gzip),
      unit: 'kB min+gzip',
      reference: `Twilio Device ${kB(reference).toFixed(1)} kB`,
      ratio: lazy.gzip / reference,
      note: 'at most: the chunk and all it may import in turn, minus what is loaded already',
    });
  }
  rows.push({
    name: 'size: Twilio SDK, whole entry',
    figure: kB(twilioAll.initial.gzip),
    unit: 'kB min+gzip',
    reference: `Twilio Device ${kB(reference).toFixed(1)} kB`,
    note: 'export * from "@twilio/voice-sdk"',
    ratio: twilioAll.initial.gzip / reference,
  });

  const subpaths = [];
  for (const [subpath, file] of await exportedEntries()) {
    const measured = measureOutput(await bundle(resolve(ROOT, file)));
    subpaths.push({ subpath, file, ...measured });
    const lazy = measured.lazy.map((l) => `+${kB(l.gzip).toFixed(1)} kB ${l.label}`).join(', ');
    rows.push({
      name: `size: call-elements${subpath.slice(1)}`,
      figure: kB(measured.initial.gzip),
      unit: 'kB min+gzip',
      reference: `Twilio Device ${kB(reference).toFixed(1)} kB`,
      ratio: measured.initial.gzip / reference,
      note: `npm subpath, deps bundled${lazy && `; lazy ${lazy}`}`,
    });
  }

  const scriptTag = await scriptTagFiles();
  for (const file of scriptTag) {
    rows.push({
      name: `size: dist/bundle/${file.file}`,
      figure: kB(file.gzip),
      unit: 'kB min+gzip',
      reference: `Twilio Device ${kB(reference).toFixed(1)} kB`,
      ratio: file.gzip / reference,
      note: `script tag, ${file.initial ? 'loaded at once' : 'loaded on demand'}`,
    });
  }

  return {
    rows,
    data: {
      gzipLevel: 9,
      kB: 1000,
      targetRatio: TARGET_RATIO,
      twilioReference: 'export { Device } from "@twilio/voice-sdk" — what a page needs to place a call',
      twilioDevice,
      twilioAll,
      agentPage: { ...agent, ratio, browserCheck, breakdown },
      agentPageVariants: variants,
      toolchains,
      scriptTagInitial: scriptTagDownloads['call-elements.js'],
      scriptTagWithApi: scriptTagDownloads['index.js'],
      subpaths,
      scriptTag,
    },
  };
}
