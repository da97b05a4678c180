// What Xero says about the caller's remaining budget, read from any response (success or failure).
export type XeroResponseMeta = {
  readonly status: number;
  readonly dayRemaining?: number;
  readonly minuteRemaining?: number;
  readonly appMinuteRemaining?: number;
  readonly retryAfterSeconds?: number;
  readonly rateLimitProblem?: string;
};

type HeaderBag = Record<string, unknown> | undefined;

function header(headers: HeaderBag, name: string): string | undefined {
  if (!headers) return undefined;
  const found = Object.entries(headers).find(([key]) => key.toLowerCase() === name);
  const value = found?.[1];
  return typeof value === 'string' ? value : typeof value === 'number' ? String(value) : undefined;
}

function integer(value: string | undefined): number | undefined {
  if (value === undefined || !/^\d+$/.test(value.trim())) return undefined;
  return Number.parseInt(value, 10);
}

export function readResponseMeta(status: number, headers: HeaderBag): XeroResponseMeta {
  const meta: {
    status: number;
    dayRemaining?: number;
    minuteRemaining?: number;
    appMinuteRemaining?: number;
    retryAfterSeconds?: number;
    rateLimitProblem?: string;
  } = { status };
  const day = integer(header(headers, 'x-daylimit-remaining'));
  const minute = integer(header(headers, 'x-minlimit-remaining'));
  const app = integer(header(headers, 'x-appminlimit-remaining'));
  const retryAfter = integer(header(headers, 'retry-after'));
  const problem = header(headers, 'x-rate-limit-problem');
  if (day !== undefined) meta.dayRemaining = day;
  if (minute !== undefined) meta.minuteRemaining = minute;
  if (app !== undefined) meta.appMinuteRemaining = app;
  if (retryAfter !== undefined) meta.retryAfterSeconds = retryAfter;
  if (problem) meta.rateLimitProblem = problem;
  return meta;
}
