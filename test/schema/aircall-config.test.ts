import { expect } from '@open-wc/testing';
import {
  AircallConfigSchema,
  AircallScopeSchema,
  PublicAircallConfigSchema,
  defaultAircallConfig,
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
