import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CallServerOptionsError, createCallServer, type CallServerOptions } from '../../src/server/index.js';
import { SECRET_KEY, authenticate } from './harness.js';

describe('createCallServer options', () => {
  it('lists every problem at once, without quoting secrets', async () => {
    const options = {
      authenticate: 'nobody',
      secretKey: 'short-secret',
      database: { url: 'mysql://localhost/db' },
      basePath: 'api',
      twilio: { accountSid: 'SK1', authToken: '', apiKeySid: 'AC1', apiKeySecret: 'top-secret-value', twimlAppSid: 'AP1', callerId: '0612', tokenTtlSec: 0, allowedCountries: ['+33'] },
      aircall: { webhookToken: '' },
      limits: { bodyBytes: -1 },
    } as unknown as CallServerOptions;
    const error = await createCallServer(options).then(
      () => assert.fail('accepted'),
      (caught: unknown) => caught,
    );
    assert.ok(error instanceof CallServerOptionsError);
    assert.equal(error.code, 'invalid-options');
    const expected = [
      /^authenticate must be a function/,
      /^secretKey must be a string of at least 32 characters/,
      /^database.url must be a postgres/,
      /^twilio.accountSid must be a Twilio SID starting with AC/,
      /^twilio.apiKeySid must be a Twilio SID starting with SK/,
      /^twilio.authToken is required/,
      /^twilio.callerId must be an E.164 number/,
      /^twilio.tokenTtlSec must be/,
      /^twilio.allowedCountries must be/,
      /^aircall.webhookToken is required/,
      /^basePath must be/,
      /^limits.bodyBytes must be/,
    ];
    for (const pattern of expected) assert.ok(error.problems.some((problem) => pattern.test(problem)), `${pattern} in ${error.message}`);
    assert.ok(!error.message.includes('top-secret-value') && !error.message.includes('short-secret'));
  });

  it('refuses a database option that is neither a URL nor a directory', async () => {
    await assert.rejects(createCallServer({ authenticate, secretKey: SECRET_KEY, database: {} as never }), /database must be \{ url \}/);
  });
});
