import { Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { createHealthRoutes } from './health-routes.ts';

describe('health routes', () => {
  const registry = new Registry();

  it('is live without touching dependencies', async () => {
    const app = createHealthRoutes({
      registry,
      probes: [{ name: 'database', check: () => Promise.reject(new Error('down')) }],
    });
    expect((await app.request('/healthz')).status).toBe(200);
  });

  it('is ready only when every probe answers, and names the one that does not', async () => {
    const app = createHealthRoutes({
      registry,
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
    const app = createHealthRoutes({ registry, probes: [] });
    const response = await app.request('/metrics');
    expect(response.headers.get('content-type')).toContain('text/plain');
  });
});
