// The dependency rules of DESIGN.md §3, checked by `npm run check:deps` (part of `npm test`):
// no import cycles (type imports included), dependencies pointing down, and the boundaries between
// the parts — storage and providers never reach into the call runtime, nothing in the browser
// reaches the server.
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-cycles',
      comment: 'A cycle (even of type imports) means two modules are one job, or one points up.',
      severity: 'error',
      from: { path: '^src/' },
      to: { circular: true },
    },
    {
      name: 'storage-below-calls',
      comment: 'Storage adapters are used by the runtime; they never import it (nor the page configuration).',
      severity: 'error',
      from: { path: '^src/storage/' },
      to: { path: '^src/(calls|elements|config\\.ts|outbox)' },
    },
    {
      name: 'providers-get-a-host',
      comment: 'Providers receive what they need from the runtime (its host object) instead of importing it.',
      severity: 'error',
      from: { path: '^src/providers/' },
      to: { path: '^src/(calls|elements|outbox|storage|config\\.ts)' },
    },
    {
      name: 'schema-at-the-bottom',
      comment: 'Schemas and validation depend on nothing but zod and internal helpers.',
      severity: 'error',
      from: { path: '^src/schema/' },
      to: { path: '^src/(?!schema/|internal/)' },
    },
    {
      name: 'stores-hold-no-logic',
      comment: 'The stores are views of the runtime: they import no runtime, element or adapter.',
      severity: 'error',
      from: { path: '^src/store/' },
      to: { path: '^src/(calls|elements|outbox|storage|providers)' },
    },
    {
      name: 'outbox-below-calls',
      comment: 'The durable queue knows items, storages and stores, not calls or elements.',
      severity: 'error',
      from: { path: '^src/outbox/' },
      to: { path: '^src/(calls|elements|providers|config\\.ts)' },
    },
    {
      name: 'elements-on-top',
      comment: 'Nothing below the elements imports an element (the entry points aside).',
      severity: 'error',
      from: { path: '^src/(calls|outbox|storage|providers|schema|store|internal|events|locales)/' },
      to: { path: '^src/elements/' },
    },
    {
      name: 'server-apart',
      comment: 'call-elements/server is Node only: no browser module imports it.',
      severity: 'error',
      from: { path: '^src/', pathNot: '^src/server/' },
      to: { path: '^src/server/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    exclude: { path: '\\.d\\.ts$' },
  },
};
