import type { Random } from '../prng.ts';
import type { Catalog, CatalogUser } from './catalog.ts';
import { firstNames, lastNames, slug } from './names.ts';
import { type RegionAddress, type RegionKey, regions } from './regions.ts';

// What each generated order will be; the scenario turns plans into OrderCloud API calls.
export type GeneratorProfile = 'mixed' | 'stress' | 'au' | 'nz' | 'uk' | 'us' | 'eu' | 'jp';

export type GuestPlan = { firstName?: string; lastName?: string; email?: string; address: RegionAddress };

export type OrderPlan = {
  index: number;
  region: RegionKey;
  customer: { kind: 'user'; user: CatalogUser } | { kind: 'guest'; guest: GuestPlan };
  lines: { productId: string; quantity: number }[];
  promoCodes: string[];
  shipMethod: 'STANDARD' | 'EXPRESS' | 'PICKUP' | 'FREE';
  gratuity?: string;
  giftWrap: boolean;
  pricesIncludeTax: boolean;
  payment:
    | { type: 'CreditCard' | 'PurchaseOrder'; capture: 'full' | 'partial' | 'failed' | 'none' }
    | undefined;
  after: 'none' | 'cancel' | 'return' | 'complete';
};

export function profileRegions(profile: GeneratorProfile): RegionKey[] {
  if (profile === 'mixed' || profile === 'stress') return ['AU', 'NZ', 'UK', 'US', 'EU', 'JP'];
  return [profile.toUpperCase() as RegionKey];
}

export function planOrders(input: {
  random: Random;
  catalog: Catalog;
  count: number;
  profile: GeneratorProfile;
}): OrderPlan[] {
  const { random, catalog } = input;
  const plans: OrderPlan[] = [];
  const regular = catalog.products.filter((p) => !p.bulk && p.ID !== 'FREE-SAMPLE');
  for (let index = 0; index < input.count; index += 1) {
    const regionKey = random.pick(catalog.regions);
    const region = regions[regionKey];
    const roll = random.next();
    const zeroValue = roll < 0.02;
    const huge = input.profile === 'stress' && index % 50 === 0;
    const kind = zeroValue ? 'guest' : random.next() < 0.18 ? 'guest' : 'user';
    const candidates = catalog.users.filter((u) => u.region === regionKey);
    const trade = kind === 'user' && random.chance(0.2);
    const user = random.pick(
      candidates.filter((u) => (trade ? u.company !== undefined : u.company === undefined)),
    );
    const guestFirst = random.pick(firstNames);
    const guestLast = random.pick(lastNames);
    const customer: OrderPlan['customer'] =
      kind === 'user'
        ? { kind: 'user', user }
        : {
            kind: 'guest',
            guest: {
              ...(random.chance(0.8) ? { firstName: guestFirst, lastName: guestLast } : {}),
              ...(random.chance(0.85)
                ? { email: `${slug(`${guestFirst} ${guestLast}`)}.guest${index}@example.com` }
                : {}),
              address: random.pick(region.addresses),
            },
          };

    const lines: OrderPlan['lines'] = [];
    if (zeroValue) {
      lines.push({ productId: 'FREE-SAMPLE', quantity: 1 });
    } else if (huge) {
      for (let i = 0; i < 300; i += 1)
        lines.push({ productId: regular[i % regular.length]?.ID ?? 'P-001', quantity: 1 + (i % 4) });
    } else {
      const count = random.int(1, 5);
      for (let i = 0; i < count; i += 1) {
        const product = random.pick(regular);
        lines.push({ productId: product.ID, quantity: trade ? random.int(2, 24) : random.int(1, 3) });
      }
      if (trade && random.chance(0.4))
        lines.push({ productId: 'BULK-SCREWS', quantity: random.pick([100, 250, 333, 1000]) });
      if (!trade && random.chance(0.15)) lines.push({ productId: 'FREE-SAMPLE', quantity: 1 });
    }

    const promoCodes: string[] = [];
    if (!zeroValue && random.chance(0.35)) {
      const choice = random.pick(['SAVE10', 'WELCOME5', 'BIG20', 'JUMPER15', 'SOCKS2', 'SAVE10+JUMPER15']);
      promoCodes.push(...choice.split('+'));
    }
    const total = !zeroValue;
    plans.push({
      index,
      region: regionKey,
      customer,
      lines,
      promoCodes,
      shipMethod: zeroValue ? 'PICKUP' : random.pick(['STANDARD', 'STANDARD', 'FREE', 'EXPRESS', 'PICKUP']),
      ...(total && !trade && random.chance(0.06) ? { gratuity: random.pick(['2', '5', '10']) } : {}),
      giftWrap: total && !trade && random.chance(0.1),
      pricesIncludeTax: region.pricesIncludeTax,
      payment: zeroValue
        ? undefined
        : {
            type: trade ? 'PurchaseOrder' : 'CreditCard',
            capture: random.pick([
              'full',
              'full',
              'full',
              'full',
              'full',
              'full',
              'partial',
              'failed',
              'none',
            ]),
          },
      after: zeroValue
        ? 'none'
        : random.pick([
            'none',
            'none',
            'none',
            'none',
            'none',
            'none',
            'none',
            'cancel',
            'return',
            'complete',
          ]),
    });
  }
  return plans;
}
