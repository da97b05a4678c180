import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { createApp } from './http/create-app.ts';
import { createHealthRoutes } from './http/health-routes.ts';
import type { Infrastructure } from './infrastructure.ts';

export type RunningServer = { readonly url: string; close(): Promise<void> };

/** Composition root of the HTTP side: builds the routes over the infrastructure and listens. */
export async function startServer(
  infra: Infrastructure,
  options: { port?: number; hostname?: string } = {},
): Promise<RunningServer> {
  const app = createApp({ logger: infra.logger, metrics: infra.metrics });
  app.route(
    '/',
    createHealthRoutes({
      registry: infra.metrics.registry,
      probes: [
        { name: 'database', check: () => infra.database.ping() },
        { name: 'queue', check: () => infra.queue.ping() },
      ],
    }),
  );
  const hostname = options.hostname ?? '0.0.0.0';
  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const s = serve({ fetch: app.fetch, port: options.port ?? infra.config.PORT, hostname }, () =>
      resolve(s),
    );
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${hostname === '0.0.0.0' ? 'localhost' : hostname}:${port}`,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        // Idle keep-alive sockets would otherwise hold the close open until they time out.
        (server as unknown as { closeIdleConnections?: () => void }).closeIdleConnections?.();
      }),
  };
}
