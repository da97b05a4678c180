import { type AccountingItem, fail, ok, permanent, retryable, type Result } from '@ledgerbridge/canonical';
import { describe, expect, it } from 'vitest';
import type { ItemPollStore } from './item-poll-repo.ts';
import { type FieldOwners, ownersWith } from './field-ownership.ts';
import type { ItemFields } from './item-drift.ts';
import { pollItems } from './poll-items.ts';

const tracked = (code: string, quantityOnHand: string, updatedAt: string): AccountingItem => ({
  id: `id-${code}`,
  code,
  isTrackedAsInventory: true,
  quantityOnHand,
  updatedAt,
});

function harness(
  options: {
    stockFromXero?: boolean;
    catalogSynced?: boolean;
    items?: AccountingItem[];
    /** What both sides last agreed on per code, and what the item operation holds (price). */
    agreed?: Map<string, ItemFields>;
    sentPrice?: string;
    owners?: FieldOwners;
    /** Item codes that are a variant's item: code → variant ID (the product is the code lower-cased). */
    variants?: Map<string, string>;
    /** The name the item operation holds, per code (else the item's own name). */
    sentNames?: Map<string, string>;
  } = {},
) {
  const renames: Array<{ productId: string; variantId?: string; name: string }> = [];
  const fieldWrites: Array<{ productId: string; variantId?: string; field: string; value: string }> = [];
  const adopted: Array<{ key: string; field: string; value: string }> = [];
  const marks = new Map<string, { modifiedSince: Date | null; fullReadAt: Date | null }>();
  const stock = new Map<string, string>();
  const lists: Array<{ modifiedSince?: Date }> = [];
  const writes: Array<{ productId: string; variantId?: string; quantityAvailable: number }> = [];
  let items = options.items ?? [];
  let answer: (productId: string) => Result<void> = () => ok(undefined);
  let clock = new Date('2026-12-06T10:00:00Z');
  const store: ItemPollStore = {
    context: async (id) =>
      id === 'conn'
        ? {
            workspaceId: 'ws',
            tenantId: 't',
            stockFromXero: options.stockFromXero ?? true,
            catalogSynced: options.catalogSynced ?? true,
            ...(options.owners ? { owners: options.owners } : {}),
          }
        : undefined,
    watermark: async (id) => marks.get(id) ?? { modifiedSince: null, fullReadAt: null },
    saveWatermark: async (id, mark) => {
      marks.set(id, { modifiedSince: mark.modifiedSince, fullReadAt: mark.fullReadAt });
    },
    itemOps: async ({ codes }) =>
      new Map(
        codes
          .filter((c) => c !== 'FOREIGN')
          .map((c) => {
            const x = items.find((i) => i.code === c);
            return [
              c,
              {
                key: `t:item-upsert:${c}`,
                productId: c.toLowerCase(),
                ...(options.variants?.has(c) ? { variantId: options.variants.get(c) } : {}),
                fields: {
                  name: options.sentNames?.get(c) ?? x?.name ?? c,
                  ...(options.sentPrice ? { salesUnitPrice: options.sentPrice } : {}),
                },
                pending: false,
                plannedAt: new Date(0),
              },
            ];
          }),
      ),
    agreedStates: async () => options.agreed ?? new Map(),
    saveAgreed: async () => {},
    reopenItem: async () => {},
    adoptName: async () => {},
    adoptField: async (key, field, value) => {
      adopted.push({ key, field, value });
    },
    recordConflicts: async () => {},
    lastStock: async (_ws, ids) =>
      new Map(ids.flatMap((id) => (stock.has(id) ? [[id, stock.get(id) ?? '']] : []))),
    recordStock: async (_ws, id, fingerprint) => {
      stock.set(id, fingerprint);
    },
  };
  const deps = {
    store,
    accountingFor: () => ({
      listItems: async (input: { tenantId: string; modifiedSince?: Date }) => {
        lists.push(input.modifiedSince ? { modifiedSince: input.modifiedSince } : {});
        return ok(items);
      },
    }),
    commerceFor: async () => ({
      setProductStock: async (input: {
        productId: string;
        variantId?: string;
        quantityAvailable: number;
      }) => {
        writes.push(input);
        return answer(input.productId);
      },
      renameProduct: async (input: { productId: string; variantId?: string; name: string }) => {
        renames.push(input);
        return ok(undefined);
      },
      setProductField: async (input: {
        productId: string;
        variantId?: string;
        field: string;
        value: string;
      }) => {
        fieldWrites.push(input);
        return ok(undefined);
      },
    }),
    now: () => clock,
  };
  return {
    deps,
    renames,
    fieldWrites,
    adopted,
    lists,
    writes,
    marks,
    setItems: (next: AccountingItem[]) => {
      items = next;
    },
    answer: (fn: (productId: string) => Result<void>) => {
      answer = fn;
    },
    advance: (ms: number) => {
      clock = new Date(clock.getTime() + ms);
    },
  };
}

describe('pollItems', () => {
  it('costs no call while no product was synced and the mapping keeps stock in OrderCloud', async () => {
    const h = harness({
      stockFromXero: false,
      catalogSynced: false,
      items: [tracked('TENT', '3', '2026-12-06T09:00:00Z')],
    });
    const outcome = await pollItems(h.deps, { connectionId: 'conn' });
    expect(outcome.skipped).toBe('nothing-to-poll');
    expect(h.lists).toEqual([]);
    expect(h.writes).toEqual([]);
  });

  it('writes each tracked item’s stock once, then asks only for changes since the newest read', async () => {
    const h = harness({
      items: [
        tracked('TENT', '3.0000', '2026-12-06T09:00:00Z'),
        tracked('FOREIGN', '8', '2026-12-06T09:30:00Z'),
      ],
    });
    expect(await pollItems(h.deps, { connectionId: 'conn' })).toMatchObject({ read: 2, written: 1 });
    expect(h.writes).toEqual([{ productId: 'tent', quantityAvailable: 3 }]);
    h.advance(60_000);
    expect(await pollItems(h.deps, { connectionId: 'conn' })).toMatchObject({ written: 0 });
    expect(h.lists[1]?.modifiedSince?.toISOString()).toBe('2026-12-06T09:30:00.000Z');
    expect(h.writes).toHaveLength(1);
  });

  it('reads every item again once an hour', async () => {
    const h = harness({ items: [tracked('TENT', '3', '2026-12-06T09:00:00Z')] });
    await pollItems(h.deps, { connectionId: 'conn' });
    h.advance(30 * 60_000);
    await pollItems(h.deps, { connectionId: 'conn' });
    h.advance(31 * 60_000);
    await pollItems(h.deps, { connectionId: 'conn' });
    expect(h.lists.map((l) => l.modifiedSince !== undefined)).toEqual([false, true, false]);
  });

  it('keeps the watermark when OrderCloud fails for now, and names a product it refuses', async () => {
    const h = harness({ items: [tracked('TENT', '3', '2026-12-06T09:00:00Z')] });
    h.answer(() => fail(retryable('ordercloud.unavailable', 'down')));
    await expect(pollItems(h.deps, { connectionId: 'conn' })).rejects.toThrow(/down/);
    expect(h.marks.get('conn')).toBeUndefined();
    h.answer(() => fail(permanent('ordercloud.not_found', 'gone')));
    expect(await pollItems(h.deps, { connectionId: 'conn' })).toMatchObject({
      written: 0,
      refused: ['tent'],
    });
    // Not tried again until the quantity moves.
    await pollItems(h.deps, { connectionId: 'conn' });
    expect(h.writes).toHaveLength(2);
    h.setItems([tracked('TENT', '5', '2026-12-06T09:10:00Z')]);
    h.answer(() => ok(undefined));
    expect(await pollItems(h.deps, { connectionId: 'conn' })).toMatchObject({ written: 1 });
    expect(h.writes.at(-1)).toEqual({ productId: 'tent', quantityAvailable: 5 });
  });
});

describe('pollItems without stock from Xero', () => {
  it('reads the synced items but writes no stock', async () => {
    const h = harness({ stockFromXero: false, items: [tracked('TENT', '3', '2026-12-06T09:00:00Z')] });
    expect(await pollItems(h.deps, { connectionId: 'conn' })).toMatchObject({ read: 1, written: 0 });
    expect(h.lists).toHaveLength(1);
    expect(h.writes).toEqual([]);
  });
});

describe('pollItems with a field the organisation gave to Xero', () => {
  it('writes Xero’s edited price to OrderCloud and adopts it, so the product webhook sends nothing back', async () => {
    const h = harness({
      stockFromXero: false,
      items: [{ ...tracked('TENT', '3', '2026-12-06T09:00:00Z'), name: 'TENT', salesUnitPrice: '99.5' }],
      agreed: new Map([['TENT', { name: 'TENT', salesUnitPrice: '149.00' }]]),
      sentPrice: '149.00',
      owners: ownersWith(new Map([['price', 'xero']])),
    });
    const outcome = await pollItems(h.deps, { connectionId: 'conn' });
    expect(outcome).toMatchObject({ resent: 0, conflicts: 0 });
    expect(h.fieldWrites).toEqual([{ productId: 'tent', field: 'price', value: '99.5' }]);
    expect(h.adopted).toEqual([{ key: 't:item-upsert:TENT', field: 'salesUnitPrice', value: '99.5' }]);
  });
});

describe('pollItems with a variant’s item', () => {
  it('writes stock and a name taken from Xero to the variant, and each stock once', async () => {
    const h = harness({
      items: [
        { ...tracked('TEE-S', '4.0000', '2026-12-06T09:00:00Z'), name: 'Tee S, cotton' },
        tracked('TEE-M', '2', '2026-12-06T09:00:00Z'),
      ],
      variants: new Map([
        ['TEE-S', 'tee-s-v'],
        ['TEE-M', 'tee-m-v'],
      ]),
      agreed: new Map([['TEE-S', { name: 'TEE-S' }]]),
      sentNames: new Map([['TEE-S', 'TEE-S']]),
    });
    expect(await pollItems(h.deps, { connectionId: 'conn' })).toMatchObject({ written: 2, renamed: 1 });
    expect(h.writes).toEqual([
      { productId: 'tee-s', variantId: 'tee-s-v', quantityAvailable: 4 },
      { productId: 'tee-m', variantId: 'tee-m-v', quantityAvailable: 2 },
    ]);
    expect(h.renames).toEqual([{ productId: 'tee-s', variantId: 'tee-s-v', name: 'Tee S, cotton' }]);
    h.advance(60_000);
    await pollItems(h.deps, { connectionId: 'conn' });
    expect(h.writes).toHaveLength(2);
  });

  it('keeps a price the organisation gave to Xero on the item only: a variant has no price of its own', async () => {
    const h = harness({
      stockFromXero: false,
      items: [{ ...tracked('TEE-S', '3', '2026-12-06T09:00:00Z'), name: 'TEE-S', salesUnitPrice: '19' }],
      variants: new Map([['TEE-S', 'tee-s-v']]),
      agreed: new Map([['TEE-S', { name: 'TEE-S', salesUnitPrice: '20' }]]),
      sentPrice: '20',
      owners: ownersWith(new Map([['price', 'xero']])),
    });
    expect(await pollItems(h.deps, { connectionId: 'conn' })).toMatchObject({ resent: 0 });
    expect(h.fieldWrites).toEqual([]);
    expect(h.adopted).toEqual([{ key: 't:item-upsert:TEE-S', field: 'salesUnitPrice', value: '19' }]);
  });
});
