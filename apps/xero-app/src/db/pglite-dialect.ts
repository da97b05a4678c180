import type { PGlite } from '@electric-sql/pglite';
import type { Mutex } from 'async-mutex';
import {
  CompiledQuery,
  type DatabaseConnection,
  type Dialect,
  type Driver,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  type QueryResult,
} from 'kysely';
import type { SessionGuard } from './session-guard.ts';

// PGlite is one session. A kysely transaction is BEGIN…COMMIT on that session, so every other
// statement (ours and pg-boss's) must wait for it: one mutex guards the session for both. The guard
// turns a statement that would wait for its own transaction into an immediate, named error.
export function createPgliteDialect(pglite: PGlite, session: Mutex, guard: SessionGuard): Dialect {
  return {
    createAdapter: () => new PostgresAdapter(),
    createDriver: () => createDriver(pglite, session, guard),
    createIntrospector: (db) => new PostgresIntrospector(db),
    createQueryCompiler: () => new PostgresQueryCompiler(),
  };
}

function createDriver(pglite: PGlite, session: Mutex, guard: SessionGuard): Driver {
  const releases = new WeakMap<DatabaseConnection, () => void>();
  const run = async (c: DatabaseConnection, sql: string) => {
    await c.executeQuery(CompiledQuery.raw(sql));
  };
  return {
    async init() {},
    async acquireConnection() {
      guard.assertFree('A query');
      const unlock = await session.acquire();
      const unclaim = guard.claim();
      const release = () => {
        unclaim();
        unlock();
      };
      const connection: DatabaseConnection = {
        async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
          const result = await pglite.query<R>(query.sql, [...query.parameters]);
          return result.affectedRows === undefined
            ? { rows: result.rows }
            : { rows: result.rows, numAffectedRows: BigInt(result.affectedRows) };
        },
        streamQuery() {
          throw new Error('PGlite does not stream');
        },
      };
      releases.set(connection, release);
      return connection;
    },
    beginTransaction: (c) => run(c, 'BEGIN'),
    commitTransaction: (c) => run(c, 'COMMIT'),
    rollbackTransaction: (c) => run(c, 'ROLLBACK'),
    async releaseConnection(c) {
      releases.get(c)?.();
      releases.delete(c);
    },
    async destroy() {},
  };
}
