import { expect } from '@open-wc/testing';
import {
  AIRCALL_CONFIG_EXPORT_KIND,
  AircallConfigExportSchema,
  AircallConfigSchema,
  AircallScopeSchema,
  PublicAircallConfigSchema,
  aircallConfigSchemaFor,
  defaultAircallConfig,
  readAircallConfigImport,
  toAircallConfigExport,
} from '../../src/schema/aircall-config.js';
import { describeIssues } from '../../src/schema/common.js';

const enabled = {
  ...defaultAircallConfig(),
  enabled: true,
  apiKey: 'key-abcdef123456',
  apiId: 'id-123',
  integrationName: 'consulat-ga',
};

function problems(schema: { safeParse(v: unknown): { success: boolean; error?: unknown } }, input: unknown): string[] {
  const result = schema.safeParse(input);
  return result.success ? [] : describeIssues(result.error as Parameters<typeof describeIssues>[0]);
}

describe('AircallConfig schema', () => {
  it('accepts the defaults (disabled, no keys) and a complete enabled configuration', () => {
    expect(problems(AircallConfigSchema, defaultAircallConfig())).to.deep.equal([]);
    expect(problems(AircallConfigSchema, enabled)).to.deep.equal([]);
  });

  it('has every field of the seed interface', () => {
    const shape = Object.keys(AircallConfigSchema.def.shape).sort();
    expect(shape).to.deep.equal(['apiId', 'apiKey', 'enabled', 'events', 'integrationName', 'permissions', 'workspaceSize']);
    expect(Object.keys(defaultAircallConfig().events).sort()).to.deep.equal(['onCallAnswer', 'onCallEnd', 'onCallStart', 'onLogin', 'onLogout']);
    expect(Object.keys(defaultAircallConfig().permissions).sort()).to.deep.equal([
      'canMakeOutboundCalls',
      'canReceiveInboundCalls',
      'canRecordCalls',
      'canTransferCalls',
    ]);
  });

  const bad: [string, Record<string, unknown>, RegExp][] = [
    ['enabled as a string', { enabled: 'yes' }, /^enabled: must be true or false$/],
    ['an unknown workspace size', { workspaceSize: 'huge' }, /^workspaceSize: must be "small", "medium" or "big"$/],
    ['an event flag that is not boolean', { events: { ...enabled.events, onLogin: 1 } }, /^events\.onLogin: must be true or false$/],
    ['a missing permission', { permissions: { canMakeOutboundCalls: true, canReceiveInboundCalls: false, canTransferCalls: false } }, /^permissions\.canRecordCalls: must be true or false$/],
    ['an unknown permission', { permissions: { ...enabled.permissions, canFly: true } }, /^permissions: Unrecognized key: "canFly"$/],
    ['an integration name with symbols', { integrationName: '<script>' }, /^integrationName: must be 1 to 64 letters/],
    ['an overlong API key', { apiKey: 'k'.repeat(201) }, /^apiKey: must be 200 characters or fewer$/],
    ['enabled without an API id', { apiId: undefined }, /^apiId: is required when Aircall is enabled$/],
    ['enabled without an integration name', { integrationName: undefined }, /^integrationName: is required when Aircall is enabled$/],
  ];
  for (const [name, change, message] of bad) {
    it(`rejects ${name}`, () => {
      const found = problems(AircallConfigSchema, { ...enabled, ...change });
      expect(found.some((line) => message.test(line)), found.join(' | ')).to.equal(true);
    });
  }

  it('does not require keys when Aircall is disabled', () => {
    expect(problems(AircallConfigSchema, { ...defaultAircallConfig(), enabled: false })).to.deep.equal([]);
  });

  it('the public (read) form never carries the API key', () => {
    const { apiKey: _secret, ...rest } = enabled;
    const publicConfig = { ...rest, apiKeySet: true, apiKeyLast4: '3456', version: 3 };
    expect(problems(PublicAircallConfigSchema, publicConfig)).to.deep.equal([]);
    expect(problems(PublicAircallConfigSchema, { ...publicConfig, apiKey: 'key-abcdef123456' })[0]).to.match(
      /^apiKey: must never be returned by a read/,
    );
  });

  it('scopes by organisation and a two-letter country code', () => {
    expect(problems(AircallScopeSchema, { organizationId: 'org-1', countryCode: 'GA' })).to.deep.equal([]);
    expect(problems(AircallScopeSchema, { organizationId: 'org-1', countryCode: 'gab' })[0]).to.match(/^countryCode: must be a two-letter/);
    expect(problems(AircallScopeSchema, { organizationId: '', countryCode: 'FR' })[0]).to.match(/^organizationId: must not be empty/);
  });
});

describe('AircallConfig schema for a save (aircallConfigSchemaFor)', () => {
  const { apiKey: _key, ...withoutKey } = enabled;

  it('requires the API key of an enabled configuration when none is saved yet', () => {
    expect(problems(aircallConfigSchemaFor({ apiKeySet: false }), withoutKey)).to.deep.equal(['apiKey: is required when Aircall is enabled']);
    expect(problems(aircallConfigSchemaFor({ apiKeySet: false }), { ...withoutKey, apiKey: '   ' })).to.deep.equal([
      'apiKey: is required when Aircall is enabled',
    ]);
    expect(problems(aircallConfigSchemaFor({ apiKeySet: false }), enabled)).to.deep.equal([]);
  });

  it('does not require it when a key is saved (omitting it keeps that key) or when Aircall is disabled', () => {
    expect(problems(aircallConfigSchemaFor({ apiKeySet: true }), withoutKey)).to.deep.equal([]);
    expect(problems(aircallConfigSchemaFor({ apiKeySet: false }), defaultAircallConfig())).to.deep.equal([]);
    expect(aircallConfigSchemaFor({ apiKeySet: true }) === AircallConfigSchema).to.equal(true);
  });

  it('reports every missing field of an enabled configuration at once, by field', () => {
    expect(problems(aircallConfigSchemaFor({ apiKeySet: false }), { ...defaultAircallConfig(), enabled: true })).to.deep.equal([
      'apiKey: is required when Aircall is enabled',
      'apiId: is required when Aircall is enabled',
      'integrationName: is required when Aircall is enabled',
    ]);
  });

  it('trims the texts it accepts', () => {
    const result = AircallConfigSchema.safeParse({ ...enabled, apiId: '  id-123  ', integrationName: ' consulat-ga ' });
    expect(result.success && result.data.apiId).to.equal('id-123');
    expect(result.success && result.data.integrationName).to.equal('consulat-ga');
  });

  it('says "must be an object" for something that is not one', () => {
    expect(problems(AircallConfigSchema, 42)).to.deep.equal(['must be an object']);
    expect(problems(AircallConfigSchema, { ...enabled, events: [] })).to.deep.equal(['events: must be an object']);
  });
});

describe('Aircall configuration files (export / import)', () => {
  const scope = { organizationId: 'org-1', countryCode: 'GA' };
  const { apiKey: _key, ...rest } = enabled;
  const saved = { ...rest, apiKeySet: true, apiKeyLast4: '3456', version: 4, updatedAt: '2026-01-31T09:30:00.000Z', updatedBy: 'u-1' };

  it('exports the configuration without the key, its hint or its metadata, with a kind marker and the scope', () => {
    const file = toAircallConfigExport(scope, saved, new Date('2026-02-01T10:00:00.000Z'));
    expect(file).to.deep.equal({
      kind: AIRCALL_CONFIG_EXPORT_KIND,
      schemaVersion: 1,
      exportedAt: '2026-02-01T10:00:00.000Z',
      scope,
      version: 4,
      config: { enabled: true, apiId: 'id-123', integrationName: 'consulat-ga', workspaceSize: 'medium', events: enabled.events, permissions: enabled.permissions },
    });
    expect(problems(AircallConfigExportSchema, file)).to.deep.equal([]);
  });

  it('copies fields by name, so a key smuggled into the object never reaches the file', () => {
    const smuggled = { ...saved, apiKey: 'key-abcdef123456', secret: 'x' } as unknown as typeof saved;
    const text = JSON.stringify(toAircallConfigExport(scope, smuggled));
    expect(text).to.not.contain('key-abcdef123456');
    expect(text).to.not.contain('apiKey');
    expect(text).to.not.contain('secret');
  });

  it('reads back what it exports, and a bare configuration too', () => {
    const file = toAircallConfigExport(scope, saved);
    const read = readAircallConfigImport(JSON.parse(JSON.stringify(file)));
    expect(read).to.deep.equal({ success: true, config: file.config, scope, version: 4 });
    expect(readAircallConfigImport(defaultAircallConfig())).to.deep.equal({ success: true, config: defaultAircallConfig() });
  });

  const refused: [string, unknown, RegExp][] = [
    ['a file carrying the API key', { ...toAircallConfigExport(scope, saved), config: { ...toAircallConfigExport(scope, saved).config, apiKey: 'k-123456789' } }, /^config\.apiKey: must not be in a file/],
    ['a bare configuration carrying the API key', enabled, /^apiKey: must not be in a file/],
    ['another kind of file', { ...toAircallConfigExport(scope, saved), kind: 'something-else' }, /^kind: must be "call-elements\/aircall-config"$/],
    ['a newer format version', { ...toAircallConfigExport(scope, saved), schemaVersion: 2 }, /^schemaVersion: must be 1/],
    ['a public (read) configuration, with its metadata', saved, /^Unrecognized keys: "apiKeySet", "apiKeyLast4", "version", "updatedAt", "updatedBy"$/],
    ['an enabled configuration without its API id', { ...rest, apiId: undefined }, /^apiId: is required when Aircall is enabled$/],
    ['a file whose scope has a bad country code', { ...toAircallConfigExport(scope, saved), scope: { organizationId: 'o', countryCode: 'gab' } }, /^scope\.countryCode: must be a two-letter/],
    ['an array', [defaultAircallConfig()], /^must be an object$/],
    ['null', null, /^must be an object$/],
  ];
  for (const [name, input, message] of refused) {
    it(`refuses ${name}`, () => {
      const read = readAircallConfigImport(input);
      expect(read.success).to.equal(false);
      const lines = read.success ? [] : describeIssues({ issues: read.issues } as Parameters<typeof describeIssues>[0]);
      expect(lines.some((line) => message.test(line)), lines.join(' | ')).to.equal(true);
    });
  }

  it('never quotes a refused value in its messages', () => {
    const read = readAircallConfigImport({ ...enabled, apiKey: 'key-SECRET-987654' });
    const lines = read.success ? [] : describeIssues({ issues: read.issues } as Parameters<typeof describeIssues>[0]);
    expect(lines.join('\n')).to.not.contain('SECRET');
  });
});
