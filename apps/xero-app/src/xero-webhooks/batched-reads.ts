import { fail, ok, permanent, type Result } from '@ledgerbridge/canonical';

/** Xero's IDs= filter breaks past about 50 GUIDs (the URL's length). */
export const idsPerRead = 50;

type Waiter<T> = { resolve(result: Result<T>): void; reject(error: unknown): void };
type Gathering<T> = { readonly ids: Map<string, Waiter<T>[]>; timer?: ReturnType<typeof setTimeout> };

/**
 * Reads of single documents gathered for a short window and sent as one `IDs=` read per organisation
 * (and per kind: one reader per kind), up to Xero's limit per call. Each caller gets its own document,
 * or not-found when Xero's answer lacks it; a failed read fails every caller of it.
 */
export function createBatchedReader<T extends { readonly id: string }>(deps: {
  readonly readMany: (
    scope: { workspaceId: string; tenantId: string },
    ids: readonly string[],
  ) => Promise<Result<readonly T[]>>;
  readonly gatherMs: number;
  readonly what: string;
  readonly maxIds?: number;
}) {
  const maxIds = deps.maxIds ?? idsPerRead;
  const gatherings = new Map<string, Gathering<T>>();

  const send = async (key: string, scope: { workspaceId: string; tenantId: string }) => {
    const gathering = gatherings.get(key);
    if (!gathering) return;
    gatherings.delete(key);
    if (gathering.timer) clearTimeout(gathering.timer);
    const ids = [...gathering.ids.keys()];
    let answer: Result<readonly T[]>;
    try {
      answer = await deps.readMany(scope, ids);
    } catch (error) {
      for (const waiters of gathering.ids.values()) for (const w of waiters) w.reject(error);
      return;
    }
    const found = new Map(answer.ok ? answer.value.map((d) => [d.id.toLowerCase(), d]) : []);
    for (const [id, waiters] of gathering.ids) {
      const document = found.get(id.toLowerCase());
      const result: Result<T> = !answer.ok
        ? answer
        : document
          ? ok(document)
          : fail(permanent('xero-not-found', `${deps.what} ${id} not found`));
      for (const w of waiters) w.resolve(result);
    }
  };

  return (input: { workspaceId: string; tenantId: string; id: string }): Promise<Result<T>> => {
    const scope = { workspaceId: input.workspaceId, tenantId: input.tenantId };
    const key = `${input.workspaceId}\u0000${input.tenantId}`;
    let gathering = gatherings.get(key);
    if (!gathering) {
      const fresh: Gathering<T> = { ids: new Map() };
      fresh.timer = setTimeout(() => void send(key, scope), deps.gatherMs);
      gatherings.set(key, fresh);
      gathering = fresh;
    }
    const current = gathering;
    return new Promise<Result<T>>((resolve, reject) => {
      current.ids.set(input.id, [...(current.ids.get(input.id) ?? []), { resolve, reject }]);
      if (current.ids.size >= maxIds) void send(key, scope);
    });
  };
}
