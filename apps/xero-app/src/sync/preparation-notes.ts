import type { Order } from '@ledgerbridge/canonical';

const fieldNames: Record<string, string> = {
  taxCode: 'tax code',
  sku: 'SKU',
  category: 'category',
  channel: 'channel',
  pricesIncludeTax: 'prices-include-tax flag',
  customerNumber: 'customer number',
};

const modeSources: Record<string, string> = {
  'configured-path': 'from the configured path',
  'order.xp': 'from Order.xp.PricesIncludeTax',
  'tax-calculation': 'as the tax calculation says',
  inferred: 'inferred from TaxCost and the tax calculation',
  'connection-default': "the connection's default",
};

/** What the timeline says about where the order's values came from and why each tax type was chosen. */
export function preparationNotes(order: Order, taxReasons: readonly string[]): string[] {
  const notes: string[] = [];
  const source = String(order.attributes.pricesIncludeTaxSource ?? '');
  const path = order.attributes.pricesIncludeTaxPath;
  notes.push(
    `Prices ${order.pricesIncludeTax ? 'include' : 'exclude'} tax: ${modeSources[source] ?? source}${typeof path === 'string' ? ` (${path})` : ''}.`,
  );
  const used = new Map<string, Set<string>>();
  const empty = new Map<string, Set<string>>();
  const collect = (attributes: Record<string, unknown>) => {
    for (const [target, key] of [
      [used, 'sourcePaths'],
      [empty, 'emptySourcePaths'],
    ] as const) {
      const paths = attributes[key] as Record<string, string> | undefined;
      for (const [field, p] of Object.entries(paths ?? {})) {
        if (!target.has(field)) target.set(field, new Set());
        target.get(field)?.add(p);
      }
    }
  };
  collect(order.attributes);
  for (const line of order.lines) collect(line.attributes);
  if (used.size > 0)
    notes.push(
      `Read ${[...used].map(([field, paths]) => `${fieldNames[field] ?? field} from ${[...paths].join(', ')}`).join('; ')}.`,
    );
  for (const [field, paths] of empty)
    notes.push(
      `The configured ${fieldNames[field] ?? field} path ${[...paths].join(', ')} was empty on this order.`,
    );
  return [...notes, ...taxReasons];
}
