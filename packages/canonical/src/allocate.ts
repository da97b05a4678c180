import type { Money } from './money.ts';

/**
 * Splits `total` across `weights` in proportion, by the largest-remainder method: the parts always
 * add up to the total exactly, and no part is more than one minor unit from its exact share.
 * Zero weights get nothing unless every weight is zero, when the total is split evenly.
 */
export function allocate(total: Money, weights: readonly bigint[]): Money[] {
  if (weights.length === 0) throw new RangeError('allocate needs at least one weight');
  if (weights.some((w) => w < 0n)) throw new RangeError('weights must not be negative');
  const effective = weights.every((w) => w === 0n) ? weights.map(() => 1n) : weights;
  const weightSum = effective.reduce((a, b) => a + b, 0n);
  const sign = total.minor < 0n ? -1n : 1n;
  const magnitude = total.minor * sign;
  const shares = effective.map((weight, index) => {
    const exact = magnitude * weight;
    return { index, floor: exact / weightSum, remainder: exact % weightSum };
  });
  let leftover = magnitude - shares.reduce((a, s) => a + s.floor, 0n);
  // Ties go to the earlier index so the result is deterministic.
  const order = [...shares].sort((a, b) =>
    a.remainder === b.remainder ? a.index - b.index : a.remainder > b.remainder ? -1 : 1,
  );
  const parts = shares.map((s) => s.floor);
  for (const share of order) {
    if (leftover === 0n) break;
    parts[share.index] = (parts[share.index] ?? 0n) + 1n;
    leftover -= 1n;
  }
  return parts.map((minor) => ({ currency: total.currency, minor: minor * sign }));
}

/** Allocates in proportion to other amounts of the same currency (e.g. a discount over line totals). */
export function allocateByAmounts(total: Money, amounts: readonly Money[]): Money[] {
  return allocate(
    total,
    amounts.map((a) => (a.minor < 0n ? -a.minor : a.minor)),
  );
}
