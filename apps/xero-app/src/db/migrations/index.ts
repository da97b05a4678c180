import type { Migration } from 'kysely/migration';
import * as initial from './2026-11-27t10-00-00-initial.ts';
import * as connectionsAndSync from './2026-11-27t11-00-00-connections-and-sync.ts';
import * as syncOperations from './2026-11-27t11-30-00-sync-operations.ts';
import * as connectedApp from './2026-11-27t12-00-00-connected-app.ts';
import * as reconcile from './2026-11-27t13-00-00-reconcile.ts';
import * as keysThroughParents from './2026-12-05t10-00-00-keys-through-parents.ts';
import * as dayForecast from './2026-12-05t10-30-00-day-forecast.ts';
import * as routing from './2026-12-05t11-00-00-routing.ts';
import * as operations from './2026-12-05t12-00-00-operations.ts';
import * as mappingStudio from './2026-12-05t13-00-00-mapping-studio.ts';
import * as stripStoredTokens from './2026-12-05t14-00-00-strip-stored-tokens.ts';
import * as sitecoreSites from './2026-12-05t15-00-00-sitecore-sites.ts';
import * as versionRouting from './2026-12-06t11-00-00-version-routing.ts';
import * as productItemLookup from './2026-12-06t13-00-00-product-item-lookup.ts';
import * as alerts from './2026-12-06t12-00-00-alerts.ts';
import * as itemPoll from './2026-12-06t14-00-00-item-poll.ts';
import * as catalogConflicts from './2026-12-06t14-30-00-catalog-conflicts.ts';
import * as backgroundOperations from './2026-12-06t16-00-00-background-operations.ts';
import * as tokenRefreshFailures from './2026-12-07t13-00-00-token-refresh-failures.ts';
import * as catalogReview from './2026-12-07t14-00-00-catalog-review.ts';
import * as catalogFirstSync from './2026-12-08t13-00-00-catalog-first-sync.ts';
import * as appMinute from './2026-12-06t10-00-00-app-minute.ts';
import * as batchErrorKept from './2026-12-07t10-00-00-batch-error-kept.ts';
import * as appTurns from './2026-12-07t12-00-00-app-turns.ts';
import * as appBlocks from './2026-12-08t11-00-00-app-blocks.ts';
import * as recentTotalsIndex from './2026-12-09t10-00-00-recent-totals-index.ts';

// Listed explicitly so the order never depends on the file system.
export const migrations: Record<string, Migration> = {
  '2026-11-27T10-00-00-initial': initial,
  '2026-11-27T11-00-00-connections-and-sync': connectionsAndSync,
  '2026-11-27T11-30-00-sync-operations': syncOperations,
  '2026-11-27T12-00-00-connected-app': connectedApp,
  '2026-11-27T13-00-00-reconcile': reconcile,
  '2026-12-05T10-00-00-keys-through-parents': keysThroughParents,
  '2026-12-05T10-30-00-day-forecast': dayForecast,
  '2026-12-05T11-00-00-routing': routing,
  '2026-12-05T12-00-00-operations': operations,
  '2026-12-05T13-00-00-mapping-studio': mappingStudio,
  '2026-12-05T14-00-00-strip-stored-tokens': stripStoredTokens,
  '2026-12-05T15-00-00-sitecore-sites': sitecoreSites,
  '2026-12-06T10-00-00-app-minute': appMinute,
  '2026-12-06T11-00-00-version-routing': versionRouting,
  '2026-12-06T12-00-00-alerts': alerts,
  '2026-12-06T13-00-00-product-item-lookup': productItemLookup,
  '2026-12-06T14-00-00-item-poll': itemPoll,
  '2026-12-06T14-30-00-catalog-conflicts': catalogConflicts,
  '2026-12-06T16-00-00-background-operations': backgroundOperations,
  '2026-12-07T10-00-00-batch-error-kept': batchErrorKept,
  '2026-12-07T12-00-00-app-turns': appTurns,
  '2026-12-07T13-00-00-token-refresh-failures': tokenRefreshFailures,
  '2026-12-07T14-00-00-catalog-review': catalogReview,
  '2026-12-08T11-00-00-app-blocks': appBlocks,
  '2026-12-08T13-00-00-catalog-first-sync': catalogFirstSync,
  '2026-12-09T10-00-00-recent-totals-index': recentTotalsIndex,
};
