import type { AlertDelivery } from '../alert-delivery.ts';

/** What one destination said about one delivery (kept in the alert log). */
export type DeliveryOutcome = { readonly channel: string; readonly ok: boolean; readonly detail: string };

export type AlertDestination = {
  readonly channel: string;
  send(delivery: AlertDelivery): Promise<DeliveryOutcome>;
};
