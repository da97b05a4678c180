import { contactName as nameOfContact, type NameFormat } from '../mapping/contact-shape.ts';
import type { AccountingContact, AccountingTarget, Customer, Result } from '@ledgerbridge/canonical';
import { ok } from '@ledgerbridge/canonical';
import type { Db } from '../db/database.ts';
import type { ContactIndexPort } from './operations/contact.ts';
import { carriedContactNames } from './operations/operations-repo.ts';

export function nameKey(name: string): string {
  return name.normalize('NFKC').toLocaleLowerCase('en').replace(/\s+/g, ' ').trim();
}

export function emailKey(email: string | undefined): string | null {
  return email ? email.trim().toLowerCase() : null;
}

export async function rememberContacts(
  db: Db,
  tenantId: string,
  contacts: readonly AccountingContact[],
): Promise<void> {
  for (const c of contacts) {
    const row = {
      contact_number: c.contactNumber ?? null,
      email_key: emailKey(c.email),
      name: c.name,
      name_key: nameKey(c.name),
      archived: c.archived,
      updated_at: c.updatedAt ?? null,
    };
    await db
      .insertInto('xero_contact_index')
      .values({ tenant_id: tenantId, contact_id: c.id, ...row })
      .onConflict((oc) => oc.columns(['tenant_id', 'contact_id']).doUpdateSet(row))
      .execute();
  }
}

/** Pulls contacts changed since the last refresh (archived too), at most once per `minAgeMs`. */
export async function refreshContactIndex(input: {
  db: Db;
  accounting: AccountingTarget;
  tenantId: string;
  minAgeMs: number;
}): Promise<Result<{ calls: number }>> {
  const state = await input.db
    .selectFrom('xero_contact_sync')
    .selectAll()
    .where('tenant_id', '=', input.tenantId)
    .executeTakeFirst();
  if (state && Date.now() - new Date(state.refreshed_at).getTime() < input.minAgeMs) return ok({ calls: 0 });
  const since = state?.modified_through ? new Date(state.modified_through) : undefined;
  let latest = since;
  let calls = 0;
  for (let page = 1; ; page += 1) {
    const result = await input.accounting.listContacts({
      tenantId: input.tenantId,
      page,
      ...(since ? { modifiedSince: since } : {}),
    });
    calls += 1;
    if (!result.ok) return result;
    await rememberContacts(input.db, input.tenantId, result.value.contacts);
    for (const c of result.value.contacts) {
      if (c.updatedAt && (!latest || new Date(c.updatedAt) > latest)) latest = new Date(c.updatedAt);
    }
    if (!result.value.hasMore) break;
  }
  const values = { modified_through: latest ?? null, refreshed_at: new Date() };
  await input.db
    .insertInto('xero_contact_sync')
    .values({ tenant_id: input.tenantId, ...values })
    .onConflict((oc) => oc.column('tenant_id').doUpdateSet(values))
    .execute();
  return ok({ calls });
}

export type ContactMatch = {
  readonly contactId: string;
  readonly by: 'contact number' | 'email' | 'name';
  readonly archived: boolean;
};

/** Contact number (our customer ID), then email, then normalised name; archived contacts count too. */
export async function matchContact(
  db: Db,
  tenantId: string,
  input: { contactNumber: string; email?: string; name: string },
): Promise<ContactMatch | undefined> {
  const base = db
    .selectFrom('xero_contact_index')
    .select(['contact_id', 'archived'])
    .where('tenant_id', '=', tenantId);
  const byNumber = await base
    .where('contact_number', '=', input.contactNumber)
    .orderBy('archived')
    .executeTakeFirst();
  if (byNumber) return { contactId: byNumber.contact_id, by: 'contact number', archived: byNumber.archived };
  const email = emailKey(input.email);
  if (email) {
    const byEmail = await base
      .where('email_key', '=', email)
      .orderBy('archived')
      .orderBy('contact_id')
      .executeTakeFirst();
    if (byEmail) return { contactId: byEmail.contact_id, by: 'email', archived: byEmail.archived };
  }
  const byName = await base
    .where('name_key', '=', nameKey(input.name))
    .where('email_key', 'is', null)
    .orderBy('archived')
    .executeTakeFirst();
  if (byName) return { contactId: byName.contact_id, by: 'name', archived: byName.archived };
  return undefined;
}

/** The contact number the index holds for a Xero contact (undefined: not indexed, or none). */
export async function indexedContactNumber(
  db: Db,
  tenantId: string,
  contactId: string,
): Promise<string | undefined> {
  const row = await db
    .selectFrom('xero_contact_index')
    .select('contact_number')
    .where('tenant_id', '=', tenantId)
    .where('contact_id', '=', contactId)
    .executeTakeFirst();
  return row?.contact_number ?? undefined;
}

/** Whether an active contact (other than `exceptContactId`) already has this name: Xero's names are unique. */
export async function nameTaken(
  db: Db,
  tenantId: string,
  input: { name: string; exceptContactId?: string },
): Promise<boolean> {
  let query = db
    .selectFrom('xero_contact_index')
    .select('contact_id')
    .where('tenant_id', '=', tenantId)
    .where('name_key', '=', nameKey(input.name))
    .where('archived', '=', false);
  if (input.exceptContactId) query = query.where('contact_id', '!=', input.exceptContactId);
  return Boolean(await query.executeTakeFirst());
}

/** The index as the contact operation sees it: a port over this tenant's rows and Xero's contact list. */
export function contactIndexPort(input: {
  db: Db;
  accounting: AccountingTarget;
  tenantId: string;
}): ContactIndexPort {
  const { db, accounting, tenantId } = input;
  return {
    refresh: (minAgeMs) => refreshContactIndex({ db, accounting, tenantId, minAgeMs }),
    match: (query) => matchContact(db, tenantId, query),
    nameTaken: (query) => nameTaken(db, tenantId, query),
    remember: (contacts) => rememberContacts(db, tenantId, contacts),
    carriedNames: () => carriedContactNames(db, tenantId),
  };
}

/**
 * The contact's name: the company for B2B, else the person (names joined as the mapping says), else what
 * is known, else the guest name.
 */
export function contactName(
  customer: Customer,
  guestName: string,
  asCompany: boolean,
  nameFormat?: NameFormat,
): string {
  return nameOfContact(customer, { guestName, asCompany, ...(nameFormat ? { nameFormat } : {}) });
}
