import { fail, ok, type Result, retryAfter } from '@ledgerbridge/canonical';
import { describe, expect, it } from 'vitest';
import { createBatchedReader } from './batched-reads.ts';

type Doc = { id: string; name: string };

const setup = (answer?: (ids: readonly string[]) => Result<Doc[]>) => {
  const reads: Array<{ tenantId: string; ids: readonly string[] }> = [];
  const read = createBatchedReader<Doc>({
    gatherMs: 5,
    what: 'Invoice',
    maxIds: 3,
    readMany: async (scope, ids) => {
      reads.push({ tenantId: scope.tenantId, ids });
      return answer
        ? answer(ids)
        : ok(ids.filter((id) => id !== 'gone').map((id) => ({ id, name: `doc ${id}` })));
    },
  });
  return { read, reads };
};

describe('batched reads', () => {
  it('reads the documents asked for within the window in one call, each caller getting its own', async () => {
    const { read, reads } = setup();
    const results = await Promise.all(['a', 'b'].map((id) => read({ workspaceId: 'w', tenantId: 't1', id })));
    expect(reads).toEqual([{ tenantId: 't1', ids: ['a', 'b'] }]);
    expect(results).toEqual([ok({ id: 'a', name: 'doc a' }), ok({ id: 'b', name: 'doc b' })]);
  });

  it('reads once per organisation, and a document asked for twice once', async () => {
    const { read, reads } = setup();
    await Promise.all([
      read({ workspaceId: 'w', tenantId: 't1', id: 'a' }),
      read({ workspaceId: 'w', tenantId: 't2', id: 'b' }),
      read({ workspaceId: 'w', tenantId: 't1', id: 'a' }),
    ]);
    expect(reads.sort((x, y) => x.tenantId.localeCompare(y.tenantId))).toEqual([
      { tenantId: 't1', ids: ['a'] },
      { tenantId: 't2', ids: ['b'] },
    ]);
  });

  it('sends a full read at once and starts another past the limit per call', async () => {
    const { read, reads } = setup();
    await Promise.all(['a', 'b', 'c', 'd'].map((id) => read({ workspaceId: 'w', tenantId: 't1', id })));
    expect(reads.map((r) => r.ids)).toEqual([['a', 'b', 'c'], ['d']]);
  });

  it('answers not-found for a document Xero did not return', async () => {
    const { read } = setup();
    const [gone, kept] = await Promise.all(
      ['gone', 'kept'].map((id) => read({ workspaceId: 'w', tenantId: 't1', id })),
    );
    expect(gone).toMatchObject({ ok: false, error: { kind: 'permanent', code: 'xero-not-found' } });
    expect(kept).toEqual(ok({ id: 'kept', name: 'doc kept' }));
  });

  it('fails every caller of a failed read with its failure (a rate-limit wait stays a wait)', async () => {
    const { read } = setup(() => fail(retryAfter('budget', 'wait', 1_000)));
    const results = await Promise.all(['a', 'b'].map((id) => read({ workspaceId: 'w', tenantId: 't1', id })));
    for (const r of results) expect(r).toMatchObject({ ok: false, error: { kind: 'retry-after' } });
  });
});
