import type { NextApiRequest, NextApiResponse } from 'next';
import { adminCookie, isSameOrigin, issueAdminSession, passwordMatches } from '../../../lib/admin-session.ts';
import { loadExtensionConfig } from '../../../lib/env.ts';

export default function login(req: NextApiRequest, res: NextApiResponse) {
  if (req.method !== 'POST') return res.status(405).end();
  if (!isSameOrigin(req.headers.origin, req.headers.host))
    return res.status(403).json({ message: 'Cross-site form.' });
  const config = loadExtensionConfig();
  const password = typeof req.body?.password === 'string' ? req.body.password : '';
  if (!config.sessionSecret || !passwordMatches(config.adminPassword, password))
    return res.redirect(303, '/admin/login?failed=1');
  const secure = req.headers['x-forwarded-proto'] === 'https' ? '; Secure' : '';
  res.setHeader(
    'set-cookie',
    `${adminCookie}=${issueAdminSession(config.sessionSecret, new Date())}; Path=/; HttpOnly; SameSite=Strict; Max-Age=28800${secure}`,
  );
  return res.redirect(303, '/admin');
}
