import { type CryptoKey, exportJWK, generateKeyPair, type JWK } from 'jose';

export type SigningKeys = { kid: string; privateKey: CryptoKey; publicKey: CryptoKey; jwks: { keys: JWK[] } };

// One RS256 key per sandbox, published at the JWKS endpoint so OpenID clients verify id_tokens.
export async function createSigningKeys(kid: string): Promise<SigningKeys> {
  const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true });
  const jwk = await exportJWK(publicKey);
  return { kid, privateKey, publicKey, jwks: { keys: [{ ...jwk, kid, alg: 'RS256', use: 'sig' }] } };
}
