import type { Db } from '../db/database.ts';
import { inTransaction } from '../sync/in-transaction.ts';
import type { MappingConfig } from '../mapping/mapping-config.ts';
import { createMappingVersion } from '../mapping/mapping-repo.ts';
import { type MatchKind, matchKinds, type RoutingRule } from './routing-rule.ts';
import { recordAudit } from '../timeline/audit-log-repo.ts';

type Actor = { workspaceId: string; actor: string };

export async function listRoutingRules(db: Db, environmentId: string): Promise<RoutingRule[]> {
  const rows = await db
    .selectFrom('routing_rules as r')
    .innerJoin('xero_connections as x', 'x.id', 'r.xero_connection_id')
    .select([
      'r.id',
      'r.name',
      'r.match_kind',
      'r.match_value',
      'r.xero_connection_id',
      'r.mapping_version_id',
      'x.tenant_id',
      'x.tenant_name',
    ])
    .where('r.environment_id', '=', environmentId)
    .orderBy('r.position')
    .execute();
  return rows.flatMap((r) =>
    (matchKinds as readonly string[]).includes(r.match_kind)
      ? [
          {
            id: r.id,
            name: r.name,
            kind: r.match_kind as MatchKind,
            value: r.match_value,
            xeroConnectionId: r.xero_connection_id,
            tenantId: r.tenant_id,
            tenantName: r.tenant_name,
            mappingVersionId: r.mapping_version_id,
          },
        ]
      : [],
  );
}

export async function addRoutingRule(
  db: Db,
  input: Actor & {
    environmentId: string;
    name: string;
    kind: MatchKind;
    value: string;
    xeroConnectionId: string;
    mappingVersionId?: string | null;
  },
): Promise<string> {
  return db.transaction().execute(async (trx) => {
    const last = await trx
      .selectFrom('routing_rules')
      .select((eb) => eb.fn.max('position').as('p'))
      .where('environment_id', '=', input.environmentId)
      .executeTakeFirst();
    const row = await trx
      .insertInto('routing_rules')
      .values({
        workspace_id: input.workspaceId,
        environment_id: input.environmentId,
        position: Number(last?.p ?? 0) + 1,
        name: input.name,
        match_kind: input.kind,
        match_value: input.value,
        xero_connection_id: input.xeroConnectionId,
        mapping_version_id: input.mappingVersionId ?? null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordAudit(trx, {
      workspaceId: input.workspaceId,
      actor: input.actor,
      action: 'routing.rule-added',
      details: {
        ruleId: row.id,
        name: input.name,
        kind: input.kind,
        value: input.value,
        xeroConnectionId: input.xeroConnectionId,
      },
    });
    return row.id;
  });
}

/** Moves a rule one place up or down (rules are tried in order). */
export async function moveRoutingRule(
  db: Db,
  input: Actor & { ruleId: string; direction: 'up' | 'down' },
): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const rule = await trx
      .selectFrom('routing_rules')
      .select(['id', 'environment_id', 'position'])
      .where('id', '=', input.ruleId)
      .where('workspace_id', '=', input.workspaceId)
      .executeTakeFirst();
    if (!rule) return false;
    const neighbour = await trx
      .selectFrom('routing_rules')
      .select(['id', 'position'])
      .where('environment_id', '=', rule.environment_id)
      .where('position', input.direction === 'up' ? '<' : '>', rule.position)
      .orderBy('position', input.direction === 'up' ? 'desc' : 'asc')
      .limit(1)
      .executeTakeFirst();
    if (!neighbour) return true;
    await trx
      .updateTable('routing_rules')
      .set({ position: neighbour.position })
      .where('id', '=', rule.id)
      .execute();
    await trx
      .updateTable('routing_rules')
      .set({ position: rule.position })
      .where('id', '=', neighbour.id)
      .execute();
    await recordAudit(trx, {
      workspaceId: input.workspaceId,
      actor: input.actor,
      action: 'routing.rule-moved',
      details: { ruleId: rule.id, direction: input.direction },
    });
    return true;
  });
}

export async function deleteRoutingRule(db: Db, input: Actor & { ruleId: string }): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const deleted = await trx
      .deleteFrom('routing_rules')
      .where('id', '=', input.ruleId)
      .where('workspace_id', '=', input.workspaceId)
      .returning(['name', 'match_kind', 'match_value'])
      .executeTakeFirst();
    if (deleted)
      await recordAudit(trx, {
        workspaceId: input.workspaceId,
        actor: input.actor,
        action: 'routing.rule-deleted',
        details: { ruleId: input.ruleId, ...deleted },
      });
    return Boolean(deleted);
  });
}

/**
 * The mapping version a rule or an environment uses, created from the org the first time it is needed —
 * once: concurrent first orders wait on the owner's row lock and then see the version the first pinned.
 */
export async function ensureMappingVersion(
  db: Db,
  input: {
    workspaceId: string;
    owner: { table: 'environments' | 'routing_rules'; id: string };
    build: () => MappingConfig;
    note: string;
  },
): Promise<string> {
  return inTransaction(db, async (trx) => {
    const locked = await trx
      .selectFrom(input.owner.table)
      .select('mapping_version_id')
      .where('id', '=', input.owner.id)
      .forUpdate()
      .executeTakeFirst();
    if (locked?.mapping_version_id) return locked.mapping_version_id;
    const created = await createMappingVersion(trx, {
      workspaceId: input.workspaceId,
      config: input.build(),
      note: input.note,
    });
    await trx
      .updateTable(input.owner.table)
      .set({ mapping_version_id: created.id })
      .where('id', '=', input.owner.id)
      .execute();
    return created.id;
  });
}

/**
 * Replaces an environment's rules with the designer's list, in its order, inside the caller's
 * transaction (the mapping version saved with them). A kept rule keeps its mapping version unless its
 * organisation changed (that version names another organisation's accounts); rules not listed are gone.
 */
export async function replaceRoutingRules(
  trx: Db,
  input: {
    workspaceId: string;
    environmentId: string;
    rows: ReadonlyArray<{
      id?: string;
      name: string;
      kind: MatchKind;
      value: string;
      xeroConnectionId: string;
    }>;
  },
): Promise<void> {
  const existing = await trx
    .selectFrom('routing_rules')
    .select(['id', 'xero_connection_id'])
    .where('environment_id', '=', input.environmentId)
    .where('workspace_id', '=', input.workspaceId)
    .execute();
  const kept = new Set(input.rows.flatMap((r) => (r.id ? [r.id] : [])));
  const gone = existing.filter((e) => !kept.has(e.id)).map((e) => e.id);
  if (gone.length > 0) await trx.deleteFrom('routing_rules').where('id', 'in', gone).execute();
  for (const [i, row] of input.rows.entries()) {
    const before = row.id ? existing.find((e) => e.id === row.id) : undefined;
    const values = {
      position: i + 1,
      name: row.name,
      match_kind: row.kind,
      match_value: row.value,
      xero_connection_id: row.xeroConnectionId,
    };
    if (before) {
      await trx
        .updateTable('routing_rules')
        .set({
          ...values,
          ...(before.xero_connection_id !== row.xeroConnectionId ? { mapping_version_id: null } : {}),
        })
        .where('id', '=', before.id)
        .execute();
    } else {
      await trx
        .insertInto('routing_rules')
        .values({
          ...values,
          workspace_id: input.workspaceId,
          environment_id: input.environmentId,
          mapping_version_id: null,
        })
        .execute();
    }
  }
}
