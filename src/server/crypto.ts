import { createCipheriv, createDecipheriv, createHash, hkdfSync, randomBytes, timingSafeEqual } from 'node:crypto';

const FORMAT = 'v1';
const IV_BYTES = 12;
const TAG_BYTES = 16;

/** Secrets at rest (the Aircall API keys), encrypted with a key derived from the server's `secretKey`. */
export interface SecretBox {
  /** `associatedData` binds the ciphertext to where it belongs: moved to another row, it no longer decrypts. */
  seal(plaintext: string, associatedData: string): string;
  open(sealed: string, associatedData: string): string;
}

/** AES-256-GCM under HKDF-SHA256(secretKey); each seal has its own random 96-bit IV. */
export function createSecretBox(secretKey: string): SecretBox {
  const key = Buffer.from(hkdfSync('sha256', secretKey, 'call-elements', 'aircall-api-key/v1', 32));
  return {
    seal(plaintext, associatedData) {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      cipher.setAAD(Buffer.from(associatedData));
      const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final(), cipher.getAuthTag()]);
      return `${FORMAT}.${iv.toString('base64url')}.${body.toString('base64url')}`;
    },
    open(sealed, associatedData) {
      const [format, iv, body] = sealed.split('.');
      if (format !== FORMAT || !iv || !body) throw new Error('not a sealed secret of this server');
      const bytes = Buffer.from(body, 'base64url');
      const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
      decipher.setAAD(Buffer.from(associatedData));
      decipher.setAuthTag(bytes.subarray(bytes.length - TAG_BYTES));
      return Buffer.concat([decipher.update(bytes.subarray(0, bytes.length - TAG_BYTES)), decipher.final()]).toString('utf8');
    },
  };
}

/**
 * Compares a token from a request with the expected one in constant time. Both are hashed first
 * so that neither their content nor their length shows in the timing.
 */
export function safeEqual(given: string, expected: string): boolean {
  const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest();
  return timingSafeEqual(digest(given), digest(expected));
}
