import type { Banner } from '../dashboard/banners.ts';

/** What one check of a workspace saw; detectors turn it into alert candidates. */
export type AlertSignals = {
  readonly now: Date;
  /** The previous check: events after it are new. */
  readonly since: Date;
  /** The overview's red banners (Xero failing, reconnect, queue growing, budget running out). */
  readonly banners: readonly Banner[];
  readonly newDeadLetters: ReadonlyArray<{ readonly summary: string; readonly error: string }>;
  /** Orders that came to need attention since the previous check, by reason. */
  readonly newAttention: ReadonlyMap<string, number>;
  readonly attentionThreshold: number;
  readonly authorisations: ReadonlyArray<{ readonly tenantName: string; readonly refreshExpiresAt: Date }>;
};
