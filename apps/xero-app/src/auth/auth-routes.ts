import type { Result, XeroIdentity } from '@ledgerbridge/canonical';
import { type Context, Hono } from 'hono';
import { setFlash } from '../console/flash.ts';
import { errorPage, landingPage } from '../console/views/landing-page.ts';
import type { OAuthOutcome } from './complete-xero-oauth.ts';
import { requireCsrf } from './csrf.ts';
import type { OAuthPurpose, OAuthStateCodec } from './oauth-state.ts';
import {
  type CookiePolicy,
  clearSessionCookie,
  readSessionCookie,
  setOAuthCookie,
  setSessionCookie,
  takeOAuthCookie,
} from './session-cookies.ts';
import { type LoadSession, requireSession, type SessionEnv } from './session-middleware.ts';

export type AuthDeps = {
  readonly identity: Pick<XeroIdentity, 'authorizeUrl'>;
  readonly stateCodec: OAuthStateCodec;
  readonly loadSession: LoadSession;
  completeOAuth(input: {
    code: string;
    redirectUri: string;
    purpose: OAuthPurpose;
    nonce: string;
    workspaceId: string | null;
  }): Promise<Result<OAuthOutcome>>;
  createSession(input: { userId: string; workspaceId: string }): Promise<{ token: string; expiresAt: Date }>;
  deleteSession(token: string): Promise<void>;
  /** Sign-in asks only who you are; sign-up and connect also ask for the accounting scopes. */
  readonly scopes: { readonly signin: readonly string[]; readonly full: readonly string[] };
  readonly publicUrl: string;
  readonly cookiePolicy: CookiePolicy;
};

/** Sign up / sign in with Xero (OpenID Connect), connecting organisations, and signing out. */
export function createAuthRoutes(deps: AuthDeps): Hono<SessionEnv> {
  const app = new Hono<SessionEnv>();
  const redirectUri = `${deps.publicUrl.replace(/\/+$/, '')}/auth/xero/callback`;
  const policy = deps.cookiePolicy;

  const toXero = (c: Context, purpose: OAuthPurpose, workspaceId: string | null, status: 302 | 303) => {
    const started = deps.stateCodec.start({ purpose, workspaceId });
    setOAuthCookie(c, policy, started.browserSecret);
    const scopes = purpose === 'signin' ? deps.scopes.signin : deps.scopes.full;
    return c.redirect(
      deps.identity.authorizeUrl({ redirectUri, scopes, state: started.state, nonce: started.nonce }),
      status,
    );
  };

  app.get('/', async (c) => {
    const token = readSessionCookie(c);
    if (token && (await deps.loadSession(token))) return c.redirect('/console', 302);
    const notice =
      c.req.query('signin') === 'required'
        ? 'Sign in to continue.'
        : c.req.query('signedout')
          ? 'Signed out.'
          : null;
    return c.html(landingPage({ notice }));
  });
  app.get('/auth/xero/signup', (c) => toXero(c, 'signup', null, 302));
  app.get('/auth/xero/signin', (c) => toXero(c, 'signin', null, 302));

  app.post('/auth/xero/connect', requireSession(deps.loadSession), requireCsrf(), (c) =>
    toXero(c, 'connect', c.get('session').workspaceId, 303),
  );

  app.get('/auth/xero/callback', async (c) => {
    const refuse = (message: string, status: 400 | 403 | 502 = 400) =>
      c.html(errorPage({ title: 'Xero sign-in did not complete', message }), status);
    const browserSecret = takeOAuthCookie(c, policy);
    const verified = deps.stateCodec.verify({ state: c.req.query('state'), browserSecret });
    if (!verified.ok)
      return refuse(`This sign-in link is not valid here (${verified.reason}). Start again.`, 403);
    const xeroError = c.req.query('error');
    if (xeroError) {
      return refuse(
        xeroError === 'access_denied'
          ? 'You cancelled at Xero; nothing was connected.'
          : `Xero said: ${xeroError}.`,
      );
    }
    const code = c.req.query('code');
    if (!code) return refuse('Xero sent no authorisation code.');
    const { purpose, workspaceId } = verified.payload;

    let sessionWorkspace: string | null = null;
    if (purpose === 'connect') {
      const token = readSessionCookie(c);
      const session = token ? await deps.loadSession(token) : undefined;
      // The state names the workspace that asked; only that workspace's session may finish it.
      if (!session || session.workspaceId !== workspaceId)
        return refuse('Sign in to the workspace that started this connection.', 403);
      sessionWorkspace = session.workspaceId;
    }
    const outcome = await deps.completeOAuth({
      code,
      redirectUri,
      purpose,
      nonce: verified.nonce,
      workspaceId: sessionWorkspace,
    });
    if (!outcome.ok) {
      const status = outcome.error.kind === 'retryable' || outcome.error.kind === 'retry-after' ? 502 : 400;
      return refuse(outcome.error.message, status);
    }
    const { userId, authorisation } = outcome.value;
    if (userId) {
      const session = await deps.createSession({ userId, workspaceId: outcome.value.workspaceId });
      setSessionCookie(c, policy, session.token, session.expiresAt);
    }
    if (!authorisation) return c.redirect('/console', 302);
    const names = authorisation.connections.map((x) => x.tenantName).join(', ');
    setFlash(c, policy, {
      kind: 'ok',
      message: `Connected ${names}. Choose which environment each organisation serves.`,
    });
    return c.redirect('/console/environments', 302);
  });

  app.post('/auth/signout', requireSession(deps.loadSession), requireCsrf(), async (c) => {
    await deps.deleteSession(c.get('sessionToken'));
    clearSessionCookie(c, policy);
    return c.redirect('/?signedout=1', 303);
  });

  return app;
}
