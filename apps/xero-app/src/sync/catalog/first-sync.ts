import { type AccountingItem, type Result, retryable, SyncFailure } from '@ledgerbridge/canonical';

/** What the first-sync check reads and records (first-sync-repo.ts). */
export type FirstSyncStore = {
  /** The connection's catalog was synced or reviewed before: no first sync to check. */
  seenBefore(connectionId: string): Promise<boolean>;
  state(connectionId: string): Promise<'checking' | 'clear' | 'opened' | undefined>;
  /** Takes the check for this job (or a claim older than `staleMs`, its job gone); false when another has it. */
  claim(connectionId: string, staleMs: number): Promise<boolean>;
  settle(
    connectionId: string,
    outcome: { state: 'clear' | 'opened'; foreignItems: number; reviewId?: string },
  ): Promise<void>;
  /** Gives a claim back (the check failed; the next job tries again). */
  release(connectionId: string): Promise<void>;
  /** Of these item codes, the ones the app made (an item or item-upsert operation of the organisation). */
  codesMadeByApp(tenantId: string, codes: readonly string[]): Promise<Set<string>>;
};

export type FirstSyncDeps = {
  readonly store: FirstSyncStore;
  /** The organisation's items, through its rate budget (one call). */
  readonly listItems: () => Promise<Result<AccountingItem[]>>;
  /** Opens the match review over the items just read (products are read by it). */
  readonly openReview: (items: readonly AccountingItem[]) => Promise<Result<{ id: string }>>;
  readonly sleep?: (ms: number) => Promise<void>;
  /** How long a job waits for another's check before retrying later (10 s). */
  readonly waitMs?: number;
};

const claimStaleMs = 120_000;
const pollMs = 200;

/**
 * A marketplace's first product sync into an organisation (decision 0126): when Xero already holds
 * items the app did not make, a product synced by code could silently overwrite one and one synced by
 * name would be duplicated — so the match review opens by itself and the catalog waits for the
 * merchant's Apply (which reads every product again). Into an organisation without such items, the
 * catalog syncs as before. Checked once per connection, by one job (the others wait for its answer);
 * it costs one Xero call.
 */
export async function firstSyncGate(
  deps: FirstSyncDeps,
  input: { connectionId: string; tenantId: string },
): Promise<'proceed' | 'review'> {
  const { store } = deps;
  const settled = await store.state(input.connectionId);
  if (settled === 'clear' || settled === 'opened') return 'proceed';
  if (settled === undefined && (await store.seenBefore(input.connectionId))) return 'proceed';
  const sleep = deps.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  for (let waited = 0; !(await store.claim(input.connectionId, claimStaleMs)); waited += pollMs) {
    const now = await store.state(input.connectionId);
    // Another job settled it meanwhile: an opened review holds this product's change until Apply.
    if (now === 'opened') return 'review';
    if (now === 'clear') return 'proceed';
    if (waited >= (deps.waitMs ?? 10_000))
      throw new SyncFailure(
        retryable('catalog.first-sync', 'Another job is checking the organisation’s items; retried.'),
      );
    await sleep(pollMs);
  }
  try {
    const items = await deps.listItems();
    if (!items.ok) throw new SyncFailure(items.error);
    const made = await store.codesMadeByApp(
      input.tenantId,
      items.value.map((i) => i.code),
    );
    const foreign = items.value.filter((i) => !made.has(i.code.toLowerCase()));
    if (foreign.length === 0) {
      await store.settle(input.connectionId, { state: 'clear', foreignItems: 0 });
      return 'proceed';
    }
    const review = await deps.openReview(items.value);
    if (!review.ok) throw new SyncFailure(review.error);
    await store.settle(input.connectionId, {
      state: 'opened',
      foreignItems: foreign.length,
      reviewId: review.value.id,
    });
    return 'review';
  } catch (error) {
    await store.release(input.connectionId);
    throw error;
  }
}
