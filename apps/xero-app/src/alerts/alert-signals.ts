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
  /** Each connected organisation's authorisation: when it ends, and refreshes failing in a row. */
  readonly authorisations: ReadonlyArray<{
    readonly tenantName: string;
    readonly refreshExpiresAt: Date;
    readonly refreshFailures: number;
    readonly refreshFailedAt: Date | null;
    readonly refreshError: string | null;
  }>;
};
