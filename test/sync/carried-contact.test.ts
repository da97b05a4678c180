import { type Db, ensureOperation, type FlushDeps, flushTenant } from '@ledgerbridge/xero-app';
import { testBackends } from '@ledgerbridge/xero-app/testing';
import { type InlineContactDetails, SEEDED_TENANT_IDS, type XeroSandbox } from '@ledgerbridge/xero-sandbox';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type FlushHarness, openFlushHarness } from '../support/flush-harness.ts';

// A new customer's contact travels inside its invoice (decision 0111): one call for both. Whether Xero
// keeps the contact's other fields is not documented, so the sandbox plays both ways and the sync must
// end with the customer's full contact either way, exactly once.

const modes: InlineContactDetails[] = ['kept', 'name-only'];
const cases = testBackends.flatMap((backend) => modes.map((mode) => ({ backend, mode })));

// Each test has an organisation of its own: what one leaves planned is never another's to send.
const orgs = {
  au: { tenantId: SEEDED_TENANT_IDS.au, currency: 'AUD', taxType: 'OUTPUT' },
  nz: { tenantId: SEEDED_TENANT_IDS.nz, currency: 'NZD', taxType: 'OUTPUT2' },
  uk: { tenantId: SEEDED_TENANT_IDS.uk, currency: 'GBP', taxType: 'OUTPUT2' },
  us: { tenantId: SEEDED_TENANT_IDS.us, currency: 'USD', taxType: 'OUTPUT' },
  starter: { tenantId: SEEDED_TENANT_IDS.starter, currency: 'GBP', taxType: 'OUTPUT2' },
} as const;
type Org = (typeof orgs)[keyof typeof orgs];

describe.each(cases)(
  'a new customer’s contact inside its invoice ($backend, Xero keeps $mode)',
  ({ backend, mode }) => {
    let harness: FlushHarness;
    let sandbox: XeroSandbox;
    let db: Db;
    let deps: FlushDeps;

    beforeAll(async () => {
      harness = await openFlushHarness({
        backend,
        runUrl: inject('postgresUrl'),
        tenants: Object.values(orgs).map((o) => o.tenantId),
        deps: { fillWaitMs: 0 },
        sandbox: { inlineContactDetails: mode },
      });
      ({ sandbox, db, deps } = harness);
    });
    afterAll(async () => {
      await harness?.close();
    });

    const customer = (id: string, name: string) => ({
      customer: {
        id,
        kind: 'person',
        firstName: name,
        lastName: 'Byron',
        email: `${id}@example.com`,
        phone: '0400 000 000',
        billingAddress: { line1: '1 Main St', city: 'Sydney', postalCode: '2000', country: 'AU' },
        attributes: {},
      },
      asCompany: false,
      guestName: 'Guest',
      contactNumber: `buyer/${id}`,
    });

    /** An order's contact and invoice as the plan makes them. */
    const planOrder = async (
      org: Org,
      orderId: string,
      payload: ReturnType<typeof customer>,
      accountCode = '200',
    ) => {
      const ctx = harness.contextOf(org.tenantId);
      const base = { workspaceId: ctx.workspaceId, tenantId: org.tenantId, connectionId: ctx.connectionId };
      const contact = await ensureOperation(db, {
        ...base,
        orderId,
        kind: 'contact',
        key: `${org.tenantId}:contact:${payload.contactNumber}`,
        payload,
        dependsOn: null,
      });
      const invoice = await ensureOperation(db, {
        ...base,
        orderId,
        kind: 'invoice',
        key: `${org.tenantId}:invoice:${ctx.connectionId}:${orderId}`,
        payload: {
          number: `INV-${orderId}`,
          reference: orderId,
          date: '2026-12-01',
          dueDate: '2026-12-31',
          currency: org.currency,
          lineAmountTypes: 'Exclusive',
          status: 'AUTHORISED',
          total: '110.00',
          conversion: null,
          lines: [
            {
              description: 'Mug',
              quantity: '1',
              unitAmount: '100.00',
              accountCode,
              taxType: org.taxType,
              tracking: [],
            },
          ],
        },
        dependsOn: contact.id,
      });
      return { contactId: contact.id, invoiceId: invoice.id };
    };

    const operation = (id: string) =>
      db
        .selectFrom('xero_operations')
        .select(['status', 'target_id', 'result'])
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
    const writes = async (tenantId: string) =>
      (await sandbox.admin.requests({ tenantId, kind: 'accounting' }))
        .filter((r) => r.method !== 'GET')
        .map((r) => `${r.method} ${r.path.replace(/^.*\/api\.xro\/2\.0/, '')}`);
    const contactsNamed = async (tenantId: string, name: string) =>
      (await sandbox.admin.documents(tenantId)).contacts.filter((c) => String(c.Name).startsWith(name));
    const linkOf = (customerKey: string) =>
      db
        .selectFrom('links')
        .select('target_id')
        .where('source_type', '=', 'customer')
        .where('source_id', '=', customerKey)
        .executeTakeFirst();
    /** A customer with no order (its contact goes on its own): the first flush reads the contact index. */
    const warmIndex = async (org: Org, id: string) => {
      const ctx = harness.contextOf(org.tenantId);
      await ensureOperation(db, {
        workspaceId: ctx.workspaceId,
        tenantId: org.tenantId,
        connectionId: ctx.connectionId,
        orderId: null,
        kind: 'contact',
        key: `${org.tenantId}:contact:buyer/${id}`,
        payload: customer(id, `Warm ${id}`),
        dependsOn: null,
      });
      await flushTenant(deps, { tenantId: org.tenantId });
    };

    it('sends the contact and the invoice in one call, and ends with the customer’s full contact', async () => {
      const org = orgs.au;
      const { contactId, invoiceId } = await planOrder(org, 'CC-1', customer('ada', 'Ada'));
      await flushTenant(deps, { tenantId: org.tenantId });

      const invoiceOp = await operation(invoiceId);
      expect(invoiceOp.status).toBe('done');
      const contactOp = await operation(contactId);
      expect(contactOp.status).toBe('done');
      const made = await contactsNamed(org.tenantId, 'Ada Byron');
      expect(made).toHaveLength(1);
      expect(contactOp.target_id).toBe(made[0]?.ContactID);
      expect((await linkOf('buyer/ada'))?.target_id).toBe(made[0]?.ContactID);
      // Whatever Xero kept, the customer's contact ends complete: by the invoice alone, or corrected.
      expect(made[0]).toMatchObject({ ContactNumber: 'buyer/ada', EmailAddress: 'ada@example.com' });
      expect(JSON.stringify(made[0]?.Addresses)).toContain('1 Main St');
      const sent = (await writes(org.tenantId)).filter((w) => /Invoices|Contacts/.test(w));
      expect(sent.filter((w) => w.includes('/Invoices'))).toHaveLength(1);
      expect(sent.filter((w) => w.includes('/Contacts'))).toHaveLength(mode === 'kept' ? 0 : 1);
    });

    it('does not take a contact Xero matched by name for the customer’s own', async () => {
      const org = orgs.nz;
      await warmIndex(org, 'warm-nz');
      // Someone adds a contact of that name in Xero after the index was read (it is up to ten minutes old).
      await sandbox.admin.createContact(org.tenantId, { Name: 'Bea Byron', ContactNumber: 'merchant-7' });
      const { contactId, invoiceId } = await planOrder(org, 'CC-2', customer('bea', 'Bea'));
      await flushTenant(deps, { tenantId: org.tenantId });

      expect((await operation(invoiceId)).status).toBe('done');
      const named = await contactsNamed(org.tenantId, 'Bea Byron');
      const merchants = named.find((c) => c.ContactNumber === 'merchant-7');
      const own = named.find((c) => c.ContactNumber === 'buyer/bea');
      // The merchant's contact is left as it was; the customer gets a contact of its own, named apart.
      expect(merchants?.EmailAddress).toBeUndefined();
      expect(own?.Name).toBe('Bea Byron (bea@example.com)');
      expect((await operation(contactId)).target_id).toBe(own?.ContactID);
      expect((await linkOf('buyer/bea'))?.target_id).toBe(own?.ContactID);
      const steps = await db
        .selectFrom('timeline')
        .select(['outcome', 'message'])
        .where('step', '=', 'contact')
        .where('subject_id', 'like', '%:CC-2')
        .execute();
      expect(steps.some((s) => s.outcome === 'error' && s.message.includes('Bea Byron'))).toBe(true);
    });

    it('creates one contact when the invoice’s answer is lost and the invoice is looked up later', async () => {
      const org = orgs.uk;
      await warmIndex(org, 'warm-uk');
      const { contactId, invoiceId } = await planOrder(org, 'CC-3', customer('cy', 'Cy'));
      // Xero saves the invoice (and its new contact); the answer never arrives.
      await sandbox.admin.injectFault({ kind: 'reset', phase: 'after', count: 1, tenantId: org.tenantId });
      await flushTenant(deps, { tenantId: org.tenantId }).catch(() => undefined);
      // Past Xero's idempotency window: the invoice is looked up by its number, not sent again.
      await flushTenant({ ...deps, idempotencyWindowMs: 0 }, { tenantId: org.tenantId });

      expect((await operation(invoiceId)).status).toBe('done');
      const made = await contactsNamed(org.tenantId, 'Cy Byron');
      expect(made).toHaveLength(1);
      expect((await operation(contactId)).target_id).toBe(made[0]?.ContactID);
      expect(made[0]).toMatchObject({ ContactNumber: 'buyer/cy', EmailAddress: 'cy@example.com' });
    });

    it('creates one contact when the invoice’s answer is lost and the batch is sent again under its key', async () => {
      const org = orgs.starter;
      await warmIndex(org, 'warm-starter');
      const { contactId, invoiceId } = await planOrder(org, 'CC-5', customer('eve', 'Eve'));
      await sandbox.admin.injectFault({ kind: 'reset', phase: 'after', count: 1, tenantId: org.tenantId });
      await flushTenant(deps, { tenantId: org.tenantId }).catch(() => undefined);
      // Within Xero's idempotency window: the same request under the same key, answered as the first.
      await flushTenant(deps, { tenantId: org.tenantId });

      expect((await operation(invoiceId)).status).toBe('done');
      const made = await contactsNamed(org.tenantId, 'Eve Byron');
      expect(made).toHaveLength(1);
      expect((await operation(contactId)).target_id).toBe(made[0]?.ContactID);
      const invoices = (await sandbox.admin.requests({ tenantId: org.tenantId, kind: 'accounting' })).filter(
        (r) => r.method !== 'GET' && r.path.includes('/Invoices'),
      );
      expect(new Set(invoices.map((r) => r.idempotencyKey)).size).toBe(1);
    });

    it('sends the contact on its own when Xero refuses its invoice', async () => {
      const org = orgs.us;
      // An account Xero does not have: the invoice is refused, and its new contact with it.
      const { contactId, invoiceId } = await planOrder(org, 'CC-4', customer('di', 'Di'), 'NOPE');
      await flushTenant(deps, { tenantId: org.tenantId });

      expect((await operation(invoiceId)).status).toBe('failed');
      const made = await contactsNamed(org.tenantId, 'Di Byron');
      expect(made).toHaveLength(1);
      expect((await operation(contactId)).target_id).toBe(made[0]?.ContactID);
      expect(made[0]).toMatchObject({ ContactNumber: 'buyer/di', EmailAddress: 'di@example.com' });
    });
  },
);
