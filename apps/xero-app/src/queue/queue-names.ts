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
} as const;
