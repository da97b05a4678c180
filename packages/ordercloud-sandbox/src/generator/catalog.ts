import type { Random } from '../prng.ts';
import { cjkNames, companyNames, firstNames, lastNames, productNames, slug } from './names.ts';
import { type RegionAddress, type RegionKey, regions } from './regions.ts';

// The marketplace a generated scenario sells from: products priced per currency (exact decimal
// strings), buyer users per region (retail and trade), and promotions.
export type CatalogProduct = {
  ID: string;
  Name: string;
  sku?: string;
  category: string;
  applyTax: boolean;
  prices: Record<string, string>;
  bulk: boolean;
};

export type CatalogUser = {
  ID: string;
  BuyerID: string;
  region: RegionKey;
  Username: string;
  Password: string;
  FirstName: string;
  LastName: string;
  Email: string;
  Phone?: string;
  company?: string;
  address: RegionAddress & { ID: string; CompanyName?: string; FirstName: string; LastName: string };
};

export type CatalogPromotion = {
  ID: string;
  Code: string;
  Name: string;
  LineItemLevel: boolean;
  EligibleExpression: string;
  ValueExpression: string;
  CanCombine: boolean;
};

export type Catalog = {
  regions: RegionKey[];
  products: CatalogProduct[];
  users: CatalogUser[];
  promotions: CatalogPromotion[];
};

const currencyRules: Record<string, { factor: bigint; ending: string | undefined; step: bigint }> = {
  USD: { factor: 100n, ending: undefined, step: 1n },
  AUD: { factor: 155n, ending: '95', step: 1n },
  NZD: { factor: 170n, ending: '90', step: 1n },
  GBP: { factor: 80n, ending: '99', step: 1n },
  EUR: { factor: 92n, ending: '95', step: 1n },
  JPY: { factor: 155n, ending: undefined, step: 10n },
};

/** A shelf price in `currency` for a product that costs `usdCents` in the US, in integer arithmetic. */
function shelfPrice(usdCents: bigint, currency: string, oddCents: string | undefined): string {
  const rule = currencyRules[currency] ?? { factor: 100n, ending: undefined, step: 1n };
  if (currency === 'JPY') {
    const yen = (usdCents * rule.factor + 50n) / 100n;
    const rounded = ((yen + rule.step / 2n) / rule.step) * rule.step;
    return String(rounded < 10n ? 10n : rounded);
  }
  if (currency === 'USD') {
    return `${usdCents / 100n}.${String(usdCents % 100n).padStart(2, '0')}`;
  }
  const major = (usdCents * rule.factor + 5_000n) / 10_000n;
  const whole = major < 1n ? 0n : major - 1n;
  return `${whole}.${oddCents ?? rule.ending ?? '00'}`;
}

export function buildCatalog(input: { random: Random; regions: RegionKey[] }): Catalog {
  const { random } = input;
  const currencies = input.regions.map((key) => regions[key].currency);
  const products: CatalogProduct[] = productNames.map((name, index) => {
    const usdCents = BigInt(random.int(4, 249) * 100 + random.pick([0, 49, 95, 99, 37, 5]));
    const odd = random.chance(0.25);
    const prices = Object.fromEntries(
      currencies.map((currency) => [
        currency,
        shelfPrice(usdCents, currency, odd ? String(random.int(1, 98)).padStart(2, '0') : undefined),
      ]),
    );
    const id = `P-${String(index + 1).padStart(3, '0')}`;
    return {
      ID: id,
      Name: name,
      ...(random.chance(0.75) ? { sku: `SKU-${1000 + index}` } : {}),
      category: random.pick(['Apparel', 'Kitchen', 'Office', 'Outdoor', 'Electronics', 'Home']),
      applyTax: true,
      prices,
      bulk: false,
    };
  });
  const fixed = (values: Record<string, string>) =>
    Object.fromEntries(currencies.map((c) => [c, values[c] ?? values.USD ?? '0']));
  products.push(
    {
      ID: 'FREE-SAMPLE',
      Name: 'Free sample sachet',
      category: 'Samples',
      applyTax: true,
      prices: fixed({ USD: '0', JPY: '0' }),
      bulk: false,
    },
    {
      ID: 'BULK-SCREWS',
      Name: 'Stainless screws (each)',
      sku: 'SCR-316-M4',
      category: 'Hardware',
      applyTax: true,
      prices: fixed({ USD: '0.125', AUD: '0.19', NZD: '0.2125', GBP: '0.099', EUR: '0.115', JPY: '0.5' }),
      bulk: true,
    },
    {
      ID: 'GIFT-CARD-50',
      Name: 'Gift card',
      sku: 'GIFT-50',
      category: 'Gift cards',
      applyTax: false,
      prices: fixed({ USD: '50', JPY: '5000' }),
      bulk: false,
    },
    {
      ID: 'LONG-SKU',
      Name: 'Merino crew jumper — charcoal XXL',
      sku: 'MERINO-CREW-JUMPER-CHARCOAL-XXL-2026',
      category: 'Apparel',
      applyTax: true,
      prices: fixed({
        USD: '129.00',
        AUD: '199.95',
        NZD: '219.90',
        GBP: '109.99',
        EUR: '119.95',
        JPY: '19800',
      }),
      bulk: false,
    },
  );

  const users: CatalogUser[] = [];
  for (const key of input.regions) {
    const region = regions[key];
    const lower = key.toLowerCase();
    for (let i = 0; i < 8; i += 1) {
      const cjk = i === 7 && (key === 'JP' || key === 'NZ');
      const duplicate = i === 5 || i === 6; // two different customers both called John Smith
      const name = cjk
        ? random.pick(cjkNames)
        : duplicate
          ? { first: 'John', last: 'Smith' }
          : { first: random.pick(firstNames), last: random.pick(lastNames) };
      const id = `${lower}-shopper-${i + 1}`;
      const email = i === 4 ? '' : `${slug(`${name.first} ${name.last}`)}.${lower}${i + 1}@example.com`;
      const address = random.pick(region.addresses);
      users.push({
        ID: id,
        BuyerID: region.retailBuyerId,
        region: key,
        Username: id,
        Password: 'Sandbox-Passw0rd',
        FirstName: name.first,
        LastName: name.last,
        Email: email,
        ...(random.chance(0.5)
          ? { Phone: `+${random.int(1, 99)} ${random.int(100, 999)} ${random.int(1000, 9999)}` }
          : {}),
        address: { ...address, ID: `addr-${id}`, FirstName: name.first, LastName: name.last },
      });
    }
    for (let i = 0; i < 3; i += 1) {
      const company =
        companyNames[(input.regions.indexOf(key) * 3 + i) % companyNames.length] ?? 'Acme Pty Ltd';
      const first = random.pick(firstNames);
      const last = random.pick(lastNames);
      const id = `${lower}-trade-${i + 1}`;
      users.push({
        ID: id,
        BuyerID: region.tradeBuyerId,
        region: key,
        Username: id,
        Password: 'Sandbox-Passw0rd',
        FirstName: first,
        LastName: last,
        Email: i === 2 ? '' : `accounts.${lower}${i + 1}@${slug(company).replace(/\./g, '-')}.example`,
        company,
        address: {
          ...random.pick(region.addresses),
          ID: `addr-${id}`,
          CompanyName: company,
          FirstName: first,
          LastName: last,
        },
      });
    }
  }

  const promotions: CatalogPromotion[] = [
    {
      ID: 'promo-save10',
      Code: 'SAVE10',
      Name: '10% off your order',
      LineItemLevel: false,
      EligibleExpression: 'true',
      ValueExpression: 'Order.Subtotal * 0.1',
      CanCombine: true,
    },
    {
      ID: 'promo-welcome5',
      Code: 'WELCOME5',
      Name: '5 off',
      LineItemLevel: false,
      EligibleExpression: 'true',
      ValueExpression: '5',
      CanCombine: true,
    },
    {
      ID: 'promo-big20',
      Code: 'BIG20',
      Name: '20% off big orders',
      LineItemLevel: false,
      EligibleExpression: 'Order.Subtotal >= 200',
      ValueExpression: 'Order.Subtotal * 0.2',
      CanCombine: false,
    },
    {
      ID: 'promo-jumper15',
      Code: 'JUMPER15',
      Name: '15% off jumpers',
      LineItemLevel: true,
      EligibleExpression: "item.ProductID = 'P-001'",
      ValueExpression: 'item.LineSubtotal * 0.15',
      CanCombine: true,
    },
    {
      ID: 'promo-socks2',
      Code: 'SOCKS2',
      Name: '2 off each pair of socks',
      LineItemLevel: true,
      EligibleExpression: "item.ProductID = 'P-005'",
      ValueExpression: 'item.Quantity * 2',
      CanCombine: true,
    },
  ];
  return { regions: input.regions, products, users, promotions };
}
