/**
 * The dry run's arithmetic: how many Xero calls importing these orders costs when they are fed in chunks
 * the way the import feeds them, and how many days that takes at the share of the org's daily limit
 * the import may use (the rest stays for live orders).
 */
export type SampleShares = {
  /** Payment documents per order (one per capture the sync posts). */
  readonly paid: number;
  /** Share of orders with a refund (a credit note each). */
  readonly credited: number;
  /** Allocations per order (a credit note against an invoice still owing: one call each, Xero takes no batch). */
  readonly allocations: number;
};

export type BackfillEstimate = {
  readonly orders: number;
  readonly chunks: number;
  readonly calls: number;
  readonly dayLimit: number;
  readonly headroom: number;
  /** Calls a day the import may use: the daily limit less the headroom kept for live orders. */
  readonly callsPerDay: number;
  readonly days: number;
  readonly ordersPerDay: number;
  readonly shares: SampleShares;
};

export const BACKFILL_CHUNK = 100;
/** Orders looked up in Xero per call, by invoice number (InvoiceNumbers, comma-separated in the URL). */
export const LOOKUP_BATCH = 100;
export const BACKFILL_HEADROOM = 0.2;
const BATCH = 50;

const batches = (n: number) => (n <= 0 ? 0 : Math.ceil(n / BATCH));

export function estimateBackfill(input: {
  orders: ReadonlyArray<{ id: string; customerId: string | null }>;
  shares: SampleShares;
  dayLimit: number;
  headroom?: number;
  chunk?: number;
  /** Customers whose Xero contact exists already (no call). */
  knownCustomers?: ReadonlySet<string>;
}): BackfillEstimate {
  const chunk = input.chunk ?? BACKFILL_CHUNK;
  const headroom = input.headroom ?? BACKFILL_HEADROOM;
  const seen = new Set(input.knownCustomers ?? []);
  let calls = 0;
  let chunks = 0;
  for (let start = 0; start < input.orders.length; start += chunk) {
    const slice = input.orders.slice(start, start + chunk);
    chunks += 1;
    let fresh = 0;
    for (const o of slice) {
      // A guest (no customer) is a contact of its own.
      const key = o.customerId ?? `guest:${o.id}`;
      if (!seen.has(key)) {
        seen.add(key);
        fresh += 1;
      }
    }
    calls += Math.ceil(slice.length / LOOKUP_BATCH); // the look-up of orders already in Xero
    calls += batches(fresh);
    calls += batches(slice.length);
    calls += batches(Math.round(slice.length * input.shares.paid));
    calls += batches(Math.round(slice.length * input.shares.credited));
    calls += slice.length * input.shares.allocations;
  }
  calls = Math.ceil(calls);
  const callsPerDay = Math.floor(input.dayLimit * (1 - headroom));
  const days = callsPerDay > 0 ? calls / callsPerDay : Number.POSITIVE_INFINITY;
  return {
    orders: input.orders.length,
    chunks,
    calls,
    dayLimit: input.dayLimit,
    headroom,
    callsPerDay,
    days: Math.round(days * 10_000) / 10_000,
    ordersPerDay: days > 0 ? Math.floor(input.orders.length / days) : input.orders.length,
    shares: input.shares,
  };
}

/**
 * How many of the import's orders may have been fed by now: the day's pace spread evenly, so the import
 * never spends the org's day in a burst and live orders always find the minute free.
 */
export function ordersAllowedBy(input: {
  ordersPerDay: number;
  startedAt: Date;
  now: Date;
  dayMs: number;
}): number {
  const elapsed = Math.max(0, input.now.getTime() - input.startedAt.getTime());
  return Math.floor((input.ordersPerDay * elapsed) / input.dayMs);
}

/** When the import ends at its pace, from what is left. */
export function backfillEta(input: {
  remaining: number;
  ordersPerDay: number;
  now: Date;
  dayMs: number;
}): Date | null {
  if (input.remaining <= 0) return input.now;
  if (input.ordersPerDay <= 0) return null;
  return new Date(input.now.getTime() + Math.ceil((input.remaining / input.ordersPerDay) * input.dayMs));
}
