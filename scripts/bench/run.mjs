// `npm run bench`: figures, not tests. Builds dist/ when it is missing or older than its sources,
// runs each benchmark against a reference measured in the same run, prints one table and writes
// bench-results/results.json (and results.md, the table as Markdown for the README).
//
//   node scripts/bench/run.mjs [--only=size,render,outbox,flush,heap,server,drain] [--build | --no-build]
//
// Exits non-zero only when a benchmark could not run, never because of a figure.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join, resolve } from 'node:path';
import { launchBrowser } from './lib/browser.mjs';
import { bundle, warnings } from './lib/build.mjs';
import { BUILD, DIST, RESULTS, ROOT } from './lib/paths.mjs';
import { startBenchServer } from './lib/server.mjs';
import { drainBench } from './drain.mjs';
import { flushBench } from './flush.mjs';
import { heapBench } from './heap.mjs';
import { outboxBench } from './outbox.mjs';
import { renderBench } from './render.mjs';
import { serverBench } from './server.mjs';
import { sizeBench } from './size.mjs';

const BENCHMARKS = { size: sizeBench, render: renderBench, outbox: outboxBench, flush: flushBench, heap: heapBench, server: serverBench, drain: drainBench };

function parseArgs(argv) {
  const options = { only: Object.keys(BENCHMARKS), build: 'auto' };
  for (const arg of argv) {
    if (arg.startsWith('--only=')) {
      options.only = arg.slice('--only='.length).split(',').map((name) => name.trim()).filter(Boolean);
      const unknown = options.only.filter((name) => !(name in BENCHMARKS));
      if (unknown.length) throw new Error(`unknown benchmark(s): ${unknown.join(', ')} (known: ${Object.keys(BENCHMARKS).join(', ')})`);
    } else if (arg === '--build') options.build = 'always';
    else if (arg === '--no-build') options.build = 'never';
    else throw new Error(`unknown option ${arg}`);
  }
  return options;
}

function newestMtime(path) {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(0, ...readdirSync(path).map((name) => newestMtime(join(path, name))));
}

/** Why dist/ must be rebuilt, or undefined when it is up to date with src/ and the build settings. */
function staleReason() {
  const outputs = ['bundle/call-elements.js', 'npm/elements/call-button/define.js', 'npm/elements/call-notification/define.js'];
  const missing = outputs.find((file) => {
    try {
      statSync(join(DIST, file));
      return false;
    } catch {
      return true;
    }
  });
  if (missing) return `dist/${missing} is missing`;
  const built = Math.min(...outputs.map((file) => statSync(join(DIST, file)).mtimeMs));
  const inputs = ['src', 'package.json', 'package-lock.json', 'rollup.config.mjs', 'tsconfig.json', 'tsconfig.build.json', 'scripts/minify-dist-templates.mjs'];
  const changed = inputs.find((input) => newestMtime(resolve(ROOT, input)) > built);
  return changed ? `${changed} changed after the last build` : undefined;
}

function ensureBuilt(mode) {
  const reason = mode === 'always' ? '--build' : staleReason();
  if (!reason) return false;
  if (mode === 'never') {
    if (reason.endsWith('missing')) throw new Error(`${reason}: run npm run build first (or drop --no-build)`);
    console.log(`Not building (--no-build) although ${reason}.`);
    return false;
  }
  console.log(`Building (${reason}): npm run build`);
  const result = spawnSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'inherit' });
  if (result.status !== 0) throw new Error('npm run build failed');
  return true;
}

const format = (value) => {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  const abs = Math.abs(value);
  if (abs >= 100) return Math.round(value).toLocaleString('en-US');
  if (abs >= 10) return value.toFixed(1);
  return value.toFixed(2);
};

function table(rows) {
  const columns = ['benchmark', 'figure', 'unit', 'reference', 'ratio', 'notes'];
  const cells = rows.map((row) => [row.name, format(row.figure), row.unit, row.reference, format(row.ratio), row.note ?? '']);
  const widths = columns.map((column, i) => Math.max(column.length, ...cells.map((cell) => cell[i].length)));
  const line = (values) => values.map((value, i) => (i === 1 || i === 4 ? value.padStart(widths[i]) : value.padEnd(widths[i]))).join('  ').trimEnd();
  const text = [line(columns), widths.map((w) => '─'.repeat(w)).join('  '), ...cells.map(line)].join('\n');
  const escape = (value) => value.replaceAll('|', '\\|').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
  const markdown = [
    `| ${columns.join(' | ')} |`,
    '| --- | ---: | --- | --- | ---: | --- |',
    ...cells.map((cell) => `| ${cell.map(escape).join(' | ')} |`),
  ].join('\n');
  return { text, markdown };
}

async function main() {
  const options = parseArgs(process.argv.slice(2));
  const started = Date.now();
  // Other work on the machine moves every timing: the load is recorded with the figures.
  const loadAtStart = os.loadavg()[0];
  const rebuilt = ensureBuilt(options.build);
  mkdirSync(BUILD, { recursive: true });

  let server;
  let browser;
  let chromium;
  const results = {};
  const failures = [];
  const stop = async () => {
    await browser?.close().catch(() => undefined);
    await server?.close().catch(() => undefined);
  };
  const interrupted = () => void stop().then(() => process.exit(130));
  process.once('SIGINT', interrupted);
  process.once('SIGTERM', interrupted);

  let plain;
  const context = {
    plainBundle: () => (plain ??= bundle(resolve(ROOT, 'scripts/bench/entries/plain-button.js'), { dir: join(BUILD, 'plain') })),
  };
  try {
    server = await startBenchServer();
    browser = await launchBrowser();
    chromium = await browser.version();
    Object.assign(context, { server, browser });
    for (const name of options.only) {
      const benchStarted = Date.now();
      process.stdout.write(`${name}… `);
      try {
        results[name] = await BENCHMARKS[name](context);
        console.log(`${((Date.now() - benchStarted) / 1000).toFixed(1)} s`);
      } catch (error) {
        console.log('could not run');
        console.error(`  ${name}: ${error.stack ?? error}`);
        failures.push({ benchmark: name, error: String(error.message ?? error) });
      }
    }
  } finally {
    await stop();
    process.off('SIGINT', interrupted);
    process.off('SIGTERM', interrupted);
  }

  const rows = options.only.flatMap((name) => results[name]?.rows ?? []);
  const { text, markdown } = table(rows);
  console.log(`\n${text}\n`);
  const breakdown = results.size?.data.agentPage.breakdown;
  if (breakdown) {
    const groups = breakdown.groups.slice(0, 12).map((g) => `${g.group} ${(g.gzipShare / 1000).toFixed(1)}`);
    console.log(`Agent page by package, kB min+gzip (share): ${groups.join(' · ')}\n(module by module in results.json, details.size.agentPage.breakdown)\n`);
  }
  if (failures.length) console.log(`Could not run: ${failures.map((f) => f.benchmark).join(', ')}`);

  const machine = {
    node: process.version,
    chromium,
    platform: `${os.platform()} ${os.release()} ${os.arch()}`,
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model,
    memoryGB: Math.round(os.totalmem() / 1e9),
    loadAverage1m: { start: loadAtStart, end: os.loadavg()[0] },
  };
  const report = {
    date: new Date().toISOString(),
    durationSec: Math.round((Date.now() - started) / 1000),
    machine,
    rebuiltDist: rebuilt,
    benchmarks: options.only,
    rows,
    failures,
    rollupWarnings: Object.fromEntries(warnings),
    details: Object.fromEntries(Object.entries(results).map(([name, result]) => [name, result.data])),
  };
  mkdirSync(RESULTS, { recursive: true });
  writeFileSync(join(RESULTS, 'results.json'), `${JSON.stringify(report, null, 2)}\n`);
  const machineLine = `${report.date.slice(0, 10)} · Node ${machine.node} · ${machine.chromium} · ${machine.cpus} × ${machine.cpuModel} · ${machine.platform} · load ${loadAtStart.toFixed(1)}`;
  writeFileSync(join(RESULTS, 'results.md'), `${markdown}\n\n${machineLine}\n`);
  console.log(`${machineLine}\nWrote bench-results/results.json and results.md in ${report.durationSec} s.`);
  if (failures.length) process.exitCode = 1;
}

main().catch((error) => {
  console.error(`bench: ${error.message ?? error}`);
  process.exitCode = 1;
});
