import type { CallProvider } from './types.js';

/** What an element's attributes say about a built-in provider (HTML-only configuration). */
export interface BuiltInProviderHints {
  /** `token-url`: where the Twilio provider gets its access token. */
  tokenUrl?: string;
}

/** A built-in provider ready to be set up: made now and registered, or made on first use (demo). */
export interface BuiltInProvider {
  create: () => CallProvider;
  onFirstUse: boolean;
}

/**
 * The built-in providers a page uses by name without configuring them, each one's code downloaded when
 * the page first asks for it. This module itself is downloaded by the registry on that first request.
 */
export async function loadBuiltInProvider(name: string, hints: BuiltInProviderHints): Promise<BuiltInProvider | undefined> {
  if (name === 'demo') {
    const { createDemoProvider } = await import('./demo/demo-provider.js');
    return { create: createDemoProvider, onFirstUse: true };
  }
  if (name === 'twilio' && hints.tokenUrl) {
    const tokenUrl = hints.tokenUrl;
    const { createTwilioProvider } = await import('./twilio/twilio-provider.js');
    return { create: () => createTwilioProvider({ tokenUrl, incoming: true }), onFirstUse: false };
  }
  if (name === 'aircall') {
    const { createAircallProvider } = await import('./aircall/aircall-provider.js');
    return { create: () => createAircallProvider(), onFirstUse: false };
  }
  return undefined;
}
