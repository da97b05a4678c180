import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type TestDatabase, testBackends } from '../testing/test-databases.ts';
import { openWorkspaceDatabase } from '../testing/workspace-database.ts';
import { recordStep, recordSteps, timelineFor } from './timeline-repo.ts';

// Steps written together in one statement read back in the order they were given, before later ones.
describe.each(testBackends)('recordSteps on %s', (backend) => {
  let database: TestDatabase;
  let workspaceId = '';
  beforeAll(async () => {
    ({ database, workspaceId } = await openWorkspaceDatabase(backend, inject('postgresUrl')));
  });
  afterAll(async () => {
    await database?.drop();
  });

  it('keeps the order given, with each step’s outcome and details, and a later step after them', async () => {
    const db = database.handle.db;
    const orderKey = `c:${randomUUID()}`;
    const messages = Array.from({ length: 12 }, (_, i) => `note ${i}`);
    await recordSteps(db, [
      { workspaceId, orderKey, step: 'prepare', outcome: 'ok', message: 'prepared', details: { lines: 3 } },
      ...messages.map((message) => ({
        workspaceId,
        orderKey,
        step: 'tax',
        outcome: 'info' as const,
        message,
      })),
    ]);
    await recordStep(db, { workspaceId, orderKey, step: 'payment', outcome: 'pending', message: 'queued' });
    const timeline = await timelineFor(db, { workspaceId, orderKey });
    expect(timeline.map((t) => t.message)).toEqual(['prepared', ...messages, 'queued']);
    expect(timeline[0]).toMatchObject({ step: 'prepare', outcome: 'ok', details: { lines: 3 } });
    expect(timeline[1]).toMatchObject({ step: 'tax', outcome: 'info', details: {} });
  });

  it('writes nothing for no steps', async () => {
    const orderKey = `c:${randomUUID()}`;
    await recordSteps(database.handle.db, []);
    expect(await timelineFor(database.handle.db, { workspaceId, orderKey })).toEqual([]);
  });
});
