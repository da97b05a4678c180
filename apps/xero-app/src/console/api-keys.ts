import type { Kysely } from 'kysely';
import { isUuid } from '../connections/uuid.ts';
import { randomToken, sha256Hex } from '../crypto/random-token.ts';
import type { DatabaseSchema } from '../db/schema.ts';
import type { ApiKeyView } from './console-views-model.ts';
import { recordAudit } from '../timeline/audit-log-repo.ts';

// Keys for the Sitecore extension: shown once at creation, stored as a SHA-256 hash (a 256-bit random
// key needs no slow hash), looked up by that hash.

const PREFIX = 'lbk_';

export function createApiKeyStore(db: Kysely<DatabaseSchema>) {
  return {
    async create(input: {
      workspaceId: string;
      name: string;
      actor: string;
    }): Promise<{ id: string; key: string }> {
      const key = `${PREFIX}${randomToken(32)}`;
      const row = await db
        .insertInto('api_keys')
        .values({
          workspace_id: input.workspaceId,
          name: input.name.trim() || 'Sitecore',
          key_hash: sha256Hex(key),
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await recordAudit(db, {
        workspaceId: input.workspaceId,
        actor: input.actor,
        action: 'api-key.created',
        details: { id: row.id, name: input.name },
      });
      return { id: row.id, key };
    },

    async list(workspaceId: string): Promise<ApiKeyView[]> {
      const rows = await db
        .selectFrom('api_keys')
        .select(['id', 'name', 'created_at', 'revoked_at'])
        .where('workspace_id', '=', workspaceId)
        .orderBy('created_at', 'desc')
        .execute();
      return rows.map((r) => ({
        id: r.id,
        name: r.name,
        createdAt: new Date(r.created_at),
        revokedAt: r.revoked_at ? new Date(r.revoked_at) : null,
      }));
    },

    async revoke(input: { workspaceId: string; id: string; actor: string }): Promise<boolean> {
      if (!isUuid(input.id)) return false;
      const result = await db
        .updateTable('api_keys')
        .set({ revoked_at: new Date() })
        .where('id', '=', input.id)
        .where('workspace_id', '=', input.workspaceId)
        .where('revoked_at', 'is', null)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    },

    /** The workspace a presented key belongs to, when it is live. */
    async authenticate(key: string): Promise<{ workspaceId: string; keyId: string } | undefined> {
      if (!key.startsWith(PREFIX) || key.length > 200) return undefined;
      const row = await db
        .selectFrom('api_keys')
        .select(['workspace_id', 'id'])
        .where('key_hash', '=', sha256Hex(key))
        .where('revoked_at', 'is', null)
        .executeTakeFirst();
      return row ? { workspaceId: row.workspace_id, keyId: row.id } : undefined;
    },

    /** Whether a key (by id) of this workspace is still live: status links die with their key. */
    async isLive(input: { workspaceId: string; keyId: string }): Promise<boolean> {
      if (!isUuid(input.keyId)) return false;
      const row = await db
        .selectFrom('api_keys')
        .select('id')
        .where('id', '=', input.keyId)
        .where('workspace_id', '=', input.workspaceId)
        .where('revoked_at', 'is', null)
        .executeTakeFirst();
      return row !== undefined;
    },
  };
}

export type ApiKeyStore = ReturnType<typeof createApiKeyStore>;
