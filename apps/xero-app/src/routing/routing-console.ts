import type { Order, Result } from '@ledgerbridge/canonical';
import { fail, ok, permanent } from '@ledgerbridge/canonical';
import { isUuid } from '../connections/uuid.ts';
import type { Db } from '../db/database.ts';
import { addRoutingRule, deleteRoutingRule, listRoutingRules, moveRoutingRule } from './routing-repo.ts';
import {
  describeForRouting,
  type MatchKind,
  type RoutingRule,
  routeByRules,
  ruleMatches,
  ruleProblem,
} from './routing-rule.ts';

type Actor = { workspaceId: string; actor: string };

export type RoutingPageData = {
  readonly environment: string;
  readonly environmentId: string;
  readonly rules: RoutingRule[];
  readonly organisations: ReadonlyArray<{ id: string; name: string }>;
  readonly recentOrders: ReadonlyArray<{ orderId: string; connectionId: string }>;
};

export type RouteTest = {
  readonly orderId: string;
  readonly described: string;
  readonly results: ReadonlyArray<{ rule: string; matched: boolean; error?: string }>;
  readonly decision: string;
};

/** The console's routing page: rules of one environment, tried in order; tested against recent orders. */
export function createRoutingConsole(deps: {
  db: Db;
  /** The order as the sync would see it (canonical), read from the environment's marketplace. */
  orderFor: (input: { connectionId: string; orderId: string }) => Promise<Result<Order>>;
}) {
  const { db } = deps;
  async function environment(workspaceId: string, name: string) {
    return db
      .selectFrom('environments')
      .select(['id', 'ordercloud_connection_id'])
      .where('workspace_id', '=', workspaceId)
      .where('name', '=', name as 'dev' | 'qa' | 'prod')
      .executeTakeFirst();
  }
  return {
    async page(workspaceId: string, name: string): Promise<RoutingPageData | undefined> {
      const env = await environment(workspaceId, name);
      if (!env) return undefined;
      const [rules, organisations, recent] = await Promise.all([
        listRoutingRules(db, env.id),
        db
          .selectFrom('xero_connections')
          .select(['id', 'tenant_name'])
          .where('workspace_id', '=', workspaceId)
          .where('status', '=', 'active')
          .orderBy('tenant_name')
          .execute(),
        env.ordercloud_connection_id
          ? db
              .selectFrom('order_syncs')
              .select(['order_id', 'ordercloud_connection_id'])
              .where('workspace_id', '=', workspaceId)
              .where('ordercloud_connection_id', '=', env.ordercloud_connection_id)
              .orderBy('updated_at', 'desc')
              .limit(20)
              .execute()
          : Promise.resolve([]),
      ]);
      return {
        environment: name,
        environmentId: env.id,
        rules,
        organisations: organisations.map((o) => ({ id: o.id, name: o.tenant_name })),
        recentOrders: recent.map((r) => ({ orderId: r.order_id, connectionId: r.ordercloud_connection_id })),
      };
    },

    async add(
      input: Actor & {
        environment: string;
        name: string;
        kind: string;
        value: string;
        xeroConnectionId: string;
      },
    ): Promise<Result<void>> {
      const env = await environment(input.workspaceId, input.environment);
      if (!env) return fail(permanent('not-found', 'No such environment.'));
      const problem = ruleProblem(input.kind, input.value);
      if (problem) return fail(permanent('invalid-rule', problem));
      if (!isUuid(input.xeroConnectionId))
        return fail(permanent('invalid-rule', 'Choose a connected Xero organisation.'));
      const org = await db
        .selectFrom('xero_connections')
        .select('id')
        .where('id', '=', input.xeroConnectionId)
        .where('workspace_id', '=', input.workspaceId)
        .executeTakeFirst();
      if (!org) return fail(permanent('invalid-rule', 'Choose a connected Xero organisation.'));
      await addRoutingRule(db, {
        workspaceId: input.workspaceId,
        actor: input.actor,
        environmentId: env.id,
        name: input.name.trim() || `${input.kind} ${input.value}`,
        kind: input.kind as MatchKind,
        value: input.value.trim(),
        xeroConnectionId: org.id,
      });
      return ok(undefined);
    },

    async move(input: Actor & { ruleId: string; direction: 'up' | 'down' }): Promise<Result<void>> {
      if (!isUuid(input.ruleId)) return fail(permanent('not-found', 'No such rule.'));
      return (await moveRoutingRule(db, input))
        ? ok(undefined)
        : fail(permanent('not-found', 'No such rule.'));
    },

    async remove(input: Actor & { ruleId: string }): Promise<Result<void>> {
      if (!isUuid(input.ruleId)) return fail(permanent('not-found', 'No such rule.'));
      return (await deleteRoutingRule(db, input))
        ? ok(undefined)
        : fail(permanent('not-found', 'No such rule.'));
    },

    /** Which rule an order would take, rule by rule, without syncing anything. */
    async test(input: {
      workspaceId: string;
      environment: string;
      orderId: string;
    }): Promise<Result<RouteTest>> {
      const env = await environment(input.workspaceId, input.environment);
      if (!env?.ordercloud_connection_id)
        return fail(permanent('not-found', 'This environment has no OrderCloud marketplace.'));
      const order = await deps.orderFor({
        connectionId: env.ordercloud_connection_id,
        orderId: input.orderId.trim(),
      });
      if (!order.ok) return order;
      const rules = await listRoutingRules(db, env.id);
      const results = [];
      for (const rule of rules) {
        try {
          results.push({ rule: rule.name, matched: await ruleMatches(rule, order.value) });
        } catch (error) {
          results.push({ rule: rule.name, matched: false, error: (error as Error).message });
        }
      }
      const routed = await routeByRules(rules, order.value);
      return ok({
        orderId: order.value.id,
        described: describeForRouting(order.value),
        results,
        decision:
          rules.length === 0
            ? "No rules: every order goes to the environment's own Xero organisation."
            : 'rule' in routed
              ? `Goes to ${routed.rule.tenantName} by rule “${routed.rule.name}”.`
              : routed.unmatched,
      });
    },
  };
}

export type RoutingConsole = ReturnType<typeof createRoutingConsole>;
