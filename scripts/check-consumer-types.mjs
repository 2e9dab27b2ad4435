// `npm run test:types` (after `npm run build`): the package's types as a strict consumer sees them.
//
// Packs the library (`npm pack`), installs the tarball in a new project in a temporary folder (npm
// registry only, --prefer-offline) next to TypeScript, React 19, Vue 3 with vue-tsc and Svelte 5 with
// svelte-check, and type-checks with `strict` and `skipLibCheck: false`:
//   ts/      tsc over a file importing every subpath of package.json's `exports` and one using the
//            elements, events and factories, and over TSX using the raw tags (call-elements/jsx) and the
//            React components (call-elements/react);
//   vue/     vue-tsc over single-file components using the tags (call-elements/vue);
//   svelte/  svelte-check over Svelte components using the tags (call-elements/svelte).
// Each folder has files that must give no error at all, and files of wrong uses where a line marked
// `expect-error: <regex>` must get an error whose text matches, on the line below the marker. Any
// other error, or a marked line without its error, fails the check.
//   lit/     lit-analyzer over a Lit template with every attribute of custom-elements.json: none unknown.
// Last, the tarball alone is installed in a
// second project, which must get neither react nor @types/react.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const started = Date.now();
const keep = process.argv.includes('--keep');

for (const file of ['dist/index.d.ts', 'dist/frameworks/jsx.d.ts']) {
  if (!existsSync(join(root, file))) {
    console.error(`${file} is missing: run \`npm run build\` first.`);
    process.exit(1);
  }
}

/** The version installed here, so that the consumer uses what the library is built and tested with. */
const installed = (name) => JSON.parse(readFileSync(join(root, 'node_modules', name, 'package.json'), 'utf8')).version;
const consumerDependencies = {
  typescript: installed('typescript'),
  react: installed('react'),
  '@types/react': installed('@types/react'),
  // call-elements/server runs in Node: its types name node:http's.
  '@types/node': installed('@types/node'),
  vue: installed('vue'),
  'vue-tsc': '3.3.14',
  svelte: installed('svelte'),
  'svelte-check': '4.7.8',
  lit: installed('lit'),
  'lit-analyzer': '2.0.3',
};

const work = mkdtempSync(join(tmpdir(), 'call-elements-types-'));
const run = (command, args, options = {}) =>
  execFileSync(command, args, { cwd: work, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], ...options });
// Other installs may share this machine's npm cache: take the same lock as they do when flock exists.
const npm = (args) => {
  const lock = spawnSync('flock', ['--version'], { stdio: 'ignore' }).status === 0;
  return lock ? run('flock', [join(tmpdir(), 'npm.lock'), 'npm', ...args]) : run('npm', args);
};

function main() {
  try {
    const packed = npm(['pack', root, '--pack-destination', work, '--silent']).trim().split('\n').pop();
    const tarball = join(work, packed);
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
    writeFileSync(
      join(work, 'package.json'),
      JSON.stringify(
        { name: 'consumer', private: true, type: 'module', dependencies: { [pkg.name]: `file:${tarball}`, ...consumerDependencies } },
        null,
        2,
      ),
    );
    npm(['install', '--prefer-offline', '--no-audit', '--no-fund', '--ignore-scripts', '--loglevel=error']);
    const installedAt = Date.now();

    writeProject(pkg);

    const failures = [];
    const report = (toolchain, diagnostics, folder) => {
      const expected = expectations(join(work, folder));
      const claimed = new Set();
      for (const expectation of expected) {
        const hit = diagnostics.find((d) => d.file === expectation.file && d.line === expectation.line && expectation.pattern.test(d.text));
        if (!hit)
          failures.push(`${toolchain}: ${expectation.file}:${expectation.line} should be refused (${expectation.pattern}), but is not`);
        for (const d of diagnostics) if (d.file === expectation.file && d.line === expectation.line) claimed.add(d);
      }
      for (const d of diagnostics) if (!claimed.has(d)) failures.push(`${toolchain}: unexpected error ${d.file}:${d.line}: ${d.text}`);
      console.log(`${toolchain}: ${diagnostics.length} error(s), ${expected.length} expected`);
    };

    report('tsc', tscDiagnostics('tsc', 'ts/tsconfig.json'), 'ts');
    report('vue-tsc', tscDiagnostics('vue-tsc', 'vue/tsconfig.json'), 'vue');
    report('svelte-check', svelteDiagnostics(), 'svelte');

    const unknown = litAnalyzerUnknownAttributes();
    const extra = unknown.filter((name) => name !== 'not-an-attribute');
    if (!unknown.includes('not-an-attribute')) failures.push('lit-analyzer: the unknown attribute of lit/attributes.ts was not reported');
    if (extra.length) failures.push(`lit-analyzer: attributes of the manifest it does not know: ${extra.join(', ')}`);
    console.log(`lit-analyzer: every attribute of the manifest known, ${unknown.length} unknown reported`);

    // An app without React gets none of it: react is an optional peer, @types/react comes with it.
    mkdirSync(join(work, 'plain'));
    writeFileSync(join(work, 'plain/package.json'), JSON.stringify({ name: 'plain', private: true, dependencies: { [pkg.name]: `file:${tarball}` } }));
    npm(['install', '--prefix', join(work, 'plain'), '--prefer-offline', '--no-audit', '--no-fund', '--ignore-scripts', '--loglevel=error']);
    const reactParts = ['react', '@types/react'].filter((name) => existsSync(join(work, 'plain/node_modules', name)));
    if (reactParts.length) failures.push(`an install of the package alone brings ${reactParts.join(', ')}`);
    else console.log('plain install: no react or @types/react');

    const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;
    console.log(`(pack and install ${seconds(installedAt - started)}, checks ${seconds(Date.now() - installedAt)})`);
    if (failures.length) {
      console.error(`\nconsumer types: ${failures.length} problem(s)\n  ${failures.join('\n  ')}`);
      if (!keep) console.error('(run with --keep to keep the consumer project)');
      process.exitCode = 1;
    } else {
      console.log('consumer types: strict, skipLibCheck false: every subpath, the tags in TSX, Vue and Svelte, and each wrong use refused');
    }
  } finally {
    if (keep) console.log(`consumer project kept in ${work}`);
    else rmSync(work, { recursive: true, force: true });
  }
}

/** `file(line,col): error TSxxxx: text` lines (the text may go on over indented lines). */
function tscDiagnostics(bin, project) {
  const result = spawnSync(join(work, 'node_modules/.bin', bin), ['-p', project, '--noEmit', '--pretty', 'false'], {
    cwd: work,
    encoding: 'utf8',
  });
  if (result.error) throw result.error;
  const diagnostics = [];
  for (const line of `${result.stdout}${result.stderr}`.split('\n')) {
    const match = /^(.+?)\((\d+),(\d+)\): error (TS\d+: .*)$/.exec(line);
    if (match) diagnostics.push({ file: relative(work, resolve(work, match[1])), line: Number(match[2]), text: match[4] });
    else if (line.trim() && diagnostics.length && /^\s/.test(line)) diagnostics.at(-1).text += ` ${line.trim()}`;
    else if (line.trim()) diagnostics.push({ file: '(none)', line: 0, text: line.trim() });
  }
  if (result.status !== 0 && diagnostics.length === 0)
    throw new Error(`${bin} failed with no diagnostics:\n${result.stdout}${result.stderr}`);
  return diagnostics;
}

/** svelte-check's machine output: `<time> ERROR "file" line:col "text"` (lines counted from 1). */
function svelteDiagnostics() {
  const result = spawnSync(
    join(work, 'node_modules/.bin/svelte-check'),
    ['--workspace', join(work, 'svelte'), '--tsconfig', join(work, 'svelte', 'tsconfig.json'), '--output', 'machine', '--threshold', 'error'],
    { cwd: work, encoding: 'utf8' },
  );
  if (result.error) throw result.error;
  const diagnostics = [];
  let completed = false;
  for (const line of `${result.stdout}${result.stderr}`.split('\n')) {
    const match = /^\d+ ERROR "(.+?)" (\d+):(\d+) "(.*)"$/.exec(line);
    if (match) diagnostics.push({ file: join('svelte', match[1]), line: Number(match[2]), text: JSON.parse(`"${match[4]}"`) });
    if (/^\d+ COMPLETED /.test(line)) completed = true;
  }
  if (!completed) throw new Error(`svelte-check did not complete:\n${result.stdout}${result.stderr}`);
  return diagnostics;
}

/**
 * lit-analyzer over a Lit template that writes every attribute custom-elements.json lists for every tag, and
 * one that no element has: it knows attributes from the `@attr` tags of the shipped .d.ts. Returns the names
 * it reports as unknown (the type of values is not what this checks).
 */
function litAnalyzerUnknownAttributes() {
  const result = spawnSync(
    join(work, 'node_modules/.bin/lit-analyzer'),
    ['attributes.ts', '--rules.no-unknown-attribute', 'error', '--rules.no-incompatible-type-binding', 'off', '--rules.no-boolean-in-attribute-binding', 'off'],
    // From lit/, so that it reads lit/tsconfig.json (module resolution of the package's subpaths).
    { cwd: join(work, 'lit'), encoding: 'utf8' },
  );
  if (result.error) throw result.error;
  const output = `${result.stdout}${result.stderr}`;
  // The template always has one unknown attribute, so a run that worked ends with its count of problems.
  if (!/\d+ problems? in \d+ files?/.test(output)) throw new Error(`lit-analyzer did not finish:\n${output}`);
  return [...output.matchAll(/Unknown attribute '([^']+)'/g)].map((match) => match[1]);
}

/** The `expect-error: <regex>` markers of a folder: each applies to the line below it. */
function expectations(dir) {
  const found = [];
  for (const name of readdirSync(dir)) {
    if (!/\.(tsx?|vue|svelte)$/.test(name)) continue;
    const lines = readFileSync(join(dir, name), 'utf8').split('\n');
    lines.forEach((text, index) => {
      const match = /expect-error: (.+?)\s*(?:-->|\*\/)?\s*$/.exec(text);
      if (match) found.push({ file: relative(work, join(dir, name)), line: index + 2, pattern: new RegExp(match[1]) });
    });
  }
  return found;
}

function write(path, content) {
  mkdirSync(dirname(join(work, path)), { recursive: true });
  writeFileSync(join(work, path), content);
}

function writeProject(pkg) {
  const strict = {
    target: 'ES2022',
    module: 'ESNext',
    moduleResolution: 'bundler',
    lib: ['ES2022', 'DOM', 'DOM.Iterable'],
    strict: true,
    skipLibCheck: false,
    noEmit: true,
    isolatedModules: true,
    verbatimModuleSyntax: true,
    types: [],
  };
  write('ts/tsconfig.json', JSON.stringify({ compilerOptions: { ...strict, jsx: 'react-jsx', types: ['node'] }, include: ['*.ts', '*.tsx'] }, null, 2));
  write('vue/tsconfig.json', JSON.stringify({ compilerOptions: { ...strict, jsx: 'preserve' }, include: ['*.vue'] }, null, 2));
  write('svelte/tsconfig.json', JSON.stringify({ compilerOptions: strict, include: ['*.svelte'] }, null, 2));

  // Every subpath of `exports` that is a module (the JSON files aside), whatever it is named.
  const subpaths = Object.keys(pkg.exports).filter((subpath) => !subpath.endsWith('.json'));
  write(
    'ts/subpaths.ts',
    '// Every subpath of the package.json `exports` map.\n' +
      subpaths.map((subpath, index) => `import * as subpath${index} from '${join(pkg.name, subpath)}';\n`).join('') +
      `\nexport const modules = [${subpaths.map((_, index) => `subpath${index}`).join(', ')}];\n`,
  );

  write('ts/usage.ts', USAGE_TS);
  write('ts/tags.tsx', TAGS_TSX);
  write('ts/wrong.tsx', WRONG_TSX);
  write('lit/tsconfig.json', JSON.stringify({ compilerOptions: strict, include: ['*.ts'] }, null, 2));
  const manifest = JSON.parse(readFileSync(join(work, 'node_modules', pkg.name, 'custom-elements.json'), 'utf8'));
  const tags = manifest.modules
    .flatMap((mod) => mod.declarations ?? [])
    .filter((declaration) => declaration.customElement && declaration.tagName)
    .map((declaration) => `<${declaration.tagName} ${(declaration.attributes ?? []).map((attribute) => `${attribute.name}="x"`).join(' ')}></${declaration.tagName}>`);
  write(
    'lit/attributes.ts',
    "import { html } from 'lit';\nimport 'call-elements/call-elements.js';\nimport 'call-elements/elements/aircall-settings';\nimport 'call-elements/providers/aircall';\n\n" +
      `export const every = html\`\n${tags.join('\n')}\n<call-button not-an-attribute="x"></call-button>\n\`;\n`,
  );
  write('vue/LeadCall.vue', LEAD_CALL_VUE);
  write('vue/Wrong.vue', WRONG_VUE);
  write('svelte/LeadCall.svelte', LEAD_CALL_SVELTE);
  write('svelte/Wrong.svelte', WRONG_SVELTE);
}

const USAGE_TS = `// Plain TypeScript: the elements, events and factories from the subpaths that keep them.
import { CallButton } from 'call-elements/elements/call-button';
import 'call-elements/elements/call-controls';
import 'call-elements/elements/call-notification';
import 'call-elements/elements/aircall-settings';
import { CallElementsError, CallEndEvent, configure, type CallRecord } from 'call-elements';
import { createAircallProvider, type AircallWorkspaceSettings } from 'call-elements/providers/aircall';
import { createDemoProvider } from 'call-elements/providers/demo';
import { createTwilioProvider } from 'call-elements/providers/twilio';
import { createHttpStorage } from 'call-elements/storage/http';
import { createIndexedDbStorage } from 'call-elements/storage/indexeddb';
import { createMemoryStorage } from 'call-elements/storage/memory';

configure({
  storage: location.hostname === 'localhost' ? createMemoryStorage() : createHttpStorage({ baseUrl: '/api' }),
  providers: {
    demo: createDemoProvider({ answerAfterMs: 500 }),
    twilio: createTwilioProvider({ tokenUrl: '/twilio/token', incoming: true }),
    aircall: createAircallProvider({ loadTimeoutMs: 20_000, sdk: async () => AircallWorkspace }),
  },
});
void createIndexedDbStorage;

// The Aircall SDK option is typed: a class with the surface of aircall-everywhere's AircallWorkspace.
class AircallWorkspace {
  constructor(readonly settings: AircallWorkspaceSettings) {}
  on(): void {}
  removeListener(): boolean {
    return true;
  }
  send(_event: string, _data?: unknown, callback?: (success: boolean, data: unknown) => void): void {
    callback?.(true, {});
  }
  isLoggedIn(callback: (loggedIn: boolean) => void): void {
    callback(true);
  }
}

const button: CallButton = document.createElement('call-button');
button.number = '+33123456789';
button.displayName = 'Jean Dupont';
const state: 'idle' | 'connecting' | 'ringing' | 'incoming' | 'connected' | 'reconnecting' | 'ended' | 'failed' = button.state;
const hidden: boolean = button.unavailable;
console.log(state, hidden, button instanceof CallButton);

button.addEventListener('call-end', (event) => {
  const record: CallRecord = event.detail;
  const same: CallEndEvent = event;
  console.log(record.id, same.type);
});
button.addEventListener('call-error', (event) => console.warn(event.detail.code));
const settings = document.createElement('aircall-settings');
const dirty: boolean = settings.dirty;
console.log(dirty, document.createElement('call-controls'), document.createElement('call-notification'));

try {
  button.call();
} catch (error) {
  if (error instanceof CallElementsError) console.warn(error.code);
}
`;

const TAGS_TSX = `// React 19 JSX: the raw tags (typed by call-elements/jsx) and the components of call-elements/react.
import type {} from 'call-elements/jsx';
import 'call-elements/elements/call-button';
import 'call-elements/elements/call-controls';
import 'call-elements/elements/call-notification';
import 'call-elements/elements/aircall-settings';
import { useRef, useState } from 'react';
import type { CallRecord } from 'call-elements';
import type { CallButton as CallButtonElement } from 'call-elements/elements/call-button';
import { CallButton, CallNotification } from 'call-elements/react';

export function LeadCall() {
  const button = useRef<CallButtonElement>(null);
  const [last, setLast] = useState<CallRecord>();
  return (
    <>
      <call-controls oncall-error={(event) => console.warn(event.detail.code)}></call-controls>
      <call-button
        ref={button}
        number="+33123456789"
        display-name="Jean Dupont"
        leadId="lead-42"
        disabled={false}
        oncall-end={(event) => setLast(event.detail)}
        oncall-connect={(event) => console.log(event.detail.callSid)}
      ></call-button>
      <call-notification notify="all" duration={3000}></call-notification>
      <aircall-settings organization-id="org-42" countryCode="FR" onsettings-saved={(event) => console.log(event.detail.version)}></aircall-settings>
      <p>{last?.status} {button.current?.state}</p>
      <CallButton number="+33123456789" onCallEnd={(event) => setLast(event.detail)} />
      <CallNotification notify="errors" />
    </>
  );
}
`;

const WRONG_TSX = `// Wrong uses that the types must refuse.
import type {} from 'call-elements/jsx';
import 'call-elements/elements/call-button';
import type { CallErrorEvent } from 'call-elements';
import { CallButton } from 'call-elements/elements/call-button';
import { createAircallProvider } from 'call-elements/providers/aircall';

const element = new CallButton();
// expect-error: TS2540: Cannot assign to 'state' because it is a read-only property
element.state = 'connected';
// expect-error: TS2540: Cannot assign to 'unavailable' because it is a read-only property
element.unavailable = true;
// expect-error: TS2322: .*AircallWorkspaceConstructor
createAircallProvider({ sdk: async () => 42 });

export const wrong = [
  // expect-error: TS2322: .*Property 'state' does not exist
  <call-button state="connected"></call-button>,
  // expect-error: TS2322: .*CallErrorEvent
  <call-button oncall-end={(event: CallErrorEvent) => console.log(event.detail.message)}></call-button>,
  // expect-error: TS2339: Property 'code' does not exist on type
  <call-button oncall-end={(event) => console.log(event.detail.code)}></call-button>,
  // expect-error: TS2322: Type 'number' is not assignable to type 'string'
  <call-button number={33123456789}></call-button>,
  // expect-error: TS2322: .*"sometimes"
  <call-notification notify="sometimes"></call-notification>,
];
`;

const LEAD_CALL_VUE = `<script setup lang="ts">
import type {} from 'call-elements/vue';
import 'call-elements/elements/call-button';
import 'call-elements/elements/call-controls';
import 'call-elements/elements/call-notification';
import { ref } from 'vue';
import type { CallEndEvent, CallErrorEvent, CallRecord } from 'call-elements';

const lastCall = ref<CallRecord>();
const onCallEnd = (event: CallEndEvent) => {
  lastCall.value = event.detail;
};
const onCallError = (event: CallErrorEvent) => console.warn(event.detail.code);
</script>

<template>
  <call-controls @call-error="onCallError"></call-controls>
  <call-button number="+33123456789" display-name="Jean Dupont" :disabled="false" @call-end="onCallEnd" @call-start="(event) => console.log(event.detail.direction)"></call-button>
  <p v-if="lastCall">Last call: {{ lastCall.status }}</p>
  <call-notification notify="all" :duration="3000"></call-notification>
</template>
`;

const WRONG_VUE = `<script setup lang="ts">
import type {} from 'call-elements/vue';
import 'call-elements/elements/call-button';
import type { CallErrorEvent } from 'call-elements';

const onError = (event: CallErrorEvent) => console.warn(event.detail.message);
</script>

<template>
  <!-- expect-error: TS2322: .*CallErrorEvent -->
  <call-button @call-end="onError"></call-button>
  <!-- expect-error: TS2339: Property 'code' does not exist on type -->
  <call-button @call-end="(event) => console.log(event.detail.code)"></call-button>
  <!-- expect-error: TS2322: Type 'number' is not assignable to type 'string' -->
  <call-button :number="33123456789"></call-button>
</template>
`;

const LEAD_CALL_SVELTE = `<script lang="ts">
  import type {} from 'call-elements/svelte';
  import 'call-elements/elements/call-button';
  import 'call-elements/elements/call-controls';
  import 'call-elements/elements/call-notification';
  import type { CallRecord } from 'call-elements';

  let lastCall: CallRecord | undefined = $state();
</script>

<call-controls oncall-error={(event) => console.warn(event.detail.code)}></call-controls>
<call-button number="+33123456789" display-name="Jean Dupont" disabled={false} oncall-end={(event) => (lastCall = event.detail)}></call-button>
{#if lastCall}
  <p>Last call: {lastCall.status}</p>
{/if}
<call-notification notify="all" duration={3000}></call-notification>
`;

const WRONG_SVELTE = `<script lang="ts">
  import type {} from 'call-elements/svelte';
  import 'call-elements/elements/call-button';
  import type { CallErrorEvent } from 'call-elements';

  const onError = (event: CallErrorEvent) => console.warn(event.detail.message);
</script>

<!-- expect-error: CallErrorEvent -->
<call-button oncall-end={onError}></call-button>
<!-- expect-error: Property 'code' does not exist on type -->
<call-button oncall-end={(event) => console.log(event.detail.code)}></call-button>
<!-- expect-error: state.* does not exist -->
<call-button state="connected"></call-button>
`;

main();
