import type { NextApiRequest, NextApiResponse } from 'next';
import { adminCookie } from '../../../lib/admin-session.ts';

export default function logout(req: NextApiRequest, res: NextApiResponse) {
  if (req.method !== 'POST') return res.status(405).end();
  res.setHeader('set-cookie', `${adminCookie}=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0`);
  return res.redirect(303, '/admin/login');
}
