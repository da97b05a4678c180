import { Counter, collectDefaultMetrics, Histogram, Registry } from 'prom-client';

export type Metrics = ReturnType<typeof createMetrics>;

// One registry per app instance, so tests can run several apps in one process.
export function createMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'ledgerbridge_' });
  return {
    registry,
    httpRequests: new Counter({
      name: 'ledgerbridge_http_requests_total',
      help: 'HTTP requests by route and status',
      labelNames: ['method', 'route', 'status'] as const,
      registers: [registry],
    }),
    httpDuration: new Histogram({
      name: 'ledgerbridge_http_request_duration_seconds',
      help: 'HTTP request duration',
      labelNames: ['method', 'route'] as const,
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers: [registry],
    }),
    jobs: new Counter({
      name: 'ledgerbridge_jobs_total',
      help: 'Queue jobs by queue and outcome',
      labelNames: ['queue', 'outcome'] as const,
      registers: [registry],
    }),
  };
}
