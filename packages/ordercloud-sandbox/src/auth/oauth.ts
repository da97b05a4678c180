import type { SandboxCore } from '../api/context.ts';
import { clientServesBuyer } from '../directory/api-clients.ts';
import { profileRoles } from '../directory/security-profiles.ts';
import { buyerDefaultRoles } from './actor.ts';

// POST /oauth/token (form-encoded): client_credentials (with secret → the client's default context
// user; without secret on an anonymous-buyer client → an anonymous shopper with an order ID claim),
// password, and refresh_token. Errors use OAuth's {error, error_description} shape.
export type OAuthResult = { status: number; body: Record<string, unknown> };

const oauthError = (status: number, error: string, description: string): OAuthResult => ({
  status,
  body: { error, error_description: description },
});

type ContextUser = {
  kind: 'admin' | 'buyer';
  id: string;
  username: string;
  roles: string[];
  active: boolean;
  password?: string;
  buyerId?: string;
};

function findUser(core: SandboxCore, username: string): ContextUser | undefined {
  const name = username.toLowerCase();
  const admin = [...core.state.adminUsers.values()].find((u) => u.Username.toLowerCase() === name);
  if (admin)
    return {
      kind: 'admin',
      id: admin.ID,
      username: admin.Username,
      roles: profileRoles(core.state, { kind: 'admin', id: admin.ID }) ?? admin.Roles,
      active: admin.Active,
      password: admin.Password,
    };
  const buyer = [...core.state.users.values()].find((u) => u.Username.toLowerCase() === name);
  if (buyer)
    return {
      kind: 'buyer',
      id: buyer.ID,
      username: buyer.Username,
      roles: profileRoles(core.state, { kind: 'buyer', id: buyer.ID, buyerId: buyer.BuyerID }) ?? buyer.Roles,
      active: buyer.Active,
      password: buyer.Password,
      buyerId: buyer.BuyerID,
    };
  return undefined;
}

function grantedRoles(user: ContextUser, scope: string | undefined): string[] {
  const available = user.roles.length ? user.roles : user.kind === 'buyer' ? buyerDefaultRoles : [];
  const requested = (scope ?? '').split(/\s+/).filter(Boolean);
  if (requested.length === 0) return [...available];
  if (available.includes('FullAccess')) return requested;
  return requested.filter((role) => available.includes(role));
}

export async function handleTokenRequest(core: SandboxCore, form: URLSearchParams): Promise<OAuthResult> {
  core.stats.tokenRequests += 1;
  const grant = form.get('grant_type');
  const clientId = form.get('client_id') ?? '';
  const secret = form.get('client_secret') ?? undefined;
  const client = core.state.apiClients.get(clientId);
  if (!client?.Active) return oauthError(401, 'invalid_client', 'Client not found or inactive.');
  if (secret !== undefined && client.ClientSecret !== secret)
    return oauthError(401, 'invalid_client', 'Invalid client secret.');
  const lifetimeSeconds = client.AccessTokenDuration * 60;

  const issue = async (user: ContextUser, options: { anonymousOrderId?: string; refresh: boolean }) => {
    if (!user.active) return oauthError(400, 'invalid_grant', 'User not active.');
    if (user.kind === 'admin' && !client.AllowSeller)
      return oauthError(400, 'invalid_grant', 'This client does not allow seller users.');
    if (user.kind === 'buyer' && user.buyerId && !clientServesBuyer(core.state, client, user.buyerId))
      return oauthError(400, 'invalid_grant', "This client is not assigned to the user's buyer.");
    const roles = grantedRoles(user, form.get('scope') ?? undefined);
    const access = await core.tokens.issue({
      clientId: client.ID,
      username: user.username,
      userId: user.id,
      userType: user.kind,
      roles,
      lifetimeSeconds,
      ...(options.anonymousOrderId ? { anonymousOrderId: options.anonymousOrderId } : {}),
    });
    let refreshToken: string | null = null;
    if (options.refresh && client.RefreshTokenDuration > 0) {
      refreshToken = core.newId((id) => core.state.refreshTokens.has(id));
      core.state.refreshTokens.set(refreshToken, {
        token: refreshToken,
        clientId: client.ID,
        username: user.username,
        userType: user.kind,
        expiresAt: Date.now() + client.RefreshTokenDuration * 60_000,
      });
    }
    return {
      status: 200,
      body: {
        access_token: access,
        expires_in: lifetimeSeconds,
        token_type: 'bearer',
        refresh_token: refreshToken,
      },
    };
  };

  if (grant === 'client_credentials') {
    if (!client.DefaultContextUserName)
      return oauthError(400, 'invalid_grant', 'The API client has no default context user.');
    const user = findUser(core, client.DefaultContextUserName);
    if (!user) return oauthError(400, 'invalid_grant', 'Default context user not found.');
    if (secret === undefined) {
      if (!client.IsAnonBuyer || user.kind !== 'buyer')
        return oauthError(401, 'invalid_client', 'client_secret is required.');
      return issue(user, { anonymousOrderId: core.newId((id) => core.state.orders.has(id)), refresh: false });
    }
    return issue(user, { refresh: false });
  }
  if (grant === 'password') {
    const username = form.get('username') ?? '';
    const password = form.get('password') ?? '';
    const user = findUser(core, username);
    if (!user || user.password === undefined || user.password !== password) {
      return oauthError(400, 'invalid_grant', 'Invalid username or password.');
    }
    return issue(user, { refresh: true });
  }
  if (grant === 'refresh_token') {
    const record = core.state.refreshTokens.get(form.get('refresh_token') ?? '');
    if (!record || record.clientId !== client.ID || record.expiresAt < Date.now()) {
      return oauthError(400, 'invalid_grant', 'Refresh token is invalid or expired.');
    }
    const user = findUser(core, record.username);
    if (!user) return oauthError(400, 'invalid_grant', 'User not found.');
    return issue(user, { refresh: false });
  }
  return oauthError(400, 'unsupported_grant_type', `Unsupported grant_type: ${grant ?? '(none)'}`);
}
