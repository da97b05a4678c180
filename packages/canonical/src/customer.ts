import { z } from 'zod';
import { AddressSchema } from './address.ts';
import { IdSchema } from './amount.ts';

export const CustomerKindSchema = z.enum(['person', 'company', 'guest']);

export const CustomerSchema = z
  .object({
    id: IdSchema.describe('the commerce platform user ID; for guests a stable per-order ID'),
    kind: CustomerKindSchema,
    email: z.email().optional(),
    firstName: z.string().optional(),
    lastName: z.string().optional(),
    companyId: z.string().optional(),
    companyName: z.string().optional(),
    phone: z.string().optional(),
    billingAddress: AddressSchema.optional(),
    attributes: z.record(z.string(), z.unknown()).default({}),
  })
  .superRefine((customer, ctx) => {
    const hasName = Boolean(customer.firstName || customer.lastName || customer.companyName);
    if (!hasName && !customer.email && customer.kind !== 'guest') {
      ctx.addIssue({ code: 'custom', path: ['email'], message: 'a customer needs a name or an email' });
    }
  });
export type Customer = z.infer<typeof CustomerSchema>;
