import { Hono } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { createAdminRoutes } from './admin/admin-routes.ts';
import { handleTokenRequest } from './auth/oauth.ts';
import { createSandboxCore, type Sandbox, type SandboxCoreOptions } from './core.ts';

export type OrderCloudSandboxApp = { app: Hono; sandbox: Sandbox };

function jsonBody(text: string): { ok: true; value: unknown } | { ok: false } {
  if (text.trim() === '') return { ok: true, value: undefined };
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

export function createOrderCloudSandboxApp(options: SandboxCoreOptions = {}): OrderCloudSandboxApp {
  const sandbox = createSandboxCore(options);
  const app = new Hono();

  app.post('/oauth/token', async (c) => {
    const form = new URLSearchParams(await c.req.text());
    const result = await handleTokenRequest(sandbox, form);
    return c.json(result.body, result.status as ContentfulStatusCode);
  });

  app.all('/v1/*', async (c) => {
    const parsed = jsonBody(await c.req.text());
    if (!parsed.ok) {
      return c.json(
        {
          Errors: [{ ErrorCode: 'InvalidJson', Message: 'The request body is not valid JSON.', Data: null }],
        },
        400,
      );
    }
    const authorization = c.req.header('authorization') ?? '';
    const bearer = /^Bearer\s+(.+)$/i.exec(authorization)?.[1]?.trim();
    const headers: Record<string, string> = {};
    c.req.raw.headers.forEach((value, name) => {
      headers[name] = value;
    });
    const result = await sandbox.dispatch({
      method: c.req.method,
      path: new URL(c.req.url).pathname,
      query: c.req.queries(),
      body: parsed.value,
      headers,
      ...(bearer ? { bearer } : {}),
    });
    for (const [name, value] of Object.entries(result.headers ?? {})) c.header(name, value);
    if (result.status === 204) return c.body(null, 204);
    return c.json(result.body, result.status as ContentfulStatusCode);
  });

  app.route('/__admin', createAdminRoutes(sandbox));
  app.notFound((c) =>
    c.json(
      {
        Errors: [
          { ErrorCode: 'NotFound', Message: `No route for ${c.req.method} ${c.req.path}`, Data: null },
        ],
      },
      404,
    ),
  );
  return { app, sandbox };
}
