import { Hono } from 'hono';
import { paymentToJson } from '../../accounting/payment-json.ts';
import { createPayment, deletePayment, findPayment } from '../../accounting/payment-service.ts';
import type { SandboxContext } from '../../sandbox-context.ts';
import type { OrgState, PaymentRecord } from '../../state/types.ts';
import type { BatchSpec } from '../batch-response.ts';
import { jsonEnvelope } from '../envelope.ts';
import type { SandboxContextHono, SandboxEnv } from '../hono-env.ts';
import { applyListQuery } from '../list-query.ts';
import { notFound } from '../xero-responses.ts';
import { batchWrite } from './route-helpers.ts';

const spec = (org: OrgState): BatchSpec<PaymentRecord> => ({
  collection: 'Payments',
  errorFlag: 'HasValidationErrors',
  render: (payment) => paymentToJson(org, payment),
});

export function paymentsRoutes(ctx: SandboxContext): Hono<SandboxEnv> {
  const app = new Hono<SandboxEnv>();

  app.get('/', (c) => {
    const auth = c.get('auth');
    const list = applyListQuery(c, {
      records: [...auth.org.payments.values()],
      view: (payment) => paymentToJson(auth.org, payment),
      updatedAt: (payment) => payment.updatedAt,
    });
    const items = list.records.map((payment) => paymentToJson(auth.org, payment));
    return jsonEnvelope(c, ctx, auth, 'Payments', items, list.pagination);
  });

  app.get('/:id', (c) => {
    const auth = c.get('auth');
    const payment = findPayment(auth.org, c.req.param('id'));
    return payment ? jsonEnvelope(c, ctx, auth, 'Payments', [paymentToJson(auth.org, payment)]) : notFound(c);
  });

  // PUT takes {Payments:[...]}; POST (createPayment in the SDK) takes one payment object.
  const create = (c: SandboxContextHono) =>
    batchWrite(c, ctx, 'Payments', spec(c.get('auth').org), createPayment);
  app.put('/', create);
  app.post('/', create);

  app.post('/:id', (c) => {
    const payment = findPayment(c.get('auth').org, c.req.param('id'));
    if (!payment) return notFound(c);
    return batchWrite(c, ctx, 'Payments', spec(c.get('auth').org), (org, deps, raw) =>
      deletePayment(org, deps, payment, raw),
    );
  });

  return app;
}
