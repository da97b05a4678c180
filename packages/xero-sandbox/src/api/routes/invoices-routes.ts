import { Hono } from 'hono';
import { invoiceToJson } from '../../accounting/invoice-json.ts';
import { invoicePdf } from '../../accounting/invoice-pdf.ts';
import {
  findInvoice,
  createInvoice,
  updateInvoice,
  upsertInvoice,
} from '../../accounting/invoice-service.ts';
import type { SandboxContext } from '../../sandbox-context.ts';
import type { InvoiceRecord, OrgState } from '../../state/types.ts';
import type { BatchSpec } from '../batch-response.ts';
import { jsonEnvelope } from '../envelope.ts';
import type { SandboxEnv } from '../hono-env.ts';
import { applyListQuery, boolQuery, csvQuery, unitdpOf } from '../list-query.ts';
import { notFound } from '../xero-responses.ts';
import { batchWrite, matchesAny } from './route-helpers.ts';

export function invoicesRoutes(ctx: SandboxContext): Hono<SandboxEnv> {
  const app = new Hono<SandboxEnv>();
  const spec = (org: OrgState, unitdp: 2 | 4): BatchSpec<InvoiceRecord> => ({
    collection: 'Invoices',
    errorFlag: 'HasErrors',
    render: (invoice) => invoiceToJson(org, invoice, { unitdp, includeLines: true }),
  });

  app.get('/', (c) => {
    const auth = c.get('auth');
    const unitdp = unitdpOf(c);
    const ids = csvQuery(c, 'IDs');
    const numbers = csvQuery(c, 'InvoiceNumbers');
    const contactIds = csvQuery(c, 'ContactIDs');
    const statuses = csvQuery(c, 'Statuses');
    const mine = boolQuery(c, 'createdByMyApp');
    const records = [...auth.org.invoices.values()].filter(
      (invoice) =>
        matchesAny(invoice.invoiceId, ids) &&
        matchesAny(invoice.invoiceNumber, numbers) &&
        matchesAny(invoice.contactId, contactIds) &&
        matchesAny(invoice.status, statuses) &&
        (!mine || invoice.createdByClientId === auth.clientId),
    );
    const list = applyListQuery(c, {
      records,
      view: (invoice) => invoiceToJson(auth.org, invoice, { unitdp, includeLines: false }),
      updatedAt: (invoice) => invoice.updatedAt,
    });
    // Xero returns line items on list reads only when paging (and not summaryOnly).
    const includeLines = list.paged && !boolQuery(c, 'summaryOnly');
    const items = list.records.map((invoice) => invoiceToJson(auth.org, invoice, { unitdp, includeLines }));
    return jsonEnvelope(c, ctx, auth, 'Invoices', items, list.pagination);
  });

  app.get('/:id', (c) => {
    const auth = c.get('auth');
    const invoice = findInvoice(auth.org, c.req.param('id'));
    if (!invoice) return notFound(c);
    // getInvoiceAsPdf: the same route, asked for application/pdf.
    if ((c.req.header('accept') ?? '').includes('application/pdf')) {
      c.header('content-type', 'application/pdf');
      return c.body(invoicePdf(auth.org, invoice) as Uint8Array<ArrayBuffer>);
    }
    return jsonEnvelope(c, ctx, auth, 'Invoices', [
      invoiceToJson(auth.org, invoice, { unitdp: unitdpOf(c), includeLines: true }),
    ]);
  });

  app.put('/', (c) => {
    const options = { unitdp: unitdpOf(c), clientId: c.get('auth').clientId };
    return batchWrite(c, ctx, 'Invoices', spec(c.get('auth').org, options.unitdp), (org, deps, raw) =>
      createInvoice(org, deps, raw, options),
    );
  });

  app.post('/', (c) => {
    const options = { unitdp: unitdpOf(c), clientId: c.get('auth').clientId };
    return batchWrite(c, ctx, 'Invoices', spec(c.get('auth').org, options.unitdp), (org, deps, raw) =>
      upsertInvoice(org, deps, raw, options),
    );
  });

  app.post('/:id', (c) => {
    const auth = c.get('auth');
    const invoice = findInvoice(auth.org, c.req.param('id'));
    if (!invoice) return notFound(c);
    const options = { unitdp: unitdpOf(c), clientId: auth.clientId };
    return batchWrite(c, ctx, 'Invoices', spec(c.get('auth').org, options.unitdp), (org, deps, raw) =>
      updateInvoice(org, deps, invoice, raw, options),
    );
  });

  return app;
}
