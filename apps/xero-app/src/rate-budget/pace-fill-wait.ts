import type { DayPace } from '../sync/flush/flush-tenant.ts';
import {
  arrivalWindowMinutes,
  type DayForecast,
  followOnCeilings,
  invoiceHoldShareOfCeiling,
  paceDay,
  pollCallsPerMinute,
} from './rate-policy.ts';

export type DayPacerPorts = {
  /** The tenant's day: its limit, the calls left in it and the length of a Xero minute. */
  readonly dayLeft: (tenantId: string) => Promise<{ dayLimit: number; callsLeft: number; minuteMs: number }>;
  /** Live operations planned since `since`, by kind. */
  readonly arrivalsSince: (input: { tenantId: string; since: Date }) => Promise<Record<string, number>>;
  /** Kept for the console, which shows the day's forecast. */
  readonly recordForecast: (tenantId: string, forecast: DayForecast) => Promise<void>;
  readonly now: () => Date;
};

export type DayPacerSettings = {
  /** The unpaced fill wait: a pace no longer than this is no pace at all. */
  readonly baseFillWaitMs: number;
  /** The merchant's latency ceiling, in real milliseconds (a minute of 60 s). */
  readonly latencyCeilingMs: number;
  /** The operation modules: which kinds Xero takes one per call, which follow the invoice. */
  readonly modules: ReadonlyArray<{
    readonly kind: string;
    readonly single?: boolean;
    readonly follows?: boolean;
  }>;
};

/**
 * Pacing the day: the calls left, the time left and the recent arrivals (five Xero minutes) choose how
 * long partial batches wait, up to the merchant's latency ceiling; the forecast is kept for the console.
 */
export function createDayPacer(
  ports: DayPacerPorts,
  settings: DayPacerSettings,
): (tenantId: string) => Promise<DayPace> {
  const { baseFillWaitMs, latencyCeilingMs } = settings;
  // Documents Xero takes one per call (allocations) do not pace; their calls are reserved, with the polls'.
  const singles = new Set(settings.modules.filter((m) => m.single).map((m) => m.kind));
  const followOnKinds = settings.modules.filter((m) => m.follows).map((m) => m.kind);
  // Only a wait longer than the base holds anything: the flush's own fill wait covers the rest.
  const paced = (ms: number) => (ms > baseFillWaitMs ? ms : 0);
  return async (tenantId) => {
    const day = await ports.dayLeft(tenantId);
    const since = new Date(ports.now().getTime() - day.minuteMs * arrivalWindowMinutes);
    const counted = await ports.arrivalsSince({ tenantId, since });
    const rates = Object.fromEntries(
      Object.entries(counted).map(([kind, n]) => [kind, n / arrivalWindowMinutes]),
    );
    const forecast = paceDay({
      dayLimit: day.dayLimit,
      callsLeft: day.callsLeft,
      minuteMs: day.minuteMs,
      arrivalsPerMinute: Object.fromEntries(Object.entries(rates).filter(([kind]) => !singles.has(kind))),
      reservedPerMinute:
        [...singles].reduce((sum, kind) => sum + (rates[kind] ?? 0), 0) + pollCallsPerMinute(day.minuteMs),
      baseMs: baseFillWaitMs,
      // The ceilings are on Xero's clock: a compressed minute (a benchmark) compresses them too.
      ceilingMs: Math.round((invoiceHoldShareOfCeiling * latencyCeilingMs * day.minuteMs) / 60_000),
      followOnKinds,
      followOnCeilingMs: Math.round((followOnCeilings * latencyCeilingMs * day.minuteMs) / 60_000),
    });
    await ports.recordForecast(tenantId, forecast);
    return { fillWaitMs: paced(forecast.fillWaitMs), followOnWaitMs: paced(forecast.followOnWaitMs) };
  };
}
