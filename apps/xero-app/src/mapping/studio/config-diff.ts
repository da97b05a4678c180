export type Change = {
  readonly path: string;
  readonly label: string;
  readonly before: string | undefined;
  readonly after: string | undefined;
};

const sectionNames: Record<string, string> = {
  invoice: 'Invoice',
  accounts: 'Accounts',
  tax: 'Tax',
  tracking: 'Tracking',
  payments: 'Payments',
  items: 'Items',
  contacts: 'Contacts',
  currency: 'Currency',
  writeBack: 'Write-back',
  transforms: 'Rules',
  validation: 'Checks',
  sources: 'Source paths',
  taxNames: 'Tax names',
  routing: 'Routing',
};

function leaves(value: unknown, prefix: string, out: Map<string, string>): void {
  if (value !== null && typeof value === 'object') {
    const entries = Array.isArray(value)
      ? value.map((v, i) => [String(i), v] as const)
      : Object.entries(value);
    if (entries.length === 0) out.set(prefix, Array.isArray(value) ? '(none)' : '(empty)');
    for (const [key, child] of entries) leaves(child, prefix ? `${prefix}.${key}` : key, out);
    return;
  }
  out.set(prefix, value === undefined ? '' : String(value));
}

/** "accounts.sales" → "Accounts › sales"; "tax.byClass.GST" → "Tax › byClass › GST". */
export function labelOf(path: string): string {
  const [head = '', ...rest] = path.split('.');
  const words = (p: string) => p.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
  // Our own camelCase keys read as words; the merchant's keys (tax codes, gateways) stay as typed.
  const known = (p: string) => (/^[a-z]+([A-Z][a-z]*)+$/.test(p) ? words(p) : p);
  return [
    sectionNames[head] ?? head,
    ...rest.map((p) => (/^\d+$/.test(p) ? `#${Number(p) + 1}` : known(p))),
  ].join(' › ');
}

/** Every setting that differs between two mappings, as before → after, in a stable order. */
export function diffConfigs(before: unknown, after: unknown): Change[] {
  const a = new Map<string, string>();
  const b = new Map<string, string>();
  leaves(before, '', a);
  leaves(after, '', b);
  const paths = [...new Set([...a.keys(), ...b.keys()])].sort();
  const changes: Change[] = [];
  for (const path of paths) {
    const x = a.get(path);
    const y = b.get(path);
    if (x === y) continue;
    // A list that became empty (or was empty) shows as one row, not as a removed "(none)".
    if ((x === '(none)' || x === '(empty)') && y === undefined) continue;
    if ((y === '(none)' || y === '(empty)') && x === undefined) continue;
    changes.push({ path, label: labelOf(path), before: x, after: y });
  }
  return changes;
}
