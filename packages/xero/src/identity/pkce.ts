import { createHash, randomBytes } from 'node:crypto';

export type PkcePair = { readonly codeVerifier: string; readonly codeChallenge: string };

/** RFC 7636 S256: a 43-character verifier from 32 random bytes, or from a caller-derived secret. */
export function createPkcePair(codeVerifier = randomBytes(32).toString('base64url')): PkcePair {
  return { codeVerifier, codeChallenge: createHash('sha256').update(codeVerifier).digest('base64url') };
}
