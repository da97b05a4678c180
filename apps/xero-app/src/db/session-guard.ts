import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * PGlite is one session behind one mutex, and the mutex is not re-entrant: a statement sent through
 * the database handle (or pg-boss) while the same async context holds the session in a transaction
 * would wait for itself forever. The guard marks the async context of every transaction callback
 * once its connection is acquired, and refuses, at once and by name, any other acquisition made from
 * that context (or from a context nested inside it).
 */
export type SessionGuard = {
  /** Runs a transaction (or connection) builder's execute in its own context. */
  hold<T>(run: () => Promise<T>): Promise<T>;
  /** Throws when the calling context already holds the session. */
  assertFree(what: string): void;
  /** Marks the calling context as holding the session; returns the release. */
  claim(): () => void;
};

type Holder = { held: boolean; readonly parent: Holder | undefined };

export class SessionReentrancyError extends Error {
  override name = 'SessionReentrancyError';
}

export function createSessionGuard(): SessionGuard {
  const storage = new AsyncLocalStorage<Holder>();
  const holding = (holder: Holder | undefined): boolean => {
    for (let h = holder; h; h = h.parent) if (h.held) return true;
    return false;
  };
  return {
    hold: (run) => storage.run({ held: false, parent: storage.getStore() }, run),
    assertFree(what) {
      if (!holding(storage.getStore())) return;
      throw new SessionReentrancyError(
        `${what} was sent through the database handle while this async context holds the embedded ` +
          "database's only session (inside db.transaction()): use the transaction's handle (trx). " +
          'On PGlite this statement would wait for itself forever.',
      );
    },
    claim() {
      const holder = storage.getStore();
      if (!holder) return () => {};
      holder.held = true;
      return () => {
        holder.held = false;
      };
    },
  };
}

type Executable = { execute: (...args: never[]) => Promise<unknown> };

/** Wraps a kysely transaction/connection builder so its execute runs inside `guard.hold`. */
export function guardBuilder<B extends Executable>(builder: B, guard: SessionGuard): B {
  const target = builder as unknown as Record<string, unknown>;
  const execute = (builder.execute as (...args: unknown[]) => Promise<unknown>).bind(builder);
  target.execute = (...args: unknown[]) => guard.hold(() => execute(...args));
  // Builders are immutable: their setters return new builders, which must be guarded too.
  for (const name of ['setIsolationLevel', 'setAccessMode']) {
    const method = target[name];
    if (typeof method !== 'function') continue;
    const bound = (method as (...args: unknown[]) => Executable).bind(builder);
    target[name] = (...args: unknown[]) => guardBuilder(bound(...args), guard);
  }
  return builder;
}
