import { z } from 'zod';
import { invalidRequest } from '../errors.ts';
import { type Decimal, numberToDecimal } from '../money.ts';

// Request bodies are validated like OrderCloud does: unknown fields are ignored, wrong types refused
// with the field named, read-only fields dropped by the handlers.
export function parseBody<T>(schema: z.ZodType<T>, body: unknown): T {
  const result = schema.safeParse(body ?? {});
  if (result.success) return result.data;
  const issues = result.error.issues.map((issue) => ({
    Field: issue.path.join('.'),
    Message: issue.message,
  }));
  const first = issues[0];
  throw invalidRequest(first ? `${first.Field || 'body'}: ${first.Message}` : 'Invalid request body', {
    Issues: issues,
  });
}

export const XpSchema = z.record(z.string(), z.unknown());
export const optionalString = z
  .string()
  .nullish()
  .transform((v) => v ?? undefined);
export const optionalBoolean = z
  .boolean()
  .nullish()
  .transform((v) => v ?? undefined);
export const optionalNumber = z
  .number()
  .nullish()
  .transform((v) => v ?? undefined);

/** A price with at most 4 decimals (OrderCloud stores more; the sandbox keeps prices sane and exact). */
export function priceDecimal(value: number, field: string): Decimal {
  if (value < 0) throw invalidRequest(`${field} must not be negative`, { Field: field });
  const decimal = numberToDecimal(value);
  if (decimal.scale > 4)
    throw invalidRequest(`${field} supports at most 4 decimal places`, { Field: field, Value: value });
  return decimal;
}

export function deepMerge(
  target: Record<string, unknown>,
  patch: Record<string, unknown>,
): Record<string, unknown> {
  const result: Record<string, unknown> = { ...target };
  for (const [key, value] of Object.entries(patch)) {
    const existing = result[key];
    if (isPlainObject(existing) && isPlainObject(value)) result[key] = deepMerge(existing, value);
    else result[key] = value;
  }
  return result;
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
