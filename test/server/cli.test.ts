import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CliUsageError, DEV_USER, isLoopback, runCli } from '../../src/server/cli.js';

const quiet = () => undefined;

describe('call-elements-server command line', () => {
  it('serves with --dev-auth on a loopback port, as the dev user with every role', async () => {
    const warnings: string[] = [];
    const run = await runCli(['--dev-auth', '--port', '0'], {}, (message) => warnings.push(message));
    assert.ok(run);
    try {
      assert.match(run.banner, /listening on http:\/\/127\.0\.0\.1:\d+\/api/);
      assert.match(run.banner, /DEVELOPMENT/);
      assert.match(warnings.join('\n'), /no CALL_ELEMENTS_SECRET_KEY/);
      const config = await fetch(`${run.handle.url}/api/organizations/any-org/aircall-config/FR`, {
        method: 'PUT',
        headers: { 'Content-Type': 'application/json', 'If-Match': '0' },
        body: JSON.stringify({
          enabled: false,
          workspaceSize: 'small',
          events: { onLogin: true, onLogout: true, onCallStart: true, onCallEnd: true, onCallAnswer: true },
          permissions: { canMakeOutboundCalls: true, canReceiveInboundCalls: false, canTransferCalls: false, canRecordCalls: false },
        }),
      });
      assert.equal(config.status, 200, 'SUPER_ADMIN reaches any organisation');
      assert.equal((await config.json()).updatedBy, DEV_USER.userId);
    } finally {
      await run.stop();
    }
  });

  it('refuses --dev-auth on a non-loopback host, and a start without any auth', async () => {
    for (const host of ['0.0.0.0', '192.168.1.10', '::', 'example.com']) {
      await assert.rejects(runCli(['--dev-auth', '--host', host], {}, quiet), (error: Error) => error instanceof CliUsageError && /loopback/.test(error.message));
    }
    await assert.rejects(runCli(['--port', '0'], {}, quiet), /--auth <module>, or --dev-auth/);
    await assert.rejects(runCli(['--auth', 'x.mjs', '--port', '0'], {}, quiet), /CALL_ELEMENTS_SECRET_KEY/);
    await assert.rejects(runCli(['--dev-auth', '--port', 'eighty'], {}, quiet), /--port/);
    await assert.rejects(runCli(['--dev-auth', '--data-dir', 'a', '--database-url', 'postgres://x/y'], {}, quiet), /not both/);
    await assert.rejects(runCli(['--dev-auth'], { TWILIO_ACCOUNT_SID: 'AC1' }, quiet), /missing: TWILIO_AUTH_TOKEN/);
    await assert.rejects(runCli(['--verbose'], {}, quiet), { code: 'ERR_PARSE_ARGS_UNKNOWN_OPTION' });
  });

  it('knows loopback addresses', () => {
    assert.deepEqual(['127.0.0.1', '127.1.2.3', '::1', '[::1]', 'localhost'].map(isLoopback), [true, true, true, true, true]);
    assert.deepEqual(['0.0.0.0', '::', '10.0.0.1', 'localhost.example.com', '128.0.0.1'].map(isLoopback), [false, false, false, false, false]);
  });
});
