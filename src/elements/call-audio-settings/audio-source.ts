import type { TwilioAudioHelper } from '../../providers/twilio/audio-preferences.js';

// Where <call-audio-settings> reads the devices, the microphone level and plays its test sound: the
// Twilio Device's audio helper when a Device exists (during a call, or while the page listens for
// calls), otherwise the browser's own media devices, so that the settings work before any call
// without downloading the SDK.

export interface AudioDeviceLists {
  inputs: MediaDeviceInfo[];
  outputs: MediaDeviceInfo[];
  /** Whether outputs can be chosen (HTMLMediaElement.setSinkId), as the SDK's `isOutputSelectionSupported`. */
  outputSelection: boolean;
}

/** The browser's own test for output selection, the one the SDK makes. */
export function browserSupportsOutputSelection(): boolean {
  return typeof HTMLMediaElement !== 'undefined' && 'setSinkId' in HTMLMediaElement.prototype;
}

export async function listAudioDevices(helper: TwilioAudioHelper | undefined): Promise<AudioDeviceLists> {
  if (helper) {
    return {
      inputs: [...helper.availableInputDevices.values()],
      outputs: [...helper.availableOutputDevices.values()],
      outputSelection: helper.isOutputSelectionSupported,
    };
  }
  const devices = (await navigator.mediaDevices?.enumerateDevices?.()) ?? [];
  // Before the microphone is allowed, some browsers list one entry per kind with an empty id: not a choice.
  const usable = devices.filter((device) => device.deviceId !== '');
  return {
    inputs: usable.filter((device) => device.kind === 'audioinput'),
    outputs: usable.filter((device) => device.kind === 'audiooutput'),
    outputSelection: browserSupportsOutputSelection(),
  };
}

/** Calls `onChange` when devices are plugged in or out (the helper's "deviceChange", or the browser's). */
export function watchAudioDevices(helper: TwilioAudioHelper | undefined, onChange: (lost: MediaDeviceInfo[]) => void): () => void {
  if (helper) {
    const listener = (lost: MediaDeviceInfo[] = []) => onChange(Array.isArray(lost) ? lost : []);
    helper.on('deviceChange', listener);
    return () => helper.removeListener('deviceChange', listener);
  }
  const media = navigator.mediaDevices;
  if (!media?.addEventListener) return () => undefined;
  const listener = () => onChange([]);
  media.addEventListener('devicechange', listener);
  return () => media.removeEventListener('devicechange', listener);
}

/**
 * Follows the microphone's level, 0 to 1: the helper's "inputVolume" while a call has the microphone,
 * otherwise a stream of the element's own (which asks for the microphone) analysed with Web Audio.
 * Rejects when the microphone cannot be opened; `stop()` releases everything.
 */
export async function followMicrophoneLevel(
  helper: TwilioAudioHelper | undefined,
  deviceId: string | undefined,
  onLevel: (level: number) => void,
): Promise<() => void> {
  if (helper?.inputStream && helper.isVolumeSupported) {
    const listener = (volume: number) => onLevel(Math.min(1, Math.max(0, Number(volume) || 0)));
    helper.on('inputVolume', listener);
    return () => helper.removeListener('inputVolume', listener);
  }
  const stream = await navigator.mediaDevices.getUserMedia({ audio: deviceId ? { deviceId: { exact: deviceId } } : true });
  const context = new AudioContext();
  const analyser = context.createAnalyser();
  analyser.fftSize = 1024;
  context.createMediaStreamSource(stream).connect(analyser);
  const samples = new Float32Array(analyser.fftSize);
  let frame = 0;
  const measure = () => {
    analyser.getFloatTimeDomainData(samples);
    let sum = 0;
    for (const sample of samples) sum += sample * sample;
    // The SDK's scale: -100 dB to -30 dB of the signal's RMS as 0 to 1.
    const decibels = 20 * Math.log10(Math.sqrt(sum / samples.length) || 1e-10);
    onLevel(Math.min(1, Math.max(0, (decibels + 100) / 70)));
    frame = requestAnimationFrame(measure);
  };
  void context.resume().catch(() => undefined);
  measure();
  return () => {
    cancelAnimationFrame(frame);
    for (const track of stream.getTracks()) track.stop();
    void context.close().catch(() => undefined);
  };
}

const TEST_TONE_SECONDS = 1;

/**
 * Plays a short test sound through the chosen speaker: `speakerDevices.test()` when a Device exists,
 * otherwise a tone made with Web Audio, played by an audio element sent to `speakerId` (nothing is
 * downloaded, so no Content-Security-Policy source is needed). Resolves once it plays.
 */
export async function playTestSound(helper: TwilioAudioHelper | undefined, speakerId: string | undefined): Promise<void> {
  if (helper?.isOutputSelectionSupported) {
    await helper.speakerDevices.test();
    return;
  }
  const context = new AudioContext();
  const destination = context.createMediaStreamDestination();
  const oscillator = context.createOscillator();
  const gain = context.createGain();
  oscillator.frequency.value = 440;
  gain.gain.value = 0.2;
  oscillator.connect(gain).connect(destination);
  const audio = new Audio();
  audio.srcObject = destination.stream;
  const close = () => {
    audio.srcObject = null;
    void context.close().catch(() => undefined);
  };
  try {
    if (speakerId && browserSupportsOutputSelection()) await (audio as HTMLAudioElement & { setSinkId(id: string): Promise<void> }).setSinkId(speakerId);
    await context.resume();
    oscillator.start();
    oscillator.stop(context.currentTime + TEST_TONE_SECONDS);
    oscillator.onended = close;
    await audio.play();
  } catch (error) {
    close();
    throw error;
  }
}
