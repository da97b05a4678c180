import { describe, expect, it } from 'vitest';
import { createDayPacer, type DayPacerSettings } from './pace-fill-wait.ts';
import { type DayForecast, paceDay, pollCallsPerMinute } from './rate-policy.ts';

const now = new Date('2026-12-05T10:00:00Z');
const tenantId = 'tenant-1';

// The shape of the real modules: contacts and invoices lead, payments follow, allocations go one a call.
const modules: DayPacerSettings['modules'] = [
  { kind: 'contact' },
  { kind: 'invoice' },
  { kind: 'payment', follows: true },
  { kind: 'credit_note', follows: true },
  { kind: 'allocation', single: true },
];

type Day = { dayLimit: number; callsLeft: number; minuteMs: number };

/** A pacer over fake ports that remember what they were asked and what was recorded. */
function pacerOver(input: {
  day: Day;
  counted: Record<string, number>;
  baseFillWaitMs?: number;
  latencyCeilingMs?: number;
}) {
  const asked: Array<{ tenantId: string; since: Date }> = [];
  const recorded: Array<{ tenantId: string; forecast: DayForecast }> = [];
  const pace = createDayPacer(
    {
      dayLeft: async () => input.day,
      arrivalsSince: async (query) => {
        asked.push(query);
        return input.counted;
      },
      recordForecast: async (id, forecast) => {
        recorded.push({ tenantId: id, forecast });
      },
      now: () => now,
    },
    {
      baseFillWaitMs: input.baseFillWaitMs ?? 1_000,
      latencyCeilingMs: input.latencyCeilingMs ?? 60_000,
      modules,
    },
  );
  return { pace, asked, recorded };
}

const roomy: Day = { dayLimit: 5000, callsLeft: 5000, minuteMs: 60_000 };
const tight: Day = { dayLimit: 5000, callsLeft: 300, minuteMs: 60_000 };

type ForecastRow = {
  readonly name: string;
  readonly day: Day;
  /** Operations planned in the last five Xero minutes, by kind. */
  readonly counted: Record<string, number>;
  /** What paceDay should be told arrives a minute (the batchable kinds). */
  readonly arrivals: Record<string, number>;
  /** Allocations a minute, reserved beside the polls. */
  readonly singlesPerMinute: number;
};

describe('createDayPacer', () => {
  it.each<ForecastRow>([
    {
      name: 'a quiet day',
      day: roomy,
      counted: { invoice: 5, payment: 5 },
      arrivals: { invoice: 1, payment: 1 },
      singlesPerMinute: 0,
    },
    {
      name: 'allocations among the arrivals',
      day: roomy,
      counted: { invoice: 50, payment: 25, allocation: 15 },
      arrivals: { invoice: 10, payment: 5 },
      singlesPerMinute: 3,
    },
    {
      name: 'a busy day with few calls left',
      day: tight,
      counted: { contact: 40, invoice: 75, payment: 75, credit_note: 10, allocation: 10 },
      arrivals: { contact: 8, invoice: 15, payment: 15, credit_note: 2 },
      singlesPerMinute: 2,
    },
    {
      name: 'a compressed minute',
      day: { dayLimit: 5000, callsLeft: 1000, minuteMs: 6_000 },
      counted: { invoice: 100, payment: 100, allocation: 5 },
      arrivals: { invoice: 20, payment: 20 },
      singlesPerMinute: 1,
    },
  ])('forecasts $name as paceDay does for the same day', async (row) => {
    const { pace, asked, recorded } = pacerOver({ day: row.day, counted: row.counted });

    const result = await pace(tenantId);

    // What paceDay gives when handed the rates, the reserved calls and the ceilings directly.
    const expected = paceDay({
      ...row.day,
      arrivalsPerMinute: row.arrivals,
      reservedPerMinute: row.singlesPerMinute + pollCallsPerMinute(row.day.minuteMs),
      baseMs: 1_000,
      ceilingMs: Math.round((0.8 * 60_000 * row.day.minuteMs) / 60_000),
      followOnKinds: ['payment', 'credit_note'],
      followOnCeilingMs: Math.round((5 * 60_000 * row.day.minuteMs) / 60_000),
    });
    expect(recorded).toEqual([{ tenantId, forecast: expected }]);
    // Allocations are reserved calls, never arrivals to batch.
    expect(recorded[0]?.forecast.arrivalsPerMinute).not.toHaveProperty('allocation');
    expect(result).toEqual({
      fillWaitMs: expected.fillWaitMs > 1_000 ? expected.fillWaitMs : 0,
      followOnWaitMs: expected.followOnWaitMs > 1_000 ? expected.followOnWaitMs : 0,
    });
    // Arrivals are counted over the last five Xero minutes.
    expect(asked).toEqual([{ tenantId, since: new Date(now.getTime() - 5 * row.day.minuteMs) }]);
  });

  it('holds invoices 32 s on a day of 5,000 calls left with 10 invoices a minute (hand-computed)', async () => {
    // Polls reserve 0.2 + 0.1 + 0.1 = 0.4 calls a minute; the budget is 90 % of 5,000 = 4,500 a day.
    // Invoice calls a minute at a wait w: min(10, 60 s / w), at least 10 / 50. Doubling from 1 s:
    // 1–4 s: 10.4 a minute; 8 s: 7.9; 16 s: 4.15 (5,976 a day); 32 s: 2.275 (3,276 a day) fits.
    // Nothing follows the invoice, so that wait stays at the base and is not paced.
    const { pace, recorded } = pacerOver({ day: roomy, counted: { invoice: 50 } });

    expect(await pace(tenantId)).toEqual({ fillWaitMs: 32_000, followOnWaitMs: 0 });
    expect(recorded[0]?.forecast).toMatchObject({
      arrivalsPerMinute: { invoice: 10 },
      reservedPerMinute: 0.4,
      fillWaitMs: 32_000,
      followOnWaitMs: 1_000,
      ceilingMs: 48_000,
      followOnCeilingMs: 300_000,
      projectedCallsPerDay: 3276,
      exhausts: false,
    });
  });

  it('reserves 1.4 calls a minute for 5 allocations in five minutes and the polls (hand-computed)', async () => {
    const { pace, recorded } = pacerOver({ day: roomy, counted: { invoice: 5, allocation: 5 } });

    await pace(tenantId);

    expect(recorded[0]?.forecast.reservedPerMinute).toBe(1.4);
    expect(recorded[0]?.forecast.arrivalsPerMinute).toEqual({ invoice: 1 });
  });

  it.each([
    { minuteMs: 60_000, ceilingMs: 48_000, followOnCeilingMs: 300_000 },
    { minuteMs: 6_000, ceilingMs: 4_800, followOnCeilingMs: 30_000 },
    { minuteMs: 1_000, ceilingMs: 800, followOnCeilingMs: 5_000 },
  ])(
    'scales the ceilings with a minute of $minuteMs ms and holds an exhausted day up to them',
    async (row) => {
      // Ten a minute of each fill a batch of 50 in five minutes, past both ceilings, and 10 calls left
      // cannot last the day: both waits stop at their ceilings.
      const { pace, recorded } = pacerOver({
        day: { dayLimit: 5000, callsLeft: 10, minuteMs: row.minuteMs },
        counted: { invoice: 50, payment: 50 },
        baseFillWaitMs: 100,
      });

      const result = await pace(tenantId);

      expect(recorded[0]?.forecast).toMatchObject({
        ceilingMs: row.ceilingMs,
        followOnCeilingMs: row.followOnCeilingMs,
        exhausts: true,
      });
      expect(result).toEqual({ fillWaitMs: row.ceilingMs, followOnWaitMs: row.followOnCeilingMs });
    },
  );

  it.each<{ name: string; day: Day; counted: Record<string, number>; baseFillWaitMs: number }>([
    // 2.4 calls a minute at the base wait: 3,456 a day within 4,500.
    { name: 'a day with room', day: roomy, counted: { invoice: 5, payment: 5 }, baseFillWaitMs: 1_000 },
    // A base at the ceiling (48 s here): the waits cannot grow past it, so they equal the base.
    {
      name: 'a base already at the ceiling',
      day: tight,
      counted: { invoice: 75, payment: 75 },
      baseFillWaitMs: 300_000,
    },
  ])('gives 0 for a wait not above the base: $name', async (row) => {
    const { pace, recorded } = pacerOver({
      day: row.day,
      counted: row.counted,
      baseFillWaitMs: row.baseFillWaitMs,
    });

    const result = await pace(tenantId);

    // The forecast itself keeps the base: only what the flush is told is 0.
    expect(recorded[0]?.forecast).toMatchObject({
      fillWaitMs: row.baseFillWaitMs,
      followOnWaitMs: row.baseFillWaitMs,
    });
    expect(result).toEqual({ fillWaitMs: 0, followOnWaitMs: 0 });
  });
});
