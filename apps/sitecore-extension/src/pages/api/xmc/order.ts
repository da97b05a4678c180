import type { NextApiRequest, NextApiResponse } from 'next';
import { loadExtensionConfig } from '../../../lib/env.ts';
import { createLedgerbridgeApi } from '../../../lib/ledgerbridge-api.ts';
import { panelKeyAccepted } from '../../../lib/xmc-guard.ts';

export default async function xmcOrder(req: NextApiRequest, res: NextApiResponse) {
  const config = loadExtensionConfig();
  res.setHeader('cache-control', 'private, no-store');
  if (!panelKeyAccepted(config, req.query.k)) return res.status(403).json({ message: 'Wrong panel key.' });
  const id = typeof req.query.id === 'string' ? req.query.id.slice(0, 200) : '';
  if (!id) return res.status(400).json({ message: 'Which order?' });
  try {
    const order = await createLedgerbridgeApi(config).order(id);
    if (!order) return res.status(404).json({ message: 'Not seen yet.' });
    return res.status(200).json({
      orderId: order.orderId,
      status: order.status,
      invoiceNumber: order.invoiceNumber,
      amountPaid: order.amountPaid,
      currency: order.currency ?? null,
      message: order.message,
      updatedAt: order.updatedAt,
    });
  } catch (error) {
    return res.status(502).json({ message: (error as Error).message });
  }
}
