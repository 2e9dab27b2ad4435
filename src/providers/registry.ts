import { atom } from 'nanostores';
import { CallElementsError } from '../internal/errors.js';
import { createDemoProvider } from './demo/demo-provider.js';
import type { CallProvider } from './types.js';

const providers = new Map<string, CallProvider>();

/** Changes whenever a provider is registered or removed, so that elements re-read theirs. */
export const $providers = atom(0);

/** Makes a provider available to `<call-button provider="name">`. Replacing one disposes the old one. */
export function registerProvider(provider: CallProvider, name: string = provider.name): void {
  if (!provider || typeof provider.start !== 'function' || typeof provider.hangup !== 'function') {
    throw new CallElementsError('invalid-options', {
      params: { detail: `provider "${name}" must implement start(), hangup() and dispose()` },
      permanent: true,
    });
  }
  const previous = providers.get(name);
  if (previous && previous !== provider) previous.dispose();
  providers.set(name, provider);
  $providers.set($providers.get() + 1);
}

/** The provider registered under `name`; "demo" is always available with its default options. */
export function getProvider(name: string): CallProvider | undefined {
  if (!providers.has(name) && name === 'demo') providers.set('demo', createDemoProvider());
  return providers.get(name);
}

export function unregisterProvider(name: string): void {
  providers.get(name)?.dispose();
  if (providers.delete(name)) $providers.set($providers.get() + 1);
}
