import { html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { keyed } from 'lit/directives/keyed.js';
import { live } from 'lit/directives/live.js';
import type * as z from 'zod/mini';
import { pageRuntime } from '../../calls/page-runtime.js';
import { askIdentity } from '../../calls/identity-request.js';
import { SettingsErrorEvent, SettingsSavedEvent } from '../../events/events.js';
import { CallElementsBase } from '../../internal/base-element.js';
import { debug } from '../../internal/debug.js';
import { CallElementsError, toCallElementsError } from '../../internal/errors.js';
import type { AnyMessageKey } from '../../internal/localize.js';
import './messages.js';
import {
  AircallScopeSchema,
  REQUIRED_WHEN_ENABLED,
  WORKSPACE_SIZES,
  aircallConfigSchemaFor,
  defaultAircallConfig,
  readAircallConfigImport,
  toAircallConfigExport,
  type AircallConfig,
  type AircallScope,
  type ExportedAircallConfig,
  type PublicAircallConfig,
  type WorkspaceSize,
} from '../../schema/aircall-config.js';
import { describeIssues } from '../../schema/common.js';
import type { AircallConfigVersion } from '../../storage/types.js';
import type { Theme } from '../shared/tokens.styles.js';
import { styles } from './aircall-settings.styles.js';

/** Roles that may change the configuration: ADMIN, MANAGER or SUPER_ADMIN. */
export const SETTINGS_EDITOR_ROLES: readonly string[] = ['ADMIN', 'MANAGER', 'SUPER_ADMIN'];

const EVENT_FIELDS = ['onLogin', 'onLogout', 'onCallStart', 'onCallEnd', 'onCallAnswer'] as const;
const PERMISSION_FIELDS = ['canMakeOutboundCalls', 'canReceiveInboundCalls', 'canTransferCalls', 'canRecordCalls'] as const;
const TEXT_FIELDS = ['apiKey', 'apiId', 'integrationName'] as const;
type TextField = (typeof TEXT_FIELDS)[number];

/** Imports larger than this (characters of JSON, or bytes of a file) are refused unread: a configuration is under 2 kB. */
export const MAX_IMPORT_SIZE = 1_000_000;
/** The identity function is the host's: a save does not wait for it forever. */
/** Long enough for the browser to start the download from the blob URL before it is revoked. */
const REVOKE_DOWNLOAD_AFTER_MS = 30_000;

const FIELD_LABELS: Readonly<Record<string, AnyMessageKey>> = {
  enabled: 'settings.enabled',
  apiKey: 'settings.apiKey',
  apiId: 'settings.apiId',
  integrationName: 'settings.integrationName',
  workspaceSize: 'settings.workspaceSize',
  events: 'settings.events',
  permissions: 'settings.permissions',
  ...Object.fromEntries(EVENT_FIELDS.map((name) => [`events.${name}`, `settings.events.${name}` as AnyMessageKey])),
  ...Object.fromEntries(PERMISSION_FIELDS.map((name) => [`permissions.${name}`, `settings.permissions.${name}` as AnyMessageKey])),
};

/** What the form holds: the configuration's fields as the person edits them. */
interface FormValues {
  enabled: boolean;
  /** Only what the person typed; never filled from storage. */
  apiKey: string;
  apiId: string;
  integrationName: string;
  workspaceSize: WorkspaceSize;
  events: AircallConfig['events'];
  permissions: AircallConfig['permissions'];
}

/** One problem found in an imported file, worded in the element's language. */
export interface ImportProblem {
  /** Where, as a dotted path in the file (`config.apiId`); empty for the file as a whole. */
  path: string;
  /** "Label (path): what is wrong", ready to show. */
  message: string;
}

export type ImportOutcome = { ok: true } | { ok: false; problems: ImportProblem[] };

type Phase = 'idle' | 'loading' | 'ready' | 'failed';

/**
 * The problems of a failed submit, as they were then. The summary shows these and nothing else until
 * the next submit, so that typing never changes its text (and never makes a screen reader read it again).
 */
interface SubmitSummary {
  issues: readonly z.core.$ZodIssue[];
}

/** A message of the polite status region, kept as a key so that it can be worded in the element's language. */
interface StatusMessage {
  key: AnyMessageKey;
  params?: Record<string, unknown>;
  /** Announced but not shown: "Aircall settings loaded." would only take room once the form is there. */
  hidden?: boolean;
}

function valuesFrom(config: AircallConfig | PublicAircallConfig | ExportedAircallConfig): FormValues {
  return {
    enabled: config.enabled,
    apiKey: '',
    apiId: config.apiId ?? '',
    integrationName: config.integrationName ?? '',
    workspaceSize: config.workspaceSize,
    events: { ...config.events },
    permissions: { ...config.permissions },
  };
}

/** Whether two form states would save the same configuration (text is compared as saved: trimmed). */
function sameValues(a: FormValues, b: FormValues): boolean {
  return (
    a.enabled === b.enabled &&
    a.apiKey.trim() === b.apiKey.trim() &&
    a.apiId.trim() === b.apiId.trim() &&
    a.integrationName.trim() === b.integrationName.trim() &&
    a.workspaceSize === b.workspaceSize &&
    EVENT_FIELDS.every((name) => a.events[name] === b.events[name]) &&
    PERMISSION_FIELDS.every((name) => a.permissions[name] === b.permissions[name])
  );
}

function sameScope(a: AircallScope | undefined, b: AircallScope | undefined): boolean {
  return !!a && !!b && a.organizationId === b.organizationId && a.countryCode === b.countryCode;
}


/** The catalogue key (and its placeholders) that says what a schema issue means, in words for people. */
function problemKey(issue: z.core.$ZodIssue): [AnyMessageKey, Record<string, unknown>?] {
  const field = String(issue.path.at(-1) ?? '');
  switch (issue.code) {
    case 'custom':
      if (issue.message === REQUIRED_WHEN_ENABLED) return ['settings.problem.required'];
      break;
    case 'too_big':
      if (issue.origin === 'string') return ['settings.problem.tooLong', { max: issue.maximum }];
      break;
    case 'too_small':
      return [issue.origin === 'string' ? 'settings.problem.empty' : 'settings.problem.number'];
    case 'unrecognized_keys':
      return ['settings.problem.unknownKeys', { keys: issue.keys.map((key) => `“${key}”`).join(', ') }];
    case 'invalid_format':
      if (field === 'integrationName') return ['settings.problem.integrationName'];
      if (field === 'countryCode') return ['settings.problem.countryCode'];
      if (issue.format === 'datetime') return ['settings.problem.date'];
      break;
    case 'invalid_value':
      if (field === 'workspaceSize') return ['settings.problem.workspaceSize'];
      if (field === 'kind') return ['settings.problem.kind'];
      if (field === 'schemaVersion') return ['settings.problem.schemaVersion'];
      break;
    case 'invalid_type':
      if (issue.path.length === 0) return ['settings.problem.notObject'];
      switch (issue.expected) {
        case 'boolean':
          return ['settings.problem.boolean'];
        case 'string':
          return ['settings.problem.string'];
        case 'number':
        case 'int':
          return ['settings.problem.number'];
        case 'object':
          return ['settings.problem.object'];
        case 'never':
          return ['settings.problem.apiKeyInFile'];
      }
      break;
  }
  return ['settings.problem.invalid'];
}

/**
 * The admin form of an organisation's Aircall configuration (one per organisation and country):
 * enabled, API key, API ID, integration name, workspace size, the traced events and the
 * permissions. It loads and saves through the configured storage (IndexedDB by default, HTTP with a
 * backend), with optimistic concurrency, and after each load or save the public configuration is in
 * `$aircallConfigs`, where `<call-button provider="aircall">` reads it.
 *
 * Only the roles ADMIN, MANAGER and SUPER_ADMIN (attribute `roles`) can edit; anyone else gets a
 * read-only view: the saved values as text, in one region that Tab reaches, labelled read-only
 * with a note to ask an administrator, and no save control. This gate shapes the interface only:
 * the server must enforce roles itself.
 *
 * The API key is write-only: it is never shown, put back into the form, exported or logged. Once a
 * key is saved the form says "Set, ends with 1234" and offers "Replace"; leaving the field empty
 * keeps the saved key.
 *
 * @summary Form to view and edit an organisation's Aircall configuration, with history, export and import.
 * @tagname aircall-settings
 *
 * @attr organization-id - The organisation whose configuration is edited (property `organizationId`).
 * @attr country-code - The country of the configuration, ISO 3166-1 alpha-2 (property `countryCode`).
 * @attr roles - The current user's roles, comma-separated, any case; ADMIN, MANAGER and SUPER_ADMIN can edit.
 * @attr user-id - Who saves, recorded in the version history, when the page does not call `configure({ identity })` (property `userId`).
 * @attr readonly - Boolean, reflected: read-only view whatever the roles (property `readOnly`).
 * @attr storage-url - Base URL of the host's backend implementing the HTTP contract, when the page does not call `configure({ storage })` (property `storageUrl`).
 * @attr theme - `light` or `dark`; `auto` follows the system (`prefers-color-scheme`); without it, the page's `color-scheme` decides (light unless the page declares dark). Reflected.
 *
 * @event {SettingsSavedEvent} settings-saved - The configuration was saved. Detail: `{ organizationId, countryCode, config, version }` (`config` has no API key).
 * @event {SettingsErrorEvent} settings-error - Loading, validating, saving or importing failed. Detail: `{ code, message }`, the message in the element's language (the same text is shown).
 *
 * @csspart base - The wrapper of everything.
 * @csspart form - The `<form>`.
 * @csspart section - Each group of fields (a `<fieldset>`): connection, workspace, events, permissions.
 * @csspart legend - The title of a group (of fields, or of values in the read-only view).
 * @csspart field - One field: its label, control, help text and error.
 * @csspart label - The label of a field.
 * @csspart input - Text inputs (API key, API ID, integration name).
 * @csspart switch - The "Enable Aircall" switch (a checkbox with the switch role).
 * @csspart checkbox - The checkboxes of the traced events and the permissions.
 * @csspart radio - The workspace size radio buttons.
 * @csspart help - The help text of a field or group.
 * @csspart field-error - The inline error of a field.
 * @csspart key-status - "Set, ends with 1234" / "Not set".
 * @csspart replace-key-button - Shows an empty input to replace the saved API key.
 * @csspart keep-key-button - Cancels a replacement and keeps the saved key.
 * @csspart error-summary - The problems found when saving an invalid form: announced and focused once per attempt.
 * @csspart notice - Read-only, not-configured and unsaved-scope notices.
 * @csspart alert - A save or load error (an alert, announced when it appears).
 * @csspart status - Progress and outcome messages (a polite live region; "loaded" is announced, not shown).
 * @csspart read-only - The read-only view: a region that takes focus, holding the notice and the values.
 * @csspart values - Each description list of the read-only view (connection, traced events, permissions).
 * @csspart actions - The row holding the save and reset buttons.
 * @csspart save-button - Saves the form.
 * @csspart reset-button - Puts the saved values back.
 * @csspart dirty-indicator - "Unsaved changes".
 * @csspart reload-button - Reloads the saved configuration after a conflict.
 * @csspart retry-button - Tries loading again after a failure.
 * @csspart version-info - "Version 3, saved by … on …".
 * @csspart backup - The export and import controls.
 * @csspart export-button - Downloads the configuration as JSON, without secrets.
 * @csspart import-button - Opens a file to import.
 * @csspart import-problems - What is wrong with an imported file.
 * @csspart history - The version history (a `<details>`).
 * @csspart history-table - The table of saved versions.
 * @csspart restore-button - Puts a saved version into the form.
 *
 * @cssproperty --aircall-settings-accent - Save button and focus ring. Default `var(--call-color-accent)`, else `#0b6bcb` (dark: `#7ab4f5`).
 * @cssproperty --aircall-settings-accent-text - Text on the save button. Default `var(--call-color-on-accent)`, else `#ffffff` (dark: `#0d1b2a`).
 * @cssproperty --aircall-settings-danger - Errors and invalid fields. Default `var(--call-color-danger)`, else `#c62828` (dark: `#ff8a80`).
 * @cssproperty --aircall-settings-danger-surface - Background of error boxes. Default `var(--call-color-danger-surface)`, else `#fdecea` (dark: `#3a1a19`).
 * @cssproperty --aircall-settings-surface - Background of the form. Default `var(--call-color-surface)`, else `#ffffff` (dark: `#1b1f27`).
 * @cssproperty --aircall-settings-border - Borders of groups and of the history table. Default `var(--call-color-border)`, else `#c9d1db` (dark: `#3d4654`).
 * @cssproperty --aircall-settings-control-border - Boundaries of inputs, checkboxes, radios, the switch and secondary buttons; keep 3:1 against the surface. Default `var(--call-color-text-muted)`, else `#555f6d` (dark: `#a9b1bd`).
 * @cssproperty --aircall-settings-text - Text colour. Default `var(--call-color-text)`, else `#1d2430` (dark: `#e6e9ef`).
 * @cssproperty --aircall-settings-muted-text - Help texts and secondary information. Default `var(--call-color-text-muted)`, else `#555f6d` (dark: `#a9b1bd`).
 * @cssproperty --aircall-settings-radius - Corner radius. Default `var(--call-radius, 0.5rem)`.
 * @cssproperty --aircall-settings-gap - Space between fields. Default `var(--call-space, 0.75rem)`.
 * @cssproperty --aircall-settings-font - Font shorthand. Default `var(--call-font, 1em/1.4 system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif)`: the system's interface font at the size the page gives, not the page's own font (set `--call-font: inherit` to use it).
 */
export class AircallSettings extends CallElementsBase {
  static override styles = styles;

  /** The organisation whose configuration is edited. */
  @property({ attribute: 'organization-id' }) organizationId = '';

  /** The country of the configuration, ISO 3166-1 alpha-2 (`FR`; lower case is accepted). */
  @property({ attribute: 'country-code' }) countryCode = '';

  /**
   * The current user's roles, comma-separated, any case (`"admin, agent"`). ADMIN, MANAGER and
   * SUPER_ADMIN can edit; anything else (or nothing) gives a read-only view.
   */
  @property() roles = '';

  /** Who saves, recorded in the version history; otherwise `configure({ identity })` is asked. */
  @property({ attribute: 'user-id' }) userId = '';

  /** Read-only view whatever the roles. */
  @property({ type: Boolean, reflect: true, attribute: 'readonly' }) readOnly = false;

  /**
   * Base URL of the host's backend implementing the HTTP contract (HTML-only configuration). Ignored
   * when the page calls `configure({ storage })`. Without either, IndexedDB (development only).
   */
  @property({ attribute: 'storage-url' }) storageUrl = '';

  /**
   * The colours: `light` or `dark`; `auto` follows the system (`prefers-color-scheme`). Without it the element takes
   * the page's `color-scheme` (light unless the page declares dark). Reflected.
   */
  @property({ reflect: true }) theme?: Theme;

  @state() private phase: Phase = 'idle';
  @state() private loadError?: CallElementsError;
  /** The saved configuration of {@link loadedScope}; null when nothing is saved yet. */
  @state() private saved: PublicAircallConfig | null = null;
  @state() private values: FormValues = valuesFrom(defaultAircallConfig());
  @state() private replacingKey = false;
  @state() private touched = new Set<string>();
  @state() private submitted = false;
  /** What the last failed submit found; undefined until then, and after a save or a reset. */
  @state() private summary?: SubmitSummary;
  @state() private saving = false;
  /** The conflict of the last save (HTTP 412), shown with a Reload button. */
  @state() private conflict?: CallElementsError;
  @state() private actionError?: CallElementsError;
  /** The latest progress message; cleared when the language changes (it was announced in the other one). */
  @state() private statusMessage?: StatusMessage;
  /** Saved versions, newest first; undefined when the storage keeps no history. */
  @state() private versions?: AircallConfigVersion[];
  @state() private versionsError?: CallElementsError;
  @state() private importProblems: ImportProblem[] = [];
  /** The scope the attributes name now, while unsaved changes of {@link loadedScope} are kept. */
  @state() private pendingScope?: AircallScope;

  private loadedScope?: AircallScope;
  /**
   * Alerts announced in a language the element no longer speaks: they are shown again in the new
   * language, in a new node without the alert role, so that a screen reader does not read them twice.
   */
  private readonly silenced = new WeakSet<object>();
  /** The key of every silenced alert's node: a new one per change of language. */
  private silencedAt: object = {};
  private renderedLocale?: string;
  private loadToken = 0;
  private focusAfterRender?: string;
  private guardingUnload = false;
  private readonly onBeforeUnload = (event: BeforeUnloadEvent) => {
    event.preventDefault();
    // Older browsers show the prompt only when returnValue is set.
    event.returnValue = '';
  };

  /** True when the form holds changes that are not saved (a typed API key counts). */
  get dirty(): boolean {
    if (this.phase !== 'ready') return false;
    return !sameValues(this.values, this.savedValues());
  }

  /** The saved configuration as loaded or saved last, without its secret; undefined when none is saved. */
  get config(): PublicAircallConfig | undefined {
    return this.saved ? structuredClone(this.saved) : undefined;
  }

  /** Whether the current user may change the configuration (roles, `readonly`). */
  get canEdit(): boolean {
    if (this.readOnly) return false;
    const roles = this.roles.split(/[\s,]+/).map((role) => role.trim().toUpperCase());
    return roles.some((role) => SETTINGS_EDITOR_ROLES.includes(role));
  }

  /**
   * Loads the saved configuration again and puts it in the form. Unsaved changes are discarded: this
   * is the "Reload" of a conflict. Never rejects; failures are shown and sent as `settings-error`.
   */
  async reload(): Promise<void> {
    this.pendingScope = undefined;
    await this.load(this.attributeScope());
  }

  /**
   * Validates and saves the form, as the Save button does. Resolves true once saved; false when the
   * form is invalid, the user may not edit, or the storage refused (shown, and sent as
   * `settings-error`). Never rejects.
   */
  async save(): Promise<boolean> {
    try {
      return await this.trySave();
    } catch (error) {
      this.fail(toCallElementsError(error));
      return false;
    }
  }

  /** Puts the saved values back in the form (the Reset button). */
  reset(): void {
    if (this.phase !== 'ready') return;
    this.values = this.savedValues();
    this.replacingKey = false;
    this.clearFeedback();
    this.announce('settings.resetDone');
  }

  /**
   * The saved configuration as the JSON of an export file, without the API key or any hint of it.
   * With `{ download: true }` the browser also downloads it (what the Export button does).
   * Undefined when nothing is saved yet.
   */
  exportConfig(options: { download?: boolean } = {}): string | undefined {
    if (this.phase !== 'ready' || !this.saved || !this.loadedScope) return undefined;
    const file = toAircallConfigExport(this.loadedScope, this.saved);
    const json = `${JSON.stringify(file, null, 2)}\n`;
    if (options.download) {
      this.download(json, this.exportFileName(this.loadedScope, this.saved.version));
      this.announce('settings.exported');
    }
    return json;
  }

  /**
   * Checks an imported configuration (JSON text, or the parsed object) and, when it is valid, puts
   * it in the form: the form is then dirty, nothing is saved until the person saves. Files never
   * carry an API key, so the saved key is kept. Problems are listed in the form, sent as
   * `settings-error` (`import-invalid`) and returned. Never throws.
   */
  importConfig(json: string | object): ImportOutcome {
    try {
      return this.tryImport(json);
    } catch (error) {
      const failure = toCallElementsError(error);
      this.fail(failure);
      return { ok: false, problems: [{ path: '', message: failure.localizedMessage(this.i18n.locale) }] };
    }
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.syncUnloadGuard();
    pageRuntime().resume();
  }

  /** The page's Aircall configurations, through its storage (the code of calls downloads on first use). */
  private async configs() {
    try {
      return await (await pageRuntime().loadEngine()).aircallConfigs();
    } catch (error) {
      throw new CallElementsError('load-failed', { cause: error });
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.setUnloadGuard(false);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    const locale = this.i18n.locale;
    if (this.renderedLocale !== undefined && locale !== this.renderedLocale) this.silenceLiveRegions();
    this.renderedLocale = locale;
    // The configuration loads once the URL is checked (the engine waits for it).
    if (changed.has('storageUrl') && this.storageUrl) void pageRuntime().useStorageUrl(this.storageUrl).then((problem) => problem && this.fail(problem));
    if (changed.has('organizationId') || changed.has('countryCode') || changed.has('storageUrl')) {
      this.onSourceChanged(changed.has('storageUrl'));
    }
    // Changes kept for another scope are now saved or discarded: open the scope the attributes name.
    if (this.pendingScope && !this.saving && !this.dirty) void this.reload();
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    this.syncUnloadGuard();
    if (this.focusAfterRender) {
      this.renderRoot.querySelector<HTMLElement>(`#${CSS.escape(this.focusAfterRender)}`)?.focus();
      this.focusAfterRender = undefined;
    }
  }

  // — loading —

  private attributeScope(): Partial<AircallScope> {
    return { organizationId: this.organizationId.trim(), countryCode: this.countryCode.trim().toUpperCase() };
  }

  /** The attributes name another scope (or storage): load it, unless that would throw away unsaved changes. */
  private onSourceChanged(storageChanged: boolean): void {
    const scope = this.attributeScope() as AircallScope;
    // "fr" → "FR" names the same configuration: nothing to load.
    if (!storageChanged && this.phase !== 'idle' && sameScope(scope, this.loadedScope)) {
      this.pendingScope = undefined;
      return;
    }
    if (this.dirty) {
      this.pendingScope = scope;
      return;
    }
    this.pendingScope = undefined;
    void this.load(scope);
  }

  private async load(requested: Partial<AircallScope>): Promise<void> {
    const token = ++this.loadToken;
    const hadFocus = this.matches(':focus-within');
    if (!requested.organizationId || !requested.countryCode) {
      this.failLoad(new CallElementsError('scope-missing', { permanent: true }));
      return;
    }
    const parsed = AircallScopeSchema.safeParse(requested);
    if (!parsed.success) {
      this.failLoad(new CallElementsError('invalid-options', { params: { detail: describeIssues(parsed.error).join('; ') }, permanent: true }));
      return;
    }
    const scope = parsed.data;
    this.phase = 'loading';
    this.loadError = undefined;
    this.announce('settings.loading');
    try {
      const config = await (await this.configs()).load(scope, { refresh: true });
      if (token !== this.loadToken) return;
      this.loadedScope = scope;
      this.saved = config;
      this.values = this.savedValues();
      this.replacingKey = false;
      this.clearFeedback();
      this.phase = 'ready';
      this.announce('settings.loaded', undefined, { hidden: true });
      if (hadFocus) this.focusAfterRender = 'enabled';
      debug('settings', 'loaded', { ...scope, version: config?.version ?? 0 });
      void this.loadVersions(scope, token);
    } catch (error) {
      if (token !== this.loadToken) return;
      this.failLoad(toCallElementsError(error, 'storage-failed'));
      if (hadFocus) this.focusAfterRender = 'retry';
    }
  }

  private failLoad(error: CallElementsError): void {
    this.loadToken += 1;
    this.phase = 'failed';
    this.loadError = error;
    this.loadedScope = undefined;
    this.saved = null;
    this.versions = undefined;
    this.announce();
    this.fail(error);
  }

  private async loadVersions(scope: AircallScope, token = this.loadToken): Promise<void> {
    try {
      const versions = await (await this.configs()).versions(scope);
      if (token !== this.loadToken) return;
      this.versions = versions;
      this.versionsError = undefined;
    } catch (error) {
      if (token !== this.loadToken) return;
      const failure = toCallElementsError(error, 'storage-failed');
      // A storage without history is not an error: there is simply no history to show.
      this.versions = failure.code === 'config-unsupported' ? undefined : [];
      this.versionsError = failure.code === 'config-unsupported' ? undefined : failure;
    }
  }

  // — saving —

  private async trySave(): Promise<boolean> {
    if (this.phase !== 'ready' || this.saving || !this.loadedScope) return false;
    if (!this.canEdit) {
      this.actionError = new CallElementsError('permission-denied', { permanent: true });
      this.fail(this.actionError);
      return false;
    }
    this.submitted = true;
    this.summary = undefined;
    this.conflict = undefined;
    this.actionError = undefined;
    const result = this.validate();
    if (!result.success) {
      // A new summary object each time: its alert is a new node, announced once per failed submit.
      this.summary = { issues: result.error.issues };
      this.focusAfterRender = 'error-summary';
      // An earlier "Settings saved" must not stay next to "The settings were not saved".
      this.announce();
      this.fail(new CallElementsError('config-invalid', { params: { detail: this.problemLines(result.error.issues).join('; ') }, permanent: true }));
      return false;
    }
    const scope = this.loadedScope;
    const expectedVersion = this.saved?.version ?? 0;
    const sent = this.values;
    this.saving = true;
    this.announce('settings.saving');
    let saved: PublicAircallConfig;
    try {
      const updatedBy = await this.whoSaves();
      saved = await (await this.configs()).save(scope, result.data, { expectedVersion, ...(updatedBy && { updatedBy }) });
    } catch (error) {
      const failure = toCallElementsError(error, 'storage-failed');
      if (!sameScope(scope, this.loadedScope)) return false;
      if (failure.code === 'config-conflict') this.conflict = failure;
      else this.actionError = failure;
      this.announce();
      this.fail(failure);
      return false;
    } finally {
      this.saving = false;
    }
    if (sameScope(scope, this.loadedScope)) {
      this.saved = saved;
      // Edits made while the save was in flight stay in the form (and make it dirty again).
      this.values = this.values === sent ? this.savedValues() : { ...this.values, apiKey: this.values.apiKey === sent.apiKey ? '' : this.values.apiKey };
      this.replacingKey = false;
      this.touched = new Set();
      this.submitted = false;
      this.summary = undefined;
      this.announce('settings.saved', { version: saved.version });
      void this.loadVersions(scope);
    }
    debug('settings', 'saved', { ...scope, version: saved.version });
    this.emit<'settings-saved'>(
      new SettingsSavedEvent({ organizationId: scope.organizationId, countryCode: scope.countryCode, config: structuredClone(saved), version: saved.version }),
    );
    return true;
  }

  /** The form as a configuration to save, checked with the schema that knows whether a key is saved. */
  private validate() {
    const { enabled, apiKey, apiId, integrationName, workspaceSize, events, permissions } = this.values;
    const draft: Record<string, unknown> = { enabled, workspaceSize, events: { ...events }, permissions: { ...permissions } };
    if (apiKey.trim()) draft.apiKey = apiKey;
    if (apiId.trim()) draft.apiId = apiId;
    if (integrationName.trim()) draft.integrationName = integrationName;
    return aircallConfigSchemaFor({ apiKeySet: this.saved?.apiKeySet ?? false }).safeParse(draft);
  }

  /** Inline errors by field path, for the fields the person has left, or all of them after a save attempt. */
  private visibleErrors(): Map<string, string> {
    const errors = new Map<string, string>();
    if (this.phase !== 'ready' || !this.canEdit) return errors;
    const result = this.validate();
    if (result.success) return errors;
    for (const issue of result.error.issues) {
      const path = issue.path.join('.');
      if (errors.has(path) || !(this.submitted || this.touched.has(path))) continue;
      errors.set(path, this.problemMessage(issue));
    }
    return errors;
  }

  private async whoSaves(): Promise<string | undefined> {
    if (this.userId.trim()) return this.userId.trim();
    try {
      return (await askIdentity(pageRuntime().identity).promise)?.userId;
    } catch (error) {
      // The history then says "unknown"; refusing the save for that would lose the admin's work.
      debug('settings', 'identity-failed', { error: String(error) });
      return undefined;
    }
  }

  // — import / export —

  private tryImport(json: string | object): ImportOutcome {
    const refuse = (key: AnyMessageKey) => this.refuseImport([{ path: '', message: this.i18n.t(key, { size: this.maxImportSize() }) }]);
    if (this.phase !== 'ready') return refuse('settings.problem.notReady');
    if (!this.canEdit) return this.refuseImport([{ path: '', message: new CallElementsError('permission-denied').localizedMessage(this.i18n.locale) }]);
    let text: string | undefined;
    try {
      // An object goes through JSON too, so that it is read exactly as the same file would be
      // (a Date becomes a string, functions vanish) and the size limit applies to it as well.
      text = typeof json === 'string' ? json : JSON.stringify(json);
    } catch {
      return refuse('settings.problem.notJson');
    }
    if (text === undefined) return refuse('settings.problem.notJson');
    if (text.length > MAX_IMPORT_SIZE) return refuse('settings.problem.tooLarge');
    let input: unknown;
    try {
      input = JSON.parse(text);
    } catch {
      return refuse('settings.problem.notJson');
    }
    const result = readAircallConfigImport(input);
    if (!result.success) {
      return this.refuseImport(result.issues.map((issue) => ({ path: issue.path.join('.'), message: this.problemLine(issue) })));
    }
    this.values = valuesFrom(result.config);
    this.replacingKey = false;
    this.clearFeedback();
    this.announce('settings.imported');
    return { ok: true };
  }

  private refuseImport(problems: ImportProblem[]): ImportOutcome {
    this.importProblems = problems;
    this.fail(new CallElementsError('import-invalid', { params: { detail: problems.map((p) => p.message).join('; ') }, permanent: true }));
    return { ok: false, problems };
  }

  private async onFileChosen(event: Event): Promise<void> {
    const input = event.target as HTMLInputElement;
    const file = input.files?.[0];
    // The same file can be chosen again after fixing it.
    input.value = '';
    if (!file) return;
    if (file.size > MAX_IMPORT_SIZE) {
      this.refuseImport([{ path: '', message: this.i18n.t('settings.problem.tooLarge', { size: this.maxImportSize() }) }]);
      return;
    }
    let text: string;
    try {
      text = await file.text();
    } catch {
      this.refuseImport([{ path: '', message: this.i18n.t('settings.problem.unreadable') }]);
      return;
    }
    this.importConfig(text);
  }

  /** "1 MB", "1 Mo"... */
  private maxImportSize(): string {
    return new Intl.NumberFormat(this.i18n.locale, { style: 'unit', unit: 'megabyte', unitDisplay: 'short' }).format(MAX_IMPORT_SIZE / 1_000_000);
  }

  private exportFileName(scope: AircallScope, version: number): string {
    const safe = (text: string) => text.replace(/[^\w.-]+/g, '-').slice(0, 80);
    return `aircall-config-${safe(scope.organizationId)}-${scope.countryCode}-v${version}.json`;
  }

  private download(json: string, fileName: string): void {
    const url = URL.createObjectURL(new Blob([json], { type: 'application/json' }));
    const link = document.createElement('a');
    link.href = url;
    link.download = fileName;
    link.hidden = true;
    this.renderRoot.appendChild(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), REVOKE_DOWNLOAD_AFTER_MS);
  }

  private restore(entry: AircallConfigVersion): void {
    if (!this.canEdit || this.phase !== 'ready') return;
    this.values = valuesFrom(entry.config);
    this.replacingKey = false;
    this.clearFeedback();
    this.announce('settings.restored', { version: entry.version });
  }

  // — feedback —

  private savedValues(): FormValues {
    return valuesFrom(this.saved ?? defaultAircallConfig());
  }

  private clearFeedback(): void {
    this.touched = new Set();
    this.submitted = false;
    this.summary = undefined;
    this.conflict = undefined;
    this.actionError = undefined;
    this.importProblems = [];
  }

  private announce(key?: AnyMessageKey, params?: Record<string, unknown>, options: { hidden?: boolean } = {}): void {
    this.statusMessage = key ? { key, params, hidden: options.hidden } : undefined;
  }

  /**
   * After a change of language: the status line is emptied (its message was for the other language)
   * and the alerts on screen stop being live regions until something new happens.
   */
  private silenceLiveRegions(): void {
    this.statusMessage = undefined;
    this.silencedAt = {};
    for (const content of [this.loadError, this.conflict, this.actionError, this.summary, this.importProblems, this.pendingScope]) {
      if (content) this.silenced.add(content);
    }
  }

  /** `alert` for content that appeared in the element's language; `silent` for content silenced by a change of language. */
  private alertRole(content: object, silent: 'group' | typeof nothing = nothing) {
    return this.silenced.has(content) ? silent : 'alert';
  }

  /** The node of an alert is re-created when it is silenced, so that no live region ever changes its text. */
  private alertKey(content: object): object {
    return this.silenced.has(content) ? this.silencedAt : content;
  }

  /** Tells the host (`settings-error`), in the element's language. Never throws. */
  private fail(error: CallElementsError): void {
    debug('settings', 'error', { code: error.code });
    this.emit<'settings-error'>(new SettingsErrorEvent({ code: error.code, message: error.localizedMessage(this.i18n.locale) }));
  }

  private problemMessage(issue: z.core.$ZodIssue): string {
    const [key, params] = problemKey(issue);
    return this.i18n.t(key, params);
  }

  /** "Label (path): message", or "path: message" for a field the form does not have, or the message alone. */
  private problemLine(issue: z.core.$ZodIssue): string {
    const path = issue.path.join('.');
    const message = this.problemMessage(issue);
    if (!path) return message;
    const labelKey = FIELD_LABELS[path.replace(/^config\./, '')];
    return labelKey
      ? this.i18n.t('settings.problem.field', { label: this.i18n.t(labelKey), path, message })
      : this.i18n.t('settings.problem.path', { path, message });
  }

  private fieldLabel(path: string): string {
    const key = FIELD_LABELS[path];
    return key ? this.i18n.t(key) : path;
  }

  private problemLines(issues: z.core.$ZodIssue[]): string[] {
    return issues.map((issue) => this.problemLine(issue));
  }

  /** The id of the control to focus for a field path. */
  private fieldId(path: string): string {
    if (path.startsWith('events.') || path.startsWith('permissions.')) return path.replace('.', '-');
    if (path === 'workspaceSize') return `workspaceSize-${this.values.workspaceSize}`;
    return path || 'enabled';
  }

  private syncUnloadGuard(): void {
    this.setUnloadGuard(this.isConnected && this.dirty);
  }

  /** The "leave page?" prompt only while there is something to lose, so that it never gets in the way otherwise. */
  private setUnloadGuard(on: boolean): void {
    if (on === this.guardingUnload) return;
    this.guardingUnload = on;
    if (on) window.addEventListener('beforeunload', this.onBeforeUnload);
    else window.removeEventListener('beforeunload', this.onBeforeUnload);
  }

  // — editing —

  private setText(field: TextField, value: string): void {
    this.values = { ...this.values, [field]: value };
  }

  private setFlag(group: 'events' | 'permissions' | null, name: string, checked: boolean): void {
    if (group === null) this.values = { ...this.values, enabled: checked };
    else this.values = { ...this.values, [group]: { ...this.values[group], [name]: checked } };
  }

  private touch(path: string): void {
    if (this.touched.has(path)) return;
    this.touched = new Set([...this.touched, path]);
  }

  private startReplacingKey(): void {
    this.replacingKey = true;
    this.focusAfterRender = 'apiKey';
  }

  private keepKey(): void {
    this.replacingKey = false;
    this.values = { ...this.values, apiKey: '' };
    this.touched = new Set([...this.touched].filter((path) => path !== 'apiKey'));
    this.focusAfterRender = 'replace-key';
  }

  private onSubmit(event: SubmitEvent): void {
    event.preventDefault();
    void this.save();
  }

  // — rendering —

  private formatDate(iso: string | undefined): string {
    if (!iso) return '';
    const date = new Date(iso);
    if (Number.isNaN(date.getTime())) return iso;
    return new Intl.DateTimeFormat(this.i18n.locale, { dateStyle: 'medium', timeStyle: 'short' }).format(date);
  }

  private describedBy(...ids: (string | false | undefined)[]): string {
    return ids.filter(Boolean).join(' ');
  }

  private renderTextField(field: TextField, errors: Map<string, string>, options: { help: string; required: boolean; type?: string }) {
    const error = errors.get(field);
    const errorId = `${field}-error`;
    const helpId = `${field}-help`;
    return html`<div part="field" class="field">
      <label part="label" for=${field}>
        ${this.i18n.t(FIELD_LABELS[field]!)}
        ${options.required ? html`<span class="required">(${this.i18n.t('settings.required')})</span>` : nothing}
      </label>
      <input
        part="input"
        id=${field}
        name=${field}
        type=${options.type ?? 'text'}
        autocomplete="off"
        spellcheck="false"
        autocapitalize="off"
        aria-required=${options.required ? 'true' : 'false'}
        aria-invalid=${error ? 'true' : 'false'}
        aria-describedby=${this.describedBy(helpId, error && errorId)}
        .value=${live(this.values[field])}
        @input=${(event: Event) => this.setText(field, (event.target as HTMLInputElement).value)}
        @blur=${() => this.touch(field)}
      />
      <p part="help" class="help" id=${helpId}>${options.help}</p>
      ${error ? html`<p part="field-error" class="field-error" id=${errorId}>${error}</p>` : nothing}
    </div>`;
  }

  /** "Set, ends with 1234", "Set" or "Not set": all that is ever shown of the key. */
  private keyStatus(): string {
    const saved = this.saved;
    if (!saved?.apiKeySet) return this.i18n.t('settings.apiKey.notSet');
    return saved.apiKeyLast4 ? this.i18n.t('settings.apiKey.set', { last4: saved.apiKeyLast4 }) : this.i18n.t('settings.apiKey.setNoHint');
  }

  private renderApiKey(errors: Map<string, string>) {
    const keySet = !!this.saved?.apiKeySet;
    const status = this.keyStatus();
    if (!keySet || this.replacingKey) {
      // The password input: only ever holds what the person types, never a value from storage.
      const error = errors.get('apiKey');
      const errorId = 'apiKey-error';
      const helpIds = keySet ? 'apiKey-help apiKey-keep-help' : 'apiKey-help';
      const required = this.values.enabled && !keySet;
      return html`<div part="field" class="field">
        <label part="label" for="apiKey">
          ${this.i18n.t(keySet ? 'settings.apiKey.new' : 'settings.apiKey')}
          ${required ? html`<span class="required">(${this.i18n.t('settings.required')})</span>` : nothing}
        </label>
        <input
          part="input"
          id="apiKey"
          name="apiKey"
          type="password"
          autocomplete="new-password"
          spellcheck="false"
          autocapitalize="off"
          aria-required=${required ? 'true' : 'false'}
          aria-invalid=${error ? 'true' : 'false'}
          aria-describedby=${this.describedBy(helpIds, error && errorId)}
          .value=${live(this.values.apiKey)}
          @input=${(event: Event) => this.setText('apiKey', (event.target as HTMLInputElement).value)}
          @blur=${() => this.touch('apiKey')}
        />
        <p part="help" class="help" id="apiKey-help">${this.i18n.t('settings.apiKey.help')}</p>
        ${keySet
          ? html`<p part="help" class="help" id="apiKey-keep-help">${this.i18n.t('settings.apiKey.replaceHelp', { status })}</p>
              <button part="keep-key-button" class="link" type="button" id="keep-key" @click=${this.keepKey}>
                ${this.i18n.t('settings.apiKey.keep')}
              </button>`
          : nothing}
        ${error ? html`<p part="field-error" class="field-error" id=${errorId}>${error}</p>` : nothing}
      </div>`;
    }
    return html`<div part="field" class="field" role="group" aria-labelledby="apiKey-label">
      <span part="label" class="label" id="apiKey-label">${this.i18n.t('settings.apiKey')}</span>
      <div class="key-row">
        <span part="key-status" class="key-status" id="apiKey-status">${status}</span>
        <button
          part="replace-key-button"
          class="secondary"
          type="button"
          id="replace-key"
          aria-describedby="apiKey-status"
          aria-label=${this.i18n.t('settings.apiKey.replaceLabel')}
          @click=${this.startReplacingKey}
        >
          ${this.i18n.t('settings.apiKey.replace')}
        </button>
      </div>
      <p part="help" class="help">${this.i18n.t('settings.apiKey.help')}</p>
    </div>`;
  }

  private renderCheckbox(group: 'events' | 'permissions', name: string, checked: boolean) {
    const id = `${group}-${name}`;
    return html`<div class="check">
      <input
        part="checkbox"
        type="checkbox"
        id=${id}
        name=${`${group}.${name}`}
        .checked=${live(checked)}
        @change=${(event: Event) => this.setFlag(group, name, (event.target as HTMLInputElement).checked)}
      />
      <label for=${id}>${this.i18n.t(FIELD_LABELS[`${group}.${name}`]!)}</label>
    </div>`;
  }

  /**
   * The problems found by the last failed submit. Its text is set once per submit: typing changes the
   * inline errors, never the summary. Focus moves to it (its alert role also announces it where focus
   * is not followed); each entry takes focus to its field.
   */
  private renderErrorSummary() {
    const summary = this.summary;
    if (!summary) return nothing;
    const seen = new Set<string>();
    const problems = summary.issues.filter((issue) => {
      const path = issue.path.join('.');
      if (seen.has(path)) return false;
      seen.add(path);
      return true;
    });
    return keyed(
      this.alertKey(summary),
      html`<div
        part="error-summary"
        class="error-summary"
        id="error-summary"
        tabindex="-1"
        role=${this.alertRole(summary, 'group')}
        aria-labelledby="error-summary-title"
      >
        <p class="title" id="error-summary-title">${this.i18n.t('settings.errorSummary')}</p>
        <ul>
          ${problems.map((issue) => {
            const path = issue.path.join('.');
            return html`<li>
              <button class="link" type="button" @click=${() => this.focusField(path)}>
                ${this.i18n.t('settings.problem.summary', { label: this.fieldLabel(path), message: this.problemMessage(issue) })}
              </button>
            </li>`;
          })}
        </ul>
      </div>`,
    );
  }

  private focusField(path: string): void {
    this.renderRoot.querySelector<HTMLElement>(`#${CSS.escape(this.fieldId(path))}`)?.focus();
  }

  private renderNotices() {
    const notices: unknown[] = [];
    if (!this.saved) notices.push(html`<p part="notice" class="notice">${this.i18n.t('settings.notConfiguredNotice')}</p>`);
    const pending = this.pendingScope;
    if (pending && this.loadedScope) {
      const from = `${this.loadedScope.organizationId} (${this.loadedScope.countryCode})`;
      const to = `${pending.organizationId || '?'} (${pending.countryCode || '?'})`;
      notices.push(
        keyed(
          this.alertKey(pending),
          html`<div part="notice" class="notice warning" role=${this.alertRole(pending)}>
            <p>${this.i18n.t('settings.scopeChanged', { from, to })}</p>
            <button part="reload-button" class="secondary" type="button" @click=${() => void this.reload()}>
              ${this.i18n.t('settings.scopeChanged.discard', { to })}
            </button>
          </div>`,
        ),
      );
    }
    return notices;
  }

  /** A save's refusal or conflict: an alert that appears with its text, once. */
  private renderAlert() {
    const content = this.conflict ?? this.actionError;
    if (!content) return nothing;
    return keyed(
      this.alertKey(content),
      html`<div part="alert" class="alert" role=${this.alertRole(content)}>
        ${this.conflict
          ? html`<p>${new CallElementsError('config-conflict').localizedMessage(this.i18n.locale)}</p>
              <button part="reload-button" class="secondary" type="button" id="reload" @click=${() => void this.reload()}>
                ${this.i18n.t('settings.conflict.reload')}
              </button>`
          : html`<p>${content.localizedMessage(this.i18n.locale)}</p>`}
      </div>`,
    );
  }

  private renderVersionInfo() {
    const saved = this.saved;
    if (!saved) return nothing;
    const date = this.formatDate(saved.updatedAt);
    const text = saved.updatedBy
      ? this.i18n.t('settings.versionInfo', { version: saved.version, user: saved.updatedBy, date })
      : this.i18n.t('settings.versionInfoAnonymous', { version: saved.version, date });
    return html`<p part="version-info" class="version-info">${text}</p>`;
  }

  private renderBackup(editable: boolean) {
    const problems = this.importProblems;
    return html`<div part="backup" class="backup" role="group" aria-label=${this.i18n.t('settings.backup')}>
      <div class="buttons">
        <button part="export-button" class="secondary" type="button" ?disabled=${!this.saved} @click=${() => this.exportConfig({ download: true })}>
          ${this.i18n.t('settings.export')}
        </button>
        ${editable
          ? html`<button
                part="import-button"
                class="secondary"
                type="button"
                @click=${() => this.renderRoot.querySelector<HTMLInputElement>('#import-file')?.click()}
              >
                ${this.i18n.t('settings.import')}
              </button>
              <input id="import-file" type="file" accept=".json,application/json" hidden @change=${this.onFileChosen} />`
          : nothing}
      </div>
      <p class="help">${this.i18n.t(editable ? 'settings.backup.help' : 'settings.backup.helpReadOnly')}</p>
      ${problems.length
        ? keyed(
            this.alertKey(problems),
            html`<div part="import-problems" class="error-summary" role=${this.alertRole(problems)}>
              <p class="title">${this.i18n.t('settings.importProblems')}</p>
              <ul>
                ${problems.map((problem) => html`<li>${problem.message}</li>`)}
              </ul>
            </div>`,
          )
        : nothing}
    </div>`;
  }

  private renderHistory(editable: boolean) {
    if (this.versions === undefined) return nothing;
    const current = this.saved?.version;
    return html`<details part="history" class="history">
      <summary>${this.i18n.t('settings.history')}</summary>
      ${this.versionsError ? html`<p class="field-error">${this.versionsError.localizedMessage(this.i18n.locale)}</p>` : nothing}
      ${this.versions.length === 0 && !this.versionsError
        ? html`<p class="help">${this.i18n.t('settings.history.empty')}</p>`
        : this.versions.length
          ? html`<table part="history-table">
              <thead>
                <tr>
                  <th scope="col">${this.i18n.t('settings.history.version')}</th>
                  <th scope="col">${this.i18n.t('settings.history.by')}</th>
                  <th scope="col">${this.i18n.t('settings.history.at')}</th>
                  ${editable ? html`<td></td>` : nothing}
                </tr>
              </thead>
              <tbody>
                ${this.versions.map(
                  (entry) => html`<tr>
                    <th scope="row">
                      ${entry.version}${entry.version === current
                        ? // The space is an expression: the build's template minifier strips one written in the template ("2(current)").
                          html`${' '}<span class="muted">(${this.i18n.t('settings.history.current')})</span>`
                        : nothing}
                    </th>
                    <td>${entry.updatedBy ?? this.i18n.t('settings.history.unknownUser')}</td>
                    <td><time datetime=${entry.updatedAt}>${this.formatDate(entry.updatedAt)}</time></td>
                    ${editable
                      ? html`<td>
                          ${entry.version === current
                            ? nothing
                            : html`<button
                                part="restore-button"
                                class="secondary"
                                type="button"
                                aria-label=${this.i18n.t('settings.history.restoreLabel', { version: entry.version })}
                                @click=${() => this.restore(entry)}
                              >
                                ${this.i18n.t('settings.history.restore')}
                              </button>`}
                        </td>`
                      : nothing}
                  </tr>`,
                )}
              </tbody>
            </table>`
          : nothing}
    </details>`;
  }

  private renderForm() {
    const errors = this.visibleErrors();
    const { enabled, workspaceSize } = this.values;
    const scope = this.loadedScope!;
    const dirty = this.dirty;
    return html`<form part="form" novalidate aria-label=${this.i18n.t('settings.form', scope)} @submit=${this.onSubmit}>
      ${this.renderNotices()} ${this.renderErrorSummary()}
      <fieldset part="section">
        <legend part="legend">${this.i18n.t('settings.section.connection')}</legend>
        <div part="field" class="field">
          <div class="check">
            <input
              part="switch"
              class="switch"
              type="checkbox"
              role="switch"
              id="enabled"
              name="enabled"
              aria-describedby="enabled-help"
              .checked=${live(enabled)}
              @change=${(event: Event) => this.setFlag(null, 'enabled', (event.target as HTMLInputElement).checked)}
            />
            <label for="enabled">${this.i18n.t('settings.enabled')}</label>
          </div>
          <p part="help" class="help check-help" id="enabled-help">${this.i18n.t('settings.enabled.help')}</p>
        </div>
        ${this.renderApiKey(errors)}
        ${this.renderTextField('apiId', errors, { help: this.i18n.t('settings.apiId.help'), required: enabled })}
        ${this.renderTextField('integrationName', errors, { help: this.i18n.t('settings.integrationName.help'), required: enabled })}
      </fieldset>
      <fieldset part="section" aria-describedby="workspace-help">
        <legend part="legend">${this.i18n.t('settings.workspaceSize')}</legend>
        <p part="help" class="help" id="workspace-help">${this.i18n.t('settings.workspaceSize.help')}</p>
        <div class="options">
          ${WORKSPACE_SIZES.map(
            (size) => html`<div class="check">
              <input
                part="radio"
                type="radio"
                id=${`workspaceSize-${size}`}
                name="workspaceSize"
                value=${size}
                .checked=${live(workspaceSize === size)}
                @change=${() => (this.values = { ...this.values, workspaceSize: size })}
              />
              <label for=${`workspaceSize-${size}`}>${this.i18n.t(`settings.workspaceSize.${size}`)}</label>
            </div>`,
          )}
        </div>
      </fieldset>
      <fieldset part="section" aria-describedby="events-help">
        <legend part="legend">${this.i18n.t('settings.events')}</legend>
        <p part="help" class="help" id="events-help">${this.i18n.t('settings.events.help')}</p>
        <div class="options">${EVENT_FIELDS.map((name) => this.renderCheckbox('events', name, this.values.events[name]))}</div>
      </fieldset>
      <fieldset part="section" aria-describedby="permissions-help">
        <legend part="legend">${this.i18n.t('settings.permissions')}</legend>
        <p part="help" class="help" id="permissions-help">${this.i18n.t('settings.permissions.help')}</p>
        <div class="options">${PERMISSION_FIELDS.map((name) => this.renderCheckbox('permissions', name, this.values.permissions[name]))}</div>
      </fieldset>
      ${this.renderAlert()}
      <div part="actions" class="actions">
        <button part="save-button" class="primary" type="submit" aria-disabled=${this.saving ? 'true' : 'false'}>
          ${this.i18n.t(this.saving ? 'settings.saving' : 'settings.save')}
        </button>
        <button part="reset-button" class="secondary" type="button" ?disabled=${!dirty} @click=${() => this.reset()}>
          ${this.i18n.t('settings.reset')}
        </button>
        ${dirty ? html`<span part="dirty-indicator" class="dirty">${this.i18n.t('settings.dirty')}</span>` : nothing}
      </div>
    </form>`;
  }

  /**
   * What someone who may not edit sees: the saved values as text, in description lists, inside one
   * region that Tab reaches (its name and the read-only notice are read when it takes focus).
   * No disabled controls: they would be skipped by Tab and still look editable.
   */
  private renderReadOnly() {
    const scope = this.loadedScope!;
    const { enabled, apiId, integrationName, workspaceSize, events, permissions } = this.savedValues();
    const t = (key: AnyMessageKey, params?: Record<string, unknown>) => this.i18n.t(key, params);
    const row = (term: string, value: unknown, off = false) =>
      html`<div class="row"><dt>${term}</dt><dd class=${off ? 'off' : ''}>${value}</dd></div>`;
    const notSet = t('settings.view.notSet');
    const group = (legend: AnyMessageKey, rows: unknown) =>
      html`<div class="view-group">
        <p part="legend" class="legend">${t(legend)}</p>
        <dl part="values">${rows}</dl>
      </div>`;
    const flags = <K extends string>(kind: 'events' | 'permissions', names: readonly K[], values: Record<K, boolean>, on: AnyMessageKey, off: AnyMessageKey) =>
      names.map((name) => row(t(FIELD_LABELS[`${kind}.${name}`]!), t(values[name] ? on : off), !values[name]));
    return html`<section part="read-only" class="read-only" tabindex="0" aria-label=${t('settings.view.label', scope)} aria-describedby="read-only">
        <div part="notice" class="notice" id="read-only">
          <p class="title">${t('settings.readOnly.title')}</p>
          <p>${t('settings.readOnly')}</p>
        </div>
        ${this.saved ? nothing : html`<p part="notice" class="notice">${t('settings.notConfiguredView')}</p>`}
        ${group(
          'settings.section.connection',
          html`${row(t('settings.view.organization'), scope.organizationId)} ${row(t('settings.view.country'), scope.countryCode)}
          ${row(t('settings.view.aircall'), t(enabled ? 'settings.view.enabled' : 'settings.view.disabled'), !enabled)}
          ${row(t('settings.apiKey'), html`<span part="key-status" class="key-status">${this.keyStatus()}</span>`, !this.saved?.apiKeySet)}
          ${row(t('settings.apiId'), apiId || notSet, !apiId)} ${row(t('settings.integrationName'), integrationName || notSet, !integrationName)}
          ${row(t('settings.workspaceSize'), t(`settings.workspaceSize.${workspaceSize}`))}`,
        )}
        ${group('settings.events', flags('events', EVENT_FIELDS, events, 'settings.view.traced', 'settings.view.notTraced'))}
        ${group('settings.permissions', flags('permissions', PERMISSION_FIELDS, permissions, 'settings.view.allowed', 'settings.view.notAllowed'))}
      </section>
      ${this.renderAlert()}`;
  }

  private renderFailure() {
    const error = this.loadError!;
    const retryable = error.code !== 'scope-missing' && error.code !== 'invalid-options';
    return html`${keyed(
        this.alertKey(error),
        html`<div part="alert" class="alert failure" role=${this.alertRole(error)}>
          <p>${error.localizedMessage(this.i18n.locale)}</p>
        </div>`,
      )}
      ${retryable
        ? html`<button part="retry-button" class="secondary" type="button" id="retry" @click=${() => void this.reload()}>
            ${this.i18n.t('settings.retry')}
          </button>`
        : nothing}`;
  }

  protected override render() {
    const ready = this.phase === 'ready';
    const editable = this.canEdit;
    const status = this.statusMessage;
    // The status region is one node from the first render to the last: screen readers only announce
    // changes to regions they already know. It sits under the Save button, where its outcome is expected.
    return html`<div part="base" class="base">
      ${ready ? (editable ? this.renderForm() : this.renderReadOnly()) : this.phase === 'failed' ? this.renderFailure() : nothing}
      <p part="status" class=${!status || status.hidden ? 'status visually-hidden' : 'status'} role="status">
        ${status ? this.i18n.t(status.key, status.params) : ''}
      </p>
      ${ready ? html`${this.renderVersionInfo()} ${this.renderBackup(editable)} ${this.renderHistory(editable)}` : nothing}
    </div>`;
  }
}
