import { expect, fixture, html } from '@open-wc/testing';
import { configure } from '../../src/config.js';
import '../../src/elements/call-button/define.js';
import type { CallButton } from '../../src/elements/call-button/call-button.js';
import type { CallRecord } from '../../src/schema/call-record.js';
import { createAircallProvider } from '../../src/providers/aircall/index.js';
import { until } from '../helpers/manual-provider.js';
import {
  NUMBER,
  SCOPE,
  aircallConfig,
  dialledNumbers,
  fakeWorkspace,
  resetAircall,
  workspaceDialog,
  workspaceUrl,
} from '../fixtures/aircall-workspace-helpers.js';
import { setAircallConfig } from '../../src/store/aircall.js';

const callPart = (el: CallButton) => el.shadowRoot!.querySelector<HTMLButtonElement>("[part~='call-button']");

describe('<call-button provider="aircall">', function () {
  this.timeout(15_000);

  beforeEach(async () => {
    await resetAircall();
    configure({ providers: { aircall: createAircallProvider({ workspaceUrl: workspaceUrl() }) } });
  });

  afterEach(() => {
    document.querySelectorAll('call-button').forEach((el) => el.hangup());
  });

  it('is hidden while the organisation has Aircall off, and calls through the workspace once it is on', async () => {
    setAircallConfig(SCOPE, aircallConfig({ enabled: false }));
    const el = await fixture<CallButton>(
      html`<call-button provider="aircall" number=${NUMBER} display-name="Jean Dupont" organization-id=${SCOPE.organizationId}
        country-code=${SCOPE.countryCode} request-id="req-1"></call-button>`,
    );
    expect(el.unavailable).to.equal(true);
    expect(getComputedStyle(el).display).to.equal('none');

    setAircallConfig(SCOPE, aircallConfig());
    await until(() => !el.unavailable && callPart(el) && !callPart(el)!.disabled, 'the enabled button');
    const ended: CallRecord[] = [];
    el.addEventListener('call-end', (event) => ended.push((event as CustomEvent<CallRecord>).detail));
    callPart(el)!.click();
    const fake = await fakeWorkspace();
    await until(() => dialledNumbers(fake).length, 'the dial');
    expect(workspaceDialog()!.open).to.equal(true);
    fake.emit('outgoing_call', { to: NUMBER, call_id: 101 });
    fake.emit('outgoing_answered', { call_id: 101 });
    await until(() => el.state === 'connected', 'connected');
    fake.emit('call_ended', { duration: 9, call_id: 101 });
    const record = await until(() => ended[0], 'the call-end event');
    expect(record).to.include({ id: 'aircall:101', status: 'completed', requestId: 'req-1' });
  });

  it('shows why it cannot call when outbound calls are not allowed', async () => {
    setAircallConfig(SCOPE, aircallConfig({ permissions: { canMakeOutboundCalls: false } }));
    const el = await fixture<CallButton>(
      html`<call-button provider="aircall" number=${NUMBER} organization-id=${SCOPE.organizationId} country-code=${SCOPE.countryCode}></call-button>`,
    );
    await until(() => el.shadowRoot!.querySelector("[part~='reason']"), 'the reason');
    expect(el.unavailable).to.equal(false);
    expect(callPart(el)!.disabled).to.equal(true);
    expect(el.shadowRoot!.querySelector("[part~='reason']")!.textContent).to.contain('do not allow outbound calls');
  });
});
