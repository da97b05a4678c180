import { Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { createHealthRoutes } from './health-routes.ts';

describe('health routes', () => {
  const registry = new Registry();
  const live = { report: () => ({ live: true, reasons: [], pendingJobs: 0 }) };

  it('is live without touching dependencies', async () => {
    const app = createHealthRoutes({
      registry,
      liveness: live,
      probes: [{ name: 'database', check: () => Promise.reject(new Error('down')) }],
    });
    expect((await app.request('/healthz')).status).toBe(200);
  });

  it('is not live when the process has stalled, and says why', async () => {
    const app = createHealthRoutes({
      registry,
      liveness: {
        report: () => ({ live: false, reasons: ['the database has not answered for 130 s'], pendingJobs: 2 }),
      },
      probes: [],
    });
    const response = await app.request('/healthz');
    expect(response.status).toBe(503);
    expect(await response.json()).toEqual({
      status: 'stalled',
      reasons: ['the database has not answered for 130 s'],
    });
  });

  it('is ready only when every probe answers, and names the one that does not', async () => {
    const app = createHealthRoutes({
      registry,
      liveness: live,
      probes: [
        { name: 'database', check: async () => {} },
        { name: 'queue', check: () => Promise.reject(new Error('connection refused')) },
      ],
    });
    const response = await app.request('/readyz');
    expect(response.status).toBe(503);
    expect(await response.json()).toEqual({
      status: 'not ready',
      checks: { database: 'ok', queue: 'unavailable: connection refused' },
    });
  });

  it('serves Prometheus metrics', async () => {
    const app = createHealthRoutes({ registry, liveness: live, probes: [] });
    const response = await app.request('/metrics');
    expect(response.headers.get('content-type')).toContain('text/plain');
  });
});
