const DAY = 24 * 60 * 60 * 1000;

export function formatDateTime(value: Date | null | undefined): string {
  if (!value) return '—';
  return `${value.toISOString().replace('T', ' ').slice(0, 19)} UTC`;
}

/** "in 25 min", "3 days ago": what a merchant scans for on a health page. */
export function relativeTime(value: Date | null | undefined, now: Date = new Date()): string {
  if (!value) return 'never';
  const ms = value.getTime() - now.getTime();
  const abs = Math.abs(ms);
  const unit =
    abs < 60_000
      ? `${Math.round(abs / 1000)} s`
      : abs < 3_600_000
        ? `${Math.round(abs / 60_000)} min`
        : abs < DAY
          ? `${Math.round(abs / 3_600_000)} h`
          : `${Math.round(abs / DAY)} days`;
  return ms >= 0 ? `in ${unit}` : `${unit} ago`;
}

export function money(amount: string | null, currency: string | null): string {
  if (amount === null) return '—';
  return currency ? `${amount} ${currency}` : amount;
}

/** "1 order", "2 orders": counts in the console read as sentences. */
export function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
