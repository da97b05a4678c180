import type { Transaction } from 'kysely';
import type { Db } from '../db/database.ts';
import type { DatabaseSchema } from '../db/schema.ts';

/**
 * Runs `work` in a transaction of its own, or in the caller's when `db` is one already: a history import
 * plans a whole chunk of orders in one transaction, and the steps that need their own still hold together.
 */
export function inTransaction<T>(db: Db, work: (trx: Transaction<DatabaseSchema>) => Promise<T>): Promise<T> {
  return db.isTransaction ? work(db as Transaction<DatabaseSchema>) : db.transaction().execute(work);
}
