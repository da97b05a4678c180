import {
  type AccountingTarget,
  type Address,
  type CommerceSource,
  type Customer,
  retryAfter,
  SyncFailure,
} from '@ledgerbridge/canonical';
import type { Db } from '../../db/database.ts';
import { invoicedToCompany } from '../../mapping/contact-shape.ts';
import type { MappingConfig } from '../../mapping/mapping-config.ts';
import { mappingFor, orThrow } from '../catalog/catalog-mapping.ts';
import type { ContactPayload } from '../operations/contact-draft.ts';
import { customerKey, opKey } from '../operations/operation.ts';
import { findOperation, lockOperationKey, planLatest } from '../operations/operations-repo.ts';
import { requireSyncContext, type SyncContext } from '../sync-context.ts';
import { nextContactPayload } from './contact-plan.ts';

export type SyncCustomerDeps = {
  readonly db: Db;
  readonly commerceFor: (connectionId: string) => Promise<CommerceSource>;
  readonly accountingFor: (workspaceId: string) => AccountingTarget;
  readonly requestFlush: (tenantId: string) => Promise<void>;
};

type Planned = { planned: boolean };

/**
 * Plans the contact upsert for a customer: what changed since the last plan (contact-plan.ts), queued
 * and flushed; nothing when the customer reads as before (the echo of the app's own write-back).
 */
async function planContact(
  deps: SyncCustomerDeps,
  ctx: SyncContext,
  input: { customer: Customer; asCompany: boolean; mapping: MappingConfig; readAt?: Date },
): Promise<Planned> {
  const contactNumber = customerKey({ asCompany: input.asCompany, customer: input.customer });
  const key = opKey({ kind: 'contact-upsert', tenantId: ctx.tenantId, customerKey: contactNumber });
  // The next payload is built from the previous one (contact-plan.ts): read and write under one lock.
  const outcome = await deps.db.transaction().execute(async (trx) => {
    await lockOperationKey(trx, key);
    const previous = await findOperation(trx, key);
    const payload = nextContactPayload(previous?.payload as ContactPayload | undefined, {
      customer: input.customer,
      asCompany: input.asCompany,
      guestName: input.mapping.contacts.guestName,
      contactNumber,
    });
    if (!payload) return { planned: false };
    // A change while the last one is being sent would be lost (planLatest leaves a sending operation
    // alone): try again once that send has settled.
    if (previous?.status === 'sending')
      throw new SyncFailure(
        retryAfter(
          'contact-in-flight',
          `Xero contact ${contactNumber} is being sent; planning again shortly.`,
          2_000,
        ),
      );
    return planLatest(trx, {
      workspaceId: ctx.workspaceId,
      tenantId: ctx.tenantId,
      connectionId: ctx.connectionId,
      orderId: null,
      kind: 'contact-upsert',
      key,
      payload,
      dependsOn: null,
      ...(input.readAt ? { readAt: input.readAt } : {}),
    });
  });
  if (outcome.planned) await deps.requestFlush(ctx.tenantId);
  return outcome;
}

/** A buyer company's own contact, when it is a company buyer (by the rule orders use) and B2B contacts are on. */
async function planCompany(
  deps: SyncCustomerDeps,
  ctx: SyncContext,
  input: { companyId: string; mapping: MappingConfig },
): Promise<Planned | undefined> {
  const source = await deps.commerceFor(ctx.connectionId);
  if (!source.getCompany) return undefined;
  const readAt = new Date();
  const company = orThrow(await source.getCompany({ companyId: input.companyId }));
  if (!company || !invoicedToCompany(company, input.mapping.contacts)) return undefined;
  return planContact(deps, ctx, { customer: company, asCompany: true, mapping: input.mapping, readAt });
}

/**
 * A user created or changed in OrderCloud reaches Xero as a contact without waiting for an order: the
 * contact an order would get. A B2B customer's contact is the company's, with the company's details
 * (not this user's: users of one company would otherwise overwrite each other's); a shopper's private
 * billing address comes with its webhook (`billingAddress`).
 */
export async function syncCustomer(
  deps: SyncCustomerDeps,
  input: { connectionId: string; customerId: string; billingAddress?: Address },
): Promise<Planned> {
  const ctx = await requireSyncContext(deps.db, input.connectionId);
  const source = await deps.commerceFor(ctx.connectionId);
  // Taken before the read: a plan made from it loses to any plan recorded after this moment.
  const readAt = new Date();
  const read = orThrow(await source.getCustomer({ customerId: input.customerId }));
  // Guests have no contact of their own until they order (their contact is the order's).
  if (read.kind === 'guest') return { planned: false };
  const mapping = await mappingFor(deps, ctx);
  const asCompany = invoicedToCompany(read, mapping.contacts);
  if (asCompany && read.companyId) {
    const company = await planCompany(deps, ctx, { companyId: read.companyId, mapping });
    if (company) return company;
  }
  if (!input.billingAddress) return planContact(deps, ctx, { customer: read, asCompany, mapping, readAt });
  // The address comes with its event, not from this read: a plan read earlier must not drop it as stale.
  return planContact(deps, ctx, {
    customer: { ...read, billingAddress: input.billingAddress },
    asCompany,
    mapping,
  });
}

/** A buyer company created or changed: its contact, when it is a company buyer. Retail buyers have none. */
export async function syncCompany(
  deps: SyncCustomerDeps,
  input: { connectionId: string; companyId: string },
): Promise<Planned> {
  const ctx = await requireSyncContext(deps.db, input.connectionId);
  const mapping = await mappingFor(deps, ctx);
  return (await planCompany(deps, ctx, { companyId: input.companyId, mapping })) ?? { planned: false };
}

/** A company's address created or edited: every user and the company it bills are synced again. */
export async function syncAddressHolders(
  deps: SyncCustomerDeps,
  input: { connectionId: string; companyId: string; addressId: string },
): Promise<Planned> {
  const source = await deps.commerceFor(input.connectionId);
  if (!source.addressHolders) return { planned: false };
  const holders = orThrow(await source.addressHolders(input));
  let planned = false;
  if (holders.company) planned = (await syncCompany(deps, input)).planned || planned;
  for (const customerId of holders.customerIds)
    planned = (await syncCustomer(deps, { connectionId: input.connectionId, customerId })).planned || planned;
  return { planned };
}

/**
 * A user group was given a billing address: each member's contact is planned again, one after another
 * (each reads its own billing address, so a member's own assignment still comes first; unchanged
 * contacts plan nothing). A group of many users costs their reads in one job (decision 0125).
 */
export async function syncGroupMembers(
  deps: SyncCustomerDeps,
  input: { connectionId: string; companyId: string; groupId: string },
): Promise<Planned> {
  const source = await deps.commerceFor(input.connectionId);
  if (!source.groupMembers) return { planned: false };
  let planned = false;
  for (const customerId of orThrow(await source.groupMembers(input)))
    planned = (await syncCustomer(deps, { connectionId: input.connectionId, customerId })).planned || planned;
  return { planned };
}

/** A shopper saved a billing address of their own (known only by username in their token). */
export async function syncSavedAddress(
  deps: SyncCustomerDeps,
  input: { connectionId: string; username: string; address: Address },
): Promise<Planned> {
  const source = await deps.commerceFor(input.connectionId);
  if (!source.customerOfUsername) return { planned: false };
  const customerId = orThrow(await source.customerOfUsername({ username: input.username }));
  if (!customerId) return { planned: false };
  return syncCustomer(deps, { connectionId: input.connectionId, customerId, billingAddress: input.address });
}
