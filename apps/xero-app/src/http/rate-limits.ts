import { createHash } from 'node:crypto';
import { createRateLimiter, type RateVerdict } from './rate-limiter.ts';

// Which requests are limited, by what key, how much. Sized so real traffic never meets them: OrderCloud
// sends a marketplace's deliveries from a few addresses, in bursts at checkout peaks (a burst of 30,000
// then 3,000/s per marketplace passes, well above `pnpm bench intake`); a person signs in a few times
// an hour; the extension reads per page view. Decision 0072 has the reasons.

export type RateRule = { readonly capacity: number; readonly refillPerSecond: number };

export const rateRules = {
  authStart: { capacity: 20, refillPerSecond: 20 / 60 },
  authCallback: { capacity: 30, refillPerSecond: 30 / 60 },
  xeroWebhook: { capacity: 600, refillPerSecond: 20 },
  intakePerIp: { capacity: 60_000, refillPerSecond: 6_000 },
  intakePerConnection: { capacity: 30_000, refillPerSecond: 3_000 },
  otherWebhookPerIp: { capacity: 600, refillPerSecond: 20 },
  extensionPerIp: { capacity: 300, refillPerSecond: 10 },
  extensionPerKey: { capacity: 600, refillPerSecond: 20 },
  storefrontPerIp: { capacity: 120, refillPerSecond: 2 },
} as const satisfies Record<string, RateRule>;

type RuleName = keyof typeof rateRules;

export type LimitedRequest = {
  readonly method: string;
  readonly path: string;
  readonly ip: string;
  readonly authorization?: string | undefined;
};

const ordercloudDelivery = /^\/webhooks\/ordercloud\/([^/]+)\/?$/;

/** The (rule, key) pairs a request is counted against; none for the console and health routes. */
export function limitsFor(request: LimitedRequest): Array<[RuleName, string]> {
  const { method, path, ip } = request;
  if (
    (method === 'GET' && (path === '/auth/xero/signup' || path === '/auth/xero/signin')) ||
    (method === 'POST' && path === '/auth/xero/connect')
  )
    return [['authStart', ip]];
  if (path === '/auth/xero/callback') return [['authCallback', ip]];
  if (path === '/webhooks/xero') return [['xeroWebhook', ip]];
  const delivery = ordercloudDelivery.exec(path);
  if (delivery)
    return [
      ['intakePerIp', ip],
      ['intakePerConnection', delivery[1] ?? ''],
    ];
  if (path.startsWith('/webhooks/')) return [['otherWebhookPerIp', ip]];
  if (path.startsWith('/api/')) {
    // The key itself never sits in memory: its hash names its bucket.
    const key = createHash('sha256')
      .update(request.authorization ?? '')
      .digest('base64url')
      .slice(0, 16);
    return [
      ['extensionPerIp', ip],
      ['extensionPerKey', key],
    ];
  }
  if (path.startsWith('/storefront/')) return [['storefrontPerIp', ip]];
  return [];
}

export type RateLimits = { check(request: LimitedRequest): RateVerdict };

/** `scale` multiplies every figure (RATE_LIMIT_SCALE: tests and load benchmarks that send from one address). */
export function createRateLimits(options: { scale?: number; now?: () => number } = {}): RateLimits {
  const scale = options.scale ?? 1;
  const limiters = Object.fromEntries(
    Object.entries(rateRules).map(([name, rule]) => [
      name,
      createRateLimiter({
        capacity: Math.max(1, Math.round(rule.capacity * scale)),
        refillPerSecond: rule.refillPerSecond * scale,
        ...(options.now ? { now: options.now } : {}),
      }),
    ]),
  ) as Record<RuleName, ReturnType<typeof createRateLimiter>>;
  return {
    check(request) {
      for (const [rule, key] of limitsFor(request)) {
        const verdict = limiters[rule].take(key);
        if (!verdict.allowed) return verdict;
      }
      return { allowed: true };
    },
  };
}

export const rateLimitedBody = {
  error: 'rate_limited',
  message: 'Too many requests; try again after the number of seconds in Retry-After.',
};
