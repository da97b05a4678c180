import { Hono } from 'hono';
import type { SandboxContext } from '../sandbox-context.ts';
import type { SandboxEnv } from './hono-env.ts';
import { accountingAuth } from './middleware/bearer-auth.ts';
import { contractCheck } from './middleware/contract-check.ts';
import { faults, internalFaults } from './middleware/faults.ts';
import { idempotency, readBody } from './middleware/idempotency.ts';
import { rateLimit } from './middleware/rate-limit.ts';
import { contactsRoutes } from './routes/contacts-routes.ts';
import { creditNotesRoutes } from './routes/credit-notes-routes.ts';
import { invoicesRoutes } from './routes/invoices-routes.ts';
import { itemsRoutes } from './routes/items-routes.ts';
import { paymentsRoutes } from './routes/payments-routes.ts';
import { settingsRoutes } from './routes/settings-routes.ts';
import { notFound } from './xero-responses.ts';

// /api.xro/2.0: auth → rate limits → faults → body → idempotency → internal faults → contract check →
// resource routes.
export function accountingApp(ctx: SandboxContext): Hono<SandboxEnv> {
  const app = new Hono<SandboxEnv>();
  app.use(
    '*',
    accountingAuth(ctx),
    rateLimit(ctx),
    faults(ctx),
    readBody(),
    idempotency(ctx),
    internalFaults(),
    contractCheck(ctx),
  );
  app.route('/Invoices', invoicesRoutes(ctx));
  app.route('/Contacts', contactsRoutes(ctx));
  app.route('/Payments', paymentsRoutes(ctx));
  app.route('/CreditNotes', creditNotesRoutes(ctx));
  app.route('/Items', itemsRoutes(ctx));
  app.route('/', settingsRoutes(ctx));
  app.notFound((c) => notFound(c));
  return app;
}
