import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { createOrderCloudSandboxAdmin, type OrderCloudSandboxAdmin } from './admin/admin-client.ts';
import { createOrderCloudSandboxApp } from './app.ts';
import type { Sandbox, SandboxCoreOptions } from './core.ts';

export type StartOrderCloudSandboxOptions = SandboxCoreOptions & { port?: number };

export type RunningOrderCloudSandbox = {
  url: string;
  admin: OrderCloudSandboxAdmin;
  sandbox: Sandbox;
  close(): Promise<void>;
};

/** Listens on 127.0.0.1 only (port 0 = any free port). */
export async function startOrderCloudSandbox(
  options: StartOrderCloudSandboxOptions = {},
): Promise<RunningOrderCloudSandbox> {
  let url = 'http://127.0.0.1';
  const { app, sandbox } = createOrderCloudSandboxApp({ ...options, baseUrl: () => url });
  const server = await new Promise<ReturnType<typeof serve>>((resolve, reject) => {
    const created = serve({ fetch: app.fetch, port: options.port ?? 0, hostname: '127.0.0.1' }, () =>
      resolve(created),
    );
    created.once('error', reject);
  });
  // Idle keep-alive sockets outlive the client's (undici keeps them 4 s): when a busy event loop runs
  // both timers late, a server that closes first resets the client's next request on that socket.
  if ('keepAliveTimeout' in server) server.keepAliveTimeout = 65_000;
  const address = server.address() as AddressInfo;
  url = `http://127.0.0.1:${address.port}`;
  return {
    url,
    admin: createOrderCloudSandboxAdmin({ baseUrl: url }),
    sandbox,
    async close() {
      await sandbox.webhooks.flush();
      await new Promise<void>((resolve) => {
        if ('closeAllConnections' in server) server.closeAllConnections();
        server.close(() => resolve());
      });
    },
  };
}
