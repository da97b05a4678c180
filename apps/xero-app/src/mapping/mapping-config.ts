import { z } from 'zod';
import { nameFormats } from './contact-shape.ts';
import { SourcesConfigSchema, TaxNamesConfigSchema } from './source-and-tax-config.ts';

const Code = z.string().min(1).max(30);
const TrackingRef = z.object({ category: z.string().min(1), option: z.string().min(1) });

const Expression = z.string().min(1).max(2000);

/**
 * JSONata rules where a form is not enough, evaluated over the order view (see order-view.ts). Each one
 * changes one thing on the invoice; the first matching tracking rule per category wins.
 */
export const TransformSchema = z.discriminatedUnion('target', [
  z.object({
    target: z.literal('tracking'),
    /** A condition, e.g. `total > 1000`. */
    when: Expression,
    category: z.string().min(1),
    option: z.string().min(1),
  }),
  /** The invoice reference, e.g. `id & " / " & customer.lastName` (concatenation). */
  z.object({ target: z.literal('reference'), expression: Expression }),
  /** Each product line's description, evaluated per line (`line` is the line), e.g. a split. */
  z.object({ target: z.literal('line-description'), expression: Expression }),
]);
export type Transform = z.infer<typeof TransformSchema>;

/** How a finding of the extra validation acts: shown only, or the invoice is held as a draft. */
const Severity = z.enum(['off', 'warn', 'hold']);

/** Every rule that turns an order into Xero documents. Stored as immutable versions, pinned per environment. */
export const MappingConfigSchema = z.object({
  schema: z.literal(1),
  invoice: z.object({
    numberTemplate: z.string().min(1).default('OC-{orderId}'),
    referenceTemplate: z.string().min(1).default('{orderId}'),
    status: z.enum(['AUTHORISED', 'DRAFT']).default('AUTHORISED'),
    /** jsonata conditions over the canonical order (amounts as numbers, for comparison only). */
    draftRules: z.array(z.object({ when: z.string().min(1), reason: z.string().min(1) })).default([]),
    dueInDays: z.number().int().min(0).max(365).default(0),
  }),
  accounts: z.object({
    sales: Code,
    shipping: Code,
    fees: Code,
    discounts: Code,
    rounding: Code,
    salesTaxLiability: Code.optional(),
    /** First matching rule wins; `category` matches the line's product category, `attribute` an xp field. */
    rules: z
      .array(
        z.object({
          category: z.string().optional(),
          attribute: z.object({ path: z.string().min(1), equals: z.string() }).optional(),
          account: Code,
        }),
      )
      .default([]),
  }),
  tax: z.object({
    /** tax-rates: Xero tax types on each line; liability-line: lines without tax plus one sales-tax line (US). */
    mode: z.enum(['tax-rates', 'liability-line']),
    /** Source tax class or tax code → Xero TaxType; otherwise matched by rate. */
    byClass: z.record(z.string(), Code).default({}),
    /** Tax type for untaxed lines (zero-rated or exempt). */
    exempt: Code,
    /** Tax type when prices carry no tax at all (NoTax invoices, discount lines in liability mode). */
    none: Code,
  }),
  tracking: z.object({
    defaults: z.array(TrackingRef).max(2).default([]),
    rules: z.array(z.object({ category: z.string().min(1), fromAttribute: z.string().min(1) })).default([]),
  }),
  payments: z.object({
    defaultAccount: Code,
    byMethod: z.record(z.string(), Code).default({}),
    byGateway: z.record(z.string(), Code).default({}),
  }),
  items: z.object({
    useItemCodes: z.boolean().default(true),
    createMissing: z.boolean().default(false),
    /** Xero owns stock: tracked items' QuantityOnHand becomes OrderCloud's Inventory.QuantityAvailable. */
    stockFromXero: z.boolean().default(false),
  }),
  contacts: z.object({
    companyContactsForB2B: z.boolean().default(true),
    guestName: z.string().min(1).default('Guest customer'),
    /** Xero's contact Name from first + last name (concatenation), see contact-shape.ts. */
    nameFormat: z.enum(nameFormats).default('first-last'),
    /** A single full name ("Jane van der Berg") split into Xero's FirstName / LastName. */
    splitFullName: z.boolean().default(false),
    /** One street line with a comma and no second line split into two address lines. */
    splitStreet: z.boolean().default(false),
  }),
  currency: z.object({
    /** Rates from the order currency to the org's base currency, used when the org lacks the currency. */
    fixedRates: z.record(z.string().regex(/^[A-Z]{3}$/), z.string().regex(/^\d+(\.\d+)?$/)).default({}),
  }),
  writeBack: z.object({ paidStatus: z.enum(['Completed', 'none']).default('Completed') }),
  // Issue #10 parts (source-and-tax-config.ts): where values live in OrderCloud, tax names → TaxType.
  sources: SourcesConfigSchema,
  taxNames: TaxNamesConfigSchema,
  transforms: z.array(TransformSchema).max(50).default([]),
  /** Checks beyond Xero's own (see mapping/studio/findings.ts). */
  validation: z
    .object({
      rateDisagreement: Severity.default('warn'),
      nonRevenueAccount: Severity.default('warn'),
      unusualTotal: Severity.default('warn'),
    })
    .default({ rateDisagreement: 'warn', nonRevenueAccount: 'warn', unusualTotal: 'warn' }),
});

export type MappingConfig = z.infer<typeof MappingConfigSchema>;
