import { ok, type ReferenceData } from '@ledgerbridge/canonical';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { markReferenceStale } from '../attention/attention-repo.ts';
import { migrateToLatest } from '../db/migrate.ts';
import { fixtureReference } from '../testing/fixture-reference.ts';
import { createTestDatabase, type TestDatabase, testBackends } from '../testing/test-databases.ts';
import { referenceData } from './reference-cache.ts';

describe.each(testBackends)('reference cache on %s', (backend) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase(backend, inject('postgresUrl'));
    await migrateToLatest(database.handle.db);
  });
  afterAll(async () => {
    await database?.drop();
  });

  it('reads the org again when marked stale right after a refresh, and leaves no lease behind', async () => {
    const db = database.handle.db;
    let reads = 0;
    const accounting = {
      getReferenceData: async () => {
        reads += 1;
        const reference = fixtureReference('au');
        return ok({
          ...reference,
          organisation: { ...reference.organisation, lockDate: `2026-0${reads}-01` },
        });
      },
    };
    const read = () => referenceData({ db, accounting, tenantId: 'tenant-lease', maxAgeMs: 60_000 });
    const first = await read();
    expect(first.ok && first.value.organisation?.lockDate).toBe('2026-01-01');
    expect((await read()).ok).toBe(true);
    expect(reads).toBe(1);
    // The refresh gives its lease back: one left to expire made the next refresh wait 30 s for nothing.
    const leases = await db
      .selectFrom('reference_cache')
      .select('kind')
      .where('tenant_id', '=', 'tenant-lease')
      .where('kind', '=', 'refresh-lease')
      .execute();
    expect(leases).toEqual([]);
    await markReferenceStale(db, ['tenant-lease']);
    const second = await read();
    expect(second.ok && (second.value as ReferenceData).organisation?.lockDate).toBe('2026-02-01');
    expect(reads).toBe(2);
  });
});
