import { type AccountingItem, fail, type Result, retryAfter } from '@ledgerbridge/canonical';

/** How long the merchant's "Read both catalogs" waits for Xero to take a call before saying why not. */
export const reviewReadPatienceMs = 5_000;

/**
 * The organisation's items for a review the merchant is waiting on. Xero (or the organisation's rate
 * budget) saying "retry after" a moment is waited through once — a merchant clicking a button should not
 * see an error because a flush had the minute's last call; a longer wait, or a second refusal, comes back
 * as a plain sentence saying nothing was read and when to try again, not as Xero's or the budget's code.
 */
export async function readItemsForReview(
  list: () => Promise<Result<AccountingItem[]>>,
  options: { sleep?: (ms: number) => Promise<void>; patienceMs?: number } = {},
): Promise<Result<AccountingItem[]>> {
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const patience = options.patienceMs ?? reviewReadPatienceMs;
  let items = await list();
  if (!items.ok && items.error.kind === 'retry-after' && items.error.retryAfterMs <= patience) {
    await sleep(items.error.retryAfterMs);
    items = await list();
  }
  if (items.ok || items.error.kind !== 'retry-after') return items;
  const seconds = Math.max(1, Math.ceil(items.error.retryAfterMs / 1000));
  return fail(
    retryAfter(
      items.error.code,
      `Xero is not taking calls for this organisation right now (${items.error.message}), so nothing was read. Read both catalogs again in about ${seconds} s.`,
      items.error.retryAfterMs,
    ),
  );
}
