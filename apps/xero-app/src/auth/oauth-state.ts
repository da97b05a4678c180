import { deriveSecret, hmacBase64Url, safeEqual } from '../crypto/hmac.ts';
import { randomToken, sha256Hex } from '../crypto/random-token.ts';

// The OAuth `state`: HMAC-signed, expiring, and bound to a short-lived HttpOnly cookie holding a random
// browser secret. The OpenID nonce is derived from the same secret, so nothing is stored server-side
// and a state or id_token captured from one browser is useless in another.

export type OAuthPurpose = 'signin' | 'signup' | 'connect';

export type OAuthStart = {
  /** Goes into the short-lived cookie. */
  readonly browserSecret: string;
  readonly state: string;
  readonly nonce: string;
};

export type OAuthStatePayload = {
  readonly purpose: OAuthPurpose;
  /** The workspace a `connect` adds organisations to; checked against the session at the callback. */
  readonly workspaceId: string | null;
  readonly expiresAt: number;
};

export const OAUTH_STATE_TTL_MS = 10 * 60 * 1000;

type Wire = { p: OAuthPurpose; w: string | null; e: number; b: string; r: string };

export function createOAuthStateCodec(deps: { secret: string; clock?: () => Date }) {
  const stateKey = deriveSecret(deps.secret, 'oauth-state');
  const nonceKey = deriveSecret(deps.secret, 'oauth-nonce');
  const now = () => (deps.clock ?? (() => new Date()))().getTime();
  const nonceFor = (browserSecret: string, random: string) =>
    hmacBase64Url(nonceKey, `${browserSecret}.${random}`);

  return {
    start(input: { purpose: OAuthPurpose; workspaceId?: string | null }): OAuthStart {
      const browserSecret = randomToken();
      const wire: Wire = {
        p: input.purpose,
        w: input.workspaceId ?? null,
        e: now() + OAUTH_STATE_TTL_MS,
        b: sha256Hex(browserSecret).slice(0, 32),
        r: randomToken(16),
      };
      const payload = Buffer.from(JSON.stringify(wire)).toString('base64url');
      return {
        browserSecret,
        state: `${payload}.${hmacBase64Url(stateKey, payload)}`,
        nonce: nonceFor(browserSecret, wire.r),
      };
    },

    /** The payload and the nonce to expect in the id_token, or why the callback is refused. */
    verify(input: {
      state: string | undefined;
      browserSecret: string | undefined;
    }): { ok: true; payload: OAuthStatePayload; nonce: string } | { ok: false; reason: string } {
      const [payload, signature, ...rest] = (input.state ?? '').split('.');
      if (!payload || !signature || rest.length > 0)
        return { ok: false, reason: 'missing or malformed state' };
      if (!safeEqual(signature, hmacBase64Url(stateKey, payload)))
        return { ok: false, reason: 'state signature mismatch' };
      let wire: Wire;
      try {
        wire = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Wire;
      } catch {
        return { ok: false, reason: 'unreadable state' };
      }
      if (typeof wire.e !== 'number' || wire.e < now())
        return { ok: false, reason: 'the sign-in took too long; start again' };
      if (!input.browserSecret || !safeEqual(wire.b, sha256Hex(input.browserSecret).slice(0, 32))) {
        return { ok: false, reason: 'the sign-in was started in another browser' };
      }
      return {
        ok: true,
        payload: { purpose: wire.p, workspaceId: wire.w, expiresAt: wire.e },
        nonce: nonceFor(input.browserSecret, wire.r),
      };
    },
  };
}

export type OAuthStateCodec = ReturnType<typeof createOAuthStateCodec>;
