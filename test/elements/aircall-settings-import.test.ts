import { expect, fixture, html } from '@open-wc/testing';
import { configure } from '../../src/config.js';
import '../../src/elements/aircall-settings/define.js';
import type { AircallSettings, ImportOutcome } from '../../src/elements/aircall-settings/aircall-settings.js';
import { AIRCALL_CONFIG_EXPORT_KIND, WORKSPACE_SIZES } from '../../src/schema/aircall-config.js';
import { createMemoryStorage } from '../../src/storage/memory/index.js';
import { resetAircallConfigs } from '../../src/store/aircall.js';
import { until } from '../helpers/manual-provider.js';
import { resetLibrary } from '../helpers/reset.js';

type El = AircallSettings;
type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** mulberry32: a small seeded PRNG, so that a failure names a case that can be replayed. */
function prng(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  const pick = <T>(items: readonly T[]): T => items[int(0, items.length - 1)]!;
  const bool = () => next() < 0.5;
  const chars = (alphabet: string, min: number, max: number) =>
    Array.from({ length: int(min, max) }, () => alphabet[int(0, alphabet.length - 1)]).join('');
  return { next, int, pick, bool, chars };
}

const EVENTS = ['onLogin', 'onLogout', 'onCallStart', 'onCallEnd', 'onCallAnswer'] as const;
const PERMISSIONS = ['canMakeOutboundCalls', 'canReceiveInboundCalls', 'canTransferCalls', 'canRecordCalls'] as const;
const NAME_START = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789éèçàüßøñ中文ığ';
const NAME_REST = `${NAME_START} ._-`;
const PRINTABLE = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_:./+=#@!$%^&*()[]{}<>?~ é中';

type Rng = ReturnType<typeof prng>;

interface Case {
  name: string;
  /** Passed to importConfig as is: a string is JSON text. */
  input: string | object;
  /** For an invalid case: a problem must be at this path ('' = the file as a whole)... */
  path?: string;
  /** ...or mention this (an unknown key, named in the message of its parent). */
  mentions?: string;
  /** For a valid case: what the form must show afterwards. */
  expected?: Record<string, Json>;
}

function validConfig(rng: Rng): Record<string, Json> {
  const enabled = rng.bool();
  const config: Record<string, Json> = {
    enabled,
    workspaceSize: rng.pick(WORKSPACE_SIZES),
    events: Object.fromEntries(EVENTS.map((name) => [name, rng.bool()])),
    permissions: Object.fromEntries(PERMISSIONS.map((name) => [name, rng.bool()])),
  };
  if (enabled || rng.bool()) config.apiId = `${rng.chars(PRINTABLE.replace(' ', ''), 1, 1)}${rng.chars(PRINTABLE, 0, 199)}`;
  if (enabled || rng.bool()) config.integrationName = `${rng.chars(NAME_START, 1, 1)}${rng.chars(NAME_REST, 0, 63)}`.trimEnd();
  return config;
}

/** The same configuration as the form shows it (texts trimmed, absent texts empty). */
function shown(config: Record<string, Json>): Record<string, Json> {
  return {
    enabled: config.enabled as boolean,
    apiId: ((config.apiId as string | undefined) ?? '').trim(),
    integrationName: ((config.integrationName as string | undefined) ?? '').trim(),
    workspaceSize: config.workspaceSize as string,
    events: config.events as Json,
    permissions: config.permissions as Json,
  };
}

function envelope(rng: Rng, config: Record<string, Json>): Record<string, Json> {
  const file: Record<string, Json> = { kind: AIRCALL_CONFIG_EXPORT_KIND, schemaVersion: 1, config };
  if (rng.bool()) file.exportedAt = new Date(Date.UTC(2025, rng.int(0, 11), rng.int(1, 28), rng.int(0, 23))).toISOString();
  if (rng.bool()) file.scope = { organizationId: `org-${rng.int(1, 999)}`, countryCode: rng.pick(['FR', 'GA', 'SN', 'CM']) };
  if (rng.bool()) file.version = rng.int(1, 500);
  return file;
}

function validCase(rng: Rng, index: number): Case {
  const config = validConfig(rng);
  const wrapped = rng.bool();
  const document = wrapped ? envelope(rng, config) : config;
  return { name: `valid #${index}${wrapped ? ' (export file)' : ' (bare)'}`, input: rng.bool() ? JSON.stringify(document) : document, expected: shown(config) };
}

const JUNK: Json[] = [null, 0, -1, 1.5, 'yes', '', 'true', [], [true], {}, { value: true }];

function deepJunk(depth: number): Json {
  let value: Json = 'bottom';
  for (let i = 0; i < depth; i += 1) value = i % 2 ? [value] : { nested: value };
  return value;
}

/** One way of breaking a valid configuration, with the field the problem must be reported at. */
const breakers: ((rng: Rng, config: Record<string, Json>) => Omit<Case, 'name' | 'input'> & { config: Json })[] = [
  // wrong types
  (rng, c) => ({ config: { ...c, enabled: rng.pick(JUNK.filter((v) => typeof v !== 'boolean')) }, path: 'enabled' }),
  (rng, c) => ({ config: { ...c, apiId: rng.pick([0, 12, true, false, null, [], {}, ['id']]) }, path: 'apiId' }),
  (rng, c) => ({ config: { ...c, integrationName: rng.pick([7, true, null, [], { name: 'x' }]) }, path: 'integrationName' }),
  (rng, c) => ({ config: { ...c, workspaceSize: rng.pick([0, 1, 2, null, true, [], {}]) }, path: 'workspaceSize' }),
  (rng, c) => ({ config: { ...c, events: rng.pick(['all', 1, true, null, [], [true, false]]) }, path: 'events' }),
  (rng, c) => ({ config: { ...c, permissions: rng.pick(['none', 0, false, null, [], [[]]]) }, path: 'permissions' }),
  (rng, c) => {
    const name = rng.pick(EVENTS);
    return { config: { ...c, events: { ...(c.events as object), [name]: rng.pick(['true', 0, 1, null, [], {}]) } }, path: `events.${name}` };
  },
  (rng, c) => {
    const name = rng.pick(PERMISSIONS);
    return { config: { ...c, permissions: { ...(c.permissions as object), [name]: rng.pick(['false', 1, null, {}]) } }, path: `permissions.${name}` };
  },
  // bad enum
  (rng, c) => ({ config: { ...c, workspaceSize: rng.pick(['huge', 'Small', 'MEDIUM', '', ' big', 'tiny', 'large']) }, path: 'workspaceSize' }),
  // missing fields
  (rng, c) => {
    const name = rng.pick(['enabled', 'workspaceSize', 'events', 'permissions']);
    const { [name]: _gone, ...rest } = c;
    return { config: rest, path: name };
  },
  (rng, c) => {
    const name = rng.pick(EVENTS);
    const { [name]: _gone, ...rest } = c.events as Record<string, Json>;
    return { config: { ...c, events: rest }, path: `events.${name}` };
  },
  // required when enabled
  (rng, c) => {
    const name = rng.pick(['apiId', 'integrationName']);
    const { [name]: _gone, ...rest } = c;
    return { config: { ...rest, enabled: true, ...(rng.bool() && { [name]: rng.pick(['', '   ', '\t\n']) }) }, path: name };
  },
  // the secret has no place in a file
  (rng, c) => ({ config: { ...c, apiKey: rng.pick(['sk_live_abc123', '', 'x'.repeat(300), 42]) }, path: 'apiKey' }),
  // unknown keys, at every level
  (rng, c) => {
    const key = rng.pick(['apikey', 'api_id', 'enable', 'workspace', 'leadID', '__proto__', 'constructor', 'toString']);
    return { config: JSON.parse(`{${JSON.stringify(key)}: true, ${JSON.stringify(c).slice(1)}`), mentions: key };
  },
  (rng, c) => {
    const key = rng.pick(['onCall', 'onHangup', 'onlogin']);
    return { config: { ...c, events: { ...(c.events as object), [key]: true } }, mentions: key };
  },
  (rng, c) => {
    const key = rng.pick(['canFly', 'canDelete', 'admin']);
    return { config: { ...c, permissions: { ...(c.permissions as object), [key]: false } }, mentions: key };
  },
  // huge strings
  (rng, c) => ({ config: { ...c, apiId: rng.chars(PRINTABLE, 201, 20_000) }, path: 'apiId' }),
  (rng, c) => ({ config: { ...c, integrationName: `a${rng.chars('abc', 64, 50_000)}` }, path: 'integrationName' }),
  (rng, c) => ({ config: { ...c, integrationName: rng.pick(['<script>', '-starts-with-dash', ' ', 'semi;colon', 'new\nline', '😀emoji']) }, path: 'integrationName' }),
  // nested junk
  (rng, c) => ({ config: { ...c, events: { ...(c.events as object), onLogin: deepJunk(rng.int(2, 200)) } }, path: 'events.onLogin' }),
  (rng, c) => ({ config: { ...c, junk: deepJunk(rng.int(50, 2000)) }, mentions: 'junk' }),
];

function invalidObjectCase(rng: Rng, index: number): Case {
  const breaker = rng.int(0, breakers.length - 1);
  const { config, ...expectation } = breakers[breaker]!(rng, validConfig(rng));
  const wrapped = rng.bool();
  const document = wrapped ? { kind: AIRCALL_CONFIG_EXPORT_KIND, schemaVersion: 1, config } : config;
  const path = expectation.path === undefined ? undefined : wrapped ? `config.${expectation.path}` : expectation.path;
  return {
    name: `invalid #${index} (breaker ${breaker}${wrapped ? ', in an export file' : ''})`,
    input: rng.bool() ? JSON.stringify(document) : (document as object),
    ...(path !== undefined && { path }),
    ...(expectation.mentions !== undefined && { mentions: expectation.mentions }),
  };
}

/** Problems of the export file itself rather than of the configuration inside. */
function invalidEnvelopeCase(rng: Rng, index: number): Case {
  const file = { kind: AIRCALL_CONFIG_EXPORT_KIND, schemaVersion: 1, config: validConfig(rng) } as Record<string, Json>;
  const variants: [Record<string, Json>, string][] = [
    [{ ...file, kind: rng.pick(['aircall-config', '', 'call-elements/call-record', 1]) }, 'kind'],
    [{ ...file, schemaVersion: rng.pick([0, 2, '1', null, 1.5]) }, 'schemaVersion'],
    [{ kind: file.kind!, schemaVersion: 1 }, 'config'],
    [{ ...file, config: rng.pick([null, 'config', [], 3]) }, 'config'],
    [{ ...file, scope: { organizationId: 'org-1', countryCode: rng.pick(['fr', 'FRA', '', 33]) } }, 'scope.countryCode'],
    [{ ...file, scope: { organizationId: rng.pick(['', 5]), countryCode: 'FR' } }, 'scope.organizationId'],
    [{ ...file, version: rng.pick([-1, 1.5, '3', null]) }, 'version'],
    [{ ...file, exportedAt: rng.pick(['yesterday', '2026-13-01T00:00:00Z', 0]) }, 'exportedAt'],
  ];
  const [document, path] = rng.pick(variants);
  return { name: `invalid #${index} (export file: ${path})`, input: rng.bool() ? JSON.stringify(document) : document, path };
}

function notAnObjectCase(rng: Rng, index: number): Case {
  const input = rng.pick<string | object>([
    '42',
    '"a string"',
    'null',
    'true',
    '[]',
    JSON.stringify([{ enabled: true }]),
    [],
    [1, 2, 3],
    new Date(0),
  ]);
  return { name: `invalid #${index} (not an object: ${String(input).slice(0, 20)})`, input, path: '' };
}

function notJsonCase(rng: Rng, index: number): Case {
  const valid = JSON.stringify(validConfig(rng));
  const input = rng.pick([
    '',
    '   ',
    '{',
    valid.slice(0, rng.int(1, valid.length - 1)),
    `${valid},`,
    valid.replace(/"/g, "'"),
    '{enabled: true}',
    '{"enabled": NaN}',
    'undefined',
    '<?xml version="1.0"?><config/>',
    '\u0000\u0001binary',
  ]);
  return { name: `invalid #${index} (not JSON)`, input, path: '' };
}

function generateCases(seed: number, count: number): { valid: Case[]; invalid: Case[] } {
  const rng = prng(seed);
  const valid: Case[] = [];
  const invalid: Case[] = [];
  for (let i = 0; i < count; i += 1) {
    const roll = rng.next();
    if (roll < 0.45) valid.push(validCase(rng, i));
    else if (roll < 0.85) invalid.push(invalidObjectCase(rng, i));
    else if (roll < 0.93) invalid.push(invalidEnvelopeCase(rng, i));
    else if (roll < 0.965) invalid.push(notAnObjectCase(rng, i));
    else invalid.push(notJsonCase(rng, i));
  }
  return { valid, invalid };
}

function formValues(el: El): Record<string, Json> {
  const input = (id: string) => el.shadowRoot!.querySelector<HTMLInputElement>(`#${id}`)!;
  return {
    enabled: input('enabled').checked,
    apiId: input('apiId').value.trim(),
    integrationName: input('integrationName').value.trim(),
    workspaceSize: WORKSPACE_SIZES.find((size) => input(`workspaceSize-${size}`).checked) ?? '',
    events: Object.fromEntries(EVENTS.map((name) => [name, input(`events-${name}`).checked])),
    permissions: Object.fromEntries(PERMISSIONS.map((name) => [name, input(`permissions-${name}`).checked])),
  };
}

describe('<aircall-settings> import of generated configurations', () => {
  const SEED = 20_260_131;
  const COUNT = 1200;

  beforeEach(async () => {
    await resetLibrary();
    resetAircallConfigs();
    configure({ storage: createMemoryStorage() });
  });
  afterEach(async () => {
    await resetLibrary();
    resetAircallConfigs();
  });

  it(`accepts every valid and rejects every invalid one of ${COUNT} configurations (seed ${SEED}), with messages and without exceptions`, async () => {
    const { valid, invalid } = generateCases(SEED, COUNT);
    expect(valid.length, 'valid cases').to.be.greaterThan(400);
    expect(invalid.length, 'invalid cases').to.be.greaterThan(400);
    for (const kind of ['not JSON', 'not an object', 'export file', 'breaker']) {
      expect(invalid.some((c) => c.name.includes(kind)), kind).to.equal(true);
    }

    const el = await fixture<El>(html`<aircall-settings organization-id="org-1" country-code="GA" roles="ADMIN"></aircall-settings>`);
    await until(() => el.shadowRoot!.querySelector('form'), 'the form');
    const saves: unknown[] = [];
    const errors: string[] = [];
    el.addEventListener('settings-saved', (e) => saves.push(e.detail));
    el.addEventListener('settings-error', (e) => errors.push(e.detail.code));

    const failures: string[] = [];
    const all = [...valid, ...invalid].sort((a, b) => Number(a.name.match(/#(\d+)/)![1]) - Number(b.name.match(/#(\d+)/)![1]));
    for (const c of all) {
      const before = formValues(el);
      let outcome: ImportOutcome;
      try {
        outcome = el.importConfig(c.input);
      } catch (error) {
        failures.push(`${c.name}: threw ${String(error)}`);
        continue;
      }
      await el.updateComplete;
      if (c.expected) {
        if (!outcome.ok) failures.push(`${c.name}: rejected: ${outcome.problems.map((p) => p.message).join(' | ')}`);
        else if (JSON.stringify(formValues(el)) !== JSON.stringify(c.expected)) failures.push(`${c.name}: the form does not show the imported values`);
        continue;
      }
      if (outcome.ok) {
        failures.push(`${c.name}: accepted`);
        continue;
      }
      const { problems } = outcome;
      if (problems.length === 0 || problems.some((p) => !p.message.trim())) failures.push(`${c.name}: rejected without a message`);
      const named =
        c.mentions !== undefined
          ? problems.some((p) => p.message.includes(c.mentions!))
          : c.path === ''
            ? problems.some((p) => p.path === '')
            : problems.some((p) => p.path === c.path && p.message.includes(c.path!));
      if (!named) failures.push(`${c.name}: no message names ${c.mentions ?? (c.path || 'the file')}: ${problems.map((p) => p.message).join(' | ')}`);
      const shownProblems = [...el.shadowRoot!.querySelectorAll("[part~='import-problems'] li")].map((li) => li.textContent);
      if (JSON.stringify(shownProblems) !== JSON.stringify(problems.map((p) => p.message))) failures.push(`${c.name}: the problems shown differ`);
      if (JSON.stringify(formValues(el)) !== JSON.stringify(before)) failures.push(`${c.name}: the form changed`);
    }

    expect(failures.slice(0, 20), `${failures.length} failures`).to.deep.equal([]);
    expect(saves, 'an import never saves').to.have.length(0);
    expect(errors.length).to.equal(invalid.length);
    expect(errors.every((code) => code === 'import-invalid')).to.equal(true);
  });
});
