import type { NextApiRequest, NextApiResponse } from 'next';
import { customerIdFor } from '../../lib/demo-cart.ts';
import { emitEvent } from '../../lib/emitter.ts';
import { loadExtensionConfig } from '../../lib/env.ts';

// Customer sign-up and profile change: the head's server tells Ledgerbridge, which creates or matches
// the Xero contact with the same rules as for orders.
export default async function customers(req: NextApiRequest, res: NextApiResponse) {
  if (req.method !== 'POST') return res.status(405).json({ message: 'POST only.' });
  const body = (typeof req.body === 'object' && req.body) || {};
  const email = typeof body.email === 'string' ? body.email.trim() : '';
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email) || email.length > 200)
    return res.status(400).json({ field: 'email', message: 'Enter a valid email address.' });
  const text = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim().slice(0, 100) : undefined);
  const sent = await emitEvent(loadExtensionConfig(), {
    type: 'customer.updated',
    customer: {
      id: customerIdFor(email),
      kind: 'person',
      email,
      firstName: text(body.firstName),
      lastName: text(body.lastName),
      phone: text(body.phone),
    },
  });
  if (!sent.ok) return res.status(502).json({ message: sent.message });
  return res.status(200).json({ status: sent.status });
}
