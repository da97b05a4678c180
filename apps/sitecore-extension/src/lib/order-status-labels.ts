// What the app's public status endpoint answers (apps/xero-app storefront routes), in shopper words.

export type ShopperOrderStatus = 'Pending' | 'Invoiced' | 'PartiallyPaid' | 'Paid' | 'Voided' | 'Credited';

export type OrderStatusAnswer = {
  readonly status: ShopperOrderStatus;
  readonly invoiceNumber: string | null;
  readonly amountPaid: string | null;
  readonly currency?: string | null;
};

const labels: Record<ShopperOrderStatus, string> = {
  Pending: 'Being processed',
  Invoiced: 'Awaiting payment',
  PartiallyPaid: 'Part paid',
  Paid: 'Paid',
  Voided: 'Voided',
  Credited: 'Credited',
};

export function statusLabel(status: ShopperOrderStatus): string {
  return labels[status] ?? 'Being processed';
}

/** Paid, voided and credited orders do not change on their own any more: the page stops asking. */
export function isFinal(status: ShopperOrderStatus): boolean {
  return status === 'Paid' || status === 'Voided' || status === 'Credited';
}

/** An invoice exists (and has a PDF) once the order is past Pending and was not voided. */
export function hasInvoice(answer: OrderStatusAnswer): boolean {
  return answer.status !== 'Pending' && answer.status !== 'Voided' && Boolean(answer.invoiceNumber);
}

/** "$24.50" from a decimal string without going through a float; the bare amount without a currency. */
export function formatAmount(amount: string, currency: string | null | undefined, locale = 'en-AU'): string {
  if (!currency) return amount;
  try {
    // Intl formats decimal strings exactly (ECMA-402 NumberFormat v3); no float arithmetic happens.
    return new Intl.NumberFormat(locale, { style: 'currency', currency }).format(amount as unknown as number);
  } catch {
    return `${amount} ${currency}`;
  }
}

export function isStatusAnswer(value: unknown): value is OrderStatusAnswer {
  if (!value || typeof value !== 'object') return false;
  const status = (value as { status?: unknown }).status;
  return typeof status === 'string' && status in labels;
}
