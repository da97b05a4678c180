import { sql } from 'kysely';
import type { Db } from '../db/database.ts';
import type { ProductItemFacts } from './product-item-status.ts';

/**
 * What the catalog sync knows of one product's Xero item(s) in a workspace: its item-upsert operation in
 * each organisation (the payload is what OrderCloud says now, the result what Xero answered at the last
 * successful write, which a reopened operation keeps), and when a batch last carried it to Xero.
 */
export async function findProductItemFacts(
  db: Db,
  input: { workspaceId: string; productId: string },
): Promise<ProductItemFacts[]> {
  const rows = await db
    .selectFrom('xero_operations as o')
    .leftJoin('xero_connections as x', (join) =>
      join.onRef('x.tenant_id', '=', 'o.tenant_id').onRef('x.workspace_id', '=', 'o.workspace_id'),
    )
    .select([
      'o.id',
      'o.status',
      'o.payload',
      'o.result',
      'o.error',
      'o.target_id',
      'o.updated_at',
      'x.tenant_name',
      (eb) =>
        eb
          .selectFrom('xero_batches as b')
          .select((b) => b.fn.max('b.finished_at').as('sent_at'))
          .whereRef('b.tenant_id', '=', 'o.tenant_id')
          .where('b.kind', '=', 'item-upsert')
          .where('b.status', '=', 'done')
          .where(sql<boolean>`b.operation_ids @> jsonb_build_array(o.id::text)`)
          .as('sent_at'),
    ])
    .where('o.workspace_id', '=', input.workspaceId)
    .where('o.kind', '=', 'item-upsert')
    .where(sql<boolean>`o.payload->>'productId' = ${input.productId}`)
    .orderBy('o.updated_at', 'desc')
    .execute();
  return rows.map((r) => ({
    organisation: r.tenant_name ?? null,
    status: r.status,
    planned: r.payload as ProductItemFacts['planned'],
    answered: (r.result ?? null) as ProductItemFacts['answered'],
    error: r.error,
    itemId: r.target_id,
    updatedAt: new Date(r.updated_at),
    sentAt: r.sent_at ? new Date(r.sent_at as string | Date) : null,
  }));
}
