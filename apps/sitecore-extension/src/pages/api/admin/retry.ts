import type { NextApiRequest, NextApiResponse } from 'next';
import { adminCookie, isAdminSession, isSameOrigin } from '../../../lib/admin-session.ts';
import { loadExtensionConfig } from '../../../lib/env.ts';
import { createLedgerbridgeApi } from '../../../lib/ledgerbridge-api.ts';

// The retry button: the admin's session and the form's origin are checked here, then the app is asked
// with the site's API key (which never leaves this server).
export default async function retry(req: NextApiRequest, res: NextApiResponse) {
  if (req.method !== 'POST') return res.status(405).end();
  const config = loadExtensionConfig();
  if (!isAdminSession(config.sessionSecret, req.cookies[adminCookie], new Date()))
    return res.redirect(303, '/admin/login');
  if (!isSameOrigin(req.headers.origin, req.headers.host))
    return res.status(403).json({ message: 'Cross-site form.' });
  const orderId = typeof req.body?.orderId === 'string' ? req.body.orderId.slice(0, 200) : '';
  if (!orderId) return res.redirect(303, '/admin');
  let outcome: { ok: boolean; message: string };
  try {
    outcome = await createLedgerbridgeApi(config).retry(orderId);
  } catch (error) {
    outcome = { ok: false, message: (error as Error).message };
  }
  return res.redirect(303, `/admin?ok=${outcome.ok ? 1 : 0}&flash=${encodeURIComponent(outcome.message)}`);
}
