import { fail, ok, permanent, type Result, type XeroIdentity } from '@ledgerbridge/canonical';
import type { Kysely } from 'kysely';
import type { SavedAuthorisation, saveXeroAuthorisation } from '../connections/save-xero-authorisation.ts';
import type { DatabaseSchema } from '../db/schema.ts';
import type { OAuthPurpose } from './oauth-state.ts';
import { findUserByXeroSub, provisionWorkspace } from './workspaces-repo.ts';

export type OAuthOutcome = {
  readonly userId: string | null;
  readonly workspaceId: string;
  readonly newWorkspace: boolean;
  readonly authorisation: SavedAuthorisation | null;
};

/**
 * The callback of every Xero OAuth flow. Sign-in/sign-up: the id_token (validated against Xero's JWKS
 * with our nonce) names the user; an unknown one gets a new workspace. Sign-up and connect: the granted
 * organisations and the encrypted tokens are stored for the workspace.
 */
export async function completeXeroOAuth(
  deps: {
    db: Kysely<DatabaseSchema>;
    identity: Pick<XeroIdentity, 'exchangeCode' | 'validateIdToken' | 'listConnections'>;
    saveAuthorisation: (
      input: Parameters<typeof saveXeroAuthorisation>[1],
    ) => Promise<Result<SavedAuthorisation>>;
  },
  input: {
    code: string;
    redirectUri: string;
    purpose: OAuthPurpose;
    nonce: string;
    /** For `connect`: the signed-in workspace, already checked against the state. */
    workspaceId: string | null;
  },
): Promise<Result<OAuthOutcome>> {
  const tokens = await deps.identity.exchangeCode({ code: input.code, redirectUri: input.redirectUri });
  if (!tokens.ok) return tokens;
  const idToken = tokens.value.idToken;
  if (!idToken && input.purpose !== 'connect') {
    return fail(permanent('xero-no-id-token', 'Xero did not say who signed in (no id_token).'));
  }
  const claims = idToken ? await deps.identity.validateIdToken({ idToken, nonce: input.nonce }) : undefined;
  if (claims && !claims.ok) return claims;
  const who = claims?.value;

  let userId: string | null = null;
  let workspaceId = input.workspaceId;
  let newWorkspace = false;
  let tenants: Awaited<ReturnType<XeroIdentity['listConnections']>> | undefined;
  const wantsOrganisations = input.purpose !== 'signin' && tokens.value.refreshToken !== null;
  if (wantsOrganisations) {
    tenants = await deps.identity.listConnections({ accessToken: tokens.value.accessToken });
    if (!tenants.ok) return tenants;
  }

  if (input.purpose !== 'connect') {
    if (!who) return fail(permanent('xero-no-id-token', 'Xero did not say who signed in.'));
    const existing = await findUserByXeroSub(deps.db, who.sub);
    if (existing) {
      userId = existing.id;
      workspaceId = existing.workspaceId;
    } else {
      const firstOrg = tenants?.ok ? tenants.value.find((t) => t.tenantType === 'ORGANISATION') : undefined;
      const created = await deps.db.transaction().execute((trx) =>
        provisionWorkspace(trx, {
          workspaceName: firstOrg?.tenantName ?? (who.name ? `${who.name}'s workspace` : 'My workspace'),
          xeroUserId: who.sub,
          email: who.email ?? '',
          name: who.name ?? who.email ?? 'Xero user',
        }),
      );
      userId = created.userId;
      workspaceId = created.workspaceId;
      newWorkspace = true;
    }
  }
  if (!workspaceId) return fail(permanent('no-workspace', 'Sign in before connecting Xero organisations.'));

  let authorisation: SavedAuthorisation | null = null;
  if (tenants?.ok && tenants.value.some((t) => t.tenantType === 'ORGANISATION')) {
    const saved = await deps.saveAuthorisation({
      workspaceId,
      xeroUserId: who?.sub ?? null,
      tokens: tokens.value,
      tenants: tenants.value,
      actor: who?.email ?? who?.sub ?? 'xero',
    });
    if (!saved.ok) return saved;
    authorisation = saved.value;
  } else if (input.purpose === 'connect') {
    return fail(
      permanent('xero-no-organisation', 'No Xero organisation was chosen; connect again and pick one.'),
    );
  }
  return ok({ userId, workspaceId, newWorkspace, authorisation });
}
