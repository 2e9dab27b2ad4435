import { expect } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { placeCall } from '../../src/calls/engine-api.js';
import { configure } from '../../src/config.js';
import { createAircallProvider } from '../../src/providers/aircall/index.js';
import { until } from '../helpers/manual-provider.js';
import {
  NUMBER,
  PARAMS,
  dialledNumbers,
  fakeWorkspace,
  resetAircall,
  useConfig,
  workspaceDialog,
  workspaceElement,
  workspaceFrame,
  workspaceUrl,
} from '../fixtures/aircall-workspace-helpers.js';

function part(name: string): HTMLElement {
  return workspaceElement()!.shadowRoot!.querySelector<HTMLElement>(`[part~='${name}']`)!;
}

/** The focused element, inside shadow roots too. */
function deepActiveElement(): Element | null {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
}

function startFrom(trigger: HTMLElement, query = '?login=manual') {
  configure({ providers: { aircall: createAircallProvider({ workspaceUrl: workspaceUrl('aircall-workspace.html', query) }) } });
  trigger.focus();
  return placeCall({ provider: 'aircall', number: NUMBER, params: PARAMS });
}

describe('<call-aircall-workspace>: the workspace dialog', function () {
  this.timeout(15_000);
  let trigger: HTMLButtonElement;

  beforeEach(async () => {
    await resetAircall();
    trigger = document.createElement('button');
    trigger.textContent = 'Call';
    document.body.append(trigger);
  });

  afterEach(() => trigger.remove());

  it('is a labelled modal dialog that takes focus and gives it back when Escape closes it', async () => {
    useConfig();
    const placed = startFrom(trigger);
    await until(() => workspaceDialog()?.open, 'the dialog');
    const dialog = workspaceDialog()!;
    expect(dialog.matches(':modal'), 'opened with showModal()').to.equal(true);
    const title = workspaceElement()!.shadowRoot!.getElementById(dialog.getAttribute('aria-labelledby')!)!;
    expect(title.textContent).to.equal('Aircall workspace');
    expect(title.localName).to.equal('h2');
    expect(deepActiveElement() === part('close-button'), 'focus moved into the dialog').to.equal(true);
    expect(part('close-button').getAttribute('aria-label')).to.equal('Close the Aircall workspace');
    expect(part('status').getAttribute('role')).to.equal('status');

    await sendKeys({ press: 'Escape' });
    await until(() => !dialog.open, 'the dialog to close');
    await until(() => deepActiveElement() === trigger, 'focus back on the button that started the call');
    expect((await placed.record).error?.code, 'closed before signing in').to.equal('aircall-not-ready');
  });

  it('gives focus back after the close button too', async () => {
    useConfig();
    startFrom(trigger);
    await until(() => workspaceDialog()?.open, 'the dialog');
    part('close-button').click();
    expect(workspaceDialog()!.open).to.equal(false);
    await until(() => deepActiveElement() === trigger, 'focus on the trigger');
  });

  it('gives focus to the element the caller re-rendered in place of the one that had it', async () => {
    // <call-button> swaps its call button for a hang-up button: focus goes into the same host.
    const host = document.createElement('div');
    const root = host.attachShadow({ mode: 'open' });
    const original = document.createElement('button');
    root.append(original);
    document.body.append(host);
    try {
      useConfig();
      startFrom(original);
      await until(() => workspaceDialog()?.open, 'the dialog');
      const replacement = document.createElement('button');
      original.replaceWith(replacement);
      part('close-button').click();
      await until(() => deepActiveElement() === replacement, 'focus on the re-rendered button');
    } finally {
      host.remove();
    }
  });

  it('frames the workspace without inline styles, with a title and the permissions the workspace needs', async () => {
    useConfig();
    startFrom(trigger, '');
    await fakeWorkspace();
    const frame = workspaceFrame()!;
    expect(frame.hasAttribute('style')).to.equal(false);
    expect(frame.title).to.equal('Aircall workspace');
    expect(frame.getAttribute('part')).to.equal('frame');
    expect(frame.allow).to.equal('microphone; autoplay; clipboard-read; clipboard-write; hid');
    expect(new URL(frame.src).searchParams.get('integration')).to.equal('generic');
    expect(workspaceElement()!.parentElement === document.body).to.equal(true);
  });

  for (const [size, width, height] of [
    ['small', 376, 600],
    ['medium', 376, 666],
    ['big', 480, 800],
  ] as const) {
    it(`takes the organisation’s workspace size: ${size}`, async () => {
      useConfig({ workspaceSize: size });
      startFrom(trigger);
      await until(() => workspaceDialog()?.open, 'the dialog');
      expect(workspaceElement()!.getAttribute('size')).to.equal(size);
      const body = getComputedStyle(part('body'));
      expect(body.width).to.equal(`${width}px`);
      // The height yields to a small window (max-height), so compare the size asked for.
      expect(getComputedStyle(workspaceElement()!).getPropertyValue('--_height').trim()).to.equal(`${height}px`);
    });
  }

  it('lets the page size the workspace with custom properties', async () => {
    useConfig();
    const style = new CSSStyleSheet();
    style.replaceSync('call-aircall-workspace { --call-aircall-workspace-width: 333px; }');
    document.adoptedStyleSheets = [...document.adoptedStyleSheets, style];
    try {
      startFrom(trigger);
      await until(() => workspaceDialog()?.open, 'the dialog');
      expect(getComputedStyle(part('body')).width).to.equal('333px');
    } finally {
      document.adoptedStyleSheets = document.adoptedStyleSheets.filter((sheet) => sheet !== style);
    }
  });

  it('speaks French', async () => {
    document.documentElement.lang = 'fr';
    useConfig();
    startFrom(trigger);
    await until(() => workspaceDialog()?.open, 'the dialog');
    await until(() => part('status').textContent?.includes('Connectez-vous'), 'the French sign-in prompt');
    expect(part('title').textContent).to.equal('Espace de travail Aircall');
    expect(part('close-button').getAttribute('aria-label')).to.equal('Fermer l’espace de travail Aircall');
    expect(workspaceFrame()!.title).to.equal('Espace de travail Aircall');
  });

  it('keeps the call going when the agent closes the dialog during the call', async () => {
    useConfig();
    const placed = startFrom(trigger, '');
    const fake = await fakeWorkspace();
    await until(() => dialledNumbers(fake).length, 'the dial');
    fake.emit('outgoing_call', { to: NUMBER, call_id: 3 });
    fake.emit('outgoing_answered', { call_id: 3 });
    await until(() => placed.session.state === 'connected', 'connected');
    part('close-button').focus();
    await sendKeys({ press: 'Escape' });
    await until(() => !workspaceDialog()!.open, 'the dialog to close');
    expect(placed.session.state).to.equal('connected');
    expect(workspaceFrame()!.isConnected, 'the workspace (and its call) stays loaded').to.equal(true);
    fake.emit('call_ended', { duration: 5, call_id: 3 });
    expect((await placed.record).details).to.deep.equal({ durationSec: 5 });
  });
});
