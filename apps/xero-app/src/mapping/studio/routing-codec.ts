import { createHash } from 'node:crypto';
import { type MatchKind, matchLabels, ruleProblem } from '../../routing/routing-rule.ts';
import type { FieldError, FormFields } from './form-codec.ts';

/** A routing rule as the designer edits it; position is its place in the list. */
export type RoutingRow = {
  /** The stored rule this row edits (keeps its mapping version); absent for a new rule. */
  readonly id?: string;
  readonly name: string;
  readonly kind: MatchKind;
  readonly value: string;
  readonly xeroConnectionId: string;
};

/** What a version records of the routing it was saved with: readable in a diff (organisation by name). */
export type RoutingSnapshot = ReadonlyArray<{
  readonly name: string;
  readonly match: string;
  readonly value: string;
  readonly organisation: string;
  readonly xeroConnectionId: string;
}>;

const list = (form: FormFields, name: string): string[] => {
  const value = form[name];
  const values = Array.isArray(value) ? value : value === undefined ? [] : [value];
  return values.map((v) => (typeof v === 'string' ? v.trim() : ''));
};

/**
 * The designer's routing rows → ordered rules, checked as the routing page checks them: a kind, a value
 * that fits it, an organisation of the workspace. Rows are ordered by their "#" (then as posted); a row
 * with no value and no organisation is a spare and dropped. Errors name the row as the merchant sees it.
 */
export function decodeRoutingForm(
  form: FormFields,
  organisations: ReadonlyArray<{ id: string; name: string }>,
): { ok: true; rows: RoutingRow[] } | { ok: false; errors: FieldError[] } {
  const columns = ['id', 'position', 'name', 'kind', 'value', 'organisation'].map((c) =>
    list(form, `routing.${c}`),
  );
  const count = Math.max(0, ...columns.map((c) => c.length));
  const [ids, positions, names, kinds, values, orgs] = columns as [
    string[],
    string[],
    string[],
    string[],
    string[],
    string[],
  ];
  const rows: Array<RoutingRow & { order: number; index: number }> = [];
  const errors: FieldError[] = [];
  for (let i = 0; i < count; i += 1) {
    const value = values[i] ?? '';
    const org = orgs[i] ?? '';
    const name = names[i] ?? '';
    if (!value && !org && !name) continue;
    const kind = kinds[i] ?? '';
    const label = `Routing › rule ${rows.length + errors.length + 1}${name ? ` (${name})` : ''}`;
    const problem = ruleProblem(kind, value);
    if (problem) {
      errors.push({ field: `routing.${i}.value`, message: `${label}: ${problem}` });
      continue;
    }
    if (!organisations.some((o) => o.id === org)) {
      errors.push({
        field: `routing.${i}.organisation`,
        message: `${label}: choose a connected Xero organisation.`,
      });
      continue;
    }
    const position = Number(positions[i]);
    rows.push({
      ...(ids[i] ? { id: ids[i] } : {}),
      name: name || `${matchLabels[kind as MatchKind]} ${value}`,
      kind: kind as MatchKind,
      value,
      xeroConnectionId: org,
      order: Number.isFinite(position) && positions[i] !== '' ? position : Number.POSITIVE_INFINITY,
      index: i,
    });
  }
  if (errors.length > 0) return { ok: false, errors };
  return {
    ok: true,
    rows: rows
      .sort((a, b) => a.order - b.order || a.index - b.index)
      .map(({ order: _o, index: _i, ...row }) => row),
  };
}

/** The rows as a version records them. */
export function routingSnapshot(
  rows: readonly RoutingRow[],
  organisations: ReadonlyArray<{ id: string; name: string }>,
): RoutingSnapshot {
  return rows.map((r) => ({
    name: r.name,
    match: matchLabels[r.kind],
    value: r.value,
    organisation: organisations.find((o) => o.id === r.xeroConnectionId)?.name ?? r.xeroConnectionId,
    xeroConnectionId: r.xeroConnectionId,
  }));
}

/** The snapshot as a diff shows it: organisations by name (their IDs say nothing to a merchant). */
export function routingForDiff(
  snapshot: RoutingSnapshot,
): Array<Omit<RoutingSnapshot[number], 'xeroConnectionId'>> {
  return snapshot.map(({ xeroConnectionId: _id, ...rest }) => rest);
}

/**
 * Names the rules a form was opened with, so a save does not silently undo a change made meanwhile on the
 * Routing page (or in another tab).
 */
export function routingFingerprint(rules: readonly RoutingRow[]): string {
  const rows = rules.map((r) => [r.id ?? '', r.name, r.kind, r.value, r.xeroConnectionId]);
  return createHash('sha256').update(JSON.stringify(rows)).digest('hex').slice(0, 16);
}
