import { type Kysely, sql } from 'kysely';
import type { Keyring } from '../crypto/keyring.ts';
import { randomToken } from '../crypto/random-token.ts';
import type { DatabaseSchema } from '../db/schema.ts';
import type { AlertCandidate } from './alert-kinds.ts';
import type { AlertSignals } from './alert-signals.ts';
import { type AlertSettings, storedEvents } from './alert-settings.ts';
import type { DeliveryOutcome } from './destinations/alert-destination.ts';
import { recordAudit } from '../timeline/audit-log-repo.ts';

type Db = Kysely<DatabaseSchema>;

export const alertSecretContext = (workspaceId: string) => `alert_settings.webhook_secret:${workspaceId}`;

export type StoredAlertSettings = AlertSettings & {
  readonly workspaceId: string;
  readonly webhookSecret: string | null;
  readonly openKeys: readonly string[];
  readonly checkedAt: Date | null;
  readonly updatedAt: Date;
};

export type AlertLogRow = {
  readonly id: string;
  readonly kind: string;
  readonly title: string;
  readonly message: string;
  readonly link: string;
  readonly count: number;
  readonly suppressed: number;
  readonly deliveries: readonly DeliveryOutcome[];
  readonly createdAt: Date;
};

const asDate = (value: Date | string | null) => (value === null ? null : new Date(value));
const asJson = (value: unknown): unknown => (typeof value === 'string' ? JSON.parse(value) : value);

/** The alerts' SQL: settings (the signing secret sealed), the log, and the reads a check needs. */
export function createAlertsStore(deps: { db: Db; keyring: Keyring }) {
  const { db, keyring } = deps;

  async function settings(workspaceId: string): Promise<StoredAlertSettings | undefined> {
    const row = await db
      .selectFrom('alert_settings')
      .selectAll()
      .where('workspace_id', '=', workspaceId)
      .executeTakeFirst();
    if (!row) return undefined;
    return {
      workspaceId,
      webhookUrl: row.webhook_url,
      webhookSecret: row.webhook_secret_enc
        ? keyring.decrypt(row.webhook_secret_enc, alertSecretContext(workspaceId))
        : null,
      emailTo: row.email_to ? row.email_to.split(',') : [],
      events: storedEvents(asJson(row.events)),
      quietMinutes: row.quiet_minutes,
      attentionThreshold: row.attention_threshold,
      openKeys: (asJson(row.open_keys) as string[]) ?? [],
      checkedAt: asDate(row.checked_at),
      updatedAt: new Date(row.updated_at),
    };
  }

  return {
    settings,

    /** Saves the settings; the signing secret is made on first save and kept until rotated. */
    async save(input: {
      workspaceId: string;
      actor: string;
      settings: AlertSettings;
      rotateSecret?: boolean;
    }) {
      const { workspaceId, settings: s } = input;
      const existing = await settings(workspaceId);
      const secret =
        input.rotateSecret || !existing?.webhookSecret ? `whsec_${randomToken(24)}` : existing.webhookSecret;
      const values = {
        webhook_url: s.webhookUrl,
        webhook_secret_enc: keyring.encrypt(secret, alertSecretContext(workspaceId)),
        key_id: keyring.currentKeyId,
        email_to: s.emailTo.length ? s.emailTo.join(',') : null,
        events: JSON.stringify(s.events),
        quiet_minutes: s.quietMinutes,
        attention_threshold: s.attentionThreshold,
        updated_by: input.actor,
        updated_at: new Date(),
      };
      await db.transaction().execute(async (trx) => {
        await trx
          .insertInto('alert_settings')
          .values({ workspace_id: workspaceId, ...values })
          .onConflict((oc) => oc.column('workspace_id').doUpdateSet(values))
          .execute();
        await recordAudit(trx, {
          workspaceId,
          actor: input.actor,
          action: input.rotateSecret ? 'alerts.secret-rotated' : 'alerts.settings-saved',
          details: {
            webhook: s.webhookUrl ? new URL(s.webhookUrl).origin : null,
            recipients: s.emailTo.length,
            events: s.events,
            quietMinutes: s.quietMinutes,
          },
        });
      });
    },

    /** Workspaces with somewhere to send alerts. */
    async workspacesWithDestinations(): Promise<string[]> {
      const rows = await db
        .selectFrom('alert_settings')
        .select('workspace_id')
        .where((eb) => eb.or([eb('webhook_url', 'is not', null), eb('email_to', 'is not', null)]))
        .execute();
      return rows.map((r) => r.workspace_id);
    },

    /** Takes the check for `now` unless another worker took it since `previous` (compare and set). */
    /** Takes this check unless another took one since `lastBefore` (the row lock orders concurrent claims). */
    async claimCheck(input: { workspaceId: string; lastBefore: Date; now: Date }): Promise<boolean> {
      const result = await db
        .updateTable('alert_settings')
        .set({ checked_at: input.now })
        .where('workspace_id', '=', input.workspaceId)
        .where((eb) => eb.or([eb('checked_at', 'is', null), eb('checked_at', '<=', input.lastBefore)]))
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },

    async saveOpenKeys(workspaceId: string, keys: readonly string[]): Promise<void> {
      await db
        .updateTable('alert_settings')
        .set({ open_keys: JSON.stringify(keys) })
        .where('workspace_id', '=', workspaceId)
        .execute();
    },

    async lastSent(workspaceId: string, keys: readonly string[]): Promise<Map<string, Date>> {
      if (keys.length === 0) return new Map();
      const rows = await db
        .selectFrom('alert_log')
        .select(['dedup_key', sql<Date>`max(created_at)`.as('at')])
        .where('workspace_id', '=', workspaceId)
        .where('dedup_key', 'in', [...keys])
        .groupBy('dedup_key')
        .execute();
      return new Map(rows.map((r) => [r.dedup_key, new Date(r.at)]));
    },

    async record(input: {
      workspaceId: string;
      candidates: readonly AlertCandidate[];
      deliveries: readonly DeliveryOutcome[];
      publicUrl: string;
      at: Date;
    }): Promise<string[]> {
      if (input.candidates.length === 0) return [];
      const rows = await db
        .insertInto('alert_log')
        .values(
          input.candidates.map((c) => ({
            workspace_id: input.workspaceId,
            kind: c.kind,
            dedup_key: c.key,
            title: c.title,
            message: c.message,
            link: c.href,
            count: c.count,
            deliveries: JSON.stringify(input.deliveries),
            created_at: input.at,
          })),
        )
        .returning('id')
        .execute();
      return rows.map((r) => r.id);
    },

    /** What the destinations last said about a delivery (its log rows share it). */
    async deliveriesOf(logIds: readonly string[]): Promise<DeliveryOutcome[]> {
      if (logIds.length === 0) return [];
      const row = await db
        .selectFrom('alert_log')
        .select('deliveries')
        .where('id', 'in', [...logIds])
        .limit(1)
        .executeTakeFirst();
      return row ? (asJson(row.deliveries) as DeliveryOutcome[]) : [];
    },

    /** A retry's outcome, written on every log row of the delivery. */
    async updateDeliveries(logIds: readonly string[], deliveries: readonly DeliveryOutcome[]): Promise<void> {
      if (logIds.length === 0) return;
      await db
        .updateTable('alert_log')
        .set({ deliveries: JSON.stringify(deliveries) })
        .where('id', 'in', [...logIds])
        .execute();
    },

    /** Held back by the quiet period: counted on the last alert sent with the same key. */
    async addSuppressed(workspaceId: string, candidates: readonly AlertCandidate[]): Promise<void> {
      for (const c of candidates) {
        await db
          .updateTable('alert_log')
          .set((eb) => ({ suppressed: eb('suppressed', '+', c.count) }))
          .where(
            'id',
            '=',
            db
              .selectFrom('alert_log')
              .select('id')
              .where('workspace_id', '=', workspaceId)
              .where('dedup_key', '=', c.key)
              .orderBy('created_at', 'desc')
              .limit(1),
          )
          .execute();
      }
    },

    async log(workspaceId: string, limit = 50): Promise<AlertLogRow[]> {
      const rows = await db
        .selectFrom('alert_log')
        .selectAll()
        .where('workspace_id', '=', workspaceId)
        .orderBy('created_at', 'desc')
        .limit(limit)
        .execute();
      return rows.map((r) => ({
        id: r.id,
        kind: r.kind,
        title: r.title,
        message: r.message,
        link: r.link,
        count: r.count,
        suppressed: r.suppressed,
        deliveries: asJson(r.deliveries) as DeliveryOutcome[],
        createdAt: new Date(r.created_at),
      }));
    },

    async workspaceName(workspaceId: string): Promise<string> {
      const row = await db
        .selectFrom('workspaces')
        .select('name')
        .where('id', '=', workspaceId)
        .executeTakeFirst();
      return row?.name ?? 'Workspace';
    },

    /** Orders that came to need attention after `since`, by reason. */
    async newAttention(workspaceId: string, since: Date): Promise<Map<string, number>> {
      const rows = await db
        .selectFrom('order_syncs')
        .select([sql<string>`coalesce(reason, 'other')`.as('reason'), sql<number>`count(*)::int`.as('n')])
        .where('workspace_id', '=', workspaceId)
        .where('status', '=', 'needs-attention')
        .where('updated_at', '>', since)
        .groupBy(sql`coalesce(reason, 'other')`)
        .execute();
      return new Map(rows.map((r) => [r.reason, Number(r.n)]));
    },

    /** Each connected organisation's authorisation and when its refresh token runs out. */
    async authorisations(workspaceId: string): Promise<AlertSignals['authorisations'][number][]> {
      const rows = await db
        .selectFrom('xero_connections')
        .innerJoin('xero_token_sets', 'xero_token_sets.id', 'xero_connections.token_set_id')
        .select([
          'xero_connections.tenant_name',
          'xero_token_sets.refresh_expires_at',
          'xero_token_sets.refresh_failures',
          'xero_token_sets.refresh_failed_at',
          'xero_token_sets.refresh_error',
        ])
        .where('xero_connections.workspace_id', '=', workspaceId)
        .where('xero_connections.status', '=', 'active')
        .where('xero_token_sets.status', '=', 'active')
        .execute();
      return rows.map((r) => ({
        tenantName: r.tenant_name,
        refreshExpiresAt: new Date(r.refresh_expires_at),
        refreshFailures: Number(r.refresh_failures),
        refreshFailedAt: asDate(r.refresh_failed_at),
        refreshError: r.refresh_error,
      }));
    },
  };
}

export type AlertsStore = ReturnType<typeof createAlertsStore>;
