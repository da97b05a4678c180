import { Hono } from 'hono';
import { adminRoutes } from './admin/admin-routes.ts';
import { accountingApp } from './api/accounting-app.ts';
import type { SandboxEnv } from './api/hono-env.ts';
import { requestLog } from './api/middleware/request-log.ts';
import { internalError, notFound, queryParseException } from './api/xero-responses.ts';
import { WhereSyntaxError } from './accounting/where-filter.ts';
import { authorizeRoutes } from './identity/authorize-routes.ts';
import { connectionsRoutes } from './identity/connections-routes.ts';
import { discoveryRoutes } from './identity/discovery-routes.ts';
import { tokenRoutes } from './identity/token-routes.ts';
import { indexPage, orgPage } from './pages/org-page.ts';
import { createSandboxContext, type SandboxContext } from './sandbox-context.ts';
import { resolveOptions, type XeroSandboxOptions } from './sandbox-options.ts';
import { type SandboxUrls, sandboxUrls } from './sandbox-urls.ts';
import { DEFAULT_ORG_SEEDS } from './seed/org-seeds.ts';

export type XeroSandboxApp = {
  app: Hono<SandboxEnv>;
  context: SandboxContext;
  urls: SandboxUrls;
  dispose(): void;
};

export async function createXeroSandboxApp(options: XeroSandboxOptions = {}): Promise<XeroSandboxApp> {
  const urls = sandboxUrls(options.baseUrl ?? `http://127.0.0.1:${options.port ?? 80}`);
  const ctx = await createSandboxContext(resolveOptions(options), urls, options.orgs ?? DEFAULT_ORG_SEEDS);
  const app = new Hono<SandboxEnv>();
  for (const prefix of [
    '/api.xro/*',
    '/identity/*',
    '/login/*',
    '/connections',
    '/connections/*',
    '/Connections',
    '/Connections/*',
  ]) {
    app.use(prefix, requestLog(ctx));
  }
  app.route('/api.xro/2.0', accountingApp(ctx));
  app.route('/identity', discoveryRoutes(ctx));
  app.route('/identity', tokenRoutes(ctx));
  app.route('/login', authorizeRoutes(ctx));
  app.route('/connections', connectionsRoutes(ctx));
  app.route('/Connections', connectionsRoutes(ctx));
  app.route('/__admin', adminRoutes(ctx));
  app.get('/', (c) => c.html(indexPage([...ctx.orgs.values()])));
  app.get('/orgs/:tenantId', (c) => {
    const org = ctx.findOrg(c.req.param('tenantId'));
    return org ? c.html(orgPage(org)) : c.text('Unknown organisation', 404);
  });
  app.notFound((c) => notFound(c));
  app.onError((error, c) => {
    if (error instanceof WhereSyntaxError) return queryParseException(c, error.message);
    console.error('xero-sandbox: unhandled error', error);
    return internalError(c);
  });
  return { app, context: ctx, urls, dispose: () => ctx.dispose() };
}
