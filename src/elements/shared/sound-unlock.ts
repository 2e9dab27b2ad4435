/**
 * Whether the browser blocks sound until the person interacts with the page (autoplay policy): an
 * incoming call would ring silently. `navigator.getAutoplayPolicy` where the browser has it (Firefox),
 * else the state of a new AudioContext (suspended until a gesture, in Chromium and WebKit).
 */
export function soundBlocked(): boolean {
  const policy = (navigator as Navigator & { getAutoplayPolicy?: (type: 'mediaelement') => string }).getAutoplayPolicy;
  if (typeof policy === 'function') {
    try {
      return policy.call(navigator, 'mediaelement') === 'disallowed';
    } catch {
      return false;
    }
  }
  if (typeof AudioContext !== 'function') return false;
  const context = new AudioContext();
  const blocked = context.state === 'suspended';
  void context.close().catch(() => undefined);
  return blocked;
}

/**
 * Unlocks sound for the page from a click: a short silent sound, started within the gesture. Nothing is
 * awaited: without a real gesture `resume()` never settles (Firefox), and the check that follows says so.
 */
export function unlockSound(): void {
  if (typeof AudioContext !== 'function') return;
  const context = new AudioContext();
  context.resume().catch(() => undefined);
  const source = context.createBufferSource();
  source.buffer = context.createBuffer(1, 1, 22_050);
  source.connect(context.destination);
  source.start();
  setTimeout(() => void context.close().catch(() => undefined), 1000);
}
