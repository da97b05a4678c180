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

// PGlite is one session. A kysely transaction is BEGIN…COMMIT on that session, so every other
// statement (ours and pg-boss's) must wait for it: one mutex guards the session for both.
export function createPgliteDialect(pglite: PGlite, session: Mutex): Dialect {
  return {
    createAdapter: () => new PostgresAdapter(),
    createDriver: () => createDriver(pglite, session),
    createIntrospector: (db) => new PostgresIntrospector(db),
    createQueryCompiler: () => new PostgresQueryCompiler(),
  };
}

function createDriver(pglite: PGlite, session: Mutex): Driver {
  const releases = new WeakMap<DatabaseConnection, () => void>();
  const run = async (c: DatabaseConnection, sql: string) => {
    await c.executeQuery(CompiledQuery.raw(sql));
  };
  return {
    async init() {},
    async acquireConnection() {
      const release = await session.acquire();
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
