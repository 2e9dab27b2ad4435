import { CallElementsError } from '../../internal/errors.js';
import type { CallProvider } from '../types.js';
import '../../locales/on-demand-errors.js';

// The parts of the SDK's AudioHelper (node_modules/@twilio/voice-sdk/es5/twilio/audiohelper.d.ts,
// outputdevicecollection.d.ts) that the provider and <call-audio-settings> use, written structurally
// so that this module never brings the SDK with it.

/** `device.audio.speakerDevices` / `ringtoneDevices`: the outputs a kind of sound plays through. */
export interface TwilioOutputDevices {
  get(): Set<MediaDeviceInfo>;
  /** Rejects when output selection is not supported or an id is not among the available outputs. */
  set(deviceIdOrIds: string | string[]): Promise<void>;
  /** Plays a test sound through the active outputs (Twilio's default tone when no URL is given). */
  test(soundUrl?: string): Promise<unknown>;
}

/** `device.audio`: the Device's microphones and speakers ("deviceChange" and "inputVolume" events). */
export interface TwilioAudioHelper {
  on(event: 'deviceChange' | 'inputVolume', listener: (...args: any[]) => void): unknown;
  removeListener(event: 'deviceChange' | 'inputVolume', listener: (...args: any[]) => void): unknown;
  readonly availableInputDevices: Map<string, MediaDeviceInfo>;
  readonly availableOutputDevices: Map<string, MediaDeviceInfo>;
  readonly inputDevice: MediaDeviceInfo | null;
  /** The microphone stream of a live call (or of `setInputDevice`), null otherwise. */
  readonly inputStream: MediaStream | null;
  readonly isOutputSelectionSupported: boolean;
  readonly isVolumeSupported: boolean;
  readonly speakerDevices: TwilioOutputDevices;
  readonly ringtoneDevices: TwilioOutputDevices;
  setInputDevice(deviceId: string): Promise<void>;
  unsetInputDevice(): Promise<void>;
}

/** What the Twilio provider offers `<call-audio-settings>`: the audio helper of the Device it holds. */
export interface TwilioAudioAccess {
  /** The audio helper of the Device in use, or undefined while there is no Device (no call, nobody listening). */
  helper(): TwilioAudioHelper | undefined;
  /** Calls `listener` whenever a Device is created or destroyed; returns the function that stops. */
  subscribe(listener: () => void): () => void;
  /**
   * Applies the saved choice of `kind` to the Device now (a kind without a choice goes back to the
   * browser's "default" device). The microphone is applied only during a call: otherwise the provider
   * applies it when the next call starts. Resolves with what failed; never rejects.
   */
  applyNow(kind: AudioDeviceKind): Promise<CallElementsError[]>;
}

/** The Twilio provider's audio access, when `provider` is one (a provider of another kind has none). */
export function audioAccessOf(provider: CallProvider | undefined): TwilioAudioAccess | undefined {
  const audio = (provider as { audio?: Partial<TwilioAudioAccess> } | undefined)?.audio;
  return typeof audio?.helper === 'function' && typeof audio.subscribe === 'function' && typeof audio.applyNow === 'function'
    ? (audio as TwilioAudioAccess)
    : undefined;
}

export type AudioDeviceKind = 'input' | 'speaker' | 'ringtone';

/** The chosen device id of each kind; a kind left out uses the system's default device. */
export type TwilioAudioPreferences = Partial<Record<AudioDeviceKind, string>>;

/** Where the choices are kept (localStorage, so per origin and shared by the origin's tabs). */
export const AUDIO_PREFERENCES_KEY = 'call-elements:twilio-audio';

const KINDS: readonly AudioDeviceKind[] = ['input', 'speaker', 'ringtone'];

/** The saved choices; none when nothing was saved, the value is not ours, or storage is blocked. */
export function readAudioPreferences(): TwilioAudioPreferences {
  let parsed: unknown;
  try {
    parsed = JSON.parse(localStorage.getItem(AUDIO_PREFERENCES_KEY) ?? '{}');
  } catch {
    return {};
  }
  const preferences: TwilioAudioPreferences = {};
  if (typeof parsed !== 'object' || parsed === null) return preferences;
  for (const kind of KINDS) {
    const id = (parsed as Record<string, unknown>)[kind];
    if (typeof id === 'string' && id !== '') preferences[kind] = id;
  }
  return preferences;
}

/**
 * Saves the choice of one kind (`undefined`: back to the system's default). Returns false when the
 * browser refuses to store it (storage blocked or full): the choice then lasts until the page closes.
 */
export function saveAudioPreference(kind: AudioDeviceKind, deviceId: string | undefined): boolean {
  const preferences = readAudioPreferences();
  if (deviceId) preferences[kind] = deviceId;
  else delete preferences[kind];
  try {
    localStorage.setItem(AUDIO_PREFERENCES_KEY, JSON.stringify(preferences));
    return true;
  } catch {
    return false;
  }
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** How long to wait for a new Device's first list of devices (the SDK enumerates them after its constructor). */
const FIRST_LIST_TIMEOUT_MS = 2000;

/** Resolves once the helper has listed the browser's devices (at once when it has). */
export function whenDevicesListed(helper: TwilioAudioHelper): Promise<void> {
  if (helper.availableInputDevices.size > 0 || helper.availableOutputDevices.size > 0) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      helper.removeListener('deviceChange', done);
      resolve();
    };
    const timer = setTimeout(done, FIRST_LIST_TIMEOUT_MS);
    helper.on('deviceChange', done);
  });
}

/**
 * Applies the saved choices of `kinds` to a Device's audio helper. A device that is no longer there is
 * skipped (the system's default stays); outputs are skipped where the browser cannot choose them.
 * Never rejects: what failed comes back as `audio-device-failed` errors.
 */
export async function applyAudioPreferences(
  helper: TwilioAudioHelper,
  kinds: readonly AudioDeviceKind[],
  preferences: TwilioAudioPreferences = readAudioPreferences(),
): Promise<CallElementsError[]> {
  const wanted = kinds.filter((kind) => preferences[kind]);
  if (wanted.length === 0) return [];
  await whenDevicesListed(helper);
  const errors: CallElementsError[] = [];
  for (const kind of wanted) {
    const id = preferences[kind]!;
    try {
      if (kind === 'input') {
        if (helper.availableInputDevices.has(id) && helper.inputDevice?.deviceId !== id) await helper.setInputDevice(id);
      } else if (helper.isOutputSelectionSupported && helper.availableOutputDevices.has(id)) {
        await (kind === 'speaker' ? helper.speakerDevices : helper.ringtoneDevices).set(id);
      }
    } catch (error) {
      errors.push(new CallElementsError('audio-device-failed', { params: { detail: errorText(error) }, cause: error }));
    }
  }
  return errors;
}
