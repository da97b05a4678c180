/** One suggestion: computed at request time from the org and the orders, never learned from Xero data. */
export type Suggestion = {
  /** Stable identity, to accept or reject it: "tax:AU-GST", "account:Gift cards". */
  readonly key: string;
  readonly kind: 'tax' | 'account';
  /** What it is for: a tax code, a product category. */
  readonly subject: string;
  /** The Xero TaxType or account code suggested. */
  readonly value: string;
  readonly label: string;
  /** 0..1 */
  readonly confidence: number;
  /** One line, in the merchant's words. */
  readonly explanation: string;
};

/** Confidence from the best and runner-up scores: a clear winner is surer than a close call. */
export function confidenceOf(best: number, runnerUp: number): number {
  if (best <= 0) return 0;
  const margin = Math.max(0, best - runnerUp) / best;
  return Math.round(Math.min(0.99, best * (0.6 + 0.4 * margin)) * 100) / 100;
}

export function words(text: string): Set<string> {
  return new Set(
    text
      .toLowerCase()
      .split(/[^a-z0-9%]+/)
      .filter((w) => w.length > 1),
  );
}
