import type { OrderSyncStatus } from './order-syncs-repo.ts';

// The order's sync state (order_syncs), written down once: every event that moves an order, the state
// it moves it to, from which states, what it records beside, and whether OrderCloud is told.

export type OrderEvent =
  /** An event for the order arrived; a new order starts here, a known one keeps its state. */
  | {
      readonly type: 'received';
      readonly currency: string;
      readonly total: string;
      readonly customerName: string;
      /** For the console's search; absent for a customer without one. */
      readonly customerEmail?: string;
    }
  /** Its invoice was planned. */
  | { readonly type: 'queued' }
  | {
      readonly type: 'invoiced';
      readonly invoiceId: string;
      readonly invoiceNumber: string;
      readonly amountPaid: string;
    }
  | { readonly type: 'payment-recorded'; readonly amountPaid: string; readonly fully: boolean }
  /** A credit note was applied or its money paid back. */
  | { readonly type: 'credited' }
  /** We voided its invoice (a cancellation): not the merchant's concern, so no message. */
  | { readonly type: 'voided' }
  | { readonly type: 'needs-attention'; readonly message: string }
  | { readonly type: 'canceled'; readonly message: string }
  /** Someone changed the invoice in Xero (paid, part-paid or voided it). */
  | {
      readonly type: 'changed-in-xero';
      readonly status: 'paid' | 'part-paid' | 'voided';
      readonly amountPaid: string;
      readonly message: string | null;
    };

/** What an event does to the order's row. */
export type OrderChange = {
  readonly status: OrderSyncStatus;
  /** Only from these states (concurrent events never set a later state back); absent: from any. */
  readonly from?: readonly OrderSyncStatus[];
  /** A known order keeps its state; only a new row takes `status`. */
  readonly keepStatus?: boolean;
  /**
   * Not over an invoice voided in Xero by someone (status voided, with its message): that void is the
   * bookkeeper's decision and already flags the order; what Xero refuses after it is told on the timeline.
   */
  readonly keepsXeroVoid?: boolean;
  readonly fields: {
    readonly currency?: string;
    readonly total?: string;
    readonly customerName?: string;
    readonly customerEmail?: string;
    readonly invoiceId?: string;
    readonly invoiceNumber?: string;
    readonly amountPaid?: string;
    readonly message?: string | null;
  };
  /** OrderCloud is told (the order's integration xp); Xero's own changes are told by their handler. */
  readonly writeBack: boolean;
};

export function orderChange(event: OrderEvent): OrderChange {
  switch (event.type) {
    case 'received':
      return {
        status: 'received',
        keepStatus: true,
        fields: {
          currency: event.currency,
          total: event.total,
          customerName: event.customerName,
          ...(event.customerEmail ? { customerEmail: event.customerEmail } : {}),
        },
        writeBack: false,
      };
    case 'queued':
      return {
        status: 'queued',
        from: ['received', 'needs-attention'],
        fields: { message: null },
        writeBack: false,
      };
    case 'invoiced':
      return {
        status: 'invoiced',
        fields: {
          invoiceId: event.invoiceId,
          invoiceNumber: event.invoiceNumber,
          amountPaid: event.amountPaid,
          message: null,
        },
        writeBack: true,
      };
    case 'payment-recorded':
      return {
        status: event.fully ? 'paid' : 'part-paid',
        fields: { amountPaid: event.amountPaid },
        writeBack: true,
      };
    case 'credited':
      return { status: 'credited', fields: { message: null }, writeBack: true };
    case 'voided':
      return { status: 'voided', fields: { message: null }, writeBack: true };
    case 'needs-attention':
      return {
        status: 'needs-attention',
        keepsXeroVoid: true,
        fields: { message: event.message },
        writeBack: true,
      };
    case 'canceled':
      return { status: 'canceled', fields: { message: event.message }, writeBack: false };
    case 'changed-in-xero':
      return {
        status: event.status,
        fields: { amountPaid: event.amountPaid, message: event.message },
        writeBack: false,
      };
  }
}

/**
 * Whether the merchant must look at the order: a problem we could not post past, or an invoice voided in
 * Xero by someone (that void carries its message; one we made for a cancellation clears it). The one
 * rule for every write-back, so a later write-back cannot undo an earlier one's flag.
 */
export function needsAttention(sync: { status: string; message: string | null }): boolean {
  return sync.status === 'needs-attention' || (sync.status === 'voided' && sync.message !== null);
}
