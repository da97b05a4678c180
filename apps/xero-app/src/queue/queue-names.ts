export const queueNames = {
  /** Order events from the commerce source: submitted, paid, canceled, refunded. */
  sync: 'sync',
} as const;
