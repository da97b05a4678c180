import { Hono } from 'hono';
import type { Registry } from 'prom-client';
import type { Liveness } from '../observability/liveness.ts';

export type Probe = { readonly name: string; check(): Promise<void> };

export function createHealthRoutes(deps: {
  probes: readonly Probe[];
  registry: Registry;
  liveness: Pick<Liveness, 'report'>;
}): Hono {
  const app = new Hono();
  // Liveness answers from memory: a wedged database must not make the probe itself hang.
  app.get('/healthz', (c) => {
    const report = deps.liveness.report();
    return report.live
      ? c.json({ status: 'ok' })
      : c.json({ status: 'stalled', reasons: report.reasons }, 503);
  });
  app.get('/readyz', async (c) => {
    const results = await Promise.all(
      deps.probes.map(async (probe) => {
        try {
          await withTimeout(probe.check(), 3_000);
          return [probe.name, 'ok'] as const;
        } catch (error) {
          return [probe.name, `unavailable: ${(error as Error).message}`] as const;
        }
      }),
    );
    const ready = results.every(([, status]) => status === 'ok');
    return c.json(
      { status: ready ? 'ready' : 'not ready', checks: Object.fromEntries(results) },
      ready ? 200 : 503,
    );
  });
  app.get('/metrics', async (c) => {
    c.header('content-type', deps.registry.contentType);
    return c.body(await deps.registry.metrics());
  });
  return app;
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}
