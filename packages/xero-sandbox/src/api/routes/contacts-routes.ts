import { Hono } from 'hono';
import { contactToJson } from '../../accounting/contact-json.ts';
import { createContact, updateContact, upsertContact } from '../../accounting/contact-service.ts';
import { findContact, findContactByNumber } from '../../accounting/org-lookups.ts';
import type { SandboxContext } from '../../sandbox-context.ts';
import type { ContactRecord, OrgState } from '../../state/types.ts';
import type { BatchSpec } from '../batch-response.ts';
import { jsonEnvelope } from '../envelope.ts';
import type { SandboxEnv } from '../hono-env.ts';
import { applyListQuery, boolQuery, csvQuery } from '../list-query.ts';
import { notFound } from '../xero-responses.ts';
import { batchWrite, matchesAny } from './route-helpers.ts';

const spec: BatchSpec<ContactRecord> = {
  collection: 'Contacts',
  errorFlag: 'HasValidationErrors',
  render: contactToJson,
};

function findByIdOrNumber(org: OrgState, key: string): ContactRecord | undefined {
  return findContact(org, key) ?? findContactByNumber(org, key);
}

function matchesSearch(contact: ContactRecord, term: string | undefined): boolean {
  if (term === undefined || term.trim() === '') return true;
  const needle = term.toLowerCase();
  return [
    contact.name,
    contact.firstName,
    contact.lastName,
    contact.contactNumber,
    contact.emailAddress,
    contact.companyNumber,
  ].some((field) => field?.toLowerCase().includes(needle));
}

export function contactsRoutes(ctx: SandboxContext): Hono<SandboxEnv> {
  const app = new Hono<SandboxEnv>();

  app.get('/', (c) => {
    const auth = c.get('auth');
    const ids = csvQuery(c, 'IDs');
    const includeArchived = boolQuery(c, 'includeArchived');
    const records = [...auth.org.contacts.values()].filter(
      (contact) =>
        matchesAny(contact.contactId, ids) &&
        (includeArchived || contact.status !== 'ARCHIVED') &&
        matchesSearch(contact, c.req.query('searchTerm')),
    );
    const list = applyListQuery(c, {
      records,
      view: contactToJson,
      updatedAt: (contact) => contact.updatedAt,
    });
    return jsonEnvelope(c, ctx, auth, 'Contacts', list.records.map(contactToJson), list.pagination);
  });

  app.get('/:id', (c) => {
    const auth = c.get('auth');
    const contact = findByIdOrNumber(auth.org, c.req.param('id'));
    return contact ? jsonEnvelope(c, ctx, auth, 'Contacts', [contactToJson(contact)]) : notFound(c);
  });

  app.put('/', (c) => batchWrite(c, ctx, 'Contacts', spec, createContact));
  app.post('/', (c) => batchWrite(c, ctx, 'Contacts', spec, upsertContact));

  app.post('/:id', (c) => {
    const contact = findByIdOrNumber(c.get('auth').org, c.req.param('id'));
    if (!contact) return notFound(c);
    return batchWrite(c, ctx, 'Contacts', spec, (org, deps, raw) => updateContact(org, deps, contact, raw));
  });

  return app;
}
