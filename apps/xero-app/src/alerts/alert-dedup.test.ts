import { describe, expect, it } from 'vitest';
import { decideAlerts } from './alert-dedup.ts';
import { type AlertCandidate, type AlertKind, alertKinds } from './alert-kinds.ts';

const now = new Date('2026-12-06T10:00:00Z');
const all = new Set<AlertKind>(alertKinds);
const event = (count = 1): AlertCandidate => ({
  kind: 'dead-letter',
  key: 'dead-letter',
  title: 't',
  message: 'm',
  href: '/console/dead-letters',
  count,
  ongoing: false,
});
const condition = (org = 'AU'): AlertCandidate => ({
  kind: 'needs-reconnect',
  key: `needs-reconnect:${org}`,
  title: 't',
  message: 'm',
  href: '/console/organisations',
  count: 1,
  ongoing: true,
});
const decide = (over: Partial<Parameters<typeof decideAlerts>[0]>) =>
  decideAlerts({
    candidates: [],
    enabled: all,
    openKeys: [],
    lastSent: new Map(),
    now,
    quietMs: 30 * 60_000,
    ...over,
  });

describe('decideAlerts', () => {
  it('sends a new event', () => {
    expect(decide({ candidates: [event(3)] }).send.map((c) => c.count)).toEqual([3]);
  });

  it('holds back an event whose key was sent within the quiet period, and sends it once the period is over', () => {
    const held = decide({
      candidates: [event()],
      lastSent: new Map([['dead-letter', new Date(now.getTime() - 29 * 60_000)]]),
    });
    expect(held.send).toEqual([]);
    expect(held.suppress).toHaveLength(1);
    const after = decide({
      candidates: [event()],
      lastSent: new Map([['dead-letter', new Date(now.getTime() - 30 * 60_000)]]),
    });
    expect(after.send).toHaveLength(1);
  });

  it('merges candidates with the same key into one alert with their counts added', () => {
    const d = decide({ candidates: [event(2), event(5)] });
    expect(d.send).toHaveLength(1);
    expect(d.send[0]?.count).toBe(7);
  });

  it('tells a condition once while it stays on, and keeps it open', () => {
    const first = decide({ candidates: [condition()] });
    expect(first.send).toHaveLength(1);
    expect(first.openKeys).toEqual(['needs-reconnect:AU']);
    const still = decide({ candidates: [condition()], openKeys: first.openKeys });
    expect(still.send).toEqual([]);
    expect(still.suppress).toEqual([]);
    expect(still.openKeys).toEqual(['needs-reconnect:AU']);
  });

  it('closes a condition that cleared, so its return is told again (after the quiet period)', () => {
    const cleared = decide({ candidates: [], openKeys: ['needs-reconnect:AU'] });
    expect(cleared.openKeys).toEqual([]);
    const back = decide({
      candidates: [condition()],
      openKeys: cleared.openKeys,
      lastSent: new Map([['needs-reconnect:AU', new Date(now.getTime() - 3_600_000)]]),
    });
    expect(back.send).toHaveLength(1);
  });

  it('keys conditions per organisation', () => {
    const d = decide({ candidates: [condition('AU'), condition('NZ')], openKeys: ['needs-reconnect:AU'] });
    expect(d.send.map((c) => c.key)).toEqual(['needs-reconnect:NZ']);
  });

  it('drops kinds the merchant turned off, and never keeps them open', () => {
    const d = decide({ candidates: [event(), condition()], enabled: new Set<AlertKind>(['attention']) });
    expect(d.send).toEqual([]);
    expect(d.suppress).toEqual([]);
    expect(d.openKeys).toEqual([]);
  });
});
