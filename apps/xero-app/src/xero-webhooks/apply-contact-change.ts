import { ok, type Result } from '@ledgerbridge/canonical';
import type { Kysely } from 'kysely';
import type { DatabaseSchema } from '../db/schema.ts';
import { userOfCustomerKey } from '../sync/operations/operation.ts';
import { lastFingerprint, recordFingerprint } from './echo-fingerprints.ts';
import { isEcho, lastOwnWrite } from './own-writes.ts';
import { fingerprint, xeroOwnedFields } from './field-ownership.ts';
import type { OrderCloudCustomerWriter, XeroContactReader } from './ports.ts';

export type ContactChangeOutcome = 'not-ours' | 'echo' | 'no-owned-fields' | 'updated';

/**
 * The OrderCloud user behind a Xero contact, found locally (no Xero call): the sync's link, else the
 * ContactNumber the sync set (`{buyerID}/{userID}`, or a bare user ID from before decision 0031;
 * `company:` contacts stand for a whole company).
 */
async function findCustomer(
  db: Kysely<DatabaseSchema>,
  input: { workspaceId: string; tenantId: string; contactId: string },
): Promise<{ connectionId: string; customerId: string; customerKey: string } | undefined> {
  const environment =
    (await db
      .selectFrom('environments')
      .select('ordercloud_connection_id')
      .where('workspace_id', '=', input.workspaceId)
      .where('xero_tenant_id', '=', input.tenantId)
      .where('ordercloud_connection_id', 'is not', null)
      .executeTakeFirst()) ??
    // An organisation that receives orders through a routing rule (decision 0047) rather than as the
    // environment's own.
    (await db
      .selectFrom('routing_rules as r')
      .innerJoin('xero_connections as x', 'x.id', 'r.xero_connection_id')
      .innerJoin('environments as e', 'e.id', 'r.environment_id')
      .select('e.ordercloud_connection_id')
      .where('r.workspace_id', '=', input.workspaceId)
      .where('x.tenant_id', '=', input.tenantId)
      .where('e.ordercloud_connection_id', 'is not', null)
      .executeTakeFirst());
  if (!environment?.ordercloud_connection_id) return undefined;
  const link = await db
    .selectFrom('links')
    .select('source_id')
    .where('workspace_id', '=', input.workspaceId)
    .where('source_type', '=', 'customer')
    .where('target_type', 'in', ['contact', 'contact-upsert'])
    .where('target_id', '=', input.contactId)
    .executeTakeFirst();
  const indexed = link
    ? undefined
    : await db
        .selectFrom('xero_contact_index')
        .select('contact_number')
        .where('tenant_id', '=', input.tenantId)
        .where('contact_id', '=', input.contactId)
        .executeTakeFirst();
  const contactNumber = link?.source_id ?? indexed?.contact_number ?? undefined;
  // Companies and guests have no OrderCloud user to update; users are numbered `{buyerID}/{userID}`.
  const user = contactNumber ? userOfCustomerKey(contactNumber) : undefined;
  if (!user) return undefined;
  return {
    connectionId: environment.ordercloud_connection_id,
    customerId: user.userId,
    customerKey: user.buyerId ? `${user.buyerId}/${user.userId}` : user.userId,
  };
}

/**
 * A CONTACT update from Xero: the fields Xero owns (phone, billing address) flow to the OrderCloud
 * user. Content equal to our last write is an echo of our own sync and is dropped, so a change never
 * ping-pongs between the systems. Contacts we did not create are not fetched at all.
 */
export async function applyContactChange(
  deps: { db: Kysely<DatabaseSchema>; contacts: XeroContactReader; customers: OrderCloudCustomerWriter },
  input: { workspaceId: string; tenantId: string; contactId: string; eventDateUtc?: string },
): Promise<Result<ContactChangeOutcome>> {
  const customer = await findCustomer(deps.db, input);
  if (!customer) return ok('not-ours');
  // Our own last write of the contact coming back (we know its UpdatedDateUTC): nothing to read.
  if (
    input.eventDateUtc &&
    isEcho(
      await lastOwnWrite(deps.db, {
        workspaceId: input.workspaceId,
        category: 'CONTACT',
        documentId: input.contactId,
      }),
      input.eventDateUtc,
    )
  )
    return ok('echo');
  const fetched = await deps.contacts.getContact({
    workspaceId: input.workspaceId,
    tenantId: input.tenantId,
    contactId: input.contactId,
  });
  if (!fetched.ok) return fetched;
  const fields = xeroOwnedFields(fetched.value);
  if (Object.keys(fields).length === 0) return ok('no-owned-fields');
  const key = {
    workspaceId: input.workspaceId,
    direction: 'to-ordercloud' as const,
    entityType: 'customer',
    // Through its buyer (decision 0031): user IDs repeat across buyers.
    entityId: `${customer.connectionId}:${customer.customerKey}`,
  };
  const print = fingerprint(fields);
  if ((await lastFingerprint(deps.db, key)) === print) return ok('echo');
  const written = await deps.customers.updateCustomer({
    connectionId: customer.connectionId,
    customerId: customer.customerId,
    fields,
  });
  // A contact number that names no OrderCloud user (a contact the merchant made in Xero) is not ours.
  if (!written.ok && written.error.kind === 'permanent' && /not.?found/i.test(written.error.code))
    return ok('not-ours');
  if (!written.ok) return written;
  await recordFingerprint(deps.db, { ...key, fingerprint: print });
  return ok('updated');
}
