export type RequestLogEntry = {
  id: number;
  method: string;
  path: string;
  query: Record<string, string>;
  kind: 'accounting' | 'identity' | 'connections' | 'other';
  tenantId?: string;
  clientId?: string;
  idempotencyKey?: string;
  status?: number;
  startedAt: number;
  finishedAt?: number;
  durationMs?: number;
  inFlight?: number;
  rateLimitProblem?: string;
  replayed?: boolean;
  fault?: string;
};

export type RequestLogFilter = {
  tenantId?: string;
  method?: string;
  path?: string;
  status?: number;
  kind?: string;
  since?: number;
};

export type RequestLog = {
  start(entry: Omit<RequestLogEntry, 'id'>): RequestLogEntry;
  query(filter?: RequestLogFilter): RequestLogEntry[];
  clear(): void;
};

// A bounded, queryable record of every request for assertions and the benchmark.
export function createRequestLog(limit: number): RequestLog {
  let entries: RequestLogEntry[] = [];
  let nextId = 1;
  return {
    start(entry) {
      const record = { ...entry, id: nextId };
      nextId += 1;
      entries.push(record);
      if (entries.length > limit) entries = entries.slice(entries.length - limit);
      return record;
    },
    query(filter = {}) {
      return entries.filter(
        (entry) =>
          (filter.tenantId === undefined ||
            entry.tenantId?.toLowerCase() === filter.tenantId.toLowerCase()) &&
          (filter.method === undefined || entry.method === filter.method.toUpperCase()) &&
          (filter.path === undefined || entry.path.toLowerCase().includes(filter.path.toLowerCase())) &&
          (filter.status === undefined || entry.status === filter.status) &&
          (filter.kind === undefined || entry.kind === filter.kind) &&
          (filter.since === undefined || entry.startedAt >= filter.since),
      );
    },
    clear() {
      entries = [];
    },
  };
}
