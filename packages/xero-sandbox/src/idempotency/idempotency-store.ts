export type StoredResponse = { status: number; contentType: string | undefined; body: string };

type Entry = {
  fingerprint: string;
  createdAt: number;
  response: Promise<StoredResponse>;
};

export type IdempotencyLookup =
  | { kind: 'new'; complete(response: StoredResponse): void }
  | { kind: 'replay'; response: Promise<StoredResponse> }
  | { kind: 'conflict' };

export type IdempotencyStore = {
  claim(scope: string, fingerprint: string): IdempotencyLookup;
  size(): number;
  clear(): void;
};

// Keys are remembered from their first use for `windowMs` of sandbox time, responses (errors too) included.
export function createIdempotencyStore(config: { windowMs: number; now(): number }): IdempotencyStore {
  const entries = new Map<string, Entry>();

  function sweep(now: number): void {
    for (const [scope, entry] of entries) if (now >= entry.createdAt + config.windowMs) entries.delete(scope);
  }

  return {
    claim(scope, fingerprint) {
      const now = config.now();
      sweep(now);
      const existing = entries.get(scope);
      if (existing)
        return existing.fingerprint === fingerprint
          ? { kind: 'replay', response: existing.response }
          : { kind: 'conflict' };
      let complete: (response: StoredResponse) => void = () => undefined;
      const response = new Promise<StoredResponse>((resolve) => {
        complete = resolve;
      });
      entries.set(scope, { fingerprint, createdAt: now, response });
      return { kind: 'new', complete };
    },
    size: () => entries.size,
    clear: () => entries.clear(),
  };
}
