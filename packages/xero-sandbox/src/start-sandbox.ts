import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { getRequestListener } from '@hono/node-server';
import { createAdminClient, type XeroSandboxAdmin } from './admin/admin-client.ts';
import { createXeroSandboxApp, type XeroSandboxApp } from './sandbox-app.ts';
import type { XeroSandboxOptions } from './sandbox-options.ts';

export type XeroSandbox = {
  url: string;
  apiBasePath: string;
  identityUrl: string;
  loginUrl: string;
  admin: XeroSandboxAdmin;
  sandbox: XeroSandboxApp;
  close(): Promise<void>;
};

// Listens first (port 0 picks a free one), then builds the app with the real URL it advertises.
export async function startXeroSandbox(options: XeroSandboxOptions = {}): Promise<XeroSandbox> {
  let listener: ((req: IncomingMessage, res: ServerResponse) => void) | undefined;
  const server = createServer((req, res) => {
    if (listener) listener(req, res);
    else res.writeHead(503).end();
  });
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const sandbox = await createXeroSandboxApp({
    ...options,
    baseUrl: options.baseUrl ?? `http://${host}:${port}`,
  });
  listener = getRequestListener(sandbox.app.fetch);
  const { urls } = sandbox;
  return {
    url: urls.url,
    apiBasePath: urls.apiBasePath,
    identityUrl: urls.identityUrl,
    loginUrl: urls.loginUrl,
    admin: createAdminClient(urls.adminUrl),
    sandbox,
    async close() {
      sandbox.dispose();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
