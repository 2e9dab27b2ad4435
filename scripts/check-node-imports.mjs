// After `npm run build`: every subpath of package.json's `exports` map imports in Node without throwing
// (server rendering, tests and tools import the package where there is no DOM), each in a Node process of
// its own and through the package's own name, so that `exports` and its conditions resolve as in a user's
// project. And `call-elements/react` and every `call-elements/react/...` start with the 'use client'
// directive (React Server Components, e.g. in Next.js's App Router, need it to render the components), and
// their components render on the server (react-dom/server): HTML attributes rendered, element properties
// and callbacks left to the browser, where the component sets them after hydration.
//
//   node scripts/check-node-imports.mjs
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const root = resolve(fileURLToPath(new URL('..', import.meta.url)));
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const problems = [];

/** The code a fresh Node process runs for one subpath (some have no export at run time: types, side effects). */
function importer(specifier) {
  const attributes = specifier.endsWith('.json') ? ", { with: { type: 'json' } }" : '';
  return `await import(${JSON.stringify(specifier)}${attributes});`;
}

/** Runs an ES module's code in a fresh Node process here: its output, or what it threw (first lines, the error's). */
async function runInNode(code) {
  try {
    const { stdout } = await promisify(execFile)(process.execPath, ['--input-type=module', '--eval', code], { cwd: root, timeout: 60_000 });
    return { stdout };
  } catch (error) {
    const lines = `${error.stderr ?? error.message}`
      .split('\n')
      .filter((line) => line.trim() && !/Unknown user config/.test(line))
      .map((line) => (line.length > 160 ? `${line.slice(0, 160)}…` : line)); // minified code is one long line
    const thrown = lines.find((line) => /^\w*Error\b|^Error \[/.test(line)) ?? lines.at(-1) ?? `exit ${error.code}`;
    return { thrown: `${thrown}\n      ${lines.slice(0, 3).join('\n      ')}` };
  }
}

async function checkImport(subpath) {
  const specifier = subpath === '.' ? pkg.name : `${pkg.name}/${subpath.slice(2)}`;
  const { thrown } = await runInNode(importer(specifier));
  if (thrown) problems.push(`${specifier}: throws in Node: ${thrown}`);
}

const subpaths = Object.keys(pkg.exports);
const queue = [...subpaths];
await Promise.all(
  Array.from({ length: 2 }, async () => {
    while (queue.length) await checkImport(queue.shift());
  }),
);

// 'use client' must be each React entry's first statement: only comments and blank space may come before it.
const reactEntries = subpaths.filter((subpath) => /^\.\/react(\/|$)/.test(subpath)).map((subpath) => pkg.exports[subpath].default);
if (!reactEntries.length) problems.push('package.json exports no ./react subpath');
for (const entry of reactEntries) {
  const code = readFileSync(join(root, entry), 'utf8');
  const prologue = code.replace(/^(?:\s+|\/\/[^\n]*|\/\*[\s\S]*?\*\/)*/, '');
  if (!/^(['"])use client\1\s*(;|\n)/.test(prologue)) problems.push(`${entry}: does not start with the 'use client' directive`);
}

// Server rendering: what react-dom/server makes of the React components, in a fresh Node process.
const serverRender = `
import { createElement as h } from 'react';
import { renderToString } from 'react-dom/server';
import { CallButton, CallControls, CallNotification } from '${pkg.name}/react';
import { AircallSettings } from '${pkg.name}/react/aircall-settings';
import { CallHistory } from '${pkg.name}/react/call-history';
process.stdout.write(renderToString(h('main', null,
  h(CallButton, { id: 'lead-call', title: 'Call Jean', className: 'primary', 'aria-describedby': 'hint', number: '+33123456789', displayName: 'Jean', dispositions: ['interested'], onCallEnd() {} }),
  h(CallControls, { className: 'bar', onCallError() {} }),
  h(CallNotification, { duration: 5000 }),
  h(AircallSettings, { organizationId: 'org-1', readOnly: true, lang: 'fr' }),
  h(CallHistory, { leadId: 'lead-42', style: { maxWidth: '30em' } }),
)));`;
const expected =
  '<main><call-button id="lead-call" title="Call Jean" class="primary" aria-describedby="hint"></call-button>' +
  '<call-controls class="bar"></call-controls><call-notification></call-notification>' +
  '<aircall-settings lang="fr"></aircall-settings><call-history style="max-width:30em"></call-history></main>';
const rendered = await runInNode(serverRender);
if (rendered.thrown) problems.push(`the React components do not render on the server: ${rendered.thrown}`);
else if (rendered.stdout !== expected) problems.push(`the React components render on the server as\n      ${rendered.stdout}\n    instead of\n      ${expected}`);

if (problems.length) {
  console.error(`Node imports: ${problems.length} problem(s):\n  ${problems.join('\n  ')}`);
  process.exit(1);
}
console.log(
  `Node imports: ${subpaths.length} subpaths import in Node ${process.versions.node} without throwing; 'use client' starts ${reactEntries.join(', ')}; the React components render on the server`,
);
