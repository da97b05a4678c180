import { Auth, Configuration, Products, Specs } from 'ordercloud-javascript-sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sandboxDefaults } from '../seed.ts';
import { type RunningOrderCloudSandbox, startOrderCloudSandbox } from '../server.ts';

// Variant generation as the release notes (v1.0.12) describe it: every combination, additions keep
// what exists, overwriteExisting starts over.
let running: RunningOrderCloudSandbox;
let admin: { accessToken: string };

beforeAll(async () => {
  running = await startOrderCloudSandbox({ idSeed: 48 });
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

const spec = async (id: string, options: string[], definesVariant = true) => {
  await Specs.Create({ ID: id, Name: id, Required: true, DefinesVariant: definesVariant }, admin);
  for (const option of options) await Specs.CreateOption(id, { ID: option, Value: option }, admin);
};

describe('specs and variants', () => {
  it('generates every combination of the variant-defining specs’ options, and adds only the missing ones', async () => {
    await spec('g-size', ['S', 'L']);
    await spec('g-colour', ['red', 'black']);
    await spec('g-engraving', ['yes'], false);
    await Products.Create({ ID: 'shirt', Name: 'Shirt' }, admin);
    for (const id of ['g-size', 'g-colour', 'g-engraving'])
      await Specs.SaveProductAssignment({ SpecID: id, ProductID: 'shirt' }, admin);
    const product = await Products.GenerateVariants('shirt', {}, {}, admin);
    expect(product).toMatchObject({ ID: 'shirt', SpecCount: 3, VariantCount: 4 });
    const first = (await Products.ListVariants('shirt', {}, admin)).Items;
    expect(first.map((v) => v.Specs.map((s) => s.OptionID).join('+')).sort()).toEqual([
      'L+black',
      'L+red',
      'S+black',
      'S+red',
    ]);
    await Products.PatchVariant('shirt', first[0]?.ID ?? '', { xp: { SKU: 'KEEP' } }, admin);
    await Specs.CreateOption('g-colour', { ID: 'blue', Value: 'blue' }, admin);
    await Products.GenerateVariants('shirt', {}, {}, admin);
    const second = (await Products.ListVariants('shirt', {}, admin)).Items;
    expect(second).toHaveLength(6);
    expect(second.find((v) => v.ID === first[0]?.ID)?.xp).toEqual({ SKU: 'KEEP' });
    await Products.GenerateVariants('shirt', {}, { overwriteExisting: true }, admin);
    const third = (await Products.ListVariants('shirt', {}, admin)).Items;
    expect(third).toHaveLength(6);
    expect(third.some((v) => v.xp?.SKU === 'KEEP')).toBe(false);
  });

  it('carries each option’s markup on the variant’s specs', async () => {
    await Specs.Create({ ID: 'm-size', Name: 'Size', DefinesVariant: true }, admin);
    await Specs.CreateOption(
      'm-size',
      { ID: 'XL', Value: 'XL', PriceMarkupType: 'Percentage', PriceMarkup: 12.5 },
      admin,
    );
    await Products.Create({ ID: 'coat', Name: 'Coat' }, admin);
    await Specs.SaveProductAssignment({ SpecID: 'm-size', ProductID: 'coat' }, admin);
    await Products.GenerateVariants('coat', {}, {}, admin);
    expect((await Specs.ListProductAssignments({ filters: { SpecID: 'm-size' } }, admin)).Items).toEqual([
      { SpecID: 'm-size', ProductID: 'coat', DefaultValue: null, DefaultOptionID: null },
    ]);
    const variant = await Products.GetVariant('coat', 'coat-XL', admin);
    expect(variant).toMatchObject({ Name: 'Coat XL', Active: true });
    expect(variant.Specs[0]).toMatchObject({
      SpecID: 'm-size',
      OptionID: 'XL',
      Value: 'XL',
      PriceMarkupType: 'Percentage',
      PriceMarkup: 12.5,
    });
  });

  it('keeps a variant’s inventory as the SDK’s VariantInventory: PATCH merges, PUT without it clears', async () => {
    await spec('inv-size', ['S', 'M']);
    await Products.Create({ ID: 'boot', Name: 'Boot' }, admin);
    await Specs.SaveProductAssignment({ SpecID: 'inv-size', ProductID: 'boot' }, admin);
    await Products.GenerateVariants('boot', {}, {}, admin);
    expect((await Products.GetVariant('boot', 'boot-S', admin)).Inventory).toBeNull();
    await Products.PatchVariant('boot', 'boot-S', { Inventory: { QuantityAvailable: 7 } }, admin);
    const first = (await Products.GetVariant('boot', 'boot-S', admin)).Inventory;
    expect(first).toMatchObject({ QuantityAvailable: 7, NotificationPoint: null });
    expect(typeof first?.LastUpdated).toBe('string');
    await Products.PatchVariant('boot', 'boot-S', { Inventory: { NotificationPoint: 2 } }, admin);
    expect((await Products.GetVariant('boot', 'boot-S', admin)).Inventory).toMatchObject({
      QuantityAvailable: 7,
      NotificationPoint: 2,
    });
    // Another variant's inventory is its own; a rename leaves the inventory alone.
    expect((await Products.GetVariant('boot', 'boot-M', admin)).Inventory).toBeNull();
    await Products.PatchVariant('boot', 'boot-S', { Name: 'Boot, small' }, admin);
    expect((await Products.GetVariant('boot', 'boot-S', admin)).Inventory?.QuantityAvailable).toBe(7);
    await Products.SaveVariant('boot', 'boot-S', { ID: 'boot-S', Name: 'Boot S' }, admin);
    expect((await Products.GetVariant('boot', 'boot-S', admin)).Inventory).toBeNull();
  });
});
