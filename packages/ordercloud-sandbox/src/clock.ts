// Entity dates (DateSubmitted, LastUpdated…) come from this clock so tests can place orders "in the
// past" for reconciliation; token expiry stays on real time because the SDK checks it against Date.now().
export type Clock = {
  now(): Date;
  nowIso(): string;
  set(input: { now: string; frozen?: boolean }): void;
  advance(ms: number): void;
  reset(): void;
};

export function createClock(initial?: { now: string; frozen?: boolean }): Clock {
  let offsetMs = 0;
  let frozenAt: number | undefined;
  const apply = (input: { now: string; frozen?: boolean }) => {
    const target = Date.parse(input.now);
    if (Number.isNaN(target)) throw new RangeError(`not a date: ${input.now}`);
    if (input.frozen) {
      frozenAt = target;
      offsetMs = 0;
    } else {
      frozenAt = undefined;
      offsetMs = target - Date.now();
    }
  };
  if (initial) apply(initial);
  const now = () => new Date(frozenAt ?? Date.now() + offsetMs);
  return {
    now,
    nowIso: () => now().toISOString(),
    set: apply,
    advance(ms) {
      if (frozenAt !== undefined) frozenAt += ms;
      else offsetMs += ms;
    },
    reset() {
      offsetMs = 0;
      frozenAt = undefined;
      if (initial) apply(initial);
    },
  };
}
