import type { NextApiRequest, NextApiResponse } from 'next';
import { loadExtensionConfig } from '../../../lib/env.ts';
import { createLedgerbridgeApi } from '../../../lib/ledgerbridge-api.ts';
import { panelKeyAccepted } from '../../../lib/xmc-guard.ts';

/** The panel's product status: the product's Xero item per organisation, fetched with the server's key. */
export default async function xmcProduct(req: NextApiRequest, res: NextApiResponse) {
  const config = loadExtensionConfig();
  res.setHeader('cache-control', 'private, no-store');
  if (!panelKeyAccepted(config, req.query.k)) return res.status(403).json({ message: 'Wrong panel key.' });
  const id = typeof req.query.id === 'string' ? req.query.id.slice(0, 200) : '';
  if (!id) return res.status(400).json({ message: 'Which product?' });
  try {
    const items = await createLedgerbridgeApi(config).product(id);
    if (!items) return res.status(404).json({ message: 'Not seen yet.' });
    // What an editor may see: status, code, prices, last sync, problem (no Xero IDs).
    return res.status(200).json({
      productId: id,
      items: items.map((i) => ({
        organisation: i.organisation,
        state: i.state,
        itemCode: i.itemCode,
        sku: i.sku,
        orderCloudPrice: i.orderCloudPrice,
        xeroPrice: i.xeroPrice,
        pricesMatch: i.pricesMatch,
        lastSyncAt: i.lastSyncAt,
        problem: i.problem,
      })),
    });
  } catch (error) {
    return res.status(502).json({ message: (error as Error).message });
  }
}
