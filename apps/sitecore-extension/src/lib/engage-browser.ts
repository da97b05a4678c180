import type { identityEvent, orderCheckoutEvent } from './engage-events.ts';

type Settings = { clientKey: string; targetURL: string; pointOfSale: string; cookieDomain: string | null };

/**
 * Browser side: identifies the guest, then reports the order (the order needs an identified guest).
 * The Engage SDK is loaded only here, on checkout, and only when a CDP client key is configured.
 */
export async function sendCheckoutToCdp(
  settings: Settings,
  events: {
    identity: ReturnType<typeof identityEvent>;
    orderCheckout: ReturnType<typeof orderCheckoutEvent>;
  },
): Promise<void> {
  const { init } = await import('@sitecore/engage');
  const engage = await init({
    clientKey: settings.clientKey,
    targetURL: settings.targetURL,
    pointOfSale: settings.pointOfSale,
    ...(settings.cookieDomain ? { cookieDomain: settings.cookieDomain } : {}),
    cookieExpiryDays: 365,
    forceServerCookieMode: false,
  });
  await engage.identity(events.identity);
  await engage.event('ORDER_CHECKOUT', events.orderCheckout);
}
