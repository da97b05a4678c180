import { Hono } from 'hono';
import { allocateCreditNote } from '../../accounting/allocation-service.ts';
import { findCreditNote } from '../../accounting/credit-note-lookup.ts';
import { allocationToJson, creditNoteToJson } from '../../accounting/credit-note-json.ts';
import {
  createCreditNote,
  updateCreditNote,
  upsertCreditNote,
} from '../../accounting/credit-note-service.ts';
import type { SandboxContext } from '../../sandbox-context.ts';
import type { AllocationRecord, CreditNoteRecord, OrgState } from '../../state/types.ts';
import type { BatchSpec } from '../batch-response.ts';
import { jsonEnvelope } from '../envelope.ts';
import type { SandboxEnv } from '../hono-env.ts';
import { applyListQuery, unitdpOf } from '../list-query.ts';
import { notFound } from '../xero-responses.ts';
import { batchWrite } from './route-helpers.ts';

const spec = (org: OrgState, unitdp: 2 | 4): BatchSpec<CreditNoteRecord> => ({
  collection: 'CreditNotes',
  errorFlag: 'HasErrors',
  render: (note) => creditNoteToJson(org, note, { unitdp, includeLines: true }),
});

const allocationSpec = (org: OrgState): BatchSpec<AllocationRecord> => ({
  collection: 'Allocations',
  errorFlag: undefined,
  render: (allocation) => allocationToJson(org, allocation),
});

export function creditNotesRoutes(ctx: SandboxContext): Hono<SandboxEnv> {
  const app = new Hono<SandboxEnv>();

  app.get('/', (c) => {
    const auth = c.get('auth');
    const unitdp = unitdpOf(c);
    const list = applyListQuery(c, {
      records: [...auth.org.creditNotes.values()],
      view: (note) => creditNoteToJson(auth.org, note, { unitdp, includeLines: false }),
      updatedAt: (note) => note.updatedAt,
    });
    const items = list.records.map((note) =>
      creditNoteToJson(auth.org, note, { unitdp, includeLines: list.paged }),
    );
    return jsonEnvelope(c, ctx, auth, 'CreditNotes', items, list.pagination);
  });

  app.get('/:id', (c) => {
    const auth = c.get('auth');
    const note = findCreditNote(auth.org, c.req.param('id'));
    if (!note) return notFound(c);
    return jsonEnvelope(c, ctx, auth, 'CreditNotes', [
      creditNoteToJson(auth.org, note, { unitdp: unitdpOf(c), includeLines: true }),
    ]);
  });

  app.put('/', (c) => {
    const options = { unitdp: unitdpOf(c), clientId: c.get('auth').clientId };
    return batchWrite(c, ctx, 'CreditNotes', spec(c.get('auth').org, options.unitdp), (org, deps, raw) =>
      createCreditNote(org, deps, raw, options),
    );
  });

  app.post('/', (c) => {
    const options = { unitdp: unitdpOf(c), clientId: c.get('auth').clientId };
    return batchWrite(c, ctx, 'CreditNotes', spec(c.get('auth').org, options.unitdp), (org, deps, raw) =>
      upsertCreditNote(org, deps, raw, options),
    );
  });

  app.post('/:id', (c) => {
    const auth = c.get('auth');
    const note = findCreditNote(auth.org, c.req.param('id'));
    if (!note) return notFound(c);
    const options = { unitdp: unitdpOf(c), clientId: auth.clientId };
    return batchWrite(c, ctx, 'CreditNotes', spec(auth.org, options.unitdp), (org, deps, raw) =>
      updateCreditNote(org, deps, note, raw, options),
    );
  });

  app.put('/:id/Allocations', (c) => {
    const auth = c.get('auth');
    const note = findCreditNote(auth.org, c.req.param('id'));
    if (!note) return notFound(c);
    return batchWrite(c, ctx, 'Allocations', allocationSpec(auth.org), (org, deps, raw) =>
      allocateCreditNote(org, deps, note, raw),
    );
  });

  return app;
}
