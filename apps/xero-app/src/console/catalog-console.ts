import { type AccountingTarget, type CommerceSource, fail, permanent } from '@ledgerbridge/canonical';
import type { Db } from '../db/database.ts';
import type { JobQueue } from '../queue/job-queue.ts';
import { queueNames } from '../queue/queue-names.ts';
import { mappingFor } from '../sync/catalog/catalog-mapping.ts';
import { createCatalogReviewStore } from '../sync/catalog/catalog-review-repo.ts';
import { applyCatalogReview, catalogReviews, startCatalogReview } from '../sync/catalog/catalog-review.ts';
import { chooseConflictSide } from '../sync/catalog/choose-conflict-side.ts';
import { createConflictChoiceStore } from '../sync/catalog/conflict-choice-repo.ts';
import type { CatalogConsole } from './catalog-routes.ts';

/** The console's catalog actions over the database, the merchant's OrderCloud and Xero (through the budget). */
export function createCatalogConsole(deps: {
  db: Db;
  queue: Pick<JobQueue, 'enqueue' | 'wake'>;
  /** Absent (a console without OrderCloud reads), the pages list and refuse to read or write. */
  commerceFor?: (connectionId: string) => Promise<CommerceSource>;
  accountingFor?: (workspaceId: string) => Pick<AccountingTarget, 'getReferenceData' | 'listItems'>;
  referenceMaxAgeMs?: number;
}): CatalogConsole {
  const { db } = deps;
  const unavailable = () =>
    fail(permanent('not-configured', 'This console cannot read Xero or OrderCloud (no connection ports).'));
  const commerceFor = deps.commerceFor ?? (async () => ({}));
  const accountingFor =
    deps.accountingFor ??
    (() => ({ getReferenceData: async () => unavailable(), listItems: async () => unavailable() }));
  // As the worker asks for a flush: one pending flush job per organisation.
  const requestFlush = async (tenantId: string) => {
    await deps.queue.enqueue({
      queue: queueNames.flush,
      data: { tenantId },
      singletonKey: tenantId.replace(/[^\w.\-/]/g, '_'),
    });
    deps.queue.wake(queueNames.flush);
  };
  const review = {
    store: createCatalogReviewStore(db),
    commerceFor,
    accountingFor,
    mappingOf: (ctx: Parameters<typeof mappingFor>[1]) =>
      mappingFor(
        {
          db,
          accountingFor,
          ...(deps.referenceMaxAgeMs !== undefined ? { referenceMaxAgeMs: deps.referenceMaxAgeMs } : {}),
        },
        ctx,
      ),
    requestFlush,
  };
  const choice = { store: createConflictChoiceStore(db), commerceFor, requestFlush };
  return {
    reviews: (workspaceId) => catalogReviews(review, workspaceId),
    start: (input) => startCatalogReview(review, input),
    apply: (input) => applyCatalogReview(review, input),
    choose: (input) => chooseConflictSide(choice, input),
  };
}
