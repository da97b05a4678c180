import {
  createCipheriv,
  createDecipheriv,
  createHash,
  createSecretKey,
  hkdfSync,
  type KeyObject,
  randomBytes,
} from 'node:crypto';

// AES-256-GCM with keys derived from ENCRYPTION_KEY (and the previous keys kept for reading). Each
// value names the key that sealed it, so rotating keys never strands a row.

export type Keyring = {
  readonly currentKeyId: string;
  /** `context` (e.g. table.column:workspace) is authenticated: a value copied to another row fails. */
  encrypt(plaintext: string, context: string): string;
  decrypt(sealed: string, context: string): string;
  /** The id of the key that sealed a value, without decrypting it. */
  keyIdOf(sealed: string): string;
};

export class DecryptionError extends Error {
  override name = 'DecryptionError';
}

const VERSION = 'v1';

// The derived key is held as a KeyObject: given raw bytes, Node 24's createCipheriv and createDecipheriv
// first ask whether they are a KeyObject or a CryptoKey by throwing and catching two TypeErrors, which
// made sealing a delivery several times dearer than the AES itself (decision 0135).
function deriveKey(secret: string): { id: string; key: KeyObject } {
  const raw = Buffer.from(hkdfSync('sha256', secret, 'ledgerbridge/secrets-at-rest', 'aes-256-gcm v1', 32));
  // The id is a hash of the derived key: it names the key without helping anyone recover it.
  const id = createHash('sha256').update('ledgerbridge key id').update(raw).digest('hex').slice(0, 16);
  return { id, key: createSecretKey(raw) };
}

export function createKeyring(input: { current: string; previous?: readonly string[] }): Keyring {
  const current = deriveKey(input.current);
  const keys = new Map<string, KeyObject>([[current.id, current.key]]);
  for (const old of input.previous ?? []) {
    const derived = deriveKey(old);
    if (!keys.has(derived.id)) keys.set(derived.id, derived.key);
  }

  const parts = (sealed: string) => {
    const [version, keyId, iv, data, tag, ...rest] = sealed.split('.');
    if (version !== VERSION || !keyId || !iv || !data || tag === undefined || rest.length > 0) {
      throw new DecryptionError('not a sealed value');
    }
    return { keyId, iv, data, tag };
  };

  return {
    currentKeyId: current.id,
    encrypt(plaintext, context) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', current.key, iv);
      cipher.setAAD(Buffer.from(context));
      const data = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
      const b64 = (b: Buffer) => b.toString('base64url');
      return [VERSION, current.id, b64(iv), b64(data), b64(cipher.getAuthTag())].join('.');
    },
    decrypt(sealed, context) {
      const p = parts(sealed);
      const key = keys.get(p.keyId);
      if (!key) throw new DecryptionError(`sealed with key ${p.keyId}, which this keyring does not hold`);
      try {
        const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(p.iv, 'base64url'));
        decipher.setAAD(Buffer.from(context));
        decipher.setAuthTag(Buffer.from(p.tag, 'base64url'));
        return Buffer.concat([decipher.update(Buffer.from(p.data, 'base64url')), decipher.final()]).toString(
          'utf8',
        );
      } catch {
        throw new DecryptionError('the value does not open with its key (tampered, or another row)');
      }
    },
    keyIdOf(sealed) {
      return parts(sealed).keyId;
    },
  };
}

/** The keyring from the environment: ENCRYPTION_KEY seals, ENCRYPTION_KEY_PREVIOUS (comma-separated) still opens. */
export function keyringFromConfig(config: {
  ENCRYPTION_KEY: string;
  ENCRYPTION_KEY_PREVIOUS?: string | undefined;
}): Keyring {
  const previous = (config.ENCRYPTION_KEY_PREVIOUS ?? '')
    .split(',')
    .map((k) => k.trim())
    .filter(Boolean);
  return createKeyring({ current: config.ENCRYPTION_KEY, previous });
}
