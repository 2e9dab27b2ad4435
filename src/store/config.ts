import { atom } from 'nanostores';

export type NotifyLevel = 'all' | 'errors' | 'none';

/** Page-wide settings that elements read (set through `configure()`). */
export interface LibrarySettings {
  /** Language used when neither the element nor an ancestor below `<html>` has a `lang` attribute. */
  locale?: string;
  /** Which notifications `<call-notification>` shows. */
  notify: NotifyLevel;
}

export const $settings = atom<LibrarySettings>({ notify: 'errors' });

export function updateSettings(patch: Partial<LibrarySettings>): void {
  $settings.set({ ...$settings.get(), ...patch });
}
