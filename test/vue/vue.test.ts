import './vue-flags.js';
import { expect } from '@open-wc/testing';
import { createApp, nextTick } from 'vue';
import { configure } from '../../src/config.js';
import type { CallEndEvent, CallErrorEvent } from '../../src/events/events.js';
import { createDemoProvider } from '../../src/providers/demo/index.js';
import { until } from '../helpers/manual-provider.js';
import { resetLibrary } from '../helpers/reset.js';
import { LeadCall } from '../types/vue.js';

/** Vue's full build (with the template compiler); it ships no types of its own under this path. */
const fullBuild = async () => (await import('vue/dist/vue.esm-browser.js' as string)) as typeof import('vue');

describe('Vue (the README snippets)', () => {
  let host: HTMLElement;
  beforeEach(async () => {
    await resetLibrary();
    configure({ providers: { demo: createDemoProvider({ connectAfterMs: 5, answerAfterMs: 5 }) } });
    host = document.createElement('div');
    document.body.append(host);
  });
  afterEach(async () => {
    document.querySelectorAll('call-button').forEach((el) => el.hangup());
    host.remove();
    await resetLibrary();
  });

  it('a template with isCustomElement: bindings reach the element, @call-end and @call-error get the events', async () => {
    const vue = await fullBuild();
    const warnings: string[] = [];
    const ends: CallEndEvent[] = [];
    const errors: CallErrorEvent[] = [];
    const app = vue.createApp({
      data: () => ({ phone: '+33123456789', name: 'Jean Dupont', disabled: true }),
      methods: { onCallEnd: (event: CallEndEvent) => ends.push(event), onCallError: (event: CallErrorEvent) => errors.push(event) },
      template:
        '<call-button :number="phone" :display-name="name" :disabled="disabled" lead-id="lead-42" @call-end="onCallEnd" @call-error="onCallError" />',
    });
    app.config.compilerOptions.isCustomElement = (tag) => tag.startsWith('call-') || tag === 'aircall-settings';
    app.config.warnHandler = (message) => warnings.push(message);
    const vm = app.mount(host) as unknown as { name: string; disabled: boolean };
    const el = host.querySelector('call-button')!;
    await el.updateComplete;
    expect([el.number, el.displayName, el.leadId, el.disabled]).to.deep.equal(['+33123456789', 'Jean Dupont', 'lead-42', true]);

    el.call();
    expect(errors.map((e) => e.detail.code)).to.deep.equal(['call-disabled']);

    vm.name = 'Ada';
    vm.disabled = false;
    await vue.nextTick();
    await el.updateComplete;
    expect([el.displayName, el.disabled]).to.deep.equal(['Ada', false]);
    el.call();
    await until(() => el.state === 'connected', 'connected');
    el.hangup();
    await until(() => ends.length === 1, 'call-end');
    expect(ends[0]!.detail.leadId).to.equal('lead-42');
    expect(warnings).to.deep.equal([]);
    app.unmount();
  });

  it('the render-function component: properties, the onCallEnd listener and the element ref', async () => {
    const app = createApp(LeadCall, { phone: '+33123456789', name: 'Jean Dupont' });
    app.mount(host);
    const el = host.querySelector('call-button')!;
    await el.updateComplete;
    expect([el.number, el.displayName, el.hasAttribute('display-name')]).to.deep.equal(['+33123456789', 'Jean Dupont', false]);
    el.call();
    await until(() => el.state === 'connected', 'connected');
    host.querySelector<HTMLButtonElement>('button[type="button"]')!.click();
    await until(() => host.querySelector('p'), 'the last call');
    await nextTick();
    expect(host.querySelector('p')!.textContent).to.match(/^Last call: completed, \d+ s$/);
    app.unmount();
  });
});
