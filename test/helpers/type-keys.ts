import { sendKeys } from '@web/test-runner-commands';

/**
 * Types `text` into the focused field one character at a time: WebKitGTK's driver loses keys of a whole
 * string typed at once (“Sent the” arrived as “Sent he”).
 */
export async function typeKeys(text: string): Promise<void> {
  for (const key of text) await sendKeys({ type: key });
}
