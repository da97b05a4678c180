import { Auth, Configuration, Products } from 'ordercloud-javascript-sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sandboxDefaults } from '../seed.ts';
import { type RunningOrderCloudSandbox, startOrderCloudSandbox } from '../server.ts';

// Product.Inventory as the SDK's model has it: stored and merged, LastUpdated the server's.
let running: RunningOrderCloudSandbox;
let admin: { accessToken: string };

beforeAll(async () => {
  running = await startOrderCloudSandbox({ idSeed: 47 });
  Configuration.Set({ baseApiUrl: running.url });
  const token = await Auth.ClientCredentials(
    sandboxDefaults.integrationClientSecret,
    sandboxDefaults.integrationClientId,
  );
  admin = { accessToken: token.access_token ?? '' };
});
afterAll(async () => {
  await running?.close();
});

describe('product inventory', () => {
  it('has no inventory until one is written', async () => {
    const product = await Products.Create({ ID: 'inv-none', Name: 'Plain' }, admin);
    expect(product.Inventory).toBeNull();
  });

  it('stores the inventory written and merges a PATCH of one field', async () => {
    await Products.Create(
      {
        ID: 'inv-tent',
        Name: 'Tent',
        Inventory: { Enabled: true, QuantityAvailable: 4, OrderCanExceed: false },
      },
      admin,
    );
    const patched = await Products.Patch('inv-tent', { Inventory: { QuantityAvailable: 9 } }, admin);
    expect(patched.Inventory).toMatchObject({
      Enabled: true,
      QuantityAvailable: 9,
      OrderCanExceed: false,
      VariantLevelTracking: false,
      NotificationPoint: null,
    });
    expect(typeof patched.Inventory?.LastUpdated).toBe('string');
    const read = await Products.Get('inv-tent', admin);
    expect(read.Inventory?.QuantityAvailable).toBe(9);
  });

  it('drops the inventory on a PUT without one', async () => {
    await Products.Create({ ID: 'inv-put', Name: 'Stove', Inventory: { QuantityAvailable: 2 } }, admin);
    const saved = await Products.Save('inv-put', { Name: 'Stove' }, admin);
    expect(saved.Inventory).toBeNull();
  });

  it('refuses a fractional quantity', async () => {
    await Products.Create({ ID: 'inv-frac', Name: 'Rope' }, admin);
    await expect(
      Products.Patch('inv-frac', { Inventory: { QuantityAvailable: 1.5 } }, admin),
    ).rejects.toMatchObject({ status: 400 });
  });
});
