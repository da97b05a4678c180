import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { isUuid } from '../connections/uuid.ts';
import type { Keyring } from '../crypto/keyring.ts';
import { randomToken } from '../crypto/random-token.ts';
import type { DatabaseSchema } from '../db/schema.ts';
import { recordAudit } from '../timeline/audit-log-repo.ts';

export const siteSecretContext = (workspaceId: string) => `sitecore_sites.signing_secret:${workspaceId}`;

export type SitecoreSiteView = {
  readonly id: string;
  readonly name: string;
  readonly environment: string;
  readonly apiKeyId: string | null;
  readonly apiKeyRevoked: boolean;
  readonly createdAt: Date;
};

/** A site's signing secret, for the intake; undefined for an unknown or disconnected site. */
export async function getSitecoreSiteSecret(
  deps: { db: Kysely<DatabaseSchema>; keyring: Keyring },
  siteId: string,
): Promise<{ workspaceId: string; signingSecret: string } | undefined> {
  if (!isUuid(siteId)) return undefined;
  const row = await deps.db
    .selectFrom('sitecore_sites')
    .select(['workspace_id', 'signing_secret_enc'])
    .where('id', '=', siteId)
    .where('status', '=', 'active')
    .executeTakeFirst();
  if (!row) return undefined;
  return {
    workspaceId: row.workspace_id,
    signingSecret: deps.keyring.decrypt(row.signing_secret_enc, siteSecretContext(row.workspace_id)),
  };
}

/**
 * A new site: its own API key (for the extension API) and signing secret (for the emitter), both
 * returned once and never shown again. Orders it sends go to the environment's Xero organisation.
 */
export async function createSitecoreSite(
  deps: {
    db: Kysely<DatabaseSchema>;
    keyring: Keyring;
    createApiKey: (name: string) => Promise<{ id: string; key: string }>;
  },
  input: { workspaceId: string; name: string; environmentId: string; actor: string },
): Promise<{ id: string; apiKey: string; signingSecret: string } | undefined> {
  // Only one of the workspace's own environments: anything else (another workspace's, not an ID) is refused.
  if (!isUuid(input.environmentId)) return undefined;
  const environment = await deps.db
    .selectFrom('environments')
    .select('id')
    .where('id', '=', input.environmentId)
    .where('workspace_id', '=', input.workspaceId)
    .executeTakeFirst();
  if (!environment) return undefined;
  const id = randomUUID();
  const name = input.name.trim() || 'Sitecore site';
  const signingSecret = `lbs_${randomToken(32)}`;
  const apiKey = await deps.createApiKey(`${name} (Sitecore site)`);
  await deps.db
    .insertInto('sitecore_sites')
    .values({
      id,
      workspace_id: input.workspaceId,
      name,
      environment_id: input.environmentId,
      api_key_id: apiKey.id,
      key_id: deps.keyring.currentKeyId,
      signing_secret_enc: deps.keyring.encrypt(signingSecret, siteSecretContext(input.workspaceId)),
    })
    .execute();
  await recordAudit(deps.db, {
    workspaceId: input.workspaceId,
    actor: input.actor,
    action: 'sitecore-site.created',
    details: { id, name, apiKeyId: apiKey.id },
  });
  return { id, apiKey: apiKey.key, signingSecret };
}

export async function listSitecoreSites(
  db: Kysely<DatabaseSchema>,
  workspaceId: string,
): Promise<SitecoreSiteView[]> {
  const rows = await db
    .selectFrom('sitecore_sites as s')
    .innerJoin('environments as e', 'e.id', 's.environment_id')
    .leftJoin('api_keys as k', 'k.id', 's.api_key_id')
    .select(['s.id', 's.name', 'e.name as environment', 's.api_key_id', 'k.revoked_at', 's.created_at'])
    .where('s.workspace_id', '=', workspaceId)
    .where('s.status', '=', 'active')
    .orderBy('s.created_at', 'desc')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    environment: r.environment,
    apiKeyId: r.api_key_id,
    apiKeyRevoked: r.revoked_at !== null || r.api_key_id === null,
    createdAt: new Date(r.created_at),
  }));
}

/** The site's workspace, for the worker (parking a job needs it). */
export async function workspaceOfSitecoreSite(
  db: Kysely<DatabaseSchema>,
  siteId: string,
): Promise<string | undefined> {
  if (!isUuid(siteId)) return undefined;
  const row = await db
    .selectFrom('sitecore_sites')
    .select('workspace_id')
    .where('id', '=', siteId)
    .executeTakeFirst();
  return row?.workspace_id;
}

/** The workspace's environments; a site can only send to one bound to a Xero organisation. */
export async function siteEnvironments(
  db: Kysely<DatabaseSchema>,
  workspaceId: string,
): Promise<Array<{ id: string; name: string; ready: boolean }>> {
  const rows = await db
    .selectFrom('environments')
    .select(['id', 'name', 'xero_connection_id'])
    .where('workspace_id', '=', workspaceId)
    .orderBy('name')
    .execute();
  return rows.map((r) => ({ id: r.id, name: r.name, ready: r.xero_connection_id !== null }));
}
