// Headers every answer carries, JSON or HTML, from the Hono app or the intake fast path. Pages that
// need a different policy (the console) set their own; these fill in only what is missing.

export function securityHeaderValues(input: { publicUrl: string; formTargets?: readonly string[] }) {
  const headers: Record<string, string> = {
    'content-security-policy': [
      "default-src 'self'",
      "img-src 'self' data:",
      "object-src 'none'",
      "base-uri 'none'",
      `form-action 'self'${(input.formTargets ?? []).map((t) => ` ${t}`).join('')}`,
      "frame-ancestors 'none'",
    ].join('; '),
    'x-frame-options': 'DENY',
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'cross-origin-opener-policy': 'same-origin',
    'permissions-policy': 'camera=(), microphone=(), geolocation=(), payment=()',
  };
  // HSTS only where the app is reached over https; over http it would be ignored or, on a shared
  // localhost, pin https onto other development servers.
  if (input.publicUrl.startsWith('https://'))
    headers['strict-transport-security'] = 'max-age=31536000; includeSubDomains';
  return headers;
}
