import { expect, fixture, html } from '@open-wc/testing';
import { defineAircallSettings, defineCallAudioSettings, defineCallControls, defineCallHistory } from '../../src/call-elements.js';
import { defineWorkspaceElement } from '../../src/providers/aircall/workspace-element.js';
import * as events from '../../src/events/events.js';
import { resetLibrary } from '../helpers/reset.js';

interface ManifestElement {
  tagName?: string;
  customElement?: boolean;
  attributes?: { name: string }[];
  events?: { name: string; type?: { text: string } }[];
  cssParts?: { name: string }[];
  members?: { name: string; kind: string; privacy?: string }[];
}

/** The sources whose code dispatches an element's events: its own, and the engine's for the calls it places or takes. */
const SOURCES: Record<string, string | string[]> = {
  'call-button': ['/src/elements/call-button/call-button.ts', '/src/calls/engine.ts'],
  'call-controls': '/src/elements/call-controls/call-controls.ts',
  'call-notification': '/src/elements/call-notification/call-notification.ts',
  'aircall-settings': '/src/elements/aircall-settings/aircall-settings.ts',
  'call-history': '/src/elements/call-history/call-history.ts',
  'call-audio-settings': '/src/elements/call-audio-settings/call-audio-settings.ts',
  'call-aircall-workspace': '/src/providers/aircall/workspace-element.ts',
};

async function manifestElements(): Promise<Map<string, ManifestElement>> {
  const manifest = (await (await fetch('/custom-elements.json')).json()) as { modules: { declarations?: ManifestElement[] }[] };
  const byTag = new Map<string, ManifestElement>();
  for (const module of manifest.modules) {
    for (const declaration of module.declarations ?? []) {
      if (declaration.customElement && declaration.tagName) byTag.set(declaration.tagName, declaration);
    }
  }
  return byTag;
}

/** The event names an element's code dispatches: every library event class it constructs. */
async function emittedEvents(sources: string | string[]): Promise<string[]> {
  const code = (await Promise.all([sources].flat().map(async (source) => (await fetch(source)).text()))).join('\n');
  const classes = new Set([...code.matchAll(/new (\w+Event)\(/g)].map((match) => match[1]!));
  const names: string[] = [];
  for (const name of classes) {
    const EventClass = (events as unknown as Record<string, new (detail: unknown) => Event>)[name];
    expect(EventClass, `${name} is one of the library's event classes`).to.be.a('function');
    names.push(new EventClass({}).type);
  }
  return names.sort();
}

/** Regression guard for issue 6: custom-elements.json must describe what the code really does. */
describe('custom-elements.json matches the code', () => {
  before(async () => {
    defineWorkspaceElement();
    await defineCallControls();
    await defineAircallSettings();
    await defineCallHistory();
    await defineCallAudioSettings();
  });
  afterEach(resetLibrary);

  it('documents every element the library registers', async () => {
    const documented = await manifestElements();
    for (const tag of Object.keys(SOURCES)) {
      expect(customElements.get(tag), `${tag} is registered`).to.be.a('function');
      expect(documented.has(tag), `${tag} is in custom-elements.json`).to.equal(true);
    }
  });

  it('lists every attribute each element observes', async () => {
    const documented = await manifestElements();
    for (const tag of Object.keys(SOURCES)) {
      const observed = (customElements.get(tag) as unknown as { observedAttributes: string[] }).observedAttributes;
      const listed = new Set(documented.get(tag)!.attributes?.map((attribute) => attribute.name));
      const missing = observed.filter((name) => !listed.has(name));
      expect(missing, `${tag}: observed attributes missing from the manifest`).to.deep.equal([]);
    }
  });

  it('lists every event each element dispatches, with its type', async () => {
    const documented = await manifestElements();
    for (const [tag, source] of Object.entries(SOURCES)) {
      const emitted = await emittedEvents(source);
      const listed = documented.get(tag)!.events ?? [];
      const missing = emitted.filter((name) => !listed.some((event) => event.name === name));
      expect(missing, `${tag}: dispatched events missing from the manifest`).to.deep.equal([]);
      for (const event of listed) expect(event.type?.text, `${tag} ${event.name} has a type`).to.match(/Event$/);
    }
    expect(await emittedEvents(SOURCES['call-button']!)).to.include.members(['call-start', 'call-connect', 'call-end', 'call-error', 'call-stored']);
  });

  it('lists every part the elements render', async () => {
    const documented = await manifestElements();
    const page = await fixture(html`<div>
      <call-button number="+33123456789" display-name="Ada"></call-button>
      <call-notification notify="all"></call-notification>
      <aircall-settings organization-id="org-m" country-code="FR" roles="ADMIN"></aircall-settings>
      <call-history lead-id="lead-m"></call-history>
      <call-audio-settings></call-audio-settings>
    </div>`);
    const settings = page.querySelector('aircall-settings')!;
    await new Promise((resolve) => setTimeout(resolve, 200));
    for (const element of [page.querySelector('call-button')!, page.querySelector('call-notification')!, settings, page.querySelector('call-history')!, page.querySelector('call-audio-settings')!]) {
      const tag = element.localName;
      const rendered = new Set(
        [...element.shadowRoot!.querySelectorAll('[part]')].flatMap((node) => node.getAttribute('part')!.split(/\s+/)),
      );
      expect(rendered.size, `${tag} renders parts`).to.be.greaterThan(0);
      const listed = new Set(documented.get(tag)!.cssParts?.map((part) => part.name));
      const missing = [...rendered].filter((name) => !listed.has(name));
      expect(missing, `${tag}: rendered parts missing from the manifest`).to.deep.equal([]);
    }
  });

  it('documents the public methods of <call-button>', async () => {
    const members = (await manifestElements()).get('call-button')!.members ?? [];
    const methods = members.filter((member) => member.kind === 'method' && member.privacy !== 'private').map((member) => member.name);
    expect(methods).to.include.members(['call', 'hangup', 'mute', 'answer', 'decline', 'sendDigits']);
  });
});
