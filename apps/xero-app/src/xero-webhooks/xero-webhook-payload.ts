import { createHash } from 'node:crypto';
import { z } from 'zod';

// Xero's webhook body (xero-webhooks.yaml). Events carry no entity data: only what changed and where.
export const XeroWebhookEventSchema = z.object({
  resourceUrl: z.string(),
  resourceId: z.string().min(1),
  eventDateUtc: z.string(),
  eventType: z.string(),
  eventCategory: z.string(),
  tenantId: z.string().min(1),
  tenantType: z.string().optional(),
});

export const XeroWebhookPayloadSchema = z.object({
  events: z.array(XeroWebhookEventSchema),
  firstEventSequence: z.number().optional(),
  lastEventSequence: z.number().optional(),
  entropy: z.string().optional(),
});

export type XeroWebhookEvent = z.infer<typeof XeroWebhookEventSchema>;

/** Xero gives events no ID; the same change delivered twice hashes to the same delivery id. */
export function xeroDeliveryId(event: XeroWebhookEvent): string {
  return createHash('sha256')
    .update(
      [event.tenantId, event.eventCategory, event.eventType, event.resourceId, event.eventDateUtc].join('\n'),
    )
    .digest('hex');
}

/** What the xero-events queue carries: one job per event per workspace that has the tenant connected. */
export type XeroEventJob = {
  readonly workspaceId: string;
  readonly inboundEventId: string;
  readonly tenantId: string;
  readonly category: string;
  readonly type: string;
  readonly resourceId: string;
  readonly eventDateUtc: string;
};
