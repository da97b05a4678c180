import { type CommerceSource, fail, ok, permanent, type Result } from '@ledgerbridge/canonical';
import type { ConflictChoiceStore } from './conflict-choice-repo.ts';

export type ConflictChoiceDeps = {
  readonly store: ConflictChoiceStore;
  readonly commerceFor: (connectionId: string) => Promise<Pick<CommerceSource, 'setProductField'>>;
  readonly requestFlush: (tenantId: string) => Promise<void>;
  readonly now?: () => Date;
};

const payloadField = { name: 'name', description: 'description', price: 'salesUnitPrice' } as const;

/**
 * The merchant's side for one conflict. The side the rule kept: nothing to write. The other side: its
 * value goes to both — OrderCloud through its API, Xero through the item operation (adopted first, so
 * the product webhook of OrderCloud's write plans nothing new, then sent again in the next batch).
 * "Always" gives the field to that side for the organisation from now on (the poll and product
 * changes follow it). Recorded in the audit log.
 */
export async function chooseConflictSide(
  deps: ConflictChoiceDeps,
  input: {
    workspaceId: string;
    actor: string;
    conflictId: string;
    side: 'ordercloud' | 'xero';
    always: boolean;
  },
): Promise<Result<{ written: boolean }>> {
  const conflict = await deps.store.find(input.workspaceId, input.conflictId);
  if (!conflict) return fail(permanent('not-found', 'There is nothing like that in this workspace.'));
  if (conflict.resolvedSide) return fail(permanent('invalid', 'This conflict was settled already.'));
  const op = await deps.store.itemOp(conflict.connectionId, conflict.itemCode);
  if (!op)
    return fail(permanent('invalid', `Item ${conflict.itemCode} is no longer synced from this marketplace.`));
  const value = input.side === 'xero' ? conflict.xero : conflict.ordercloud;
  const write = input.side !== conflict.winner;
  if (write) {
    if (value === null)
      return fail(permanent('invalid', 'That side has no value to keep: edit the product or item instead.'));
    if (op.variantId && conflict.field === 'price' && input.side === 'xero')
      return fail(
        permanent(
          'invalid',
          'A variant has no price of its own in OrderCloud (its product’s price plus its options’ markups): change those instead.',
        ),
      );
    const source = await deps.commerceFor(conflict.connectionId);
    if (!source.setProductField)
      return fail(permanent('not-supported', 'This marketplace cannot take catalog values.'));
    await deps.store.adopt(op.key, payloadField[conflict.field], value, (deps.now ?? (() => new Date()))());
    // A variant's item: its name or description is the variant's own; its price is OrderCloud's already.
    const written =
      op.variantId && conflict.field === 'price'
        ? ok(undefined)
        : await source.setProductField({
            productId: conflict.productId,
            ...(op.variantId ? { variantId: op.variantId } : {}),
            field: conflict.field,
            value,
          });
    if (!written.ok) return written;
    await deps.store.reopen(op.key);
  }
  const settled = await deps.store.settle({
    conflict,
    workspaceId: input.workspaceId,
    tenantId: op.tenantId,
    side: input.side,
    always: input.always,
    actor: input.actor,
  });
  if (!settled) return fail(permanent('invalid', 'This conflict was settled already.'));
  if (write) await deps.requestFlush(op.tenantId);
  return ok({ written: write });
}
