import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { fixtureReference } from '../testing/fixture-reference.ts';
import { type TestDatabase, testBackends } from '../testing/test-databases.ts';
import { openWorkspaceDatabase } from '../testing/workspace-database.ts';
import { defaultMapping } from './default-mapping.ts';
import { createMappingVersion, loadMapping } from './mapping-repo.ts';

// A mapping version never changes once written: a process reads and parses each one once.
describe.each(testBackends)('loadMapping on %s', (backend) => {
  let database: TestDatabase;
  let workspaceId = '';
  beforeAll(async () => {
    ({ database, workspaceId } = await openWorkspaceDatabase(backend, inject('postgresUrl')));
  });
  afterAll(async () => {
    await database?.drop();
  });

  const newVersion = () =>
    createMappingVersion(database.handle.db, {
      workspaceId,
      config: defaultMapping(fixtureReference('au')),
      note: 'test',
    });

  it('reads a version once: the second load is not read from the database again', async () => {
    const db = database.handle.db;
    const { id } = await newVersion();
    const first = await loadMapping(db, id);
    // Nothing in the app rewrites a version; done here by hand, it shows the second load kept the first.
    const rewritten = { ...first, accounts: { ...first.accounts, sales: 'rewritten' } };
    await db
      .updateTable('mapping_versions')
      .set({ config: JSON.stringify(rewritten) })
      .where('id', '=', id)
      .execute();
    expect((await loadMapping(db, id)).accounts.sales).toBe(first.accounts.sales);
  });

  it('gives each caller its own copy: a change to one is not seen by the next', async () => {
    const db = database.handle.db;
    const { id } = await newVersion();
    const first = await loadMapping(db, id);
    const sales = first.accounts.sales;
    (first.accounts as { sales: string }).sales = 'changed by a caller';
    expect((await loadMapping(db, id)).accounts.sales).toBe(sales);
  });

  it('still refuses a version that does not exist', async () => {
    await expect(loadMapping(database.handle.db, '00000000-0000-4000-8000-000000000000')).rejects.toThrow();
  });
});
