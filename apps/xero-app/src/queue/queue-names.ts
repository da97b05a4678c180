export const queueNames = {
  /** Order events from the commerce source: submitted, paid, canceled, refunded. */
  sync: 'sync',
  /** One job per Xero tenant at a time: sends the tenant's ready operations in batches. */
  flush: 'flush',
  /** Integration state written back to the OrderCloud order. */
  writeBack: 'write-back',
  /** Scheduled: finds submitted orders whose webhook never arrived. */
  reconcile: 'reconcile',
  /** Xero webhook events (invoice paid/voided, contact changed) on their way back to OrderCloud. */
  xeroEvents: 'xero-events',
  /** Sales tax rates the merchant approved in the console, created in Xero before the order is posted. */
  taxRates: 'tax-rates',
  /** Scheduled: deletes stored deliveries past RETENTION_DAYS. */
  retention: 'retention',
  /** One paced tick of a history import at a time per import: feeds its next chunk when the pace allows. */
  backfill: 'backfill',
  /** Orders of a history import, planned by their own workers so live orders never queue behind them. */
  backfillSync: 'backfill-sync',
  /** Three-way reconciliation reports, on demand and every night for the day before. */
  reconciliationReport: 'reconciliation-report',
  /** Scheduled: orders blocked by a lock date or the mapping retried once what blocked them changed. */
  attentionRecheck: 'attention-recheck',
  /** Scheduled every minute: alert conditions checked, new ones sent to each workspace's destinations. */
  alerts: 'alerts',
  /** An alert delivery a destination did not take, sent again after a wait (a few attempts, then logged as failed). */
  alertRetry: 'alert-retry',
  /** Scheduled: Xero items changed since the last poll; tracked stock to OrderCloud when Xero owns it. */
  itemPoll: 'item-poll',
} as const;
