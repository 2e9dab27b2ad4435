import { expect, fixture, html } from '@open-wc/testing';
import { configure } from '../../src/config.js';
import '../../src/elements/aircall-settings/define.js';
import '../../src/elements/call-button/define.js';
import type { AircallSettings } from '../../src/elements/aircall-settings/aircall-settings.js';
import type { CallButton } from '../../src/elements/call-button/call-button.js';
import { createAircallProvider } from '../../src/providers/aircall/index.js';
import { unregisterProvider } from '../../src/config.js';
import { createMemoryStorage } from '../../src/storage/memory/index.js';
import { until } from '../helpers/manual-provider.js';
import { isolatedOutbox, resetLibrary } from '../helpers/reset.js';

/** Issue 5 item 8: what an admin saves in <aircall-settings> drives <call-button provider="aircall"> on the same page. */
describe('<aircall-settings> drives <call-button provider="aircall"> through the store', () => {
  beforeEach(async () => {
    await resetLibrary();
    configure({ storage: createMemoryStorage(), outbox: isolatedOutbox(), providers: { aircall: createAircallProvider() } });
  });
  afterEach(async () => {
    unregisterProvider('aircall');
    await resetLibrary();
  });

  it('hides the button until Aircall is enabled, disables it with the reason when outbound calls are not allowed, and hides it again when disabled', async () => {
    const page = await fixture<HTMLDivElement>(html`<div lang="en">
      <aircall-settings organization-id="org-9" country-code="FR" roles="ADMIN" user-id="admin-1"></aircall-settings>
      <call-button provider="aircall" organization-id="org-9" country-code="FR" number="+33123456789" display-name="Ada"></call-button>
    </div>`);
    const settings = page.querySelector<AircallSettings>('aircall-settings')!;
    const button = page.querySelector<CallButton>('call-button')!;
    const field = (id: string) => settings.shadowRoot!.querySelector<HTMLInputElement>(`#${id}`)!;
    const callButton = () => button.shadowRoot!.querySelector<HTMLButtonElement>("[part~='call-button']");
    const reason = () => button.shadowRoot!.querySelector("[part~='reason']")?.textContent ?? '';
    const type = async (id: string, value: string) => {
      field(id).value = value;
      field(id).dispatchEvent(new Event('input', { bubbles: true, composed: true }));
      await settings.updateComplete;
    };
    const save = async () => {
      expect(await settings.save()).to.equal(true);
      await button.updateComplete;
      await button.updateComplete;
    };

    await until(() => settings.shadowRoot!.querySelector('form'), 'the settings form');
    await until(() => button.unavailable, 'the button to hide while nothing is configured');
    expect(getComputedStyle(button).display).to.equal('none');

    field('enabled').click();
    await type('apiKey', 'AK-live-1234567890');
    await type('apiId', 'id-1');
    await type('integrationName', 'consulat-fr');
    await save();
    expect(button.unavailable).to.equal(false);
    expect(callButton()!.disabled).to.equal(false);

    field('permissions-canMakeOutboundCalls').click();
    await settings.updateComplete;
    await save();
    expect(button.unavailable).to.equal(false);
    expect(callButton()!.disabled).to.equal(true);
    expect(reason()).to.equal('This organisation’s Aircall settings do not allow outbound calls.');

    field('enabled').click();
    await settings.updateComplete;
    await save();
    expect(button.unavailable).to.equal(true);
    expect(getComputedStyle(button).display).to.equal('none');
  });
});
