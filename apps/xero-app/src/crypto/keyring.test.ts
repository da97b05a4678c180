import { describe, expect, it } from 'vitest';
import { createKeyring, DecryptionError } from './keyring.ts';

const keyA = 'a'.repeat(43);
const keyB = 'b'.repeat(43);

describe('keyring', () => {
  it('round-trips and never stores the plaintext', () => {
    const ring = createKeyring({ current: keyA });
    const sealed = ring.encrypt('refresh-token-123', 'ctx');
    expect(sealed).not.toContain('refresh-token-123');
    expect(ring.keyIdOf(sealed)).toBe(ring.currentKeyId);
    expect(ring.decrypt(sealed, 'ctx')).toBe('refresh-token-123');
    expect(ring.encrypt('refresh-token-123', 'ctx')).not.toBe(sealed);
  });

  it('refuses another key, another context and a tampered value', () => {
    const sealed = createKeyring({ current: keyA }).encrypt('secret', 'ctx');
    expect(() => createKeyring({ current: keyB }).decrypt(sealed, 'ctx')).toThrow(DecryptionError);
    expect(() => createKeyring({ current: keyA }).decrypt(sealed, 'other-row')).toThrow(DecryptionError);
    const [v, id, iv, data, tag] = sealed.split('.');
    // The second-to-last character changes for sure (the old test looked at the last one, so one value in
    // 64 was "tampered" into itself and decrypted).
    const at = data!.length - 2;
    const flipped = `${data!.slice(0, at)}${data![at] === 'A' ? 'B' : 'A'}${data!.slice(at + 1)}`;
    expect(flipped).not.toBe(data);
    expect(() =>
      createKeyring({ current: keyA }).decrypt([v, id, iv, flipped, tag].join('.'), 'ctx'),
    ).toThrow(DecryptionError);
  });

  it('reads values sealed with a previous key after rotation, and seals with the new one', () => {
    const old = createKeyring({ current: keyA }).encrypt('secret', 'ctx');
    const rotated = createKeyring({ current: keyB, previous: [keyA] });
    expect(rotated.decrypt(old, 'ctx')).toBe('secret');
    expect(rotated.keyIdOf(rotated.encrypt('secret', 'ctx'))).not.toBe(rotated.keyIdOf(old));
  });

  it('opens values sealed before the keys were held as KeyObjects, under the same key id', () => {
    // Sealed by the keyring of 9f35e01 (raw key bytes): rows at rest keep opening after decision 0135.
    const sealedBefore =
      'v1.3db9e0a8182f3dab.j9JNaYi7dU4-u5y-.F03GhQttpB9I4hKsKFmNIyo.DgokxOgqyPz-TUO8xBwLiw';
    const ring = createKeyring({ current: keyA });
    expect(ring.currentKeyId).toBe('3db9e0a8182f3dab');
    expect(ring.decrypt(sealedBefore, 'inbound_events.payload:conn-1')).toBe('refresh-token-123');
    expect(() => ring.decrypt(sealedBefore, 'inbound_events.payload:conn-2')).toThrow(DecryptionError);
  });
});
