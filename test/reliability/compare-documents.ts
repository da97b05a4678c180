import type { FinalStateReading, OrderFacts } from '../support/xero-final-state.ts';

/**
 * JSON with every object's keys sorted: two readings are compared by what they say, not by the order
 * their keys were written in. The shared fault-free baseline may come back from the run database, whose
 * jsonb column reorders keys, while this run's reading keeps the order it was built in.
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, inner: unknown) =>
    inner && typeof inner === 'object' && !Array.isArray(inner)
      ? Object.fromEntries(Object.entries(inner).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : inner,
  );
}

export function sameState(outcome: FinalStateReading, baseline: FinalStateReading): boolean {
  return canonicalJson(outcome.state) === canonicalJson(baseline.state);
}

function countDocs(facts: OrderFacts | undefined) {
  if (!facts || facts.canceled)
    return { invoices: 0, payments: 0, creditNotes: 0, settled: facts?.settled ? 1 : 0 };
  return {
    invoices: facts.invoices.length,
    payments: facts.payments.length,
    creditNotes: facts.creditNotes.length,
    settled: 0,
  };
}

/** Documents missing or extra against the fault-free run, order by order. */
export function compareDocuments(outcome: FinalStateReading, baseline: FinalStateReading) {
  let lost = 0;
  let duplicates = outcome.problems.filter((p) =>
    /more than one|invoices$|belongs to no placed order/.test(p),
  ).length;
  const differences: string[] = [];
  const byIndex = new Map(outcome.state.orders.map((o) => [o.index, o]));
  for (const expected of baseline.state.orders) {
    const got = byIndex.get(expected.index);
    const want = countDocs(expected);
    const have = countDocs(got);
    for (const key of ['invoices', 'payments', 'creditNotes', 'settled'] as const) {
      lost += Math.max(0, want[key] - have[key]);
      duplicates += Math.max(0, have[key] - want[key]);
    }
    const [gotJson, expectedJson] = [canonicalJson(got), canonicalJson(expected)];
    if (gotJson !== expectedJson) differences.push(`order #${expected.index}: ${gotJson} ≠ ${expectedJson}`);
  }
  return { lost, duplicates, differences };
}
