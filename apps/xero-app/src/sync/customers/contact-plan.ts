import type { Customer } from '@ledgerbridge/canonical';
import type { ContactPayload } from '../operations/contact-draft.ts';

// Key order is not meaning: a payload read back from jsonb comes with its keys reordered.
const sorted = (value: unknown): unknown =>
  Array.isArray(value)
    ? value.map(sorted)
    : value && typeof value === 'object'
      ? Object.fromEntries(
          Object.entries(value)
            .filter(([, v]) => v !== undefined)
            .sort(([a], [b]) => (a < b ? -1 : 1))
            .map(([k, v]) => [k, sorted(v)]),
        )
      : value;
const same = (a: unknown, b: unknown): boolean =>
  JSON.stringify(sorted(a ?? null)) === JSON.stringify(sorted(b ?? null));

/**
 * What a customer's contact upsert should say next, given what it said last (decision 0097):
 * - nothing new (undefined) when the customer reads as before — an echo of the app's own write-back;
 * - the billing address only when OrderCloud's changed, so an address the bookkeeper edited in Xero
 *   is not put back by an unrelated edit (a name, an email): the later edit of the address wins;
 * - an address the app can no longer read (a shopper's private one, which arrives only with its
 *   webhook) is kept rather than dropped.
 */
export function nextContactPayload(
  previous: ContactPayload | undefined,
  next: Omit<ContactPayload, 'sendAddress'>,
): ContactPayload | undefined {
  const kept: Customer =
    !next.customer.billingAddress && previous?.customer.billingAddress
      ? { ...next.customer, billingAddress: previous.customer.billingAddress }
      : next.customer;
  const planned = { ...next, customer: kept };
  if (!previous) return { ...planned, sendAddress: true };
  const { sendAddress: _sent, ...before } = previous;
  if (same(before, planned)) return undefined;
  return { ...planned, sendAddress: !same(previous.customer.billingAddress, kept.billingAddress) };
}
