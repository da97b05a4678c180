import type { AppConfig } from '../env.ts';
import { createOutboundPolicy } from './outbound-policy.ts';
import { createSafeFetch, type SafeFetch } from './safe-fetch.ts';

/** The fetch composition roots hand to every adapter that calls a URL a user can set. */
export function createUserUrlFetch(config: Pick<AppConfig, 'ALLOWED_HTTP_HOSTS'>): SafeFetch {
  return createSafeFetch({ policy: createOutboundPolicy({ allowedHttpHosts: config.ALLOWED_HTTP_HOSTS }) });
}
