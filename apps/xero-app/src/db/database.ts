import { mkdir } from 'node:fs/promises';
import { PGlite } from '@electric-sql/pglite';
import { Mutex } from 'async-mutex';
import { Kysely, type KyselyConfig, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { type Db as IDatabase, fromPglite } from 'pg-boss';
import { connectPatiently } from './patient-connect.ts';
import { createPgliteDialect } from './pglite-dialect.ts';
import { createSessionGuard, guardBuilder, type SessionGuard } from './session-guard.ts';
import type { DatabaseSchema } from './schema.ts';

export type Db = Kysely<DatabaseSchema>;

export type QueueConnection =
  | { readonly backend: 'postgres'; readonly connectionString: string }
  | { readonly backend: 'pglite'; readonly db: IDatabase };

export type DatabaseHandle = {
  readonly backend: 'postgres' | 'pglite';
  readonly db: Db;
  readonly queueConnection: QueueConnection;
  ping(): Promise<void>;
  close(): Promise<void>;
};

/** PostgreSQL when a URL is given; otherwise embedded PGlite in `dataDir` (`memory://` for none). */
export async function openDatabase(options: { url?: string; dataDir: string }): Promise<DatabaseHandle> {
  return options.url ? openPostgres(options.url) : openPglite(options.dataDir);
}

function openPostgres(url: string): DatabaseHandle {
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  // A client losing its server (idle or checked out) must not crash the process: the query in
  // flight rejects, and the pool replaces the client.
  pool.on('error', () => {});
  pool.on('connect', (client) => client.on('error', () => {}));
  // A full server refuses new connections for a moment: a query waits for one (patient-connect.ts).
  const patientPool = {
    options: pool.options,
    connect: () => connectPatiently(() => pool.connect()),
    end: () => pool.end(),
  };
  const db = new Kysely<DatabaseSchema>({ dialect: new PostgresDialect({ pool: patientPool }) });
  return {
    backend: 'postgres',
    db,
    queueConnection: { backend: 'postgres', connectionString: url },
    ping: async () => {
      await sql`select 1`.execute(db);
    },
    close: () => db.destroy(),
  };
}

async function openPglite(dataDir: string): Promise<DatabaseHandle> {
  if (!dataDir.startsWith('memory://')) await mkdir(dataDir, { recursive: true });
  const pglite = await PGlite.create(dataDir);
  const session = new Mutex();
  const guard = createSessionGuard();
  const db = new GuardedKysely({ dialect: createPgliteDialect(pglite, session, guard) }, guard);
  const bossDb = fromPglite(pglite);
  const queueDb: IDatabase = {
    ...bossDb,
    executeSql: (text, values) => {
      guard.assertFree('A queue (pg-boss) statement');
      return session.runExclusive(() => bossDb.executeSql(text, values));
    },
  };
  return {
    backend: 'pglite',
    db,
    queueConnection: { backend: 'pglite', db: queueDb },
    ping: async () => {
      await sql`select 1`.execute(db);
    },
    close: async () => {
      await db.destroy();
      await session.runExclusive(() => pglite.close());
    },
  };
}

/** Kysely whose transactions (and pinned connections) run inside the session guard's context. */
class GuardedKysely extends Kysely<DatabaseSchema> {
  readonly #guard: SessionGuard;
  constructor(config: KyselyConfig, guard: SessionGuard) {
    super(config);
    this.#guard = guard;
  }
  override transaction() {
    return guardBuilder(super.transaction(), this.#guard);
  }
  override connection() {
    return guardBuilder(super.connection(), this.#guard);
  }
}
