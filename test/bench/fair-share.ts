/**
 * When each tenant would clear its backlog under an exact fair share (processor sharing): every tenant
 * with work left gets an equal part of the app's rate, never more than its own cap; what one cannot use
 * goes to the others. All start together. Times in the rate's unit (calls per ms → ms).
 */
export function fairCompletions(input: {
  readonly demands: readonly number[];
  readonly ratePerMs: number;
  readonly capPerMs: number;
}): number[] {
  const order = input.demands.map((d, i) => ({ d, i })).sort((a, b) => a.d - b.d);
  const done = new Array<number>(input.demands.length).fill(0);
  let t = 0;
  let served = 0;
  for (const [k, { d, i }] of order.entries()) {
    const active = order.length - k;
    const rate = Math.min(input.capPerMs, input.ratePerMs / active);
    t += (d - served) / rate;
    served = d;
    done[i] = t;
  }
  return done;
}

/** Jain's fairness index: 1 when all are equal, 1/n when one gets everything. */
export function jain(values: readonly number[]): number {
  const sum = values.reduce((a, b) => a + b, 0);
  const squares = values.reduce((a, b) => a + b * b, 0);
  return squares === 0 ? 1 : (sum * sum) / (values.length * squares);
}

/**
 * Jain's index of the calls each tenant got while every tenant still had backlog: up to the moment the
 * first one cleared its own (its last call). `callsAt[i]` are tenant i's call times; a tenant never served
 * counts 0 calls and never clears.
 */
export function jainWhileAllBacklogged(callsAt: ReadonlyArray<readonly number[]>): number {
  const cleared = callsAt.map((times) =>
    times.length === 0 ? Number.POSITIVE_INFINITY : Math.max(...times),
  );
  const firstCleared = Math.min(...cleared);
  return jain(callsAt.map((times) => times.filter((at) => at <= firstCleared).length));
}

/**
 * Jain's index over tenants with backlog, round by round. A round starts with the tenants that still have
 * calls to make and lasts as many calls as there are of them: under a fair share each gets one, and each
 * has at least one left to get. Each round's index is over the calls each of its tenants got in it (0 for
 * one passed over); the result is the rounds' indexes weighted by their calls. Unlike the index up to the
 * first tenant cleared, it holds when some tenants have a single call: the first call served no longer
 * ends the window. `callsAt[i]` are tenant i's call times; `demands[i]` its backlog in calls.
 */
export function jainByRounds(callsAt: ReadonlyArray<readonly number[]>, demands: readonly number[]): number {
  const calls = callsAt
    .flatMap((times, tenant) => times.map((at) => ({ at, tenant })))
    .sort((a, b) => a.at - b.at);
  const left = [...demands];
  let weighted = 0;
  let counted = 0;
  let next = 0;
  while (next < calls.length) {
    const active = left.flatMap((n, tenant) => (n > 0 ? [tenant] : []));
    if (active.length === 0) break;
    const got = new Map<number, number>(active.map((tenant) => [tenant, 0]));
    const round = calls.slice(next, next + active.length);
    for (const { tenant } of round) {
      got.set(tenant, (got.get(tenant) ?? 0) + 1);
      left[tenant] = (left[tenant] ?? 0) - 1;
    }
    weighted += jain([...got.values()]) * round.length;
    counted += round.length;
    next += round.length;
  }
  return counted === 0 ? 1 : weighted / counted;
}
