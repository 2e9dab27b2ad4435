import { defineElement } from '../../internal/define.js';
import { AircallSettings } from './aircall-settings.js';

export { AircallSettings };
export { SETTINGS_EDITOR_ROLES, MAX_IMPORT_SIZE } from './aircall-settings.js';
export type { ImportOutcome, ImportProblem } from './aircall-settings.js';

defineElement('aircall-settings', AircallSettings);

declare global {
  interface HTMLElementTagNameMap {
    'aircall-settings': AircallSettings;
  }
}
