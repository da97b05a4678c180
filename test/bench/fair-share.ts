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
