import type { Kysely, Transaction } from 'kysely';
import type { DatabaseSchema } from '../../db/schema.ts';
import { listRoutingRules, replaceRoutingRules } from '../../routing/routing-repo.ts';
import type { RoutingRule } from '../../routing/routing-rule.ts';
import { type MappingConfig, MappingConfigSchema } from '../mapping-config.ts';
import type { RoutingRow, RoutingSnapshot } from './routing-codec.ts';
import { recordAudit } from '../../timeline/audit-log-repo.ts';

type Db = Kysely<DatabaseSchema>;
type Trx = Transaction<DatabaseSchema>;

export type VersionSummary = {
  readonly id: string;
  readonly version: number;
  readonly note: string;
  readonly author: string;
  readonly environment: string | null;
  readonly parentVersion: number | null;
  readonly createdAt: Date;
  /** Environments that use this version now. */
  readonly pinnedIn: readonly string[];
};

export type StoredVersion = VersionSummary & {
  readonly config: MappingConfig;
  /** The environment's routing rules saved with this version; null when saved without (0052). */
  readonly routing: RoutingSnapshot | null;
};

export type EnvironmentBinding = {
  readonly id: string;
  readonly name: 'dev' | 'qa' | 'prod';
  readonly tenantId: string | null;
  readonly tenantName: string | null;
  readonly ordercloudConnectionId: string | null;
  readonly mappingVersionId: string | null;
};

export type AuditEntry = {
  readonly at: Date;
  readonly actor: string;
  readonly action: string;
  readonly details: Record<string, unknown>;
};

const date = (v: Date | string) => new Date(v);

/** Mapping versions of a workspace: immutable once saved; environments pin one. Every change audited. */
export function createVersionsRepo(db: Db) {
  async function summaries(workspaceId: string, only?: string): Promise<StoredVersion[]> {
    let query = db
      .selectFrom('mapping_versions as v')
      .leftJoin('mapping_versions as p', 'p.id', 'v.parent_id')
      .select([
        'v.id',
        'v.version',
        'v.note',
        'v.author',
        'v.environment',
        'v.created_at',
        'v.config',
        'v.routing',
        'p.version as parent_version',
      ])
      .where('v.workspace_id', '=', workspaceId)
      .orderBy('v.version', 'desc');
    if (only) query = query.where('v.id', '=', only);
    const rows = await query.execute();
    const pins = await db
      .selectFrom('environments')
      .select(['name', 'mapping_version_id'])
      .where('workspace_id', '=', workspaceId)
      .execute();
    return rows.map((r) => ({
      id: r.id,
      version: r.version,
      note: r.note,
      author: r.author,
      environment: r.environment,
      parentVersion: r.parent_version ?? null,
      createdAt: date(r.created_at),
      pinnedIn: pins.filter((p) => p.mapping_version_id === r.id).map((p) => p.name),
      config: MappingConfigSchema.parse(r.config),
      routing: Array.isArray(r.routing) ? (r.routing as RoutingSnapshot) : null,
    }));
  }

  return {
    async environments(workspaceId: string): Promise<EnvironmentBinding[]> {
      const rows = await db
        .selectFrom('environments as e')
        .leftJoin('xero_connections as x', (j) =>
          j.onRef('x.id', '=', 'e.xero_connection_id').on('x.workspace_id', '=', workspaceId),
        )
        .select([
          'e.id',
          'e.name',
          'x.tenant_id',
          'x.tenant_name',
          'e.ordercloud_connection_id',
          'e.mapping_version_id',
        ])
        .where('e.workspace_id', '=', workspaceId)
        .execute();
      const order = { dev: 0, qa: 1, prod: 2 } as const;
      return rows
        .map((r) => ({
          id: r.id,
          name: r.name,
          tenantId: r.tenant_id ?? null,
          tenantName: r.tenant_name ?? null,
          ordercloudConnectionId: r.ordercloud_connection_id,
          mappingVersionId: r.mapping_version_id,
        }))
        .sort((a, b) => order[a.name] - order[b.name]);
    },

    /** An environment's routing rules, in order. */
    async routing(environmentId: string): Promise<RoutingRule[]> {
      return listRoutingRules(db, environmentId);
    },

    /** The workspace's connected Xero organisations, for routing rules. */
    async organisations(workspaceId: string): Promise<Array<{ id: string; name: string }>> {
      const rows = await db
        .selectFrom('xero_connections')
        .select(['id', 'tenant_name'])
        .where('workspace_id', '=', workspaceId)
        .where('status', '=', 'active')
        .orderBy('tenant_name')
        .execute();
      return rows.map((r) => ({ id: r.id, name: r.tenant_name }));
    },

    async list(workspaceId: string): Promise<VersionSummary[]> {
      return (await summaries(workspaceId)).map(
        ({ config: _config, routing: _routing, ...summary }) => summary,
      );
    },

    async byId(workspaceId: string, id: string): Promise<StoredVersion | undefined> {
      return (await summaries(workspaceId, id))[0];
    },

    async byNumber(workspaceId: string, version: number): Promise<StoredVersion | undefined> {
      const row = await db
        .selectFrom('mapping_versions')
        .select('id')
        .where('workspace_id', '=', workspaceId)
        .where('version', '=', version)
        .executeTakeFirst();
      return row ? (await summaries(workspaceId, row.id))[0] : undefined;
    },

    /** Saves a new version and, when `pinTo` is given, makes that environment use it. */
    async save(input: {
      workspaceId: string;
      config: MappingConfig;
      note: string;
      author: string;
      environment: string | null;
      parentId: string | null;
      pinTo?: string;
      action: string;
      details?: object;
      /** The environment's routing rules, written with the version and recorded on it. */
      routing?: { environmentId: string; rows: readonly RoutingRow[]; snapshot: RoutingSnapshot };
    }): Promise<{ id: string; version: number }> {
      const config = MappingConfigSchema.parse(input.config);
      return db.transaction().execute(async (trx) => {
        if (input.routing)
          await replaceRoutingRules(trx, {
            workspaceId: input.workspaceId,
            environmentId: input.routing.environmentId,
            rows: input.routing.rows,
          });
        const last = await trx
          .selectFrom('mapping_versions')
          .select((eb) => eb.fn.max('version').as('v'))
          .where('workspace_id', '=', input.workspaceId)
          .executeTakeFirst();
        const version = Number(last?.v ?? 0) + 1;
        const created = await trx
          .insertInto('mapping_versions')
          .values({
            workspace_id: input.workspaceId,
            version,
            config: JSON.stringify(config),
            note: input.note,
            author: input.author,
            environment: input.environment,
            parent_id: input.parentId,
            routing: input.routing ? JSON.stringify(input.routing.snapshot) : null,
          })
          .returning(['id', 'version'])
          .executeTakeFirstOrThrow();
        if (input.pinTo) await pin(trx, input.workspaceId, input.pinTo, created.id);
        await recordAudit(trx, {
          workspaceId: input.workspaceId,
          actor: input.author,
          action: input.action,
          details: {
            version,
            environment: input.pinTo ?? input.environment,
            note: input.note,
            ...input.details,
          },
        });
        return created;
      });
    },

    /** Makes an environment use an existing version (promotion, rollback, restore). */
    async pin(input: {
      workspaceId: string;
      environment: string;
      versionId: string;
      actor: string;
      action: string;
      details?: object;
    }): Promise<boolean> {
      return db.transaction().execute(async (trx) => {
        const found = await trx
          .selectFrom('mapping_versions')
          .select('version')
          .where('id', '=', input.versionId)
          .where('workspace_id', '=', input.workspaceId)
          .executeTakeFirst();
        if (!found) return false;
        if (!(await pin(trx, input.workspaceId, input.environment, input.versionId))) return false;
        await recordAudit(trx, {
          workspaceId: input.workspaceId,
          actor: input.actor,
          action: input.action,
          details: { version: found.version, environment: input.environment, ...input.details },
        });
        return true;
      });
    },

    /** An audit entry for something that changes no version (a rejected suggestion). */
    async record(workspaceId: string, actor: string, action: string, details: object): Promise<void> {
      await db.transaction().execute((trx) => recordAudit(trx, { workspaceId, actor, action, details }));
    },

    /** "key=value" of every suggestion rejected for an environment. */
    async rejectedSuggestions(workspaceId: string, environment: string): Promise<Set<string>> {
      const rows = await db
        .selectFrom('audit_log')
        .select('details')
        .where('workspace_id', '=', workspaceId)
        .where('action', '=', 'mapping.suggestion-rejected')
        .execute();
      const out = new Set<string>();
      for (const r of rows) {
        const d = (typeof r.details === 'string' ? JSON.parse(r.details) : r.details) as Record<
          string,
          unknown
        >;
        if (d.environment === environment) out.add(`${String(d.key)}=${String(d.value)}`);
      }
      return out;
    },

    async audit(workspaceId: string, limit = 50): Promise<AuditEntry[]> {
      const rows = await db
        .selectFrom('audit_log')
        .select(['at', 'actor', 'action', 'details'])
        .where('workspace_id', '=', workspaceId)
        .where((eb) => eb.or([eb('action', 'like', 'mapping.%'), eb('action', '=', 'environment.bound')]))
        .orderBy('at', 'desc')
        .limit(limit)
        .execute();
      return rows.map((r) => ({
        at: date(r.at),
        actor: r.actor,
        action: r.action,
        details: (typeof r.details === 'string' ? JSON.parse(r.details) : r.details) as Record<
          string,
          unknown
        >,
      }));
    },
  };
}

async function pin(trx: Trx, workspaceId: string, environment: string, versionId: string) {
  const updated = await trx
    .updateTable('environments')
    .set({ mapping_version_id: versionId })
    .where('workspace_id', '=', workspaceId)
    .where('name', '=', environment as 'dev')
    .executeTakeFirst();
  return Number(updated.numUpdatedRows) > 0;
}

export type VersionsRepo = ReturnType<typeof createVersionsRepo>;
