import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { migrateToLatest } from '../db/migrate.ts';
import type { DeadLetter } from '../queue/job-queue.ts';
import { queueNames } from '../queue/queue-names.ts';
import { createTestDatabase, type TestDatabase, testBackends } from '../testing/test-databases.ts';
import { createDeadLetterConsole } from './dead-letters.ts';

// A queue holding dead letters in memory: what is re-enqueued and what is deleted is what the test reads.
function memoryQueue(letters: DeadLetter[]) {
  const enqueued: Array<{ queue: string; data: unknown }> = [];
  return {
    enqueued,
    letters,
    async deadLetters(queue: string) {
      return letters.filter((l) => l.queue === queue);
    },
    async enqueue(input: { queue: string; data: unknown }) {
      enqueued.push({ queue: input.queue, data: input.data });
      return 'job';
    },
    async deleteDeadLetter(_queue: string, id: string) {
      letters.splice(
        letters.findIndex((l) => l.id === id),
        1,
      );
    },
  };
}

const letter = (id: string, workspaceId: string): DeadLetter => ({
  id,
  queue: queueNames.xeroEvents,
  sourceJobId: null,
  retries: 3,
  data: { workspaceId, type: 'invoice', resourceId: `res-${id}` },
  error: { message: `failed ${id}` },
  createdOn: new Date('2026-12-01T00:00:00Z'),
});

describe.each(testBackends)('dead letters on %s: replay, replay all, skip', (backend) => {
  let database: TestDatabase;
  let workspaceId: string;

  beforeAll(async () => {
    database = await createTestDatabase(backend, inject('postgresUrl'));
    await migrateToLatest(database.handle.db);
    const row = await database.handle.db
      .insertInto('workspaces')
      .values({ name: 'dead letters' })
      .returning('id')
      .executeTakeFirstOrThrow();
    workspaceId = row.id;
  });

  afterAll(async () => {
    await database?.drop();
  });

  const audit = async (action: string) => {
    const rows = await database.handle.db
      .selectFrom('audit_log')
      .select(['actor', 'details'])
      .where('workspace_id', '=', workspaceId)
      .where('action', '=', action)
      .execute();
    return rows.map((r) => ({
      actor: r.actor,
      details: (typeof r.details === 'string' ? JSON.parse(r.details) : r.details) as unknown,
    }));
  };

  it('replays one letter, several, or skips one with its reason: each audited, others untouched', async () => {
    const queue = memoryQueue([
      letter('a', workspaceId),
      letter('b', workspaceId),
      letter('c', workspaceId),
      letter('d', workspaceId),
      letter('other', '00000000-0000-4000-8000-000000000000'),
    ]);
    const console = createDeadLetterConsole({ db: database.handle.db, queue: queue as never });
    const actor = 'ops@merchant.example';

    expect(await console.replay({ workspaceId, actor, id: 'other' })).toMatchObject({ ok: false });
    expect(await console.replay({ workspaceId, actor, id: 'a' })).toEqual({ ok: true, value: undefined });
    expect(await console.replayAll({ workspaceId, actor, ids: ['b', 'c'] })).toEqual({
      ok: true,
      value: { replayed: 2 },
    });
    expect(await console.skip({ workspaceId, actor, id: 'd', reason: '  ' })).toMatchObject({
      ok: false,
      error: { code: 'invalid' },
    });
    expect(await console.skip({ workspaceId, actor, id: 'd', reason: 'a test order' })).toEqual({
      ok: true,
      value: undefined,
    });

    expect(queue.enqueued.map((e) => (e.data as { resourceId: string }).resourceId)).toEqual([
      'res-a',
      'res-b',
      'res-c',
    ]);
    expect(queue.letters.map((l) => l.id)).toEqual(['other']);
    const replayed = (await audit('dead-letter.replayed')).map((r) => r.details);
    expect(replayed).toEqual(
      expect.arrayContaining([
        { queue: queueNames.xeroEvents, summary: 'invoice · res-a' },
        { count: 2, summaries: ['invoice · res-b', 'invoice · res-c'] },
      ]),
    );
    expect(replayed).toHaveLength(2);
    const skipped = await audit('dead-letter.skipped');
    expect(skipped.map((r) => r.actor)).toEqual([actor]);
    expect(skipped[0]?.details).toEqual({
      queue: queueNames.xeroEvents,
      summary: 'invoice · res-d',
      error: 'failed d',
      reason: 'a test order',
      data: { workspaceId, type: 'invoice', resourceId: 'res-d' },
    });
  });
});
