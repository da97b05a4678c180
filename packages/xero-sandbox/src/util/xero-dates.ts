// Xero's JSON dates: `/Date(ms+0000)/`, with `...String` companions in local ISO form.
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const DAY_MS = 86_400_000;

export function toMsDate(ms: number): string {
  return `/Date(${ms}+0000)/`;
}

export function toEnvelopeDate(ms: number): string {
  return `/Date(${ms})/`;
}

export function dayToMs(day: string): number {
  return Date.parse(`${day}T00:00:00Z`);
}

export function dayToMsDate(day: string): string {
  return toMsDate(dayToMs(day));
}

export function dayToDateString(day: string): string {
  return `${day}T00:00:00`;
}

export function msToDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

export function addDays(day: string, days: number): string {
  return msToDay(dayToMs(day) + days * DAY_MS);
}

const dayPattern = /^(\d{4}-\d{2}-\d{2})(?:[T ][\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?$/;
const msDatePattern = /^\/Date\((-?\d+)(?:[+-]\d{4})?\)\/$/;

// Xero takes the calendar date as written; a time or offset is ignored.
export function parseXeroDay(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const text = value.trim();
  const ms = msDatePattern.exec(text);
  if (ms?.[1] !== undefined) return msToDay(Number(ms[1]));
  const day = dayPattern.exec(text)?.[1];
  if (day === undefined) return undefined;
  const parsed = Date.parse(`${day}T00:00:00Z`);
  return Number.isNaN(parsed) || msToDay(parsed) !== day ? undefined : day;
}

// If-Modified-Since arrives as ISO 8601 (xero-node) or RFC 1123; both parse with Date.parse.
export function parseHttpDate(value: string | undefined): number | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  const parsed = Date.parse(value);
  return Number.isNaN(parsed) ? undefined : parsed;
}

export function formatLockDate(day: string): string {
  const [year, month, date] = day.split('-');
  return `${date}-${MONTHS[Number(month) - 1] ?? month}-${year}`;
}

// eventDateUtc in webhook payloads has no zone designator.
export function toWebhookDate(ms: number): string {
  return new Date(ms).toISOString().replace('Z', '');
}

export function toIsoSeconds(ms: number): string {
  return new Date(ms).toISOString();
}
