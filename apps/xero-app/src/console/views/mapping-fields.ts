import type { ReferenceData } from '@ledgerbridge/canonical';
import { html } from 'hono/html';
import { trackingValue } from '../../mapping/studio/form-codec.ts';
import type { Markup } from './layout.ts';

// Pick-lists of the designer: every choice comes from the org's reference data; a value the org lacks
// stays selectable (so nothing is lost on save) but says so.

type AccountFilter = (a: ReferenceData['accounts'][number]) => boolean;

const isRevenue: AccountFilter = (a) => ['REVENUE', 'SALES', 'OTHERINCOME'].includes(a.type);
export const accountKinds = {
  revenue: isRevenue,
  /** Lines may also go to liabilities (gift cards, deposits) and to a rounding account. */
  line: (a: ReferenceData['accounts'][number]) =>
    isRevenue(a) || /LIAB/.test(a.type) || /rounding/i.test(a.name),
  liability: (a: ReferenceData['accounts'][number]) => /LIAB/.test(a.type),
  payment: (a: ReferenceData['accounts'][number]) => a.type === 'BANK' || a.acceptsPayments,
} satisfies Record<string, AccountFilter>;

export function accountSelect(props: {
  name: string;
  id?: string;
  value: string | undefined;
  reference: ReferenceData | undefined;
  kind: keyof typeof accountKinds;
  blank?: string;
}): Markup {
  const { reference, value } = props;
  if (!reference)
    return html`<input type="text" name="${props.name}" id="${props.id ?? props.name}" value="${value ?? ''}" />`;
  const choices = reference.accounts.filter(
    (a) => a.active && !a.systemAccount && (accountKinds[props.kind](a) || a.code === value),
  );
  const known = !value || choices.some((a) => a.code === value);
  return html`<select name="${props.name}" id="${props.id ?? props.name}">
    ${props.blank !== undefined ? html`<option value="">${props.blank}</option>` : ''}
    ${known ? '' : html`<option value="${value}" selected>${value} — not in this organisation</option>`}
    ${choices.map(
      (a) =>
        html`<option value="${a.code}" ${a.code === value ? 'selected' : ''}>${a.code} — ${a.name} (${a.type.toLowerCase()})</option>`,
    )}
  </select>`;
}

export function taxSelect(props: {
  name: string;
  id?: string;
  value: string | undefined;
  reference: ReferenceData | undefined;
  blank?: string;
}): Markup {
  const { reference, value } = props;
  if (!reference)
    return html`<input type="text" name="${props.name}" id="${props.id ?? props.name}" value="${value ?? ''}" />`;
  const choices = reference.taxRates.filter((t) => (t.active && t.canApplyToRevenue) || t.taxType === value);
  const known = !value || choices.some((t) => t.taxType === value);
  return html`<select name="${props.name}" id="${props.id ?? props.name}">
    ${props.blank !== undefined ? html`<option value="">${props.blank}</option>` : ''}
    ${known ? '' : html`<option value="${value}" selected>${value} — not in this organisation</option>`}
    ${choices.map(
      (t) =>
        html`<option value="${t.taxType}" ${t.taxType === value ? 'selected' : ''}>${t.name} · ${t.ratePercent} % (${t.taxType})</option>`,
    )}
  </select>`;
}

export function trackingSelect(props: {
  name: string;
  id?: string;
  value: { category: string; option: string } | undefined;
  reference: ReferenceData | undefined;
}): Markup {
  const { value } = props;
  const choices = (props.reference?.trackingCategories ?? [])
    .filter((c) => c.active)
    .flatMap((c) => c.options.filter((o) => o.active).map((o) => ({ category: c.name, option: o.name })));
  const same = (t: { category: string; option: string }) =>
    value !== undefined && t.category === value.category && t.option === value.option;
  const known = !value || choices.some(same);
  return html`<select name="${props.name}" id="${props.id ?? props.name}">
    <option value="">— none —</option>
    ${
      known || !value
        ? ''
        : html`<option value="${trackingValue(value.category, value.option)}" selected>${value.category}: ${value.option} — not in this organisation</option>`
    }
    ${choices.map(
      (t) =>
        html`<option value="${trackingValue(t.category, t.option)}" ${same(t) ? 'selected' : ''}>${t.category}: ${t.option}</option>`,
    )}
  </select>`;
}

export function choiceSelect(props: {
  name: string;
  id?: string;
  value: string;
  choices: ReadonlyArray<readonly [string, string]>;
}): Markup {
  return html`<select name="${props.name}" id="${props.id ?? props.name}">
    ${props.choices.map(
      ([value, label]) =>
        html`<option value="${value}" ${value === props.value ? 'selected' : ''}>${label}</option>`,
    )}
  </select>`;
}

/** Existing rows plus spare blank ones, so a row can be added without JavaScript. */
export function withSpares<T>(rows: readonly T[], spares = 2): Array<T | undefined> {
  return [...rows, ...Array.from({ length: spares }, () => undefined)];
}
