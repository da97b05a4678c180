import type { AlertCandidate, AlertKind } from './alert-kinds.ts';

export type AlertDecision = {
  /** Sent now (all of them in one delivery). */
  readonly send: readonly AlertCandidate[];
  /** Held back by the quiet period: counted on the alert last sent with the same key. */
  readonly suppress: readonly AlertCandidate[];
  /** Conditions on now: not told again until they have cleared. */
  readonly openKeys: readonly string[];
};

/**
 * Deduplication: a condition still on since the last check is not told again; anything whose key was
 * sent within the quiet period is held back (a storm sends one alert); kinds the merchant turned off
 * are dropped.
 */
export function decideAlerts(input: {
  candidates: readonly AlertCandidate[];
  enabled: ReadonlySet<AlertKind>;
  openKeys: readonly string[];
  lastSent: ReadonlyMap<string, Date>;
  now: Date;
  quietMs: number;
}): AlertDecision {
  const merged = new Map<string, AlertCandidate>();
  for (const c of input.candidates) {
    if (c.kind === 'test' || !input.enabled.has(c.kind)) continue;
    const seen = merged.get(c.key);
    merged.set(c.key, seen ? { ...seen, count: seen.count + c.count } : c);
  }
  const wasOpen = new Set(input.openKeys);
  const send: AlertCandidate[] = [];
  const suppress: AlertCandidate[] = [];
  for (const c of merged.values()) {
    if (c.ongoing && wasOpen.has(c.key)) continue;
    const last = input.lastSent.get(c.key);
    if (last && input.now.getTime() - last.getTime() < input.quietMs) suppress.push(c);
    else send.push(c);
  }
  const openKeys = [...merged.values()].filter((c) => c.ongoing).map((c) => c.key);
  return { send, suppress, openKeys };
}
