import type { SafeFetch } from '../../outbound/safe-fetch.ts';
import type { AlertDelivery } from '../alert-delivery.ts';
import { SIGNATURE_HEADER, signAlertBody } from '../alert-signature.ts';
import type { AlertDestination } from './alert-destination.ts';

/**
 * POSTs the delivery as JSON to the merchant's URL, signed, through the outbound guard (the URL is the
 * merchant's: no private addresses, no redirects). Any 2xx is delivered; anything else is recorded.
 */
export function createWebhookDestination(deps: {
  fetch: SafeFetch;
  url: string;
  secret: string;
  timeoutMs?: number;
  clock?: () => Date;
}): AlertDestination {
  return {
    channel: 'webhook',
    async send(delivery: AlertDelivery) {
      const body = JSON.stringify(delivery);
      const timestamp = Math.floor((deps.clock ?? (() => new Date()))().getTime() / 1000);
      try {
        const response = await deps.fetch(deps.url, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            'user-agent': 'Ledgerbridge-Alerts/1',
            [SIGNATURE_HEADER]: signAlertBody({ secret: deps.secret, body, timestamp }),
            'Ledgerbridge-Delivery': delivery.id,
          },
          body,
          signal: AbortSignal.timeout(deps.timeoutMs ?? 10_000),
        });
        await response.body?.cancel().catch(() => {});
        return { channel: 'webhook', ok: response.ok, detail: `HTTP ${response.status}` };
      } catch (error) {
        return {
          channel: 'webhook',
          ok: false,
          detail: error instanceof Error ? error.message : String(error),
        };
      }
    },
  };
}
