import { z } from 'zod';

// The envelope OrderCloud POSTs to a webhook URL. Headers arrive as one string in OrderCloud's own
// .NET SDK model; objects are accepted too. Pre-hooks carry no Response yet.
const HttpMessageSchema = z.looseObject({
  Body: z.unknown(),
  Headers: z.union([z.string(), z.record(z.string(), z.unknown())]).nullish(),
});

export const OrderCloudWebhookPayloadSchema = z.looseObject({
  Route: z.string().min(1),
  RouteParams: z.record(z.string(), z.unknown()).nullish(),
  QueryParams: z.record(z.string(), z.unknown()).nullish(),
  Verb: z.string().min(1),
  Date: z
    .string()
    .min(1)
    .refine((value) => !Number.isNaN(Date.parse(value)), 'must be a date'),
  LogID: z.string().min(1).max(100),
  UserToken: z.string().nullish(),
  Request: HttpMessageSchema.nullish(),
  Response: HttpMessageSchema.nullish(),
  ConfigData: z.unknown().optional(),
});
export type OrderCloudWebhookPayload = z.infer<typeof OrderCloudWebhookPayloadSchema>;

export type FieldIssue = { path: string; message: string };

export function describeIssues(error: z.ZodError, prefix = ''): FieldIssue[] {
  return error.issues.map((issue) => ({
    path: [prefix, ...issue.path.map(String)].filter(Boolean).join('.') || '(root)',
    message: issue.message,
  }));
}

export type ParsedWebhookPayload =
  | { ok: true; payload: OrderCloudWebhookPayload }
  | { ok: false; message: string; issues: FieldIssue[] };

/** Validates an already JSON-parsed body; issues name the offending field (e.g. "LogID"). */
export function parseWebhookPayload(value: unknown): ParsedWebhookPayload {
  const result = OrderCloudWebhookPayloadSchema.safeParse(value);
  if (result.success) return { ok: true, payload: result.data };
  const issues = describeIssues(result.error);
  return { ok: false, message: issues.map((i) => `${i.path}: ${i.message}`).join('; '), issues };
}
