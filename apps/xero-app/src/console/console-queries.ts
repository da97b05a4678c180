import { type Kysely, type Selectable, sql } from 'kysely';
import { isUuid } from '../connections/uuid.ts';
import type { DatabaseSchema } from '../db/schema.ts';
import { dayCallsLeft, dayWindowMs } from '../rate-budget/rate-policy.ts';
import { type OrderDetails, orderDetails, withoutRepeats } from './order-details.ts';
import type { CatalogReviewNotice } from './views/catalog-review-notice.ts';
import type {
  AlertView,
  Budget,
  EnvironmentView,
  MappingView,
  OrderCloudConnectionView,
  OrderView,
  TimelineView,
  XeroConnectionView,
} from './console-views-model.ts';

// Every read of the console, each scoped to one workspace by its first argument.

export type OrderFilter = {
  limit?: number;
  page?: number;
  search?: string;
  /** A group (synced, pending, attention, canceled) or an exact status. */
  status?: string;
  reason?: string;
  connectionId?: string;
  /** UTC days, inclusive. */
  from?: string;
  to?: string;
};

const statusGroups: Record<string, ReturnType<typeof sql<boolean>>> = {
  synced: sql<boolean>`(order_syncs.status in ('invoiced', 'paid', 'part-paid', 'credited') or (order_syncs.status = 'voided' and order_syncs.message is null))`,
  pending: sql<boolean>`order_syncs.status in ('received', 'queued')`,
  attention: sql<boolean>`(order_syncs.status = 'needs-attention' or (order_syncs.status = 'voided' and order_syncs.message is not null))`,
  canceled: sql<boolean>`order_syncs.status = 'canceled'`,
};

type Db = Kysely<DatabaseSchema>;
type OrderSyncRow = Selectable<DatabaseSchema['order_syncs']> & { connection_name: string | null };

/** An order's sync row (joined with its marketplace's name) as the orders list and the order page show it. */
function orderView(r: OrderSyncRow): OrderView {
  return {
    id: r.id,
    orderId: r.order_id,
    connectionName: r.connection_name ?? '',
    status: r.status,
    invoiceId: r.invoice_id,
    invoiceNumber: r.invoice_number,
    total: r.total,
    currency: r.currency,
    customerName: r.customer_name,
    amountPaid: r.amount_paid,
    message: r.message,
    updatedAt: new Date(r.updated_at),
  };
}
const DAY_MS = 24 * 60 * 60 * 1000;
const date = (v: Date | string | null | undefined) => (v === null || v === undefined ? null : new Date(v));

/**
 * Today's Xero calls left for a tenant, as the rate budget counts them: calls in the last 24 hours
 * (rate_calls) against the day limit, or fewer when Xero's own X-DayLimit-Remaining said so recently.
 */
export function budgetFrom(
  input: {
    dayLimit: number | null;
    callsLastDay: number;
    reportedRemaining: number | null;
    reportedAt: Date | string | null;
    pausedUntil: Date | string | null;
  },
  defaultLimit: number,
  now: Date,
  dayMs: number = DAY_MS,
): Budget {
  const limit = input.dayLimit ?? defaultLimit;
  const left = dayCallsLeft(
    {
      dayLimit: limit,
      callsInWindow: input.callsLastDay,
      reportedRemaining: input.reportedRemaining,
      reportedAt: input.reportedAt,
    },
    now,
    dayMs,
  );
  const paused = date(input.pausedUntil);
  return { used: limit - left, limit, left, pausedUntil: paused && paused > now ? paused : null };
}

export function createConsoleQueries(deps: {
  db: Db;
  dailyLimit: number;
  /** Xero's minute as the rate budget counts it: the console's day is the same window as admission's. */
  minuteMs?: number;
  clock?: () => Date;
  xeroAppUrl?: string;
}) {
  const { db } = deps;
  const dayMs = dayWindowMs(deps.minuteMs ?? 60_000);
  const now = () => (deps.clock ?? (() => new Date()))();

  async function lastSyncByOrderCloudConnection(workspaceId: string): Promise<Map<string, Date>> {
    const rows = await db
      .selectFrom('order_syncs')
      .select(['ordercloud_connection_id', (eb) => eb.fn.max('updated_at').as('last')])
      .where('workspace_id', '=', workspaceId)
      .groupBy('ordercloud_connection_id')
      .execute();
    return new Map(rows.map((r) => [r.ordercloud_connection_id, new Date(r.last as Date | string)]));
  }

  async function environments(workspaceId: string): Promise<EnvironmentView[]> {
    const rows = await db
      .selectFrom('environments')
      .leftJoin('xero_connections', (j) =>
        j
          .onRef('xero_connections.id', '=', 'environments.xero_connection_id')
          .on('xero_connections.workspace_id', '=', workspaceId),
      )
      .leftJoin('ordercloud_connections', (j) =>
        j
          .onRef('ordercloud_connections.id', '=', 'environments.ordercloud_connection_id')
          .on('ordercloud_connections.workspace_id', '=', workspaceId),
      )
      .leftJoin('mapping_versions', (j) =>
        j
          .onRef('mapping_versions.id', '=', 'environments.mapping_version_id')
          .on('mapping_versions.workspace_id', '=', workspaceId),
      )
      .select([
        'environments.id',
        'environments.name',
        'environments.xero_connection_id',
        'environments.ordercloud_connection_id',
        'xero_connections.tenant_name',
        'ordercloud_connections.name as ordercloud_name',
        'mapping_versions.version',
      ])
      .where('environments.workspace_id', '=', workspaceId)
      .orderBy(sql`array_position(array['dev','qa','prod'], environments.name)`)
      .execute();
    const lastSync = await lastSyncByOrderCloudConnection(workspaceId);
    return rows.map((r) => ({
      id: r.id,
      name: r.name,
      xeroConnectionId: r.xero_connection_id,
      tenantName: r.tenant_name,
      ordercloudConnectionId: r.ordercloud_connection_id,
      ordercloudName: r.ordercloud_name,
      mappingVersion: r.version,
      lastSyncAt: r.ordercloud_connection_id ? (lastSync.get(r.ordercloud_connection_id) ?? null) : null,
    }));
  }

  /** One page of the workspace's orders: filtered, searched (order ID, invoice number, customer name or e-mail). */
  async function ordersPage(
    workspaceId: string,
    options: OrderFilter = {},
  ): Promise<{ rows: OrderView[]; total: number; page: number; pageSize: number }> {
    const pageSize = Math.min(options.limit ?? 50, 200);
    const page = Math.max(1, Math.floor(options.page ?? 1));
    let query = db
      .selectFrom('order_syncs')
      .leftJoin('ordercloud_connections', 'ordercloud_connections.id', 'order_syncs.ordercloud_connection_id')
      .where('order_syncs.workspace_id', '=', workspaceId);
    if (options.search) {
      const like = `%${options.search.replace(/[%_\\]/g, '\\$&')}%`;
      query = query.where((eb) =>
        eb.or([
          eb('order_syncs.order_id', 'ilike', like),
          eb('order_syncs.invoice_number', 'ilike', like),
          eb('order_syncs.customer_name', 'ilike', like),
          eb('order_syncs.customer_email', 'ilike', like),
        ]),
      );
    }
    const group = options.status ? statusGroups[options.status] : undefined;
    if (group) query = query.where(group);
    else if (options.status) query = query.where('order_syncs.status', '=', options.status);
    if (options.reason) query = query.where('order_syncs.reason', '=', options.reason);
    if (options.connectionId && isUuid(options.connectionId))
      query = query.where('order_syncs.ordercloud_connection_id', '=', options.connectionId);
    if (options.from)
      query = query.where('order_syncs.created_at', '>=', new Date(`${options.from}T00:00:00Z`));
    if (options.to)
      query = query.where(
        'order_syncs.created_at',
        '<',
        new Date(new Date(`${options.to}T00:00:00Z`).getTime() + DAY_MS),
      );
    const [rows, counted] = await Promise.all([
      query
        .selectAll('order_syncs')
        .select('ordercloud_connections.name as connection_name')
        .orderBy('order_syncs.updated_at', 'desc')
        .orderBy('order_syncs.id')
        .limit(pageSize)
        .offset((page - 1) * pageSize)
        .execute(),
      query.select(sql<number>`count(*)::int`.as('n')).executeTakeFirst(),
    ]);
    return {
      rows: rows.map(orderView),
      total: Number(counted?.n ?? 0),
      page,
      pageSize,
    };
  }

  return {
    environments,

    async xeroConnections(workspaceId: string): Promise<XeroConnectionView[]> {
      const rows = await db
        .selectFrom('xero_connections')
        .innerJoin('xero_token_sets', 'xero_token_sets.id', 'xero_connections.token_set_id')
        .leftJoin('rate_budgets', 'rate_budgets.tenant_id', 'xero_connections.tenant_id')
        .select([
          'xero_connections.id',
          'xero_connections.tenant_id',
          'xero_connections.tenant_name',
          'xero_connections.status',
          'xero_token_sets.status_reason',
          'xero_token_sets.access_expires_at',
          'xero_token_sets.refresh_expires_at',
          'rate_budgets.day_limit',
          'rate_budgets.day_remaining_reported',
          'rate_budgets.reported_at',
          'rate_budgets.paused_until',
        ])
        .where('xero_connections.workspace_id', '=', workspaceId)
        .where('xero_connections.status', '!=', 'disconnected')
        .orderBy('xero_connections.tenant_name')
        .execute();
      const envs = await environments(workspaceId);
      const at = now();
      const tenants = rows.map((r) => r.tenant_id);
      const counted =
        tenants.length === 0
          ? []
          : await db
              .selectFrom('rate_calls')
              .select(['tenant_id', (eb) => eb.fn.countAll<string>().as('n')])
              .where('tenant_id', 'in', tenants)
              .where('at', '>', new Date(at.getTime() - dayMs))
              .groupBy('tenant_id')
              .execute();
      const calls = new Map(counted.map((c) => [c.tenant_id, Number(c.n)]));
      return rows.map((r): XeroConnectionView => {
        const bound = envs.filter((e) => e.xeroConnectionId === r.id);
        const syncs = bound.map((e) => e.lastSyncAt).filter((d): d is Date => d !== null);
        return {
          id: r.id,
          tenantId: r.tenant_id,
          tenantName: r.tenant_name,
          status: r.status,
          statusReason: r.status === 'active' ? null : r.status_reason,
          accessExpiresAt: new Date(r.access_expires_at),
          refreshExpiresAt: new Date(r.refresh_expires_at),
          environments: bound.map((e) => e.name),
          lastSyncAt: syncs.length > 0 ? new Date(Math.max(...syncs.map((d) => d.getTime()))) : null,
          budget: budgetFrom(
            {
              dayLimit: r.day_limit,
              callsLastDay: calls.get(r.tenant_id) ?? 0,
              reportedRemaining: r.day_remaining_reported,
              reportedAt: r.reported_at,
              pausedUntil: r.paused_until,
            },
            deps.dailyLimit,
            at,
            dayMs,
          ),
        };
      });
    },

    async ordercloudConnections(workspaceId: string): Promise<OrderCloudConnectionView[]> {
      const rows = await db
        .selectFrom('ordercloud_connections')
        .select([
          'id',
          'name',
          'api_url',
          'client_id',
          'status',
          'status_reason',
          'webhook_id',
          'verified_at',
        ])
        .where('workspace_id', '=', workspaceId)
        .where('status', '!=', 'disconnected')
        .orderBy('created_at')
        .execute();
      const envs = await environments(workspaceId);
      return rows.map((r) => ({
        id: r.id,
        name: r.name,
        apiUrl: r.api_url,
        clientId: r.client_id,
        status: r.status,
        statusReason: r.status_reason,
        webhookId: r.webhook_id,
        verifiedAt: date(r.verified_at),
        environments: envs.filter((e) => e.ordercloudConnectionId === r.id).map((e) => e.name),
        lastSyncAt: envs.find((e) => e.ordercloudConnectionId === r.id)?.lastSyncAt ?? null,
      }));
    },

    async mapping(workspaceId: string, environment: string): Promise<MappingView | undefined> {
      const row = await db
        .selectFrom('environments')
        .innerJoin('mapping_versions', 'mapping_versions.id', 'environments.mapping_version_id')
        .select([
          'mapping_versions.version',
          'mapping_versions.note',
          'mapping_versions.created_at',
          'mapping_versions.config',
        ])
        .where('environments.workspace_id', '=', workspaceId)
        .where('mapping_versions.workspace_id', '=', workspaceId)
        .where('environments.name', '=', environment as 'dev')
        .executeTakeFirst();
      return row
        ? {
            environment,
            version: row.version,
            note: row.note,
            createdAt: new Date(row.created_at),
            config: row.config,
          }
        : undefined;
    },

    async orders(workspaceId: string, options: OrderFilter = {}): Promise<OrderView[]> {
      return (await ordersPage(workspaceId, options)).rows;
    },

    ordersPage,

    async order(
      workspaceId: string,
      orderSyncId: string,
    ): Promise<{ order: OrderView; timeline: TimelineView[]; details: OrderDetails } | undefined> {
      if (!isUuid(orderSyncId)) return undefined;
      const r = await db
        .selectFrom('order_syncs')
        .leftJoin(
          'ordercloud_connections',
          'ordercloud_connections.id',
          'order_syncs.ordercloud_connection_id',
        )
        .selectAll('order_syncs')
        .select('ordercloud_connections.name as connection_name')
        .where('order_syncs.workspace_id', '=', workspaceId)
        .where('order_syncs.id', '=', orderSyncId)
        .executeTakeFirst();
      if (!r) return undefined;
      const timeline = await db
        .selectFrom('timeline')
        .select(['at', 'step', 'outcome', 'message'])
        .where('workspace_id', '=', workspaceId)
        .where('subject_type', '=', 'order')
        // The sync names an order on the timeline by its connection and OrderCloud ID (sync-context orderKey).
        .where('subject_id', '=', `${r.ordercloud_connection_id}:${r.order_id}`)
        .orderBy('at')
        .limit(500)
        .execute();
      return {
        order: orderView(r),
        timeline: withoutRepeats(
          timeline.map((t) => ({
            at: new Date(t.at),
            step: t.step,
            outcome: t.outcome,
            message: t.message,
          })),
        ),
        details: await orderDetails(db, {
          connectionId: r.ordercloud_connection_id,
          orderId: r.order_id,
          invoiceId: r.invoice_id,
          xeroAppUrl: deps.xeroAppUrl ?? 'https://go.xero.com',
        }),
      };
    },

    /** Marketplaces whose latest match review is open (their catalog waits for it), oldest first. */
    async catalogReviewNotices(workspaceId: string): Promise<CatalogReviewNotice[]> {
      const rows = await db
        .selectFrom('catalog_reviews as r')
        .innerJoin('ordercloud_connections as o', 'o.id', 'r.connection_id')
        .leftJoin('catalog_first_syncs as f', (join) =>
          join.onRef('f.connection_id', '=', 'r.connection_id').onRef('f.review_id', '=', 'r.id'),
        )
        .leftJoin('xero_connections as x', (join) =>
          join.onRef('x.tenant_id', '=', 'r.tenant_id').onRef('x.workspace_id', '=', 'r.workspace_id'),
        )
        .select(['r.connection_id', 'o.name', 'x.tenant_name', 'f.foreign_items', 'r.created_at'])
        .where('r.workspace_id', '=', workspaceId)
        .where('r.status', '=', 'open')
        // Only a connection's latest review counts (a newer one supersedes it).
        .where(({ not, exists, selectFrom }) =>
          not(
            exists(
              selectFrom('catalog_reviews as later')
                .select('later.id')
                .whereRef('later.connection_id', '=', 'r.connection_id')
                .whereRef('later.created_at', '>', 'r.created_at'),
            ),
          ),
        )
        .orderBy('r.created_at')
        .execute();
      const seen = new Set<string>();
      return rows.flatMap((r) => {
        if (seen.has(r.connection_id)) return [];
        seen.add(r.connection_id);
        return [
          {
            connectionId: r.connection_id,
            marketplace: r.name,
            tenantName: r.tenant_name ?? 'Your Xero organisation',
            automatic: r.foreign_items !== null,
            foreignItems: r.foreign_items ?? 0,
          },
        ];
      });
    },

    async alerts(workspaceId: string): Promise<AlertView[]> {
      const rows = await db
        .selectFrom('alerts')
        .select(['id', 'kind', 'message', 'created_at'])
        .where('workspace_id', '=', workspaceId)
        .where('resolved_at', 'is', null)
        .orderBy('created_at', 'desc')
        .limit(50)
        .execute();
      return rows.map((r) => ({
        id: r.id,
        kind: r.kind,
        message: r.message,
        createdAt: new Date(r.created_at),
      }));
    },
  };
}

export type ConsoleQueries = ReturnType<typeof createConsoleQueries>;
