import type { SourceField } from '@ledgerbridge/canonical';
import { html } from 'hono/html';
import type { MappingConfig } from '../../mapping/mapping-config.ts';
import { type FormFields, sourceFields } from '../../mapping/studio/form-codec.ts';
import type { StudioState } from '../../mapping/studio/studio-service.ts';
import { describeProfile } from '../../mapping/suggest/source-path-suggestions.ts';
import { matchKinds, matchLabels } from '../../routing/routing-rule.ts';
import type { Markup } from './layout.ts';
import { choiceSelect, taxSelect, withSpares } from './mapping-fields.ts';

// The designer's marketplace section: where values live in the merchant's OrderCloud (source paths,
// with suggestions from value profiles of recent orders), tax names, and the routing rules.

/** A routing row as the form shows it (strings as typed, so a refused save shows them again). */
export type RoutingFormRow = {
  readonly id: string;
  readonly position: string;
  readonly name: string;
  readonly kind: string;
  readonly value: string;
  readonly organisation: string;
};

export function storedRoutingRows(state: StudioState): RoutingFormRow[] {
  return state.routing.map((r, i) => ({
    id: r.id,
    position: String(i + 1),
    name: r.name,
    kind: r.kind,
    value: r.value,
    organisation: r.xeroConnectionId,
  }));
}

export function postedRoutingRows(form: FormFields): RoutingFormRow[] {
  const col = (name: string) => {
    const v = form[`routing.${name}`];
    return (Array.isArray(v) ? v : v === undefined ? [] : [v]).map((x) => (typeof x === 'string' ? x : ''));
  };
  const [ids, positions, names, kinds, values, orgs] = [
    'id',
    'position',
    'name',
    'kind',
    'value',
    'organisation',
  ].map(col) as [string[], string[], string[], string[], string[], string[]];
  return kinds
    .map((kind, i) => ({
      id: ids[i] ?? '',
      position: positions[i] ?? '',
      name: names[i] ?? '',
      kind,
      value: values[i] ?? '',
      organisation: orgs[i] ?? '',
    }))
    .filter((r) => r.value || r.organisation || r.name);
}

const sourceLabels: Record<SourceField, { label: string; example: string }> = {
  taxCode: { label: 'Tax code or class', example: 'product.xp.Tax.Code' },
  sku: { label: 'SKU', example: 'variant.xp.SKU' },
  category: { label: 'Product category', example: 'product.xp.Category' },
  channel: { label: 'Sales channel', example: 'order.xp.Channel' },
  pricesIncludeTax: { label: 'Prices include tax (flag)', example: 'order.xp.PricesIncludeTax' },
  customerNumber: { label: 'Customer number', example: 'user.xp.CustomerNumber' },
};

function sourceField(config: MappingConfig, state: StudioState, field: SourceField): Markup {
  const name = `sources.${field}`;
  const id = `sources-${field}`;
  const candidates = state.sourceProfiles?.candidates[field] ?? [];
  const level = field === 'taxCode' || field === 'sku' || field === 'category' ? 'line' : 'order';
  const all = (state.sourceProfiles?.profiles ?? []).filter((p) => p.level === level);
  return html`<div class="field source-field" id="${id}-field">
    <label for="${id}">${sourceLabels[field].label}</label>
    <input type="text" name="${name}" id="${id}" value="${config.sources[field] ?? ''}" list="${id}-paths" placeholder="conventions (e.g. ${sourceLabels[field].example})" autocomplete="off" />
    <datalist id="${id}-paths">${all.map((p) => html`<option value="${p.path}">${describeProfile(p)}</option>`)}</datalist>
    ${
      candidates.length > 0
        ? html`<ul class="path-suggestions" id="${id}-suggestions">${candidates.map(
            (c) => html`<li>
              <button type="button" class="secondary small-button use-path" data-fill="${id}" data-value="${c.path}" aria-label="Use ${c.path} for ${sourceLabels[field].label}">Use</button>
              <code>${c.path}</code> <span class="small muted">${describeProfile(c.profile)}</span>
            </li>`,
          )}</ul>`
        : ''
    }
  </div>`;
}

function profileTable(state: StudioState): Markup {
  const sp = state.sourceProfiles;
  if (!sp) return html`<p class="small muted">Bind a marketplace to see which fields your orders carry.</p>`;
  if (sp.problem) return html`<p class="small muted" id="source-profiles">${sp.problem}</p>`;
  return html`<details id="source-profiles"><summary>Fields seen on the ${sp.orders} most recent order${sp.orders === 1 ? '' : 's'} (${sp.profiles.length})</summary>
    <div class="scroll"><table class="lines profiles"><thead><tr><th>Path</th><th class="num">Present</th><th class="num">Distinct</th><th>Most common</th></tr></thead><tbody>
      ${sp.profiles.map(
        (p) => html`<tr>
          <td><code>${p.path}</code></td>
          <td class="num" data-label="Present">${p.present} of ${p.of} ${p.level}s</td>
          <td class="num" data-label="Distinct">${p.distinct}</td>
          <td data-label="Most common">${p.samples.join(', ')}</td>
        </tr>`,
      )}
    </tbody></table></div>
  </details>`;
}

function routingTable(state: StudioState, rows: readonly RoutingFormRow[]): Markup {
  const orgChoices: Array<readonly [string, string]> = [
    ['', '—'],
    ...state.organisations.map((o) => [o.id, o.name] as const),
  ];
  const kindChoices = matchKinds.map((k) => [k, matchLabels[k]] as const);
  return html`<div class="scroll"><table class="rows" id="routing-rules"><thead><tr><th>#</th><th>Name</th><th>Match on</th><th>Value</th><th>Xero organisation</th></tr></thead><tbody>
    ${withSpares(rows).map(
      (r, i) => html`<tr>
        <td><input type="hidden" name="routing.id" value="${r?.id ?? ''}" /><input type="number" name="routing.position" id="routing-${i}-position" value="${r?.position ?? ''}" min="1" max="99" aria-label="Order" class="position" /></td>
        <td><input type="text" name="routing.name" id="routing-${i}-name" value="${r?.name ?? ''}" aria-label="Rule name" /></td>
        <td>${choiceSelect({ name: 'routing.kind', id: `routing-${i}-kind`, value: r?.kind ?? 'billing-country', choices: kindChoices })}</td>
        <td><input type="text" name="routing.value" id="routing-${i}-value" value="${r?.value ?? ''}" aria-label="Value" placeholder="AU, NZ" /></td>
        <td>${choiceSelect({ name: 'routing.organisation', id: `routing-${i}-organisation`, value: r?.organisation ?? '', choices: orgChoices })}</td>
      </tr>`,
    )}
  </tbody></table></div>`;
}

export function marketplaceSection(
  config: MappingConfig,
  state: StudioState,
  routingRows: readonly RoutingFormRow[],
): Markup {
  return html`<fieldset class="card section" id="section-marketplace">
    <legend>Marketplace source paths and routing</legend>
    <p class="small muted">Where your OrderCloud keeps tax codes, SKUs and categories: a dotted path such as <code>product.xp.Tax.Code</code> over order, line, product, variant and user, or a JSONata expression. Blank uses the conventions (README). Suggestions come from the fields your recent orders carry, with exact counts.</p>
    <div class="fields">${sourceFields.map((f) => sourceField(config, state, f))}</div>
    ${profileTable(state)}
    <h3>Tax names → Xero tax rate</h3>
    <p class="small muted">Matched against each tax’s description or jurisdiction, after the tax class table.</p>
    <div class="scroll"><table class="rows" id="taxNames-byName"><thead><tr><th>Tax name</th><th>Xero tax rate</th></tr></thead><tbody>
      ${withSpares(Object.entries(config.taxNames.byName)).map(
        (row, i) => html`<tr>
          <td><input type="text" name="taxNames.byName.key" id="taxNames-byName-${i}-key" value="${row?.[0] ?? ''}" aria-label="Tax name" placeholder="e.g. NY STATE TAX" /></td>
          <td>${taxSelect({ name: 'taxNames.byName.value', id: `taxNames-byName-${i}-value`, value: row?.[1], reference: state.reference, blank: '—' })}</td>
        </tr>`,
      )}
    </tbody></table></div>
    <h3>Routing: which Xero organisation each order goes to</h3>
    <p class="small muted">Tried in the order of “#”; the first that matches decides. No rules: every order goes to ${state.environment.tenantName ?? 'the environment’s organisation'}. Saved with this version.</p>
    ${routingTable(state, routingRows)}
  </fieldset>`;
}
