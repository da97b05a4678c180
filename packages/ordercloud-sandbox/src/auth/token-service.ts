import { randomBytes } from 'node:crypto';
import { jwtVerify, SignJWT } from 'jose';

// OrderCloud access tokens are JWTs the SDK decodes itself (exp, usr, cid, usrtype, role), so the
// simulator signs real ones (HS256, a key per sandbox instance) and verifies them on every call.
export type TokenClaims = {
  usr: string;
  cid: string;
  u: string;
  usrtype: 'admin' | 'buyer';
  role: string[];
  orderid?: string;
  exp: number;
  nbf: number;
};

export type IssueTokenInput = {
  clientId: string;
  username: string;
  userId: string;
  userType: 'admin' | 'buyer';
  roles: readonly string[];
  lifetimeSeconds: number;
  anonymousOrderId?: string;
};

export type TokenService = {
  issue(input: IssueTokenInput): Promise<string>;
  verify(token: string): Promise<TokenClaims | undefined>;
  /** Invalidates every token issued so far (as if the marketplace revoked them). */
  revokeAll(): void;
};

export function createTokenService(options: { issuer: string; nowSeconds?: () => number }): TokenService {
  let key = new Uint8Array(randomBytes(32));
  const nowSeconds = options.nowSeconds ?? (() => Math.floor(Date.now() / 1000));
  return {
    revokeAll() {
      key = new Uint8Array(randomBytes(32));
    },
    async issue(input) {
      const now = nowSeconds();
      const claims: Record<string, unknown> = {
        usr: input.username,
        cid: input.clientId,
        u: input.userId,
        usrtype: input.userType,
        role: [...input.roles],
      };
      if (input.anonymousOrderId) claims.orderid = input.anonymousOrderId;
      return new SignJWT(claims)
        .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
        .setIssuer(options.issuer)
        .setAudience(options.issuer)
        .setIssuedAt(now)
        .setNotBefore(now)
        .setExpirationTime(now + input.lifetimeSeconds)
        .setJti(randomBytes(8).toString('hex'))
        .sign(key);
    },
    async verify(token) {
      try {
        const { payload } = await jwtVerify(token, key, {
          issuer: options.issuer,
          audience: options.issuer,
          currentDate: new Date(nowSeconds() * 1000),
        });
        const { usr, cid, u, usrtype, role, orderid, exp, nbf } = payload as Record<string, unknown>;
        if (typeof usr !== 'string' || typeof cid !== 'string' || typeof u !== 'string') return undefined;
        if (usrtype !== 'admin' && usrtype !== 'buyer') return undefined;
        if (!Array.isArray(role) || typeof exp !== 'number' || typeof nbf !== 'number') return undefined;
        return {
          usr,
          cid,
          u,
          usrtype,
          role: role.filter((r): r is string => typeof r === 'string'),
          ...(typeof orderid === 'string' ? { orderid } : {}),
          exp,
          nbf,
        };
      } catch {
        return undefined;
      }
    },
  };
}
