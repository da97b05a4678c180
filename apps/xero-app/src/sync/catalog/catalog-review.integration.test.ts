import { type AccountingItem, fail, ok, type Product, retryAfter } from '@ledgerbridge/canonical';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createKeyring } from '../../crypto/keyring.ts';
import type { Db } from '../../db/database.ts';
import { migrateToLatest } from '../../db/migrate.ts';
import { defaultMapping } from '../../mapping/default-mapping.ts';
import { fixtureReference } from '../../testing/fixture-reference.ts';
import { seedSyncContext } from '../../testing/seed-sync-context.ts';
import { createTestDatabase, type TestDatabase, testBackends } from '../../testing/test-databases.ts';
import { listConflicts } from './catalog-conflicts-repo.ts';
import { createCatalogReviewStore, reviewOpen } from './catalog-review-repo.ts';
import { applyCatalogReview, catalogReviews, startCatalogReview } from './catalog-review.ts';
import type { ReviewChoices } from './review-plan.ts';
import { chooseConflictSide } from './choose-conflict-side.ts';
import { syncProduct } from './sync-product.ts';
import { createConflictChoiceStore } from './conflict-choice-repo.ts';
import { itemCodeFor } from './item-code.ts';

const keyring = createKeyring({ current: 'test-key-test-key-test-key-test-key-1234' });
const mapping = defaultMapping(fixtureReference('au'));
const longSku = 'ACME-OUTDOOR-TENT-4P-GREEN-XL-2026-EDITION-01';

const product = (id: string, sku: string, name: string, price: string): Product => ({
  id,
  ...(sku.length <= 30 ? { sku } : {}),
  name,
  price,
  active: true,
  attributes: sku.length > 30 ? { sourceSku: sku } : {},
});
const item = (code: string, name: string, price: string): AccountingItem => ({
  id: `id-${code}`,
  code,
  name,
  salesUnitPrice: price,
  isTrackedAsInventory: false,
});

// A catalog meeting an organisation that already has items: the same code, the same name, Xero-only.
const catalog = [
  product('mug', 'MUG-1', 'Mug', '12.00'),
  product('cup', 'CUP-1', 'Espresso cup', '5.00'),
  product('tent', longSku, 'Tent', '149.00'),
  product('new', 'NEW-1', 'New thing', '1.00'),
];
const organisation = [
  item('MUG-1', 'Mug', '12'),
  item('ESP', 'espresso cup', '4.5'),
  { ...item(itemCodeFor(longSku), 'Tent', '149'), description: `SKU ${longSku}` },
  item('OLD', 'Old item', '3'),
  item('SERVICE', 'Delivery', '10'),
];

describe.each(testBackends)('catalog review on %s', (backend) => {
  let database: TestDatabase;
  let db: Db;
  beforeAll(async () => {
    database = await createTestDatabase(backend, inject('postgresUrl'));
    await migrateToLatest(database.handle.db);
    db = database.handle.db;
  });
  afterAll(async () => database?.drop());

  async function setup() {
    const seeded = await seedSyncContext(db, keyring, {
      tenantId: `tenant-${Math.random().toString(36).slice(2)}`,
      accessToken: 'a',
      refreshToken: 'r',
      orderCloud: { apiUrl: 'http://127.0.0.1:1', clientId: 'c', clientSecret: 's', hashKey: 'h' },
    });
    const calls = { listItems: 0, listProducts: 0, flushes: 0 };
    const written: Array<{ productId: string; field: string; value: string }> = [];
    let products = catalog;
    let items = organisation;
    const deps = {
      store: createCatalogReviewStore(db),
      commerceFor: async () => ({
        listProducts: async () => {
          calls.listProducts += 1;
          return ok(products);
        },
        setProductField: async (input: { productId: string; field: string; value: string }) => {
          written.push(input);
          return ok(undefined);
        },
      }),
      accountingFor: () => ({
        listItems: async () => {
          calls.listItems += 1;
          return ok(items);
        },
      }),
      mappingOf: async () => mapping,
      requestFlush: async () => {
        calls.flushes += 1;
      },
    };
    const actor = { workspaceId: seeded.workspaceId, actor: 'merchant@example.com' };
    const ops = () =>
      db
        .selectFrom('xero_operations')
        .select(['kind', 'op_key', 'status', 'payload'])
        .where('workspace_id', '=', seeded.workspaceId)
        .orderBy('op_key')
        .execute();
    const setProducts = (next: Product[]) => {
      products = next;
    };
    const setItems = (next: AccountingItem[]) => {
      items = next;
    };
    /** Both catalogs read for the seeded marketplace: the review's ID. */
    const start = async () => {
      const started = await startCatalogReview(deps, { ...actor, connectionId: seeded.connectionId });
      if (!started.ok) throw new Error(started.error.message);
      return started.value.id;
    };
    const apply = (reviewId: string, choices: Partial<ReviewChoices> = {}) =>
      applyCatalogReview(deps, {
        ...actor,
        reviewId,
        choices: { pairing: new Map(), archive: new Set(), ...choices },
      });
    /** What was planned counts as sent (the flusher is not part of these tests). */
    const allSent = () =>
      db
        .updateTable('xero_operations')
        .set({ status: 'done' })
        .where('workspace_id', '=', seeded.workspaceId)
        .execute();
    return { seeded, deps, calls, written, actor, ops, setProducts, setItems, start, apply, allSent };
  }

  // A merchant's "Read both catalogs" while Xero's minute is taken (a flush had its last call, or Xero
  // answered 429): a short "retry after" is waited through; a long one says plainly that nothing was read.
  it('waits out a moment of a busy Xero budget, and says when to come back when it is longer', async () => {
    const { seeded, deps, actor } = await setup();
    const answers = [
      fail(retryAfter('budget-minute-limit', 'Xero budget: minute limit', 1_200)),
      ok(organisation),
    ];
    const slept: number[] = [];
    const busy = {
      ...deps,
      accountingFor: () => ({ listItems: async () => answers.shift() ?? ok(organisation) }),
      sleep: async (ms: number) => {
        slept.push(ms);
      },
    };
    const started = await startCatalogReview(busy, { ...actor, connectionId: seeded.connectionId });
    expect(started.ok).toBe(true);
    expect(slept).toEqual([1_200]);
    const refused = await startCatalogReview(
      {
        ...busy,
        accountingFor: () => ({
          listItems: async () =>
            fail(retryAfter('budget-daily-limit', 'Xero budget: daily limit', 3_600_000)),
        }),
      },
      { ...actor, connectionId: seeded.connectionId },
    );
    expect(refused.ok === false && refused.error.message).toMatch(
      /nothing was read\. Read both catalogs again in about 3600 s/,
    );
  });

  it('reads both sides once, proposes, and plans nothing until Apply', async () => {
    const { seeded, deps, calls, actor, ops } = await setup();
    const started = await startCatalogReview(deps, { ...actor, connectionId: seeded.connectionId });
    expect(started.ok).toBe(true);
    expect(calls).toMatchObject({ listItems: 1, listProducts: 1, flushes: 0 });
    expect(await reviewOpen(db, seeded.connectionId)).toBe(true);
    const [view] = await catalogReviews(deps, seeded.workspaceId);
    const proposal = view?.review?.proposal;
    expect(proposal?.pairs.map((p) => [p.productId, p.code, p.by])).toEqual([
      ['mug', 'MUG-1', 'code'],
      ['tent', itemCodeFor(longSku), 'code'],
      ['cup', 'ESP', 'name'],
    ]);
    expect(proposal?.unmatchedProducts).toEqual(['new']);
    expect(proposal?.unmatchedItems).toEqual(['OLD', 'SERVICE']);
    expect(await ops()).toEqual([]);
  });

  it('applies: creates, updates and archives only what was chosen, adopts equal pairs, lists conflicts', async () => {
    const { seeded, calls, ops, start, apply } = await setup();
    const reviewId = await start();
    const applied = await apply(reviewId, {
      pairing: new Map([['new', null]]),
      archive: new Set(['OLD']),
    });
    expect(applied).toEqual({ ok: true, value: { created: 1, updated: 1, adopted: 2, archived: 1 } });
    expect(calls.flushes).toBe(1);
    const rows = await ops();
    const byKey = new Map(rows.map((r) => [r.op_key.split(':').slice(1).join(':'), r]));
    expect([...byKey.keys()].sort()).toEqual(
      [
        'item-archive:OLD',
        'item-upsert:ESP',
        'item-upsert:MUG-1',
        'item-upsert:NEW-1',
        `item-upsert:${itemCodeFor(longSku)}`,
      ].sort(),
    );
    expect(byKey.get('item-upsert:MUG-1')?.status).toBe('done');
    expect(byKey.get(`item-upsert:${itemCodeFor(longSku)}`)?.status).toBe('done');
    expect(byKey.get('item-upsert:ESP')).toMatchObject({
      status: 'ready',
      payload: expect.objectContaining({
        productId: 'cup',
        code: 'ESP',
        name: 'Espresso cup',
        salesUnitPrice: '5.00',
      }),
    });
    expect(byKey.get('item-upsert:NEW-1')?.status).toBe('ready');
    expect(byKey.get('item-archive:OLD')).toMatchObject({
      status: 'ready',
      payload: { code: 'OLD', name: 'Old item' },
    });
    const conflicts = await listConflicts(db, { workspaceId: seeded.workspaceId });
    expect(
      conflicts.map((c) => [c.productId, c.itemCode, c.field, c.ordercloud, c.xero, c.winner]).sort(),
    ).toEqual([
      ['cup', 'ESP', 'name', 'Espresso cup', 'espresso cup', 'ordercloud'],
      ['cup', 'ESP', 'price', '5.00', '4.5', 'ordercloud'],
    ]);
    const link = await db
      .selectFrom('catalog_item_links')
      .selectAll()
      .where('connection_id', '=', seeded.connectionId)
      .execute();
    expect(link).toEqual([{ connection_id: seeded.connectionId, product_id: 'cup', item_code: 'ESP' }]);
    expect(await reviewOpen(db, seeded.connectionId)).toBe(false);
    const audit = await db
      .selectFrom('audit_log')
      .select(['action', 'actor'])
      .where('workspace_id', '=', seeded.workspaceId)
      .execute();
    expect(audit).toEqual([{ action: 'catalog.review-applied', actor: 'merchant@example.com' }]);
    // Applied once only.
    const again = await apply(reviewId);
    expect(again.ok).toBe(false);
  });

  it('refuses an older review once the catalogs were read again', async () => {
    const { ops, start, apply } = await setup();
    const older = await start();
    const newer = await start();
    const refused = await apply(older);
    expect(!refused.ok && refused.error.message).toMatch(/read again since/);
    expect(await ops()).toEqual([]);
    expect((await apply(newer)).ok).toBe(true);
  });

  it('refuses contradictory choices and writes nothing', async () => {
    const { seeded, ops, start, apply } = await setup();
    const reviewId = await start();
    const refused = await apply(reviewId, { pairing: new Map([['new', 'MUG-1']]) });
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.error.message).toMatch(/MUG-1 is chosen for both/);
    expect(await ops()).toEqual([]);
    expect(await reviewOpen(db, seeded.connectionId)).toBe(true);
  });

  it('a product added after the review follows the proposal at Apply', async () => {
    const { ops, setProducts, start, apply } = await setup();
    const reviewId = await start();
    setProducts([...catalog, product('later', 'LATER-1', 'Later', '2.00')]);
    const applied = await apply(reviewId);
    expect(applied.ok && applied.value.created).toBe(2);
    expect((await ops()).map((o) => o.op_key.split(':').at(-1))).toContain('LATER-1');
  });

  it('a conflict settled for Xero puts Xero’s value on both sides and, with always, gives Xero the field', async () => {
    const { seeded, deps, actor, ops, written, start, apply, allSent } = await setup();
    const reviewId = await start();
    await apply(reviewId);
    await allSent();
    const price = (await listConflicts(db, { workspaceId: seeded.workspaceId })).find(
      (c) => c.field === 'price',
    );
    if (!price) throw new Error('no price conflict');
    let flushes = 0;
    const choiceDeps = {
      store: createConflictChoiceStore(db),
      commerceFor: deps.commerceFor,
      requestFlush: async () => {
        flushes += 1;
      },
    };
    const chosen = await chooseConflictSide(choiceDeps, {
      ...actor,
      conflictId: price.id,
      side: 'xero',
      always: true,
    });
    expect(chosen).toEqual({ ok: true, value: { written: true } });
    expect(written).toEqual([{ productId: 'cup', field: 'price', value: '4.5' }]);
    expect(flushes).toBe(1);
    const esp = (await ops()).find((o) => o.op_key.endsWith(':item-upsert:ESP'));
    expect(esp).toMatchObject({
      status: 'ready',
      payload: expect.objectContaining({ salesUnitPrice: '4.5' }),
    });
    const owners = await db
      .selectFrom('catalog_field_owners')
      .select(['field', 'owner'])
      .where('workspace_id', '=', seeded.workspaceId)
      .execute();
    expect(owners).toEqual([{ field: 'price', owner: 'xero' }]);
    const listed = (await listConflicts(db, { workspaceId: seeded.workspaceId })).find(
      (c) => c.id === price.id,
    );
    expect(listed).toMatchObject({ resolvedSide: 'xero', resolvedBy: 'merchant@example.com' });
    const audit = await db
      .selectFrom('audit_log')
      .select('action')
      .where('workspace_id', '=', seeded.workspaceId)
      .where('action', '=', 'catalog.conflict-chosen')
      .execute();
    expect(audit).toHaveLength(1);
    // Settled once.
    const again = await chooseConflictSide(choiceDeps, {
      ...actor,
      conflictId: price.id,
      side: 'ordercloud',
      always: false,
    });
    expect(again.ok).toBe(false);
    // The side the rule kept: nothing written, only recorded.
    const name = (await listConflicts(db, { workspaceId: seeded.workspaceId })).find(
      (c) => c.field === 'name',
    );
    if (!name) throw new Error('no name conflict');
    expect(
      await chooseConflictSide(choiceDeps, {
        ...actor,
        conflictId: name.id,
        side: 'ordercloud',
        always: false,
      }),
    ).toEqual({ ok: true, value: { written: false } });
    expect(written).toHaveLength(1);
  });

  it('product changes wait for Apply, then follow the pairing and the organisation’s "always"', async () => {
    const { seeded, actor, ops, setProducts, start, apply, allSent } = await setup();
    let flushes = 0;
    let current = catalog;
    const syncDeps = {
      db,
      commerceFor: async () =>
        ({
          getProduct: async ({ productId }: { productId: string }) =>
            ok(current.find((p) => p.id === productId) as Product),
          setProductField: async () => ok(undefined),
        }) as never,
      accountingFor: () => ({ getReferenceData: async () => ok(fixtureReference('au')) }) as never,
      requestFlush: async () => {
        flushes += 1;
      },
    };
    const reviewId = await start();
    expect(await syncProduct(syncDeps, { connectionId: seeded.connectionId, productId: 'cup' })).toEqual({
      planned: false,
    });
    expect(await ops()).toEqual([]);
    await apply(reviewId);
    await allSent();
    // The cup was paired by name with Xero's ESP: a change goes to that item, not a new CUP-1.
    current = catalog.map((p) => (p.id === 'cup' ? { ...p, name: 'Espresso cup, white' } : p));
    setProducts(current);
    expect(await syncProduct(syncDeps, { connectionId: seeded.connectionId, productId: 'cup' })).toEqual({
      planned: true,
    });
    const cupOps = (await ops()).filter((o) => (o.payload as { productId?: string }).productId === 'cup');
    expect(cupOps).toHaveLength(1);
    expect(cupOps[0]).toMatchObject({
      status: 'ready',
      payload: expect.objectContaining({ code: 'ESP', name: 'Espresso cup, white' }),
    });
    // Prices always Xero's: OrderCloud's new price is not sent; the item keeps Xero's.
    const price = (await listConflicts(db, { workspaceId: seeded.workspaceId })).find(
      (c) => c.field === 'price',
    );
    if (!price) throw new Error('no price conflict');
    await chooseConflictSide(
      {
        store: createConflictChoiceStore(db),
        commerceFor: syncDeps.commerceFor,
        requestFlush: async () => {},
      },
      { ...actor, conflictId: price.id, side: 'xero', always: true },
    );
    await allSent();
    current = current.map((p) => (p.id === 'cup' ? { ...p, price: '6.00' } : p));
    expect(await syncProduct(syncDeps, { connectionId: seeded.connectionId, productId: 'cup' })).toEqual({
      planned: false,
    });
    const cup = (await ops()).find((o) => o.op_key.endsWith(':item-upsert:ESP'));
    expect(cup).toMatchObject({
      status: 'done',
      payload: expect.objectContaining({ salesUnitPrice: '4.5' }),
    });
    expect(flushes).toBe(1);
  });

  it('a second review adopts a pair both sides changed alike, recording what Xero holds now', async () => {
    const { ops, setProducts, setItems, start, apply, allSent } = await setup();
    await apply(await start());
    await allSent();
    // Xero as the first Apply left it, then the mug's price changed alike on both sides; the cup renamed on
    // both sides (its pairing by name no longer holds, the recorded pairing does).
    const renamed = 'Espresso cup, white';
    setProducts(
      catalog.map((p) =>
        p.id === 'mug' ? { ...p, price: '13.00' } : p.id === 'cup' ? { ...p, name: renamed } : p,
      ),
    );
    setItems([
      ...organisation.map((i) =>
        i.code === 'MUG-1'
          ? { ...i, salesUnitPrice: '13' }
          : i.code === 'ESP'
            ? { ...i, name: renamed, salesUnitPrice: '5.00' }
            : i,
      ),
      item('NEW-1', 'New thing', '1.00'),
    ]);
    const again = await apply(await start());
    expect(again.ok && again.value).toEqual({ created: 0, updated: 0, adopted: 4, archived: 0 });
    const mug = (await ops()).find((o) => o.op_key.endsWith(':item-upsert:MUG-1'));
    expect(mug).toMatchObject({
      status: 'done',
      payload: expect.objectContaining({ salesUnitPrice: '13.00' }),
    });
  });
});
