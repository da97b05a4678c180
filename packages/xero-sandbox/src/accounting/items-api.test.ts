import { describe, expect, it } from 'vitest';
import { TENANTS, unique, useHarness } from '../testing/xero-node-harness.ts';

const h = useHarness();

const api = () => h.xero.accountingApi;

describe('items through xero-node', () => {
  it('tracks an item given an INVENTORY asset account and a COGS account, with stock from adjustments only', async () => {
    const code = unique('TRK');
    const { body } = await api().updateOrCreateItems(TENANTS.au, {
      items: [
        {
          code,
          name: 'Tent',
          salesDetails: { unitPrice: 199, accountCode: '200', taxType: 'OUTPUT' },
          purchaseDetails: { cOGSAccountCode: '310' },
          inventoryAssetAccountCode: '630',
        },
      ],
    });
    expect(body.items?.[0]).toMatchObject({ code, isTrackedAsInventory: true, quantityOnHand: 0 });
    await h.sandbox.admin.editItem(TENANTS.au, code, { QuantityOnHand: 7 });
    // Writing the item again (as an integration would) never changes its stock.
    await api().updateOrCreateItems(TENANTS.au, { items: [{ code, name: 'Tent 4P' }] });
    const read = await api().getItem(TENANTS.au, code);
    expect(read.body.items?.[0]).toMatchObject({
      name: 'Tent 4P',
      quantityOnHand: 7,
      isTrackedAsInventory: true,
    });
  });

  it('refuses a tracked item whose asset account is not an inventory account, and codes over 30 characters', async () => {
    const { body } = await api().updateOrCreateItems(
      TENANTS.au,
      {
        items: [
          {
            code: unique('BAD'),
            name: 'x',
            purchaseDetails: { cOGSAccountCode: '310' },
            inventoryAssetAccountCode: '200',
          },
          { code: 'C'.repeat(31), name: 'y' },
        ],
      },
      false,
    );
    expect(body.items?.map((i) => (i.validationErrors ?? []).length > 0)).toEqual([true, true]);
  });

  it('an item no longer sold loses its sales description and details, as the Item schema says; the rest stays', async () => {
    const code = unique('SOLD');
    await api().updateOrCreateItems(TENANTS.au, {
      items: [
        {
          code,
          name: 'Lamp',
          description: 'Desk lamp',
          salesDetails: { unitPrice: 12, accountCode: '200' },
          purchaseDetails: { unitPrice: 5, accountCode: '310' },
        },
      ],
    });
    await api().updateOrCreateItems(TENANTS.au, { items: [{ code, isSold: false }] });
    const item = (await api().getItem(TENANTS.au, code)).body.items?.[0];
    expect(item).toMatchObject({ code, name: 'Lamp', isSold: false, isPurchased: true });
    expect(item?.description).toBeUndefined();
    expect(item?.salesDetails?.unitPrice).toBeUndefined();
    expect(item?.purchaseDetails?.unitPrice).toBe(5);
  });

  it('lists only items changed since If-Modified-Since', async () => {
    const before = new Date(Date.now() - 1000);
    const code = unique('NEW');
    await api().updateOrCreateItems(TENANTS.nz, { items: [{ code, name: 'New' }] });
    const all = await api().getItems(TENANTS.nz);
    const since = await api().getItems(TENANTS.nz, before);
    expect(since.body.items?.map((i) => i.code)).toContain(code);
    const later = await api().getItems(TENANTS.nz, new Date(Date.now() + 60_000));
    expect(later.body.items ?? []).toEqual([]);
    expect((all.body.items ?? []).length).toBeGreaterThanOrEqual((since.body.items ?? []).length);
  });
});
