import { nameFormats } from '../../mapping/contact-shape.ts';
import {
  type AccountingContact,
  type AccountingTarget,
  CustomerSchema,
  type ElementResult,
  type Result,
} from '@ledgerbridge/canonical';
import { z } from 'zod';
import type { OperationKind } from '../../db/schema.ts';
import type { OrderEvent } from '../order-status/order-status.ts';
import type { ContactIndexPort } from './contact.ts';
import type { OperationRow } from './operations-repo.ts';

export type { OperationKind };

// Drafts are loose objects: fields the mapping adds later travel through untouched.
// One Xero document operation: its payload (what the plan decided), its key (its identity, so a second
// delivery of an order finds the first's operation), and how each kind is prepared, sent and settled.

const decimal = z.string().regex(/^-?\d+(\.\d+)?$/);

const documentLine = z.looseObject({
  description: z.string(),
  quantity: decimal,
  unitAmount: decimal,
  itemCode: z.string().optional(),
  accountCode: z.string(),
  taxType: z.string(),
  taxAmount: decimal.optional(),
  discountAmount: decimal.optional(),
  tracking: z.array(z.object({ category: z.string(), option: z.string() })),
});

const documentDraft = z.looseObject({
  number: z.string(),
  reference: z.string(),
  date: z.string(),
  currency: z.string(),
  currencyRate: z.string().optional(),
  lineAmountTypes: z.enum(['Exclusive', 'Inclusive', 'NoTax']),
  lines: z.array(documentLine),
});

/** Each kind's payload as the plan stores it; the flusher reads it back through these. */
export const payloadSchemas = {
  item: z.looseObject({ code: z.string(), name: z.string(), salesAccountCode: z.string().optional() }),
  'item-upsert': z.looseObject({
    productId: z.string(),
    /** Set when the item is one variant of the product (decision 0098). */
    variantId: z.string().optional(),
    sku: z.string(),
    code: z.string().max(30),
    name: z.string().max(50),
    description: z.string().optional(),
    salesAccountCode: z.string().optional(),
    salesTaxType: z.string().optional(),
    salesUnitPrice: decimal.optional(),
    isTrackedAsInventory: z.boolean().optional(),
    inventoryAssetAccountCode: z.string().optional(),
    cogsAccountCode: z.string().optional(),
  }),
  'item-archive': z.object({ code: z.string().max(30), name: z.string().optional() }),
  contact: z.object({
    customer: CustomerSchema,
    asCompany: z.boolean(),
    guestName: z.string(),
    contactNumber: z.string(),
    /** How the mapping joins a person's names (absent on operations planned before it existed). */
    nameFormat: z.enum(nameFormats).optional(),
  }),
  'contact-upsert': z.object({
    customer: CustomerSchema,
    asCompany: z.boolean(),
    guestName: z.string(),
    contactNumber: z.string(),
    nameFormat: z.enum(nameFormats).optional(),
    /** False when OrderCloud's billing address did not change since the last send (decision 0097). */
    sendAddress: z.boolean().optional(),
  }),
  invoice: documentDraft.extend({
    dueDate: z.string(),
    status: z.enum(['DRAFT', 'AUTHORISED']),
    total: decimal,
    conversion: z.looseObject({ rate: z.string() }).nullable().optional(),
  }),
  payment: z.object({
    amount: decimal,
    accountCode: z.string(),
    date: z.string(),
    reference: z.string(),
    refund: z.literal(true).optional(),
  }),
  void: z.object({}),
  'credit-note': documentDraft.extend({ status: z.literal('AUTHORISED') }),
  allocation: z.object({ invoiceOpId: z.string(), amount: decimal, date: z.string() }),
} satisfies Record<OperationKind, z.ZodType>;

export type Payload<K extends OperationKind> = z.infer<(typeof payloadSchemas)[K]>;

/** An operation of a kind with its payload parsed: a payload that does not fit its kind is a bug, loudly. */
export function payloadOf<K extends OperationKind>(kind: K, op: { payload: unknown }): Payload<K> {
  return payloadSchemas[kind].parse(op.payload) as Payload<K>;
}

/**
 * The identity of an operation. Everything built from an OrderCloud ID carries the parents the ID is
 * reached through (docs/decisions/0031): payments and their transactions through their order, users
 * through their buyer. Order IDs, order-return IDs, buyer IDs and product IDs are addressed at the top
 * of OrderCloud's API (`v1/orders/{direction}/{orderID}`, `v1/orderreturns/{returnID}`,
 * `v1/buyers/{buyerID}`, `v1/products/{productID}`), so they are unique in a marketplace on their own.
 */
export type KeyParts =
  | {
      readonly kind: 'item' | 'item-upsert' | 'item-archive';
      readonly tenantId: string;
      readonly code: string;
    }
  | {
      readonly kind: 'contact' | 'contact-upsert';
      readonly tenantId: string;
      readonly customerKey: string;
    }
  | {
      readonly kind: 'invoice' | 'void';
      readonly tenantId: string;
      readonly connectionId: string;
      readonly orderId: string;
    }
  | {
      readonly kind: 'payment';
      readonly tenantId: string;
      readonly connectionId: string;
      readonly orderId: string;
      readonly paymentId: string;
      /** The capture transaction, or `accepted` for a payment accepted without transactions. */
      readonly transactionId: string;
    }
  | {
      readonly kind: 'credit-note' | 'allocation' | 'refund';
      readonly tenantId: string;
      readonly connectionId: string;
      /** An order return's ID, or `cancel-{orderID}` for a paid order's cancellation. */
      readonly creditId: string;
    };

export function opKey(parts: KeyParts): string {
  switch (parts.kind) {
    case 'item':
    case 'item-upsert':
    case 'item-archive':
      return `${parts.tenantId}:${parts.kind}:${parts.code}`;
    case 'contact':
    case 'contact-upsert':
      return `${parts.tenantId}:${parts.kind}:${parts.customerKey}`;
    case 'invoice':
    case 'void':
      return `${parts.tenantId}:${parts.kind}:${parts.connectionId}:${parts.orderId}`;
    case 'payment':
      return `${parts.tenantId}:payment:${parts.connectionId}:${parts.orderId}:${parts.paymentId}:${parts.transactionId}`;
    default:
      return `${parts.tenantId}:${parts.kind}:${parts.connectionId}:${parts.creditId}`;
  }
}

/**
 * The customer a Xero contact stands for, also its ContactNumber: a B2B company by its buyer ID; a user
 * through its buyer (`{buyerID}/{userID}`); a guest by its order (`guest-{orderID}`).
 */
export function customerKey(input: {
  readonly asCompany: boolean;
  readonly customer: { readonly id: string; readonly kind: string; readonly companyId?: string | undefined };
}): string {
  const { customer } = input;
  if (input.asCompany && customer.companyId) return `company:${customer.companyId}`;
  if (customer.kind === 'guest' || !customer.companyId) return customer.id;
  return `${customer.companyId}/${customer.id}`;
}

/** The OrderCloud user behind a contact number, or undefined for companies and guests. */
export function userOfCustomerKey(key: string): { buyerId?: string; userId: string } | undefined {
  if (key.startsWith('company:') || key.startsWith('guest-')) return undefined;
  const slash = key.indexOf('/');
  // Contacts made before 0031 carry the bare user ID.
  return slash < 0 ? { userId: key } : { buyerId: key.slice(0, slash), userId: key.slice(slash + 1) };
}

/** A claimed operation and the draft Xero will get for it. */
export type Prepared<D = unknown> = { readonly op: OperationRow; readonly draft: D };

/** What settling an operation does beside marking it done: the order's state (and write-back), its timeline. */
export type Settlement = {
  readonly orderEvent?: OrderEvent;
  readonly note?: {
    readonly step: string;
    readonly outcome: 'ok' | 'info' | 'error';
    readonly message: string;
  };
  readonly rememberContact?: AccountingContact;
  /** A document we changed in Xero, with the UpdatedDateUTC it got: its webhook is our echo. */
  readonly wrote?: {
    readonly category: 'INVOICE' | 'CONTACT';
    readonly documentId: string;
    readonly updatedAt: string;
  };
};

/** What a settlement remembers of a write, when Xero said when it happened. */
export function wrote(
  category: 'INVOICE' | 'CONTACT',
  documentId: unknown,
  updatedAt: unknown,
): Pick<Settlement, 'wrote'> {
  return typeof documentId === 'string' && documentId && typeof updatedAt === 'string'
    ? { wrote: { category, documentId, updatedAt } }
    : {};
}

/** Facts about the order a settlement needs that are not in the answer (what has been paid so far). */
export type SettleFacts = {
  /** Non-refund payments done for the order, this one included, in cents. */
  readonly paidCents?: bigint;
  /** The invoice's total the payments are measured against. */
  readonly invoiceTotal?: string;
};

export type SendInput<D> = {
  readonly tenantId: string;
  readonly drafts: readonly D[];
  readonly idempotencyKey: string;
};

export type XeroAnswer = Record<string, unknown>;

/** What the flusher gives a kind to prepare its batch and look documents up: the org and its contacts. */
export type PrepareContext = {
  readonly tenantId: string;
  readonly accounting: AccountingTarget;
  readonly contacts: ContactIndexPort;
  readonly contactRefreshMs: number;
};

/** A batch prepared: drafts to send, and operations settled without a call (a contact Xero already has). */
export type PreparedBatch<D> = {
  readonly send: Prepared<D>[];
  readonly settled: ReadonlyArray<{
    readonly op: OperationRow;
    readonly targetId: string;
    readonly result: unknown;
    readonly settlement: Settlement;
  }>;
};

/** A document found in Xero after the idempotency window: settled from what Xero has, not sent again. */
export type LookUpOutcome<D> = {
  readonly found: ReadonlyArray<{ readonly item: Prepared<D>; readonly value: XeroAnswer }>;
  /** Found by a key that proves it is ours, settled without effects (a contact by its number). */
  readonly recovered: ReadonlyArray<{ readonly item: Prepared<D>; readonly targetId: string }>;
  readonly remaining: Prepared<D>[];
  readonly calls: number;
};

/** Everything that varies by kind of operation; the flusher knows nothing else about kinds. */
export type OperationModule<D = unknown> = {
  readonly kind: OperationKind;
  /** Xero takes these one document per call. */
  readonly single?: boolean;
  /**
   * Not urgent (catalog changes): a partial batch waits to fill for the flush's fill wait whatever the
   * budget, so a catalog arriving by webhook over seconds goes in full batches of 50.
   */
  readonly patient?: boolean;
  /** Each batch is prepared against the previous batch's results: never two in flight. */
  readonly oneAtATime?: boolean;
  /**
   * Follows the invoice (payments, voids, credit notes): no one waits on it within the merchant's
   * latency ceiling, so a paced day holds its partial batches longer (rate-policy.ts paceDay).
   */
  readonly follows?: boolean;
  /**
   * What this kind's documents are made for (contacts for invoices): a partial batch goes as soon as
   * a batch of that kind is due, so its documents join that batch rather than the next one.
   */
  readonly leads?: OperationKind;
  /**
   * A new document of this kind may travel inside the one of that kind that depends on it (a new
   * customer's contact inside its invoice, decision 0111) when `mayCarry` says so: then it costs no call.
   */
  readonly carriedBy?: OperationKind;
  mayCarry?(draft: D): boolean;
  /**
   * Whether a claimed operation must wait after all (a document carried by another is not in Xero yet):
   * it goes back to waiting, and is made ready when what it waits for settles.
   */
  waits?(op: OperationRow, related: ReadonlyMap<string, OperationRow>): boolean;
  /** Prepares a batch where drafts need more than the operations they depend on (contacts). */
  prepare?(context: PrepareContext, ops: readonly OperationRow[]): Promise<PreparedBatch<D>>;
  /** Other operations a draft is built from, besides the one it depends on. */
  related?(op: OperationRow): readonly string[];
  /** The draft Xero gets, from the payload and the operations it depends on. */
  draft?(op: OperationRow, related: ReadonlyMap<string, OperationRow>): D;
  send(target: AccountingTarget, input: SendInput<D>): Promise<Result<ElementResult<XeroAnswer>[]>>;
  /** Whether settling needs the order's payments so far (payments do). */
  readonly needsFacts?: boolean;
  settle(op: OperationRow, answer: XeroAnswer, facts: SettleFacts): Settlement;
  /** The source entity the link names; an order's by default. */
  linkSource?(op: OperationRow): LinkSource;
  lookUp?(context: PrepareContext, items: Prepared<D>[]): Promise<LookUpOutcome<D>>;
};

export type LinkSource = { readonly sourceType: 'customer' | 'product' | 'order'; readonly sourceId: string };

export const orderLinkSource = (op: OperationRow): LinkSource => ({
  sourceType: 'order',
  sourceId: op.order_id ?? op.op_key,
});

/** Xero's identity for what it made: its ID (an item's code), and its number when it has one. */
export function targetOf(answer: XeroAnswer): { id: string | null; number: string | null } {
  const id = typeof answer.id === 'string' ? answer.id : typeof answer.code === 'string' ? answer.code : null;
  return { id, number: typeof answer.number === 'string' ? answer.number : null };
}

export const orderOf = (op: OperationRow) => ({
  connectionId: op.source_connection_id,
  orderId: op.order_id ?? '',
});
