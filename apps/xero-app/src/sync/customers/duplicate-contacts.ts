/** A Xero contact as the local contact index holds it. */
export type IndexedContact = {
  readonly id: string;
  readonly name: string;
  readonly email: string | null;
  readonly contactNumber: string | null;
};

export type DuplicateGroup = {
  /** Why they look like one customer: the same e-mail, names that differ only in form, or both. */
  readonly reasons: readonly ('same email' | 'similar name')[];
  readonly contacts: readonly IndexedContact[];
  /** The one to keep when merging in Xero: the contact Ledgerbridge syncs (it has a contact number). */
  readonly keep: IndexedContact;
};

const suffixes = new Set([
  'ltd',
  'limited',
  'pty',
  'inc',
  'llc',
  'co',
  'company',
  'corp',
  'plc',
  'gmbh',
  'the',
]);

/**
 * A name with its form taken away: case, accents, punctuation, `&`, spacing and legal suffixes
 * ("Acme Pty Ltd", "ACME, Inc." and "acme" are one key). Empty when nothing distinctive is left.
 */
export function looseNameKey(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .split(' ')
    .filter((word) => word && !suffixes.has(word))
    .join(' ');
}

/**
 * Contacts that look like the same customer, for a merge suggestion. Nothing is merged here or anywhere
 * in Ledgerbridge: Xero's API cannot merge contacts, and the merchant decides.
 */
export function duplicateGroups(contacts: readonly IndexedContact[]): DuplicateGroup[] {
  const parent = contacts.map((_, i) => i);
  const find = (i: number): number => {
    let root = i;
    while (parent[root] !== root) root = parent[root] ?? root;
    parent[i] = root;
    return root;
  };
  const reasons = new Map<number, Set<'same email' | 'similar name'>>();
  const join = (
    keyed: Map<string, number>,
    key: string,
    i: number,
    reason: 'same email' | 'similar name',
  ) => {
    const first = keyed.get(key);
    if (first === undefined) {
      keyed.set(key, i);
      return;
    }
    const [a, b] = [find(first), find(i)];
    parent[b] = a;
    const set = reasons.get(a) ?? new Set();
    for (const r of reasons.get(b) ?? []) set.add(r);
    set.add(reason);
    reasons.set(a, set);
  };
  const byEmail = new Map<string, number>();
  const byName = new Map<string, number>();
  contacts.forEach((c, i) => {
    const email = c.email?.trim().toLowerCase();
    if (email) join(byEmail, email, i, 'same email');
    const name = looseNameKey(c.name);
    if (name) join(byName, name, i, 'similar name');
  });
  const groups = new Map<number, IndexedContact[]>();
  contacts.forEach((c, i) => {
    const root = find(i);
    groups.set(root, [...(groups.get(root) ?? []), c]);
  });
  const result: DuplicateGroup[] = [];
  for (const [root, members] of groups) {
    if (members.length < 2) continue;
    const sorted = [...members].sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
    // The contact Ledgerbridge syncs, else one that can be reached (an e-mail), else the first by name.
    const keep = sorted.find((c) => c.contactNumber) ?? sorted.find((c) => c.email) ?? sorted[0];
    if (!keep) continue;
    const why = reasons.get(root) ?? new Set();
    result.push({
      reasons: (['same email', 'similar name'] as const).filter((r) => why.has(r)),
      contacts: sorted,
      keep,
    });
  }
  return result.sort((a, b) => (a.keep.name < b.keep.name ? -1 : a.keep.name > b.keep.name ? 1 : 0));
}
