import type { NextApiRequest, NextApiResponse } from 'next';
import { loadExtensionConfig } from '../../../lib/env.ts';
import { createLedgerbridgeApi } from '../../../lib/ledgerbridge-api.ts';
import { panelKeyAccepted } from '../../../lib/xmc-guard.ts';

export default async function xmcHealth(req: NextApiRequest, res: NextApiResponse) {
  const config = loadExtensionConfig();
  res.setHeader('cache-control', 'private, no-store');
  if (!panelKeyAccepted(config, req.query.k)) return res.status(403).json({ message: 'Wrong panel key.' });
  try {
    return res.status(200).json(await createLedgerbridgeApi(config).health());
  } catch (error) {
    return res.status(502).json({ message: (error as Error).message });
  }
}
