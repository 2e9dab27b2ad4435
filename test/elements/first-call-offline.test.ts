// The first call of a page when the call pipeline cannot be downloaded (the dev server answers 503 while
// the cookie set below names it; see web-test-runner.config.mjs). This file must not import
// test/helpers/reset.ts, nor anything else that imports src/calls/engine.ts.
import { expect, fixture, html } from '@open-wc/testing';
import { configure } from '../../src/config.js';
import { pageRuntime } from '../../src/calls/page-runtime.js';
import '../../src/elements/call-button/define.js';
import type { CallButton } from '../../src/elements/call-button/call-button.js';
import type { CallErrorDetail } from '../../src/events/events.js';
import { createDemoProvider } from '../../src/providers/demo/index.js';
import { createMemoryStorage } from '../../src/storage/memory/index.js';
import { until } from '../helpers/manual-provider.js';
import { isolatedOutbox } from '../helpers/outbox-names.js';

const COOKIE = 'call-elements-fail';
const part = (el: CallButton, name: string) => el.shadowRoot!.querySelector<HTMLElement>(`[part~='${name}']`);

describe('<call-button>: the first call when its code cannot be downloaded', () => {
  before(() => {
    configure({
      storage: createMemoryStorage(),
      outbox: isolatedOutbox(),
      providers: { demo: createDemoProvider({ connectAfterMs: 10, answerAfterMs: 30 }) },
    });
  });
  after(() => {
    document.cookie = `${COOKIE}=; max-age=0; path=/`;
  });

  it('reports load-failed, in words, and leaves the button ready', async () => {
    document.cookie = `${COOKIE}=${encodeURIComponent('/src/calls/engine.ts')}; path=/`;
    const el = await fixture<CallButton>(html`<call-button number="+33123456789" display-name="Ana"></call-button>`);
    const errors: CallErrorDetail[] = [];
    el.addEventListener('call-error', (event) => errors.push((event as CustomEvent<CallErrorDetail>).detail));
    const starts: unknown[] = [];
    el.addEventListener('call-start', (event) => starts.push(event));

    part(el, 'call-button')!.click();
    await until(() => errors.length > 0, 'call-error');
    expect(errors[0]!.code).to.equal('load-failed');
    expect(errors[0]!.message).to.equal('Part of the calling software could not be downloaded. Check the connection, then try again or reload the page.');
    expect(starts).to.have.length(0);
    expect(pageRuntime().engine() === undefined, 'nothing loaded').to.equal(true);
    await el.updateComplete;
    expect(el.state).to.equal('idle');
    expect(part(el, 'call-button')!.hasAttribute('aria-disabled')).to.equal(false);
    expect(part(el, 'status')!.textContent).to.equal('Ready to call');
    // No retry test: a second import() of the same URL fetches again in Firefox and Safari, but Chromium
    // still replays the failure until the page reloads (whatwg/html#6768), which the message says.
  });

  it('renders in English when the French catalogue cannot be downloaded, rather than not at all', async () => {
    document.cookie = `${COOKIE}=${encodeURIComponent('/src/locales/fr.ts')}; path=/`;
    const el = await fixture<CallButton>(html`<call-button lang="fr" number="+33123456789" display-name="Ana"></call-button>`);
    expect(part(el, 'call-button')!.textContent!.trim()).to.equal('Call Ana');
  });
});
