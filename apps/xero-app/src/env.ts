import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { parseAllowedHosts } from './outbound/outbound-policy.ts';

// The env contract of ARCHITECTURE.md. Secrets left unset are generated for the demo and flagged,
// so a newcomer's first run works and a production deploy can refuse them.
const EnvSchema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  DATABASE_URL: z.url().optional(),
  DATA_DIR: z.string().default('.data'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  PUBLIC_URL: z.url().optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  ENCRYPTION_KEY: z
    .string()
    .regex(/^[A-Za-z0-9+/=_-]{32,}$/, 'must be at least 32 base64 characters')
    .optional(),
  /** Keys rotated out, comma-separated: still decrypt what they sealed until it is re-sealed. */
  ENCRYPTION_KEY_PREVIOUS: z.string().optional(),
  SESSION_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  XERO_CLIENT_ID: z.string().default('ledgerbridge-demo'),
  XERO_CLIENT_SECRET: z.string().default('ledgerbridge-demo-secret'),
  XERO_WEBHOOK_KEY: z.string().default('ledgerbridge-demo-webhook-key'),
  XERO_SCOPES: z
    .string()
    .default(
      'openid profile email offline_access accounting.invoices accounting.payments accounting.contacts accounting.settings',
    ),
  XERO_API_URL: z.url().default('https://api.xero.com'),
  XERO_IDENTITY_URL: z.url().default('https://identity.xero.com'),
  XERO_LOGIN_URL: z.url().default('https://login.xero.com'),
  /** Xero's web app, where the console's fix links and invoice deep links open. */
  XERO_APP_URL: z.url().default('https://go.xero.com'),
  XERO_DAILY_LIMIT: z.coerce.number().int().positive().default(5000),
  /** Xero's limit on the whole app: calls a minute across every connected organisation. */
  XERO_APP_MINUTE_LIMIT: z.coerce.number().int().positive().default(10_000),
  /**
   * Calls of the app's minute a worker process takes at once under the app-wide lock (decision 0115);
   * unset, half a percent of XERO_APP_MINUTE_LIMIT (50 of 10,000; below 400 a minute, every call alone).
   */
  XERO_APP_BLOCK_CALLS: z.coerce.number().int().positive().optional(),
  ORDERCLOUD_API_URL: z.url().default('https://api.ordercloud.io'),
  /**
   * Hosts a user-set URL may reach over plain http and on private addresses (the local sandboxes,
   * an on-premises marketplace). Everything else must be https on a public address.
   */
  ALLOWED_HTTP_HOSTS: z
    .string()
    .default('')
    .transform((value) => parseAllowedHosts(value)),
  SHUTDOWN_GRACE_MS: z.coerce.number().int().min(0).default(25_000),
  /** Documents per Xero call (Xero recommends at most 50). */
  SYNC_BATCH_SIZE: z.coerce.number().int().min(1).max(50).default(50),
  /** Length of Xero's rate-limit minute; only a benchmark against a compressed sandbox clock changes it. */
  XERO_MINUTE_MS: z.coerce.number().int().min(100).default(60_000),
  /** Days a processed delivery (OrderCloud or Xero webhook) is kept before it is deleted. */
  RETENTION_DAYS: z.coerce.number().int().min(1).default(30),
  /**
   * How long an idle kept-alive connection stays open. Longer than any proxy's or load balancer's idle
   * timeout in front (60 s by default on AWS ALB and nginx), so the client, never the app, closes an idle
   * connection: the app closing one a client is reusing loses that client's request.
   */
  HTTP_KEEP_ALIVE_TIMEOUT_MS: z.coerce.number().int().min(1_000).max(600_000).default(65_000),
  /** Reverse proxies in front of the app whose X-Forwarded-For is trusted for the client's address. */
  TRUSTED_PROXY_HOPS: z.coerce.number().int().min(0).max(10).default(0),
  /** Multiplies every rate limit (load tests from one address); 1 in production. */
  RATE_LIMIT_SCALE: z.coerce.number().positive().default(1),
  /** Days a storefront order-status link works (it also dies with the API key that issued it). */
  STATUS_LINK_DAYS: z.coerce.number().int().min(1).max(3650).default(90),
  /** The app serves HTTPS itself (TLS 1.2+) when both are set; otherwise plain HTTP behind a proxy. */
  TLS_CERT_FILE: z.string().optional(),
  TLS_KEY_FILE: z.string().optional(),
  /**
   * The longest an order may wait for Xero when the day's calls must be paced (batches filled longer so
   * the daily limit lasts). Xero-clock milliseconds; default a minute.
   */
  SYNC_LATENCY_CEILING_MS: z.coerce.number().int().min(0).default(60_000),
  /** Retries of failing work before it becomes a dead letter (5 s, doubling, at most JOB_RETRY_MAX_DELAY_SECONDS apart). */
  JOB_RETRY_LIMIT: z.coerce.number().int().min(0).max(30).default(8),
  JOB_RETRY_MAX_DELAY_SECONDS: z.coerce.number().int().min(5).max(86_400).default(900),
  WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(32).default(4),
  /**
   * Tenants one worker process flushes at once. A tenant at its limit gives its slot back, and one with a
   * backlog takes one batch a turn while others wait, so slots serve tenants in turn (0033).
   */
  FLUSH_CONCURRENCY: z.coerce.number().int().min(1).max(32).default(1),
  /** Optional OpenAI-compatible chat endpoint that rephrases suggestion explanations; off when unset. */
  LLM_API_URL: z.url().optional(),
  LLM_API_KEY: z.string().optional(),
  LLM_MODEL: z.string().default('gpt-4o-mini'),
  /** SMTP server for alert e-mails (smtp:// or smtps://, credentials in the URL); e-mail alerts off when unset. */
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, 'must be an smtp:// or smtps:// URL')
    .optional(),
  /** The From of alert e-mails. */
  SMTP_FROM: z.string().default('Ledgerbridge <alerts@ledgerbridge.invalid>'),
  /** /healthz fails after this long without progress while work is due (a wedged process). */
  LIVENESS_STALL_MS: z.coerce.number().int().min(100).default(120_000),
  /** How often the liveness sampler asks the database how many jobs are due. */
  LIVENESS_SAMPLE_MS: z.coerce.number().int().min(50).default(5_000),
});

export type AppConfig = Omit<
  z.infer<typeof EnvSchema>,
  'PUBLIC_URL' | 'ENCRYPTION_KEY' | 'SESSION_SECRET'
> & {
  PUBLIC_URL: string;
  ENCRYPTION_KEY: string;
  SESSION_SECRET: string;
  generatedSecrets: string[];
};

export class EnvError extends Error {
  override name = 'EnvError';
}

export function loadConfig(source: Record<string, string | undefined> = process.env): AppConfig {
  const parsed = EnvSchema.safeParse(source);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new EnvError(`Invalid environment:\n${lines.join('\n')}`);
  }
  const env = parsed.data;
  const generatedSecrets: string[] = [];
  const secret = (name: 'ENCRYPTION_KEY' | 'SESSION_SECRET', value: string | undefined): string => {
    if (value) return value;
    if (env.NODE_ENV === 'production')
      throw new EnvError(`Invalid environment:\n  ${name}: required in production`);
    generatedSecrets.push(name);
    return randomBytes(32).toString('base64url');
  };
  return {
    ...env,
    PUBLIC_URL: env.PUBLIC_URL ?? `http://localhost:${env.PORT}`,
    ENCRYPTION_KEY: secret('ENCRYPTION_KEY', env.ENCRYPTION_KEY),
    SESSION_SECRET: secret('SESSION_SECRET', env.SESSION_SECRET),
    generatedSecrets,
  };
}

/** The environment for a child process the demo starts (the storefront): this one's, plus `extra`. */
export function childEnvironment(extra: Record<string, string>): Record<string, string | undefined> {
  return { ...process.env, ...extra };
}
