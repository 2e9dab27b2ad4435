import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { configure } from '../../src/config.js';
import '../../src/elements/aircall-settings/define.js';
import type { AircallSettings } from '../../src/elements/aircall-settings/aircall-settings.js';
import type { SettingsErrorDetail, SettingsSavedDetail } from '../../src/events/events.js';
import { CallElementsError } from '../../src/internal/errors.js';
import { defaultAircallConfig, type AircallConfig, type AircallScope } from '../../src/schema/aircall-config.js';
import { createHttpStorage } from '../../src/storage/http/index.js';
import { createMemoryStorage, type MemoryStorage } from '../../src/storage/memory/index.js';
import type { CallStorage } from '../../src/storage/types.js';
import { $aircallConfigs, resetAircallConfigs } from '../../src/store/aircall.js';
import { startHttpBackend, type FakeHttpBackend } from '../helpers/http-backend.js';
import { until } from '../helpers/manual-provider.js';
import { contrast } from '../helpers/contrast.js';
import { resetLibrary } from '../helpers/reset.js';

type El = AircallSettings;

const SCOPE: AircallScope = { organizationId: 'org-1', countryCode: 'GA' };
const KEY = 'AK-live-7f3a9c2e5b1d';

const root = (el: El) => el.shadowRoot!;
const q = <T extends Element = HTMLElement>(el: El, selector: string) => root(el).querySelector<T>(selector);
const part = <T extends Element = HTMLElement>(el: El, name: string) => q<T>(el, `[part~='${name}']`);
const field = (el: El, id: string) => q<HTMLInputElement>(el, `#${id}`)!;
const text = (node: Element | null | undefined) => (node?.textContent ?? '').replace(/\s+/g, ' ').trim();
const statusText = (el: El) => text(part(el, 'status'));
/** The form's alert region (save errors, conflicts). */
const alertText = (el: El) => text(q(el, "form [part~='alert']") ?? q(el, "[part~='alert']"));
const focusedId = (el: El) => root(el).activeElement?.id ?? null;

function collect<T>(el: EventTarget, type: string): T[] {
  const seen: T[] = [];
  el.addEventListener(type, (event) => seen.push((event as CustomEvent<T>).detail));
  return seen;
}

async function ready(el: El): Promise<El> {
  await until(() => q(el, 'form') || part(el, 'read-only') || q(el, '.failure'), 'the settings to load or fail');
  await el.updateComplete;
  return el;
}

async function settings(roles = 'ADMIN', scope: AircallScope = SCOPE, extra: { lang?: string; userId?: string } = {}): Promise<El> {
  const el = await fixture<El>(html`<aircall-settings
    organization-id=${scope.organizationId}
    country-code=${scope.countryCode}
    roles=${roles}
    lang=${extra.lang ?? 'en'}
    user-id=${extra.userId ?? ''}
  ></aircall-settings>`);
  return ready(el);
}

async function type(el: El, id: string, value: string): Promise<void> {
  const input = field(el, id);
  input.value = value;
  input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
  input.dispatchEvent(new Event('blur'));
  await el.updateComplete;
}

async function setChecked(el: El, id: string, on: boolean): Promise<void> {
  const input = field(el, id);
  if (input.checked !== on) input.click();
  await el.updateComplete;
}

async function fillEnabled(el: El, key = KEY): Promise<void> {
  await setChecked(el, 'enabled', true);
  if (key) await type(el, 'apiKey', key);
  await type(el, 'apiId', 'id-123');
  await type(el, 'integrationName', 'consulat-ga');
}

const enabledConfig = (changes: Partial<AircallConfig> = {}): AircallConfig => ({
  ...defaultAircallConfig(),
  enabled: true,
  apiId: 'id-123',
  integrationName: 'consulat-ga',
  ...changes,
});

/** A memory storage that records what reaches saveConfig. */
function spiedStorage(): { storage: MemoryStorage; saves: AircallConfig[] } {
  const memory = createMemoryStorage();
  const saves: AircallConfig[] = [];
  const storage: MemoryStorage = {
    ...memory,
    saveConfig(scope, config, options) {
      saves.push(structuredClone(config));
      return memory.saveConfig(scope, config, options);
    },
  };
  configure({ storage });
  return { storage, saves };
}

describe('<aircall-settings>', () => {
  beforeEach(async () => {
    await resetLibrary();
    resetAircallConfigs();
  });
  afterEach(async () => {
    await resetLibrary();
    resetAircallConfigs();
  });

  describe('fields', () => {
    it('shows every field of the seed configuration with the defaults when nothing is configured, in an accessible form', async () => {
      spiedStorage();
      const el = await settings();
      expect(field(el, 'enabled').checked).to.equal(false);
      const key = field(el, 'apiKey');
      expect(key.type).to.equal('password');
      expect(key.value).to.equal('');
      expect(key.getAttribute('autocomplete')).to.equal('new-password');
      expect(field(el, 'apiId').value).to.equal('');
      expect(field(el, 'integrationName').value).to.equal('');
      expect(['small', 'medium', 'big'].map((size) => field(el, `workspaceSize-${size}`).checked)).to.deep.equal([false, true, false]);
      for (const name of ['onLogin', 'onLogout', 'onCallStart', 'onCallEnd', 'onCallAnswer']) {
        expect(field(el, `events-${name}`).checked, name).to.equal(true);
      }
      expect(
        ['canMakeOutboundCalls', 'canReceiveInboundCalls', 'canTransferCalls', 'canRecordCalls'].map((name) => field(el, `permissions-${name}`).checked),
      ).to.deep.equal([true, false, false, false]);

      const legends = [...root(el).querySelectorAll('fieldset > legend')].map(text);
      expect(legends).to.deep.equal(['Connection', 'Workspace size', 'Traced events', 'Permissions']);
      for (const input of root(el).querySelectorAll('input:not([type=file])')) {
        const label = q(el, `label[for="${input.id}"]`);
        expect(text(label), `label of #${input.id}`).to.not.equal('');
      }
      expect(q(el, 'form')!.hasAttribute('novalidate')).to.equal(true);
      expect(text(part(el, 'notice'))).to.contain('not configured');
      expect(el.dirty).to.equal(false);
      expect(el.config).to.equal(undefined);
      await expect(el).shadowDom.to.be.accessible();
    });

    it('loads a saved configuration through the configured storage and shows every value, the key only as "set, ends with"', async () => {
      const { storage } = spiedStorage();
      const saved = await storage.saveConfig(
        SCOPE,
        enabledConfig({
          apiKey: KEY,
          workspaceSize: 'big',
          events: { onLogin: false, onLogout: true, onCallStart: false, onCallEnd: true, onCallAnswer: false },
          permissions: { canMakeOutboundCalls: true, canReceiveInboundCalls: true, canTransferCalls: false, canRecordCalls: true },
        }),
        { expectedVersion: 0, updatedBy: 'admin-7' },
      );
      const el = await settings();
      expect(field(el, 'enabled').checked).to.equal(true);
      expect(field(el, 'apiId').value).to.equal('id-123');
      expect(field(el, 'integrationName').value).to.equal('consulat-ga');
      expect(field(el, 'workspaceSize-big').checked).to.equal(true);
      expect(['onLogin', 'onLogout', 'onCallStart', 'onCallEnd', 'onCallAnswer'].map((n) => field(el, `events-${n}`).checked)).to.deep.equal([
        false,
        true,
        false,
        true,
        false,
      ]);
      expect(
        ['canMakeOutboundCalls', 'canReceiveInboundCalls', 'canTransferCalls', 'canRecordCalls'].map((n) => field(el, `permissions-${n}`).checked),
      ).to.deep.equal([true, true, false, true]);
      expect(text(part(el, 'key-status'))).to.equal('Set, ends with 9b1d'.replace('9b1d', KEY.slice(-4)));
      expect(q(el, '#apiKey') === null, 'no key input until "Replace"').to.equal(true);
      expect(text(part(el, 'version-info'))).to.match(/^Version 1, saved by admin-7 on .+\.$/);
      expect(el.config).to.deep.equal(saved);
      expect($aircallConfigs.get()['org-1:GA']).to.deep.equal(saved);
      await expect(el).shadowDom.to.be.accessible();
    });

    it('speaks French: every label and help text', async () => {
      spiedStorage();
      const el = await settings('ADMIN', SCOPE, { lang: 'fr' });
      expect(text(q(el, 'label[for="enabled"]'))).to.equal('Activer Aircall');
      expect(text(q(el, 'label[for="apiKey"]'))).to.equal('Clé API');
      expect(text(q(el, 'label[for="apiId"]'))).to.equal('ID API');
      expect(text(q(el, 'label[for="integrationName"]'))).to.equal('Nom d’intégration');
      expect([...root(el).querySelectorAll('fieldset > legend')].map(text)).to.deep.equal([
        'Connexion',
        'Taille de l’espace de travail',
        'Événements tracés',
        'Autorisations',
      ]);
      expect(text(part(el, 'save-button'))).to.equal('Enregistrer');
      expect(q(el, 'form')!.getAttribute('aria-label')).to.equal('Paramètres Aircall de org-1 (GA)');
      const helps = [...root(el).querySelectorAll("[part~='help']")].map(text);
      expect(helps.every((help) => help.length > 0)).to.equal(true);
      expect(helps.join(' ')).to.contain('écriture seule');
    });

    it('accepts a lower-case country code and reloads when the organisation changes', async () => {
      const { storage } = spiedStorage();
      await storage.saveConfig({ organizationId: 'org-2', countryCode: 'FR' }, enabledConfig({ apiKey: KEY, apiId: 'fr-id' }), { expectedVersion: 0 });
      const el = await settings('ADMIN', { organizationId: 'org-1', countryCode: 'ga' });
      expect(field(el, 'apiId').value).to.equal('');
      el.organizationId = 'org-2';
      el.countryCode = 'fr';
      await until(() => field(el, 'apiId')?.value === 'fr-id', 'org-2 loaded');
      expect(q(el, 'form')!.getAttribute('aria-label')).to.equal('Aircall settings of org-2 (FR)');
    });

    it('says which attributes are missing instead of loading anything', async () => {
      spiedStorage();
      const errors: SettingsErrorDetail[] = [];
      document.addEventListener('settings-error', (e) => errors.push((e as CustomEvent<SettingsErrorDetail>).detail), { once: true });
      const el = await fixture<El>(html`<aircall-settings roles="ADMIN"></aircall-settings>`);
      await ready(el);
      expect(text(part(el, 'alert'))).to.equal('Aircall needs the organization-id and country-code of the organisation to call from.');
      expect(q(el, 'form') === null).to.equal(true);
      expect(errors.map((e) => e.code)).to.deep.equal(['scope-missing']);
    });
  });

  describe('role gate', () => {
    for (const roles of ['ADMIN', 'manager', 'Super_Admin', 'agent, admin', 'AGENT MANAGER']) {
      it(`lets "${roles}" edit`, async () => {
        spiedStorage();
        const el = await settings(roles);
        expect(el.canEdit).to.equal(true);
        expect(part(el, 'save-button')).to.not.equal(null);
        expect(field(el, 'apiId').disabled).to.equal(false);
      });
    }

    for (const roles of ['', 'AGENT', 'viewer,user', 'administrator', 'SUPER-ADMIN']) {
      it(`shows "${roles || '(no roles)'}" a read-only view without a save control`, async () => {
        const { storage, saves } = spiedStorage();
        await storage.saveConfig(SCOPE, enabledConfig({ apiKey: KEY }), { expectedVersion: 0 });
        const el = await settings(roles);
        expect(el.canEdit).to.equal(false);
        expect(part(el, 'save-button')).to.equal(null);
        expect(part(el, 'reset-button')).to.equal(null);
        expect(part(el, 'import-button')).to.equal(null);
        expect(part(el, 'replace-key-button')).to.equal(null);
        expect(text(q(el, '#read-only'))).to.equal(
          'Read-only You can view these settings but not change them. To change them, ask an administrator (ADMIN, MANAGER or SUPER_ADMIN role).',
        );
        expect(q(el, 'form, fieldset, input:not([type=file]), [disabled]') === null, 'no disabled form that Tab skips').to.equal(true);
        expect(text(part(el, 'key-status'))).to.equal(`Set, ends with ${KEY.slice(-4)}`);
        expect(root(el).innerHTML).to.not.contain(KEY.slice(0, -4));

        const errors = collect<SettingsErrorDetail>(el, 'settings-error');
        expect(await el.save()).to.equal(false);
        expect(el.importConfig(defaultAircallConfig()).ok).to.equal(false);
        expect(errors.map((e) => e.code)).to.deep.equal(['permission-denied', 'import-invalid']);
        expect(saves, 'only the setup save').to.have.length(1);
        await expect(el).shadowDom.to.be.accessible();
      });
    }

    it('is read-only with the readonly attribute whatever the roles', async () => {
      spiedStorage();
      const el = await settings('ADMIN');
      el.readOnly = true;
      await el.updateComplete;
      expect(part(el, 'save-button')).to.equal(null);
      expect(el.hasAttribute('readonly')).to.equal(true);
    });
  });

  describe('backend errors (HTTP storage)', () => {
    let backend: FakeHttpBackend;
    before(async () => {
      backend = await startHttpBackend();
    });
    beforeEach(() => {
      backend.reset();
      configure({ storage: createHttpStorage({ baseUrl: backend.baseUrl }) });
    });

    it('shows "Permission denied" for a 403 on load, in English and in French', async () => {
      backend.setConfigRole('none');
      const errors: SettingsErrorDetail[] = [];
      const listener = (e: Event) => errors.push((e as CustomEvent<SettingsErrorDetail>).detail);
      document.addEventListener('settings-error', listener);
      try {
        const el = await settings();
        expect(text(part(el, 'alert'))).to.equal('Permission denied: your role cannot do this.');
        expect(q(el, 'form') === null).to.equal(true);
        const fr = await settings('ADMIN', SCOPE, { lang: 'fr' });
        expect(text(part(fr, 'alert'))).to.equal('Action non autorisée : votre rôle ne le permet pas.');
        expect(errors.map((e) => e.code)).to.deep.equal(['permission-denied', 'permission-denied']);
        expect(errors[1]!.message).to.equal('Action non autorisée : votre rôle ne le permet pas.');
      } finally {
        document.removeEventListener('settings-error', listener);
      }
    });

    it('shows "Organization not found" for an unknown organisation, in English and in French', async () => {
      backend.setOrganizations(['someone-else']);
      const el = await settings();
      expect(text(part(el, 'alert'))).to.equal('Organization not found.');
      const fr = await settings('ADMIN', SCOPE, { lang: 'fr' });
      expect(text(part(fr, 'alert'))).to.equal('Organisation introuvable.');
    });

    it('shows "Permission denied" when the server refuses the save, keeping the changes', async () => {
      backend.setConfigRole('viewer');
      const el = await settings('ADMIN');
      const errors = collect<SettingsErrorDetail>(el, 'settings-error');
      await fillEnabled(el);
      expect(await el.save()).to.equal(false);
      expect(alertText(el)).to.equal('Permission denied: your role cannot do this.');
      expect(errors.map((e) => e.code)).to.deep.equal(['permission-denied']);
      expect(el.dirty).to.equal(true);
      expect(field(el, 'apiId').value).to.equal('id-123');
    });

    it('sends If-Match with the version it loaded, and a 412 is a conflict', async () => {
      const el = await settings('ADMIN', SCOPE, { userId: 'admin-1' });
      await fillEnabled(el);
      expect(await el.save()).to.equal(true);
      await type(el, 'apiId', 'id-456');
      expect(await el.save()).to.equal(true);
      const puts = backend.requestsTo('PUT', '/organizations/');
      expect(puts.map((r) => r.ifMatch)).to.deep.equal(['0', '1']);
      expect(puts.map((r) => (r.body as { updatedBy?: string }).updatedBy)).to.deep.equal(['admin-1', 'admin-1']);

      backend.failNext(1, { status: 412, body: { message: 'version 3 is saved' } }, { method: 'PUT' });
      await type(el, 'apiId', 'id-789');
      expect(await el.save()).to.equal(false);
      expect(alertText(el)).to.contain('Someone else changed this configuration');
      expect(part(el, 'reload-button')).to.not.equal(null);
    });
  });

  describe('validation', () => {
    it('shows an inline error on blur, tied to the field for screen readers, and clears it once fixed', async () => {
      spiedStorage();
      const el = await settings();
      await setChecked(el, 'enabled', true);
      expect(q(el, "[part~='field-error']") === null, 'nothing before the person leaves a field').to.equal(true);
      await type(el, 'apiId', '   ');
      const apiId = field(el, 'apiId');
      expect(apiId.getAttribute('aria-invalid')).to.equal('true');
      const describedBy = apiId.getAttribute('aria-describedby')!.split(' ');
      const error = q(el, '#apiId-error')!;
      expect(describedBy).to.include('apiId-error');
      expect(describedBy).to.include('apiId-help');
      expect(text(error)).to.equal('Required when Aircall is enabled.');
      expect(q(el, '#integrationName-error') === null, 'untouched fields stay quiet').to.equal(true);

      await type(el, 'apiId', 'id-123');
      expect(field(el, 'apiId').getAttribute('aria-invalid')).to.equal('false');
      expect(q(el, '#apiId-error') === null).to.equal(true);
      expect(field(el, 'apiId').getAttribute('aria-describedby')).to.equal('apiId-help');
    });

    it('checks every field on submit, lists the problems, focuses the summary and sends nothing', async () => {
      const { saves } = spiedStorage();
      const el = await settings();
      const errors = collect<SettingsErrorDetail>(el, 'settings-error');
      await setChecked(el, 'enabled', true);
      part(el, 'save-button')!.click();
      await until(() => part(el, 'error-summary'), 'error summary');
      await el.updateComplete;
      expect([...part(el, 'error-summary')!.querySelectorAll('li')].map(text)).to.deep.equal([
        'API key: Required when Aircall is enabled.',
        'API ID: Required when Aircall is enabled.',
        'Integration name: Required when Aircall is enabled.',
      ]);
      expect(part(el, 'error-summary')!.getAttribute('role')).to.equal('alert');
      expect(focusedId(el), 'focus moves to the summary').to.equal('error-summary');
      for (const id of ['apiKey', 'apiId', 'integrationName']) {
        expect(field(el, id).getAttribute('aria-invalid'), id).to.equal('true');
        expect(field(el, id).getAttribute('aria-describedby'), id).to.contain(`${id}-error`);
      }
      expect(saves).to.have.length(0);
      expect(errors.map((e) => e.code)).to.deep.equal(['config-invalid']);
      expect(errors[0]!.message).to.contain('API ID (apiId): Required when Aircall is enabled.');

      q<HTMLButtonElement>(el, "[part~='error-summary'] li:nth-child(3) button")!.click();
      expect(focusedId(el)).to.equal('integrationName');
    });

    const wrong: [string, string, string][] = [
      ['integrationName', '<script>', 'Use 1 to 64 letters, digits, spaces, dots, dashes or underscores, starting with a letter or a digit (e.g. “consulat-ga”).'],
      ['integrationName', 'x'.repeat(65), 'Use 1 to 64 letters, digits, spaces, dots, dashes or underscores, starting with a letter or a digit (e.g. “consulat-ga”).'],
      ['apiId', 'i'.repeat(201), 'Must be 200 characters or fewer.'],
      ['apiKey', 'k'.repeat(201), 'Must be 200 characters or fewer.'],
    ];
    for (const [name, value, message] of wrong) {
      it(`refuses ${name} = "${value.slice(0, 12)}${value.length > 12 ? '…' : ''}" with "${message.slice(0, 30)}…"`, async () => {
        const { saves } = spiedStorage();
        const el = await settings();
        await fillEnabled(el);
        await type(el, name, value);
        expect(text(q(el, `#${name}-error`))).to.equal(message);
        expect(await el.save()).to.equal(false);
        expect(saves).to.have.length(0);
      });
    }

    it('does not require the keys when Aircall is disabled, and saves trimmed values', async () => {
      const { saves } = spiedStorage();
      const el = await settings();
      await setChecked(el, 'enabled', true);
      await type(el, 'apiId', '');
      expect(q(el, '#apiId-error')).to.not.equal(null);
      await setChecked(el, 'enabled', false);
      expect(q(el, '#apiId-error') === null).to.equal(true);
      await type(el, 'integrationName', '  my-team  ');
      expect(await el.save()).to.equal(true);
      expect(saves).to.deep.equal([{ ...defaultAircallConfig(), integrationName: 'my-team' }]);
    });

    it('shows its messages in French', async () => {
      spiedStorage();
      const el = await settings('ADMIN', SCOPE, { lang: 'fr' });
      await setChecked(el, 'enabled', true);
      await type(el, 'apiId', '');
      expect(text(q(el, '#apiId-error'))).to.equal('Obligatoire quand Aircall est activé.');
      await el.save();
      await el.updateComplete;
      expect(text(part(el, 'error-summary')!.querySelector('li'))).to.equal('Clé API : Obligatoire quand Aircall est activé.');
    });
  });

  describe('saving and the API key', () => {
    it('saves with the Save button: settings-saved with the public config and version, the key only as its last four characters', async () => {
      spiedStorage();
      const el = await settings('ADMIN', SCOPE, { userId: 'admin-1' });
      const saved = collect<SettingsSavedDetail>(el, 'settings-saved');
      await fillEnabled(el);
      part(el, 'save-button')!.click();
      await until(() => saved.length === 1, 'settings-saved');
      await el.updateComplete;
      const detail = saved[0]!;
      expect(detail.organizationId).to.equal('org-1');
      expect(detail.countryCode).to.equal('GA');
      expect(detail.version).to.equal(1);
      expect(detail.config).to.include({ enabled: true, apiId: 'id-123', integrationName: 'consulat-ga', apiKeySet: true, apiKeyLast4: KEY.slice(-4), version: 1, updatedBy: 'admin-1' });
      expect('apiKey' in detail.config).to.equal(false);
      expect(statusText(el)).to.equal('Settings saved (version 1).');
      expect(text(part(el, 'key-status'))).to.equal(`Set, ends with ${KEY.slice(-4)}`);
      expect(q(el, '#apiKey') === null, 'the key input is gone').to.equal(true);
      expect(el.dirty).to.equal(false);
      expect($aircallConfigs.get()['org-1:GA']).to.deep.equal(detail.config);
    });

    it('says what happened in the language of the moment; a change of language empties the status line instead of saying it again', async () => {
      const el = await settings('ADMIN', SCOPE, { userId: 'admin-1' });
      await fillEnabled(el);
      expect(await el.save()).to.equal(true);
      await el.updateComplete;
      expect(statusText(el)).to.equal('Settings saved (version 1).');
      el.lang = 'fr';
      await until(() => text(part(el, 'save-button')) === 'Enregistrer', 'the form in French');
      expect(statusText(el), 'an English message is not read again in French').to.equal('');
      el.reset();
      await el.updateComplete;
      expect(statusText(el)).to.equal('Modifications abandonnées. Le formulaire affiche les paramètres enregistrés.');
    });

    it('"Replace" reveals an empty key input; leaving it empty keeps the key, typing a new one replaces it', async () => {
      const { saves } = spiedStorage();
      const el = await settings();
      await fillEnabled(el);
      await el.save();
      await el.updateComplete;

      part(el, 'replace-key-button')!.click();
      await el.updateComplete;
      expect(field(el, 'apiKey').value).to.equal('');
      expect(focusedId(el)).to.equal('apiKey');
      expect(text(q(el, 'label[for="apiKey"]'))).to.equal('New API key');
      expect(text(q(el, '#apiKey-keep-help'))).to.equal(`Leave it empty to keep the current key (Set, ends with ${KEY.slice(-4)}).`);
      await type(el, 'apiId', 'id-456');
      expect(await el.save()).to.equal(true);
      expect('apiKey' in saves[1]!).to.equal(false);
      expect(el.config).to.include({ apiKeySet: true, apiKeyLast4: KEY.slice(-4), apiId: 'id-456' });

      part(el, 'replace-key-button')!.click();
      await el.updateComplete;
      await type(el, 'apiKey', 'AK-second-key-0042');
      expect(el.dirty).to.equal(true);
      expect(await el.save()).to.equal(true);
      expect(saves[2]!.apiKey).to.equal('AK-second-key-0042');
      expect(el.config).to.include({ apiKeyLast4: '0042' });
    });

    it('"Keep the current key" cancels a replacement', async () => {
      spiedStorage();
      const el = await settings();
      await fillEnabled(el);
      await el.save();
      await el.updateComplete;
      part(el, 'replace-key-button')!.click();
      await el.updateComplete;
      await type(el, 'apiKey', 'typo');
      expect(el.dirty).to.equal(true);
      part(el, 'keep-key-button')!.click();
      await el.updateComplete;
      expect(q(el, '#apiKey') === null).to.equal(true);
      expect(focusedId(el)).to.equal('replace-key');
      expect(el.dirty).to.equal(false);
    });

    it('records who saved from configure({ identity }) when there is no user-id', async () => {
      spiedStorage();
      configure({ identity: async () => ({ userId: 'from-identity' }) });
      const el = await settings();
      await fillEnabled(el);
      await el.save();
      expect(el.config?.updatedBy).to.equal('from-identity');
    });

    it('saves from the keyboard alone: Space toggles, Tab moves, Enter submits', async () => {
      spiedStorage();
      const el = await settings();
      const saved = collect<SettingsSavedDetail>(el, 'settings-saved');
      field(el, 'enabled').focus();
      await sendKeys({ press: ' ' }); // the space bar ("Space" is Chromium's name only)
      await sendKeys({ press: 'Tab' });
      expect(focusedId(el)).to.equal('apiKey');
      await sendKeys({ type: 'AK-typed-key-5678' });
      await sendKeys({ press: 'Tab' });
      await sendKeys({ type: 'id-1' });
      await sendKeys({ press: 'Tab' });
      await sendKeys({ type: 'team-1' });
      await sendKeys({ press: 'Enter' });
      await until(() => saved.length === 1, 'saved from the keyboard');
      expect(saved[0]!.config).to.include({ enabled: true, apiId: 'id-1', integrationName: 'team-1', apiKeyLast4: '5678' });
    });
  });

  describe('concurrency', () => {
    it('says someone else changed the configuration, keeps the changes, and "Reload" brings the saved version', async () => {
      const { storage } = spiedStorage();
      await storage.saveConfig(SCOPE, enabledConfig({ apiKey: KEY }), { expectedVersion: 0 });
      const el = await settings();
      const errors = collect<SettingsErrorDetail>(el, 'settings-error');
      await storage.saveConfig(SCOPE, enabledConfig({ apiId: 'their-id' }), { expectedVersion: 1, updatedBy: 'someone-else' });

      await type(el, 'apiId', 'my-id');
      expect(await el.save()).to.equal(false);
      expect(alertText(el)).to.equal(
        'Someone else changed this configuration since you opened it. Reload it to see their changes. Reload (discards your changes)',
      );
      expect(errors.map((e) => e.code)).to.deep.equal(['config-conflict']);
      expect(field(el, 'apiId').value, 'nothing lost').to.equal('my-id');
      expect(el.dirty).to.equal(true);

      q<HTMLButtonElement>(el, '#reload')!.focus();
      part(el, 'reload-button')!.click();
      await until(() => field(el, 'apiId')?.value === 'their-id', 'reloaded');
      await el.updateComplete;
      expect(el.config?.version).to.equal(2);
      expect(el.dirty).to.equal(false);
      expect(alertText(el)).to.equal('');
      expect(focusedId(el), 'focus is not dropped').to.equal('enabled');
      expect(await el.save()).to.equal(true);
      expect(el.config?.version).to.equal(3);
    });
  });

  describe('dirty state', () => {
    it('indicates unsaved changes, and Reset restores the saved values', async () => {
      const { storage } = spiedStorage();
      await storage.saveConfig(SCOPE, enabledConfig({ apiKey: KEY }), { expectedVersion: 0 });
      const el = await settings();
      expect(part(el, 'dirty-indicator')).to.equal(null);
      expect(part<HTMLButtonElement>(el, 'reset-button')!.disabled).to.equal(true);

      await type(el, 'integrationName', 'other-name');
      await setChecked(el, 'permissions-canRecordCalls', true);
      field(el, 'workspaceSize-small').click();
      await el.updateComplete;
      expect(el.dirty).to.equal(true);
      expect(text(part(el, 'dirty-indicator'))).to.equal('Unsaved changes');

      part(el, 'reset-button')!.click();
      await el.updateComplete;
      expect(el.dirty).to.equal(false);
      expect(field(el, 'integrationName').value).to.equal('consulat-ga');
      expect(field(el, 'permissions-canRecordCalls').checked).to.equal(false);
      expect(field(el, 'workspaceSize-medium').checked).to.equal(true);
      expect(part(el, 'dirty-indicator')).to.equal(null);
      expect(statusText(el)).to.equal('Changes discarded. The form shows the saved settings.');
    });

    it('is clean again when a change is undone by hand, and a trailing space is no change', async () => {
      spiedStorage();
      const el = await settings();
      await setChecked(el, 'events-onLogin', false);
      expect(el.dirty).to.equal(true);
      await setChecked(el, 'events-onLogin', true);
      expect(el.dirty).to.equal(false);
      await fillEnabled(el);
      await el.save();
      await type(el, 'apiId', 'id-123  ');
      expect(el.dirty).to.equal(false);
    });

    it('asks before the page is left only while there are unsaved changes', async () => {
      spiedStorage();
      const el = await settings();
      const leave = () => {
        const event = new Event('beforeunload', { cancelable: true });
        window.dispatchEvent(event);
        return event.defaultPrevented;
      };
      expect(leave()).to.equal(false);
      await type(el, 'apiId', 'x');
      expect(leave()).to.equal(true);
      el.reset();
      await el.updateComplete;
      expect(leave()).to.equal(false);
      await type(el, 'apiId', 'x');
      el.remove();
      expect(leave(), 'no listener left behind').to.equal(false);
    });

    it('keeps unsaved changes when the organisation changes, until they are discarded', async () => {
      const { storage } = spiedStorage();
      await storage.saveConfig({ organizationId: 'org-2', countryCode: 'GA' }, enabledConfig({ apiKey: KEY, apiId: 'org2-id' }), { expectedVersion: 0 });
      const el = await settings();
      await type(el, 'apiId', 'unsaved');
      el.organizationId = 'org-2';
      await el.updateComplete;
      expect(field(el, 'apiId').value).to.equal('unsaved');
      const notice = q(el, ".notice[role='alert']")!;
      expect(text(notice)).to.contain('You have unsaved changes for org-1 (GA). Save them, or discard them to open org-2 (GA).');
      notice.querySelector('button')!.click();
      await until(() => field(el, 'apiId')?.value === 'org2-id', 'org-2 loaded');
      expect(q(el, 'form')!.getAttribute('aria-label')).to.equal('Aircall settings of org-2 (GA)');
    });

    it('saves unsaved changes to the organisation they belong to, then opens the new one', async () => {
      const { storage } = spiedStorage();
      const el = await settings();
      await type(el, 'integrationName', 'for-org-1');
      el.organizationId = 'org-2';
      await el.updateComplete;
      expect(await el.save()).to.equal(true);
      await until(() => q(el, 'form')?.getAttribute('aria-label') === 'Aircall settings of org-2 (GA)', 'org-2 opened');
      expect((await storage.getConfig(SCOPE))?.integrationName).to.equal('for-org-1');
      expect(await storage.getConfig({ organizationId: 'org-2', countryCode: 'GA' })).to.equal(undefined);
    });
  });

  describe('export, import, versions', () => {
    it('exports the saved configuration as JSON without any secret, and downloads it from the button', async () => {
      spiedStorage();
      const el = await settings();
      expect(el.exportConfig()).to.equal(undefined);
      expect(part<HTMLButtonElement>(el, 'export-button')!.disabled).to.equal(true);
      await fillEnabled(el);
      await el.save();
      await el.updateComplete;

      const json = el.exportConfig()!;
      const file = JSON.parse(json);
      expect(file.kind).to.equal('call-elements/aircall-config');
      expect(file.schemaVersion).to.equal(1);
      expect(file.scope).to.deep.equal(SCOPE);
      expect(file.version).to.equal(1);
      expect(Object.keys(file.config).sort()).to.deep.equal(['apiId', 'enabled', 'events', 'integrationName', 'permissions', 'workspaceSize']);
      expect(json).to.not.contain(KEY);
      expect(json).to.not.contain(KEY.slice(-4));
      expect(json).to.not.match(/apiKey/);

      const clicks: { href: string; download: string }[] = [];
      const original = HTMLAnchorElement.prototype.click;
      HTMLAnchorElement.prototype.click = function (this: HTMLAnchorElement) {
        clicks.push({ href: this.href, download: this.download });
      };
      try {
        part(el, 'export-button')!.click();
      } finally {
        HTMLAnchorElement.prototype.click = original;
      }
      expect(clicks).to.have.length(1);
      expect(clicks[0]!.download).to.equal('aircall-config-org-1-GA-v1.json');
      expect(clicks[0]!.href).to.match(/^blob:/);
      const downloaded = await (await fetch(clicks[0]!.href)).text();
      expect(JSON.parse(downloaded).config).to.deep.equal(file.config);
      expect(downloaded).to.not.contain(KEY);
      expect(q(el, 'a[download]') === null, 'the link does not stay in the DOM').to.equal(true);
    });

    it('imports a valid file into the form (dirty, not saved, the key kept)', async () => {
      const { storage, saves } = spiedStorage();
      await storage.saveConfig(SCOPE, enabledConfig({ apiKey: KEY }), { expectedVersion: 0 });
      const el = await settings();
      const exported = JSON.parse(el.exportConfig()!);
      exported.config.workspaceSize = 'small';
      exported.config.integrationName = 'imported-name';
      exported.config.permissions.canTransferCalls = true;

      expect(el.importConfig(JSON.stringify(exported))).to.deep.equal({ ok: true });
      await el.updateComplete;
      expect(field(el, 'integrationName').value).to.equal('imported-name');
      expect(field(el, 'workspaceSize-small').checked).to.equal(true);
      expect(field(el, 'permissions-canTransferCalls').checked).to.equal(true);
      expect(el.dirty).to.equal(true);
      expect(saves).to.have.length(1);
      expect(statusText(el)).to.equal('File imported into the form. Review it, then save. The current API key is kept.');
      expect(await el.save()).to.equal(true);
      expect('apiKey' in saves[1]!).to.equal(false);
      expect(el.config).to.include({ apiKeySet: true, integrationName: 'imported-name', workspaceSize: 'small', version: 2 });
    });

    it('lists what is wrong with an invalid file, per field, and changes nothing', async () => {
      spiedStorage();
      const el = await settings();
      const errors = collect<SettingsErrorDetail>(el, 'settings-error');
      const outcome = el.importConfig({
        ...defaultAircallConfig(),
        enabled: 'yes',
        workspaceSize: 'huge',
        apiKey: 'AK-in-a-file-1234',
        events: { ...defaultAircallConfig().events, onLogin: 1 },
        extra: true,
      });
      expect(outcome.ok).to.equal(false);
      const problems = outcome.ok ? [] : outcome.problems;
      expect(problems.map((p) => p.path).sort()).to.deep.equal(['', 'apiKey', 'enabled', 'events.onLogin', 'workspaceSize']);
      expect(problems.map((p) => p.message)).to.include.members([
        'Enable Aircall (enabled): Must be true or false.',
        'Workspace size (workspaceSize): Must be “small”, “medium” or “big”.',
        'API key (apiKey): A file must not contain the API key. Enter the key in the form instead.',
        'Agent signs in to Aircall (events.onLogin): Must be true or false.',
        'Unknown fields: “extra”.',
      ]);
      await el.updateComplete;
      const listed = [...part(el, 'import-problems')!.querySelectorAll('li')].map(text);
      expect(listed).to.deep.equal(problems.map((p) => p.message));
      expect(part(el, 'import-problems')!.getAttribute('role')).to.equal('alert');
      expect(errors.map((e) => e.code)).to.deep.equal(['import-invalid']);
      expect(errors[0]!.message).to.match(/^This file is not a valid configuration: /);
      expect(errors[0]!.message).to.not.contain('AK-in-a-file-1234');
      expect(el.dirty).to.equal(false);
      expect(field(el, 'enabled').checked).to.equal(false);

      expect(el.importConfig('{ not json').ok).to.equal(false);
      expect(el.importConfig('[1, 2]').ok).to.equal(false);
      await el.updateComplete;
      expect([...part(el, 'import-problems')!.querySelectorAll('li')].map(text)).to.deep.equal([
        'The file must contain a JSON object, such as an exported configuration.',
      ]);
    });

    it('imports from the file input, and says what is wrong in French', async () => {
      spiedStorage();
      const el = await settings('ADMIN', SCOPE, { lang: 'fr' });
      const choose = async (content: string) => {
        const transfer = new DataTransfer();
        transfer.items.add(new File([content], 'config.json', { type: 'application/json' }));
        const input = q<HTMLInputElement>(el, '#import-file')!;
        input.files = transfer.files;
        input.dispatchEvent(new Event('change'));
      };
      await choose(JSON.stringify({ ...defaultAircallConfig(), workspaceSize: 'énorme' }));
      await until(() => part(el, 'import-problems'), 'problems');
      expect(text(part(el, 'import-problems')!.querySelector('li'))).to.equal(
        'Taille de l’espace de travail (workspaceSize) : Doit valoir « small », « medium » ou « big ».',
      );
      await choose(JSON.stringify({ ...defaultAircallConfig(), workspaceSize: 'big' }));
      await until(() => field(el, 'workspaceSize-big').checked, 'imported');
      expect(part(el, 'import-problems')).to.equal(null);
      expect(el.dirty).to.equal(true);
    });

    it('lists saved versions (who, when) and restores one into the form for the admin to save', async () => {
      spiedStorage();
      const el = await settings('ADMIN', SCOPE, { userId: 'admin-1' });
      await fillEnabled(el);
      await el.save();
      el.userId = 'admin-2';
      await type(el, 'integrationName', 'second');
      await el.save();
      await type(el, 'integrationName', 'third');
      await setChecked(el, 'enabled', false);
      await el.save();
      await until(() => root(el).querySelectorAll('tbody tr').length === 3, 'three versions');

      const rows = [...root(el).querySelectorAll('tbody tr')].map((row) => [...row.children].map(text));
      expect(rows.map((cells) => cells.slice(0, 2))).to.deep.equal([
        ['3 (current)', 'admin-2'],
        ['2', 'admin-2'],
        ['1', 'admin-1'],
      ]);
      const times = [...root(el).querySelectorAll('tbody time')];
      const format = new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeStyle: 'short' });
      expect(times.map(text)).to.deep.equal(times.map((time) => format.format(new Date(time.getAttribute('datetime')!))));
      expect(root(el).querySelectorAll("[part~='restore-button']").length, 'no restore of the current version').to.equal(2);

      q<HTMLButtonElement>(el, "tbody tr:last-child [part~='restore-button']")!.click();
      await el.updateComplete;
      expect(field(el, 'enabled').checked).to.equal(true);
      expect(field(el, 'integrationName').value).to.equal('consulat-ga');
      expect(el.dirty).to.equal(true);
      expect(statusText(el)).to.equal('Version 1 is in the form. Save to restore it. Versions do not include the API key, so the current key is kept.');
      expect(await el.save()).to.equal(true);
      expect(el.config).to.include({ version: 4, enabled: true, integrationName: 'consulat-ga', apiKeySet: true });
    });

    it('formats the history dates in French for a French page', async () => {
      spiedStorage();
      const el = await settings('ADMIN', SCOPE, { lang: 'fr', userId: 'admin-1' });
      await el.save();
      await until(() => q(el, 'tbody time'), 'history');
      const time = q(el, 'tbody time')!;
      const format = new Intl.DateTimeFormat('fr', { dateStyle: 'medium', timeStyle: 'short' });
      expect(text(time)).to.equal(format.format(new Date(time.getAttribute('datetime')!)));
      expect(text(q(el, 'summary'))).to.equal('Historique des versions');
      expect(text(part(el, 'version-info'))).to.match(/^Version 1, enregistrée par admin-1 le .+\.$/);
    });
  });

  describe('accessibility', () => {
    /** A storage whose loads and saves wait until the test lets them go. */
    function heldStorage() {
      const memory = createMemoryStorage();
      const held = { load: [] as (() => void)[], save: [] as (() => void)[] };
      const hold = (queue: (() => void)[]) => new Promise<void>((resolve) => queue.push(resolve));
      const storage: CallStorage = {
        ...memory,
        async getConfig(scope) {
          await hold(held.load);
          return memory.getConfig(scope);
        },
        async saveConfig(scope, config, options) {
          await hold(held.save);
          return memory.saveConfig(scope, config, options);
        },
      };
      configure({ storage });
      return { memory, held };
    }

    /**
     * Every text that appears in a live region (role alert or status) while `act` runs, as a screen
     * reader would hear it: a region inserted with its text, or text added to a region.
     */
    async function announcements(el: El, act: () => Promise<void>): Promise<string[]> {
      const heard: string[] = [];
      const regionOf = (node: Node | null): Element | null => {
        const element = node instanceof Element ? node : (node?.parentElement ?? null);
        return element?.closest('[role=alert], [role=status]') ?? null;
      };
      const observer = new MutationObserver((records) => {
        for (const record of records) {
          const region = regionOf(record.target);
          const added = [...record.addedNodes].map((node) => regionOf(node) ?? (node instanceof Element ? node.querySelector('[role=alert], [role=status]') : null));
          for (const found of new Set([region, ...added])) {
            if (found && text(found) && (record.type === 'characterData' || record.addedNodes.length)) heard.push(text(found));
          }
        }
      });
      observer.observe(root(el), { subtree: true, childList: true, characterData: true });
      try {
        await act();
        await el.updateComplete;
        observer.takeRecords();
      } finally {
        observer.disconnect();
      }
      return [...new Set(heard)];
    }

    it('passes axe in every state: loading, editable, errors after submit, saving, saved, read-only, load error', async () => {
      const { memory, held } = heldStorage();
      const el = await fixture<El>(html`<aircall-settings organization-id="org-1" country-code="GA" roles="ADMIN" lang="en"></aircall-settings>`);
      await until(() => held.load.length === 1, 'the load to start');
      await el.updateComplete;
      expect(statusText(el)).to.equal('Loading the Aircall settings…');
      await expect(el, 'loading').to.be.accessible();

      held.load.shift()!();
      await ready(el);
      await expect(el, 'editable').to.be.accessible();

      await setChecked(el, 'enabled', true);
      await el.save();
      await el.updateComplete;
      expect(part(el, 'error-summary')).to.not.equal(null);
      await expect(el, 'errors after submit').to.be.accessible();

      await type(el, 'apiKey', KEY);
      await type(el, 'apiId', 'id-123');
      await type(el, 'integrationName', 'consulat-ga');
      const saving = el.save();
      await until(() => held.save.length === 1, 'the save to start');
      await el.updateComplete;
      expect(text(part(el, 'save-button'))).to.equal('Saving…');
      expect(part(el, 'save-button')!.getAttribute('aria-disabled')).to.equal('true');
      await expect(el, 'saving').to.be.accessible();

      held.save.shift()!();
      expect(await saving).to.equal(true);
      await el.updateComplete;
      expect(statusText(el)).to.equal('Settings saved (version 1).');
      await expect(el, 'saved').to.be.accessible();

      el.roles = 'AGENT';
      await el.updateComplete;
      expect(part(el, 'read-only')).to.not.equal(null);
      await expect(el, 'read-only').to.be.accessible();

      configure({ storage: { ...memory, getConfig: () => Promise.reject(new CallElementsError('storage-failed', { params: { detail: 'HTTP 503' } })) } });
      const failed = await settings();
      expect(text(part(failed, 'alert'))).to.equal('Could not reach the call storage: HTTP 503');
      await expect(failed, 'load error').to.be.accessible();
    });

    it('announces "loaded" once without keeping it on screen', async () => {
      spiedStorage();
      const el = await settings();
      const status = part(el, 'status')!;
      expect(statusText(el)).to.equal('Aircall settings loaded.');
      expect(status.getAttribute('role')).to.equal('status');
      const box = status.getBoundingClientRect();
      expect(box.width * box.height, 'visually hidden').to.be.at.most(1);

      await type(el, 'apiId', 'id-1');
      expect(statusText(el), 'typing does not touch it').to.equal('Aircall settings loaded.');
      el.reset();
      await el.updateComplete;
      expect(part(el, 'status')!.getBoundingClientRect().height, 'outcomes are shown').to.be.greaterThan(1);
    });

    it('announces the error summary once per failed submit: typing never changes it, focus moves to it', async () => {
      const { saves } = spiedStorage();
      const el = await settings();
      await setChecked(el, 'enabled', true);
      const onSubmit = await announcements(el, async () => {
        part(el, 'save-button')!.click();
        await until(() => part(el, 'error-summary'), 'the summary');
      });
      const summary = part(el, 'error-summary')!;
      const summaryText =
        'The settings were not saved. Correct these fields, then save again: API key: Required when Aircall is enabled. API ID: Required when Aircall is enabled. Integration name: Required when Aircall is enabled.';
      expect(onSubmit).to.deep.equal([summaryText]);
      expect(summary.getAttribute('role')).to.equal('alert');
      expect(focusedId(el)).to.equal('error-summary');

      const whileTyping = await announcements(el, async () => {
        await type(el, 'apiKey', KEY);
        await type(el, 'apiId', 'id-123');
        await type(el, 'integrationName', '<bad name>');
        await type(el, 'integrationName', '');
      });
      expect(whileTyping, 'nothing is announced while typing').to.deep.equal([]);
      expect(part(el, 'error-summary'), 'the same node').to.equal(summary);
      expect(text(summary), 'the same text').to.equal(summaryText);
      expect(field(el, 'apiId').getAttribute('aria-invalid'), 'the inline errors follow the typing').to.equal('false');
      expect(field(el, 'integrationName').getAttribute('aria-invalid')).to.equal('true');
      expect(field(el, 'integrationName').getAttribute('aria-describedby')).to.equal('integrationName-help integrationName-error');

      field(el, 'integrationName').focus();
      const again = await announcements(el, async () => {
        await el.save();
      });
      expect(again).to.deep.equal(['The settings were not saved. Correct these fields, then save again: Integration name: Required when Aircall is enabled.']);
      expect(part(el, 'error-summary'), 'a new alert for the new submit').to.not.equal(summary);
      expect(focusedId(el)).to.equal('error-summary');
      expect(saves).to.have.length(0);

      await type(el, 'integrationName', 'consulat-ga');
      expect(await el.save()).to.equal(true);
      await el.updateComplete;
      expect(part(el, 'error-summary'), 'gone once saved').to.equal(null);
    });

    it('does not announce again after a change of language: the status is emptied, the alerts on screen are no longer live', async () => {
      spiedStorage();
      const el = await settings();
      await fillEnabled(el);
      expect(await el.save()).to.equal(true);
      await type(el, 'apiId', '');
      await el.save();
      await el.updateComplete;
      expect(part(el, 'error-summary')!.getAttribute('role')).to.equal('alert');

      const onSwitch = await announcements(el, async () => {
        el.lang = 'fr';
        await until(() => text(part(el, 'save-button')) === 'Enregistrer', 'the form in French');
      });
      expect(onSwitch, 'nothing is read again in French').to.deep.equal([]);
      const summary = part(el, 'error-summary')!;
      expect(text(summary)).to.equal('Les paramètres n’ont pas été enregistrés. Corrigez ces champs, puis enregistrez à nouveau : ID API : Obligatoire quand Aircall est activé.');
      expect(summary.getAttribute('role'), 'shown, no longer an alert').to.equal('group');
      expect(statusText(el)).to.equal('');
      expect(root(el).querySelectorAll('[role=alert]').length).to.equal(0);
      await expect(el).to.be.accessible();

      const next = await announcements(el, async () => {
        await el.save();
      });
      expect(next, 'the next submit is announced, in French').to.deep.equal([
        'Les paramètres n’ont pas été enregistrés. Corrigez ces champs, puis enregistrez à nouveau : ID API : Obligatoire quand Aircall est activé.',
      ]);
      expect(part(el, 'error-summary')!.getAttribute('role')).to.equal('alert');
    });

    it('does not read a load error again after a change of language', async () => {
      const memory = createMemoryStorage();
      configure({ storage: { ...memory, getConfig: () => Promise.reject(new CallElementsError('storage-failed', { params: { detail: 'HTTP 503' } })) } });
      const el = await settings();
      expect(part(el, 'alert')!.getAttribute('role')).to.equal('alert');
      const onSwitch = await announcements(el, async () => {
        el.lang = 'fr';
        await until(() => text(part(el, 'retry-button')) === 'Réessayer', 'French');
      });
      expect(onSwitch).to.deep.equal([]);
      expect(text(part(el, 'alert'))).to.equal('Impossible de joindre le stockage des appels : HTTP 503');
      expect(part(el, 'alert')!.hasAttribute('role')).to.equal(false);
    });

    it('gives a read-only user the values as text that Tab reaches, labelled read-only, in English and French', async () => {
      const { storage } = spiedStorage();
      await storage.saveConfig(
        SCOPE,
        enabledConfig({ apiKey: KEY, workspaceSize: 'small', permissions: { canMakeOutboundCalls: true, canReceiveInboundCalls: false, canTransferCalls: false, canRecordCalls: true } }),
        { expectedVersion: 0 },
      );
      const el = await settings('AGENT');
      const before = document.createElement('input');
      before.setAttribute('aria-label', 'before');
      el.before(before);
      try {
        before.focus();
        await sendKeys({ press: 'Tab' });
        const region = part(el, 'read-only')!;
        expect(root(el).activeElement, 'Tab reaches the values').to.equal(region);
        expect(region.getAttribute('aria-label')).to.equal('Aircall settings of org-1 (GA), read-only');
        expect(region.getAttribute('aria-describedby')).to.equal('read-only');
        expect(getComputedStyle(region).outlineStyle, 'a visible focus ring').to.equal('solid');

        const rows = [...root(el).querySelectorAll("[part~='values'] > div")].map((row) => [text(row.querySelector('dt')), text(row.querySelector('dd'))]);
        expect(rows).to.deep.equal([
          ['Organisation', 'org-1'],
          ['Country', 'GA'],
          ['Aircall', 'Enabled'],
          ['API key', `Set, ends with ${KEY.slice(-4)}`],
          ['API ID', 'id-123'],
          ['Integration name', 'consulat-ga'],
          ['Workspace size', 'Small'],
          ['Agent signs in to Aircall', 'Traced'],
          ['Agent signs out of Aircall', 'Traced'],
          ['Call starts', 'Traced'],
          ['Call ends', 'Traced'],
          ['Call is answered', 'Traced'],
          ['Make outbound calls', 'Allowed'],
          ['Receive inbound calls', 'Not allowed'],
          ['Transfer calls', 'Not allowed'],
          ['Record call audio', 'Allowed'],
        ]);

        el.lang = 'fr';
        await until(() => text(q(el, '#read-only .title')) === 'Lecture seule', 'French');
        expect(text(q(el, '#read-only'))).to.contain('adressez-vous à un administrateur');
        expect(part(el, 'read-only')!.getAttribute('aria-label')).to.equal('Paramètres Aircall de org-1 (GA), en lecture seule');
        const french = [...root(el).querySelectorAll("[part~='values'] dd")].map(text);
        expect(french.slice(2, 4)).to.deep.equal(['Activé', `Définie, se termine par ${KEY.slice(-4)}`]);
        expect(french.at(-1)).to.equal('Autorisé');
        expect(text(root(el).querySelectorAll("[part~='values'] dt")[15]!)).to.equal('Enregistrer l’audio des appels');
        await expect(el).to.be.accessible();
      } finally {
        before.remove();
      }
    });

    it('draws checkboxes, radios and the switch at 24 × 24 px at least, with boundaries of 3:1 against the surface and a focus ring', async () => {
      spiedStorage();
      const el = await settings();
      const surface = getComputedStyle(q(el, 'form')!).backgroundColor;
      const enabled = field(el, 'enabled');
      expect(enabled.getAttribute('role')).to.equal('switch');
      const controls = [...root(el).querySelectorAll<HTMLInputElement>('input[type=checkbox], input[type=radio]')];
      expect(controls).to.have.length(1 + 3 + 5 + 4);
      for (const control of controls) {
        const box = control.getBoundingClientRect();
        expect(box.width, `width of #${control.id}`).to.be.at.least(24);
        expect(box.height, `height of #${control.id}`).to.be.at.least(24);
        const style = getComputedStyle(control);
        expect(style.appearance, `#${control.id} is drawn by the element`).to.equal('none');
        expect(contrast(style.borderTopColor, surface), `boundary of #${control.id}`).to.be.at.least(3);
      }
      for (const id of ['apiKey', 'apiId', 'integrationName']) {
        expect(contrast(getComputedStyle(field(el, id)).borderTopColor, surface), `border of #${id}`).to.be.at.least(3);
      }
      const off = getComputedStyle(enabled, '::before').transform;
      await setChecked(el, 'enabled', true);
      expect(getComputedStyle(enabled, '::before').transform, 'the thumb moves when on').to.not.equal(off);

      field(el, 'integrationName').focus();
      await sendKeys({ press: 'Tab' });
      const radio = root(el).activeElement as HTMLInputElement;
      expect(radio.id).to.equal('workspaceSize-medium');
      const ring = getComputedStyle(radio);
      expect(ring.outlineStyle).to.equal('solid');
      expect(parseFloat(ring.outlineWidth)).to.be.at.least(2);
      expect(contrast(ring.outlineColor, surface), 'focus ring contrast').to.be.at.least(3);
    });
  });

  describe('failures', () => {
    it('offers to try again after a transient load failure', async () => {
      const memory = createMemoryStorage();
      let failures = 1;
      const storage: CallStorage = {
        ...memory,
        getConfig(scope) {
          if (failures-- > 0) return Promise.reject(new CallElementsError('storage-failed', { params: { detail: 'HTTP 503' } }));
          return memory.getConfig(scope);
        },
      };
      configure({ storage });
      const el = await settings();
      expect(text(part(el, 'alert'))).to.equal('Could not reach the call storage: HTTP 503');
      part(el, 'retry-button')!.click();
      await until(() => q(el, 'form'), 'loaded on retry');
    });

    it('says when the storage cannot keep configurations', async () => {
      const { getConfig: _g, saveConfig: _s, listConfigVersions: _l, ...callsOnly } = createMemoryStorage();
      configure({ storage: callsOnly });
      const el = await settings();
      expect(text(part(el, 'alert'))).to.equal('The configured storage (memory) cannot keep Aircall configurations.');
    });

    it('reports a storage that throws something unexpected, keeping the changes', async () => {
      const memory = createMemoryStorage();
      configure({
        storage: { ...memory, saveConfig: () => Promise.reject(new TypeError('boom')) },
      });
      const el = await settings();
      await fillEnabled(el);
      expect(await el.save()).to.equal(false);
      expect(alertText(el)).to.contain('boom');
      expect(el.dirty).to.equal(true);
    });
  });
});
