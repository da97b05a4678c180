import type { IdSource } from '../util/ids.ts';
import type { ChangeCategory, ChangeFeed, ChangeType } from '../webhooks/change-feed.ts';

export type AccountingDeps = {
  now(): number;
  ids: IdSource;
  changes: ChangeFeed;
  /** What a contact created from a document's `Contact` keeps (sandbox-options.ts); `kept` when absent. */
  inlineContactDetails?: 'kept' | 'name-only';
};

export type WriteOptions = { unitdp: 2 | 4; clientId?: string };

export type ElementOutcome<T> =
  | { ok: true; record: T }
  | { ok: false; errors: string[]; echo: Record<string, unknown> };

export function recordChange(
  deps: AccountingDeps,
  tenantId: string,
  category: ChangeCategory,
  type: ChangeType,
  resourceId: string,
  data?: Record<string, string>,
): void {
  deps.changes.record({ tenantId, category, type, resourceId, at: deps.now(), data });
}
