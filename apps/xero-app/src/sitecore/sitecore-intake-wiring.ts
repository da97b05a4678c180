import type { Hono } from 'hono';
import { LRUCache } from 'lru-cache';
import type { Keyring } from '../crypto/keyring.ts';
import type { Db } from '../db/database.ts';
import type { JobQueue } from '../queue/job-queue.ts';
import { createEmitterDeliveryHandler } from './emitter-delivery.ts';
import { createEmitterWebhookRoute } from './emitter-webhook-route.ts';
import { getSitecoreSiteSecret } from './sitecore-sites-repo.ts';
import { storeEmitterEvent } from './store-emitter-event.ts';

/** POST /webhooks/sitecore/:siteId over the database: secrets looked up (briefly cached), events stored. */
export function createSitecoreIntake(deps: {
  db: Db;
  queue: Pick<JobQueue, 'enqueue' | 'wake'>;
  keyring: Keyring;
}): Hono {
  // A site's secret changes only when the site is re-created; a short cache spares a query and a
  // decryption per event. Unknown sites are not cached, so a new site works at once.
  const secrets = new LRUCache<string, string>({
    max: 1000,
    ttl: 10_000,
    fetchMethod: async (siteId) => (await getSitecoreSiteSecret(deps, siteId))?.signingSecret,
  });
  return createEmitterWebhookRoute({
    handle: createEmitterDeliveryHandler({
      secretFor: (siteId) => secrets.fetch(siteId),
      store: (input) => storeEmitterEvent(deps, input),
    }),
  });
}
