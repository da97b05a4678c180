import { randomBytes } from 'node:crypto';
import type { NextApiRequest, NextApiResponse } from 'next';
import { buildDemoOrder } from '../../lib/demo-cart.ts';
import { emitEvent } from '../../lib/emitter.ts';
import { identityEvent, orderCheckoutEvent } from '../../lib/engage-events.ts';
import { loadExtensionConfig } from '../../lib/env.ts';
import { createLedgerbridgeApi } from '../../lib/ledgerbridge-api.ts';

// The demo checkout's server side: the customer and the order go to Ledgerbridge through the signed
// emitter, the signed shopper link comes back from the extension API, and the browser gets what it
// needs to report the checkout to Sitecore CDP and to open the confirmation page.
export default async function checkout(req: NextApiRequest, res: NextApiResponse) {
  if (req.method !== 'POST') return res.status(405).json({ message: 'POST only.' });
  const body = (typeof req.body === 'object' && req.body) || {};
  const email = typeof body.email === 'string' ? body.email.trim() : '';
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email) || email.length > 200)
    return res.status(400).json({ field: 'email', message: 'Enter a valid email address.' });
  const text = (v: unknown) => (typeof v === 'string' ? v.slice(0, 100) : '');
  const config = loadExtensionConfig();
  const order = buildDemoOrder({
    orderId: `SC-${Date.now().toString(36).toUpperCase()}-${randomBytes(2).toString('hex').toUpperCase()}`,
    shopper: { email, firstName: text(body.firstName), lastName: text(body.lastName) },
    quantity: Number(body.quantity) || 1,
    placedAt: new Date(),
  });
  const customer = await emitEvent(config, { type: 'customer.updated', customer: order.customer });
  const submitted = customer.ok ? await emitEvent(config, { type: 'order.submitted', order }) : customer;
  if (!submitted.ok)
    return res
      .status(502)
      .json({ message: `The order could not be sent to accounting: ${submitted.message}` });
  let confirmationUrl = `/order-confirmation?order=${encodeURIComponent(order.id)}`;
  try {
    const link = await createLedgerbridgeApi(config).statusLink(order.id);
    confirmationUrl += `&token=${encodeURIComponent(link.token)}`;
  } catch {
    // Without the link the confirmation page says the status is unavailable; the order is placed.
  }
  return res.status(200).json({
    orderId: order.id,
    total: order.total,
    currency: order.currency,
    confirmationUrl,
    engage: {
      identity: identityEvent(order, 'checkout'),
      orderCheckout: orderCheckoutEvent(order, {
        page: 'checkout',
        paid: false,
        paymentType: 'Bank Transfer',
      }),
    },
  });
}
