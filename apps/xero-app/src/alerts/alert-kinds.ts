// The events a merchant can be alerted about, in the order the console lists them.
export const alertKinds = [
  'dead-letter',
  'attention',
  'needs-reconnect',
  'token-expiring',
  'xero-failing',
  'queue-growing',
  'budget-exhausting',
] as const;

export type AlertKind = (typeof alertKinds)[number];

export const alertKindLabels: Record<AlertKind, string> = {
  'dead-letter': 'Work dead-lettered after every retry',
  attention: 'Orders needing attention (at least the threshold in one check)',
  'needs-reconnect': 'A Xero organisation needs reconnecting',
  'token-expiring': 'Refreshing a Xero authorisation keeps failing, or it expires within 7 days',
  'xero-failing': 'Xero failing (server errors, time-outs)',
  'queue-growing': 'The queue of Xero documents growing',
  'budget-exhausting': "The day's Xero calls running out before midnight",
};

export function isAlertKind(value: string): value is AlertKind {
  return (alertKinds as readonly string[]).includes(value);
}

/** One thing worth telling, before deduplication. */
export type AlertCandidate = {
  readonly kind: AlertKind | 'test';
  /** Same key, same alert: the quiet period and the open conditions are kept per key. */
  readonly key: string;
  readonly title: string;
  readonly message: string;
  /** Path in the console (or an absolute URL) where it is looked at or fixed. */
  readonly href: string;
  /** How many events it stands for (dead letters, orders). */
  readonly count: number;
  /** A condition that lasts (told when it starts, again only after it cleared) rather than an event. */
  readonly ongoing: boolean;
};
