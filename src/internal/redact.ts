/** Shorter values, or words of them ("Bearer"), are too common to hide from a server's text. */
export const MIN_SECRET_LENGTH = 8;

/** Text that may sit inside a secret a server echoes back: line breaks, spaces, and their escapes. */
const BREAK = /^(?:\s+|\\[nrt]|%0[ad]|=\r?\n)/i;

/** The ways a server may write a secret back: as is, percent-encoded, JSON-escaped. */
function variantsOf(secret: string): string[] {
  const json = JSON.stringify(secret).slice(1, -1);
  return [...new Set([secret, encodeURIComponent(secret), json, json.replace(/\//g, '\\/')])];
}

/** How much of a secret's start is enough to hide: a long prefix gives most of it away. */
function minimumMatch(secret: string): number {
  return Math.min(secret.length, Math.max(MIN_SECRET_LENGTH, Math.floor(secret.length / 3)));
}

/** The end of a copy of `variant` starting at `start` (case-insensitive, line breaks allowed), or -1. */
function matchAt(text: string, start: number, variant: string, minimum: number): number {
  let at = start;
  let matched = 0;
  while (at < text.length && matched < variant.length) {
    if (text[at]!.toLowerCase() === variant[matched]!.toLowerCase()) {
      at += 1;
      matched += 1;
      continue;
    }
    const gap = matched > 0 ? BREAK.exec(text.slice(at, at + 8)) : null;
    if (!gap) break;
    at += gap[0].length;
  }
  return matched >= minimum ? at : -1;
}

/**
 * `text` with every copy of each secret replaced by "[redacted]": also a copy in another case, split
 * over lines, percent-encoded or JSON-escaped, and a long enough prefix of one (a server that echoes
 * the first characters of a token, or cuts it off). For error messages and debug output.
 */
export function redactSecrets(text: string, secrets: readonly string[]): string {
  let clean = text;
  for (const secret of secrets) {
    if (secret.length < MIN_SECRET_LENGTH) continue;
    for (const variant of variantsOf(secret)) {
      const minimum = minimumMatch(variant);
      let out = '';
      let index = 0;
      while (index < clean.length) {
        const end = matchAt(clean, index, variant, minimum);
        if (end > index) {
          out += '[redacted]';
          index = end;
        } else {
          out += clean[index];
          index += 1;
        }
      }
      clean = out;
    }
  }
  return clean;
}
