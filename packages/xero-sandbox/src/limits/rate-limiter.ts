import type { SandboxLimits } from '../sandbox-options.ts';

export type LimitProblem = 'minute' | 'day' | 'concurrent' | 'appminute';
export type Remaining = { day: number; minute: number; appMinute: number };

export type RateDecision =
  | { ok: true; remaining: Remaining; inFlight: number }
  | { ok: false; problem: LimitProblem; retryAfterMs?: number; remaining: Remaining; inFlight: number };

type Window = { start: number; count: number };

export type TenantRateStats = {
  clientId: string;
  tenantId: string;
  inFlight: number;
  maxInFlight: number;
  minuteCount: number;
  minuteWindowStart: number;
  dayCount: number;
  dayWindowStart: number;
  totalCalls: number;
  rejected: Record<LimitProblem, number>;
};

export type RateLimiter = {
  admit(input: { clientId: string; tenantId: string; dailyLimit: number }): RateDecision;
  release(clientId: string, tenantId: string): void;
  stats(): TenantRateStats[];
  reset(): void;
};

type TenantState = TenantRateStats & { minute: Window; day: Window };

// Fixed windows that open at a tenant's first call, so tenants reset at different moments, as on Xero.
export function createRateLimiter(config: {
  limits: SandboxLimits;
  minuteMs: number;
  dayMs: number;
  now(): number;
}) {
  const tenants = new Map<string, TenantState>();
  const appMinutes = new Map<string, Window>();

  const roll = (window: Window, length: number, now: number): Window =>
    now >= window.start + length ? { start: now, count: 0 } : window;

  function tenant(clientId: string, tenantId: string, now: number): TenantState {
    const key = `${clientId}|${tenantId.toLowerCase()}`;
    let state = tenants.get(key);
    if (!state) {
      state = {
        clientId,
        tenantId,
        inFlight: 0,
        maxInFlight: 0,
        minuteCount: 0,
        minuteWindowStart: now,
        dayCount: 0,
        dayWindowStart: now,
        totalCalls: 0,
        rejected: { minute: 0, day: 0, concurrent: 0, appminute: 0 },
        minute: { start: now, count: 0 },
        day: { start: now, count: 0 },
      };
      tenants.set(key, state);
    }
    state.minute = roll(state.minute, config.minuteMs, now);
    state.day = roll(state.day, config.dayMs, now);
    return state;
  }

  const limiter: RateLimiter = {
    admit({ clientId, tenantId, dailyLimit }) {
      const now = config.now();
      const state = tenant(clientId, tenantId, now);
      const app = roll(appMinutes.get(clientId) ?? { start: now, count: 0 }, config.minuteMs, now);
      appMinutes.set(clientId, app);
      const { limits } = config;
      const remaining = (): Remaining => ({
        day: Math.max(dailyLimit - state.day.count, 0),
        minute: Math.max(limits.minute - state.minute.count, 0),
        appMinute: Math.max(limits.appMinute - app.count, 0),
      });
      const reject = (problem: LimitProblem, retryAfterMs?: number): RateDecision => {
        state.rejected[problem] += 1;
        return { ok: false, problem, retryAfterMs, remaining: remaining(), inFlight: state.inFlight };
      };
      if (state.inFlight >= limits.concurrent) return reject('concurrent');
      if (state.day.count >= dailyLimit) return reject('day', state.day.start + config.dayMs - now);
      if (state.minute.count >= limits.minute)
        return reject('minute', state.minute.start + config.minuteMs - now);
      if (app.count >= limits.appMinute) return reject('appminute', app.start + config.minuteMs - now);
      state.day.count += 1;
      state.minute.count += 1;
      app.count += 1;
      state.totalCalls += 1;
      state.inFlight += 1;
      state.maxInFlight = Math.max(state.maxInFlight, state.inFlight);
      return { ok: true, remaining: remaining(), inFlight: state.inFlight };
    },
    release(clientId, tenantId) {
      const state = tenants.get(`${clientId}|${tenantId.toLowerCase()}`);
      if (state && state.inFlight > 0) state.inFlight -= 1;
    },
    stats() {
      const now = config.now();
      return [...tenants.values()].map((state) => {
        const minute = roll(state.minute, config.minuteMs, now);
        const day = roll(state.day, config.dayMs, now);
        return {
          clientId: state.clientId,
          tenantId: state.tenantId,
          inFlight: state.inFlight,
          maxInFlight: state.maxInFlight,
          minuteCount: minute.count,
          minuteWindowStart: minute.start,
          dayCount: day.count,
          dayWindowStart: day.start,
          totalCalls: state.totalCalls,
          rejected: { ...state.rejected },
        };
      });
    },
    reset() {
      tenants.clear();
      appMinutes.clear();
    },
  };
  return limiter;
}
