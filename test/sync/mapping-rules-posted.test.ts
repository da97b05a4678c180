import {
  createKeyring,
  createMappingStudio,
  createRateBudget,
  createStudioOrdersRepo,
  createVersionsRepo,
  flushTenant,
  MappingConfigSchema,
  migrateToLatest,
  referenceData,
  syncOrder,
  xeroLimits,
} from '@ledgerbridge/xero-app';
import { createTestDatabase, seedSyncContext, type TestDatabase } from '@ledgerbridge/xero-app/testing';
import { type CommerceSource, ok, type Order, OrderSchema } from '@ledgerbridge/canonical';
import { createXeroAccountingAdapter, createXeroApiClient } from '@ledgerbridge/xero';
import { SEEDED_TENANT_IDS, startXeroSandbox, type XeroSandbox } from '@ledgerbridge/xero-sandbox';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';

const tenantId = SEEDED_TENANT_IDS.au;

function order(id: string, net: string, tax: string, total: string): Order {
  return OrderSchema.parse({
    id,
    status: 'open',
    currency: 'AUD',
    placedAt: '2026-12-01T01:00:00Z',
    customer: {
      id: `u-${id}`,
      kind: 'person',
      firstName: 'Mia',
      lastName: 'Wong',
      email: `${id}@example.com`,
    },
    pricesIncludeTax: false,
    lines: [
      {
        id: `${id}-1`,
        name: 'Walnut desk - 160 cm',
        quantity: '1',
        unitPrice: net,
        lineSubtotal: net,
        category: 'Office',
        taxes: [{ code: 'AU-GST', ratePercent: '10', amount: tax }],
      },
    ],
    taxTotal: tax,
    total,
  });
}

describe('mapping rules on the invoice posted to Xero (sandbox, real xero-node client)', () => {
  let sandbox: XeroSandbox;
  let database: TestDatabase;

  beforeAll(async () => {
    sandbox = await startXeroSandbox({});
    database = await createTestDatabase('pglite', inject('postgresUrl'));
    await migrateToLatest(database.handle.db);
  });
  afterAll(async () => {
    await database?.drop();
    await sandbox?.close();
  });

  it('tracks an order over 1000 as high value, concatenates the reference, splits the description; shapes contacts', async () => {
    const db = database.handle.db;
    const tokens = await sandbox.admin.issueTokens({ tenantIds: [tenantId] });
    const ctx = await seedSyncContext(db, createKeyring({ current: 'k'.repeat(43) }), {
      tenantId,
      accessToken: tokens.access_token,
      refreshToken: tokens.refresh_token ?? 'unused',
      orderCloud: { apiUrl: 'http://127.0.0.1:1', clientId: 'c', clientSecret: 's', hashKey: 'h' },
    });
    const accounting = createXeroAccountingAdapter({
      client: createXeroApiClient({ basePath: sandbox.apiBasePath }),
      gate: createRateBudget({ db, limits: async () => xeroLimits(5000) }),
      tokens: { getAccessToken: async () => ok({ accessToken: tokens.access_token }) },
    });
    // A shopper whose whole name sits in one field, street and unit on one line.
    const oneField = order('NAME-1', '100.00', '10.00', '110.00');
    const orders = new Map([
      ['BIG-1', order('BIG-1', '1200.00', '120.00', '1320.00')],
      ['SMALL-1', order('SMALL-1', '100.00', '10.00', '110.00')],
      [
        'NAME-1',
        OrderSchema.parse({
          ...oneField,
          customer: {
            id: 'u-NAME-1',
            kind: 'person',
            firstName: 'Ana van der Berg',
            email: 'ana@example.com',
            billingAddress: { line1: 'Unit 5, 12 High Street', city: 'Perth', country: 'AU' },
          },
        }),
      ],
    ]);
    const commerce = {
      getOrder: async ({ orderId }: { orderId: string }) => ok(orders.get(orderId) as Order),
      getPayments: async () => ok([]),
      getRefunds: async () => ok([]),
      writeBack: async () => ok(undefined),
    } as unknown as CommerceSource;

    // The merchant's rules, saved through the studio as a version of prod's mapping.
    const studio = createMappingStudio({
      versions: createVersionsRepo(db),
      orders: createStudioOrdersRepo(db),
      reference: ({ tenantId: t, force }) =>
        referenceData({ db, accounting, tenantId: t, maxAgeMs: 60_000, force }),
    });
    const state = await studio.load(ctx.workspaceId, 'prod');
    const config = MappingConfigSchema.parse({
      ...state!.draft!,
      transforms: [
        { target: 'tracking', when: 'total > 1000', category: 'Sales Channel', option: 'Wholesale' },
        { target: 'reference', expression: "id & ' / ' & customer.lastName" },
        { target: 'line-description', expression: "$trim($split($line.name, ' - ')[0])" },
      ],
      contacts: {
        ...state!.draft!.contacts,
        nameFormat: 'last-comma-first',
        splitFullName: true,
        splitStreet: true,
      },
    });
    const saved = await studio.save({ workspaceId: ctx.workspaceId, actor: 'owner' }, 'prod', {
      config,
      note: 'high value tracking',
      parentId: null,
    });
    expect(saved.ok).toBe(true);

    // The preview shows the same result the sync then posts.
    const preview = await studio.preview(ctx.workspaceId, 'prod', config, undefined);
    expect(preview.ok).toBe(true);

    const deps = {
      db,
      commerceFor: async () => commerce,
      accountingFor: () => accounting,
      requestFlush: async () => {},
      requestWriteBack: async () => {},
    };
    for (const id of orders.keys()) await syncOrder(deps, { connectionId: ctx.connectionId, orderId: id });
    const flushDeps = {
      db,
      accountingFor: () => accounting,
      requestWriteBack: async () => {},
      budgetScarce: async () => false,
    };
    await flushTenant(flushDeps, { tenantId });
    await flushTenant(flushDeps, { tenantId });

    const docs = await sandbox.admin.documents(tenantId);
    type Line = { Description: string; Tracking?: Array<{ Name: string; Option: string }> };
    const big = docs.invoices.find((i) => i.Reference === 'BIG-1 / Wong');
    const small = docs.invoices.find((i) => i.Reference === 'SMALL-1 / Wong');
    expect(big, 'the big order’s invoice, with the concatenated reference').toBeDefined();
    expect(small).toBeDefined();
    const bigLine = ((big?.LineItems ?? []) as Line[])[0];
    expect(bigLine?.Description).toBe('Walnut desk');
    expect(bigLine?.Tracking).toEqual([
      expect.objectContaining({ Name: 'Sales Channel', Option: 'Wholesale' }),
    ]);
    const smallLine = ((small?.LineItems ?? []) as Line[])[0];
    expect(smallLine?.Description).toBe('Walnut desk');
    expect(smallLine?.Tracking?.some((t) => t.Option === 'Wholesale') ?? false).toBe(false);

    // Contacts as the mapping shapes them: names joined "Last, First"; a full name split; street split.
    type Contact = {
      Name: string;
      FirstName?: string;
      LastName?: string;
      Addresses?: Array<{ AddressLine1?: string; AddressLine2?: string }>;
    };
    const contacts = docs.contacts as Contact[];
    expect(contacts.map((c) => c.Name)).toEqual(expect.arrayContaining(['Wong, Mia', 'van der Berg, Ana']));
    const ana = contacts.find((c) => c.Name === 'van der Berg, Ana');
    expect([ana?.FirstName, ana?.LastName]).toEqual(['Ana', 'van der Berg']);
    expect(ana?.Addresses?.[0]).toMatchObject({ AddressLine1: 'Unit 5', AddressLine2: '12 High Street' });
  });
});
