export type FaultSpec =
  | {
      kind: 'status';
      status: number;
      count?: number;
      /** An incident rather than a count: every call of the tenant for this long (sandbox time) from the first. */
      forMs?: number;
      tenantId?: string;
    }
  | { kind: 'hang'; count?: number; phase?: 'before' | 'after'; tenantId?: string }
  | { kind: 'reset'; count?: number; phase?: 'before' | 'after'; tenantId?: string }
  | { kind: 'slow'; delayMs: number; count?: number; tenantId?: string };

export type ActiveFault = FaultSpec & { id: string; remaining: number; until?: number };

export type FaultInjector = {
  add(spec: FaultSpec): ActiveFault;
  take(tenantId: string): ActiveFault | undefined;
  list(): ActiveFault[];
  clear(tenantId?: string): void;
};

// Faults are consumed first in, first out; each applies to its tenant (or to every tenant) for `count` calls,
// or, with `forMs`, to every call in that window from its first (a client backing off meets an outage of
// that length, where a count would last as long as the client keeps waiting).
export function createFaultInjector(newId: () => string, now: () => number = Date.now): FaultInjector {
  const faults: ActiveFault[] = [];
  return {
    add(spec) {
      const fault: ActiveFault = { ...spec, id: newId(), remaining: spec.count ?? 1 };
      faults.push(fault);
      return fault;
    },
    take(tenantId) {
      for (;;) {
        const fault = faults.find(
          (candidate) =>
            candidate.tenantId === undefined || candidate.tenantId.toLowerCase() === tenantId.toLowerCase(),
        );
        if (!fault) return undefined;
        if (fault.kind === 'status' && fault.forMs !== undefined) {
          fault.until ??= now() + fault.forMs;
          if (now() < fault.until) return fault;
          faults.splice(faults.indexOf(fault), 1);
          continue;
        }
        fault.remaining -= 1;
        if (fault.remaining <= 0) faults.splice(faults.indexOf(fault), 1);
        return fault;
      }
    },
    list: () => faults.map((fault) => ({ ...fault })),
    clear(tenantId) {
      for (let index = faults.length - 1; index >= 0; index -= 1) {
        const fault = faults[index];
        if (tenantId === undefined || fault?.tenantId === tenantId) faults.splice(index, 1);
      }
    },
  };
}
