import type { Order } from '@ledgerbridge/canonical';
import { html } from 'hono/html';
import type { Session } from '../../auth/sessions-repo.ts';
import { fillTemplate, templatePlaceholders } from '../../mapping/invoice-template.ts';
import type { MappingConfig } from '../../mapping/mapping-config.ts';
import type { FieldError } from '../../mapping/studio/form-codec.ts';
import { routingFingerprint } from '../../mapping/studio/routing-codec.ts';
import type { Preview, StudioState } from '../../mapping/studio/studio-service.ts';
import type { TransformResult } from '../../mapping/transforms.ts';
import { formatDateTime, relativeTime } from './format.ts';
import { csrfField, type Markup, page } from './layout.ts';
import { accountSelect, choiceSelect, taxSelect, trackingSelect, withSpares } from './mapping-fields.ts';
import { previewPanel } from './mapping-preview.ts';
import { marketplaceSection, type RoutingFormRow, storedRoutingRows } from './mapping-marketplace.ts';
import { setupCard } from './mapping-setup-card.ts';

type Flash = { kind: 'ok' | 'error'; message: string } | null;

function section(id: string, title: string, help: string, body: Markup): Markup {
  return html`<fieldset class="card section" id="section-${id}">
    <legend>${title}</legend>
    <p class="small muted">${help}</p>
    ${body}
  </fieldset>`;
}

function field(label: string, forId: string, control: Markup, help?: string): Markup {
  return html`<div class="field"><label for="${forId}">${label}</label>${control}${help ? html`<p class="small muted">${help}</p>` : ''}</div>`;
}

function text(
  name: string,
  value: string | number | undefined,
  attrs: { id?: string; placeholder?: string } = {},
): Markup {
  return html`<input type="text" name="${name}" id="${attrs.id ?? name}" value="${value ?? ''}" placeholder="${attrs.placeholder ?? ''}" />`;
}

function checkbox(name: string, checked: boolean, label: string): Markup {
  return html`<label class="check"><input type="checkbox" name="${name}" ${checked ? 'checked' : ''} /> ${label}</label>`;
}

function keyValueRows(props: {
  prefix: string;
  rows: ReadonlyArray<readonly [string, string]>;
  keyLabel: string;
  keyPlaceholder: string;
  value: (name: string, value: string | undefined, id: string) => Markup;
  valueLabel: string;
}): Markup {
  return html`<div class="scroll"><table class="rows" id="${props.prefix.replaceAll('.', '-')}">
    <thead><tr><th>${props.keyLabel}</th><th>${props.valueLabel}</th></tr></thead>
    <tbody>
      ${withSpares(props.rows).map((row, i) => {
        const id = `${props.prefix.replaceAll('.', '-')}-${i}`;
        return html`<tr>
          <td><input type="text" name="${props.prefix}.key" id="${id}-key" value="${row?.[0] ?? ''}" placeholder="${props.keyPlaceholder}" aria-label="${props.keyLabel}" /></td>
          <td>${props.value(`${props.prefix}.value`, row?.[1], `${id}-value`)}</td>
        </tr>`;
      })}
    </tbody>
  </table></div>`;
}

function templateInput(name: string, value: string, order: Order | undefined): Markup {
  const data = order
    ? {
        orderId: order.id,
        date: order.placedAt.slice(0, 10),
        year: order.placedAt.slice(0, 4),
        customer:
          order.customer.companyName ||
          [order.customer.firstName, order.customer.lastName].filter(Boolean).join(' ') ||
          order.customer.email ||
          'Guest',
      }
    : undefined;
  return html`<input type="text" name="${name}" id="${name}" value="${value}" data-template="${data ? JSON.stringify(data) : ''}" />
    ${order ? html`<p class="small example">e.g. <output id="${name}-example">${fillTemplate(value, order)}</output></p>` : ''}`;
}

function ruleResult(results: readonly TransformResult[] | undefined, index: number): Markup {
  const r = results?.find((x) => x.index === index);
  if (!r) return html``;
  return html`<div class="small rule-result ${r.error ? 'bad' : 'good'}">On the previewed order: ${r.error ? `failed — ${r.error}` : r.outcome}</div>`;
}

function designer(
  config: MappingConfig,
  state: StudioState,
  routingRows: readonly RoutingFormRow[],
  exampleOrder: Order | undefined,
  results: readonly TransformResult[] | undefined,
): Markup {
  const reference = state.reference;
  const severity = (name: string, value: string) =>
    choiceSelect({
      name,
      value,
      choices: [
        ['warn', 'Warn'],
        ['hold', 'Hold as draft'],
        ['off', 'Off'],
      ],
    });
  const categories = (reference?.trackingCategories ?? []).filter((c) => c.active).map((c) => c.name);
  return html`
    ${section(
      'accounts',
      'Accounts',
      'Where each part of an order is booked in Xero.',
      html`<div class="fields">
      ${field('Product sales', 'accounts.sales', accountSelect({ name: 'accounts.sales', value: config.accounts.sales, reference, kind: 'line' }))}
      ${field('Shipping', 'accounts.shipping', accountSelect({ name: 'accounts.shipping', value: config.accounts.shipping, reference, kind: 'line' }))}
      ${field('Fees', 'accounts.fees', accountSelect({ name: 'accounts.fees', value: config.accounts.fees, reference, kind: 'line' }))}
      ${field('Discounts', 'accounts.discounts', accountSelect({ name: 'accounts.discounts', value: config.accounts.discounts, reference, kind: 'line' }))}
      ${field('Rounding', 'accounts.rounding', accountSelect({ name: 'accounts.rounding', value: config.accounts.rounding, reference, kind: 'line' }))}
      ${field('Sales tax liability (US)', 'accounts.salesTaxLiability', accountSelect({ name: 'accounts.salesTaxLiability', value: config.accounts.salesTaxLiability, reference, kind: 'liability', blank: '— none —' }))}
      </div>
      <h3>By product category or attribute</h3>
      <p class="small muted">First matching row wins; other lines go to product sales.</p>
      <div class="scroll"><table class="rows" id="accounts-rules"><thead><tr><th>Category</th><th>or attribute (xp path)</th><th>equals</th><th>Account</th></tr></thead><tbody>
        ${withSpares(config.accounts.rules).map(
          (r, i) => html`<tr>
            <td><input type="text" name="accounts.rules.category" value="${r?.category ?? ''}" aria-label="Category" id="accounts-rules-${i}-category" /></td>
            <td><input type="text" name="accounts.rules.path" value="${r?.attribute?.path ?? ''}" aria-label="Attribute path" /></td>
            <td><input type="text" name="accounts.rules.equals" value="${r?.attribute?.equals ?? ''}" aria-label="Attribute value" /></td>
            <td>${accountSelect({ name: 'accounts.rules.account', id: `accounts-rules-${i}-account`, value: r?.account, reference, kind: 'line', blank: '—' })}</td>
          </tr>`,
        )}
      </tbody></table></div>`,
    )}

    ${section(
      'tax',
      'Tax',
      'How the tax on an order becomes Xero tax rates.',
      html`<div class="fields">
      ${field(
        'Tax mode',
        'tax.mode',
        choiceSelect({
          name: 'tax.mode',
          value: config.tax.mode,
          choices: [
            ['tax-rates', 'Xero tax rates on each line'],
            ['liability-line', 'One sales tax line to a liability account (US)'],
          ],
        }),
      )}
      ${field('Untaxed lines (zero-rated or exempt)', 'tax.exempt', taxSelect({ name: 'tax.exempt', value: config.tax.exempt, reference }))}
      ${field('No tax at all', 'tax.none', taxSelect({ name: 'tax.none', value: config.tax.none, reference }))}
      </div>
      <h3>Tax class or code → Xero tax rate</h3>
      <p class="small muted">Lines whose class is not listed are matched by their rate.</p>
      ${keyValueRows({ prefix: 'tax.byClass', rows: Object.entries(config.tax.byClass), keyLabel: 'Tax class or code', keyPlaceholder: 'e.g. GST', valueLabel: 'Xero tax rate', value: (name, value, id) => taxSelect({ name, id, value, reference, blank: '—' }) })}`,
    )}

    ${section(
      'tracking',
      'Tracking',
      'Xero tracking categories on every line (two at most).',
      html`<div class="fields">
      ${[0, 1].map((i) => field(`Default ${i + 1}`, `tracking-defaults-${i}`, trackingSelect({ name: 'tracking.defaults', id: `tracking-defaults-${i}`, value: config.tracking.defaults[i], reference })))}
      </div>
      <h3>From a product attribute</h3>
      <div class="scroll"><table class="rows"><thead><tr><th>Category</th><th>Attribute (xp path) holding the option</th></tr></thead><tbody>
        ${withSpares(config.tracking.rules).map(
          (r) => html`<tr>
            <td>${choiceSelect({ name: 'tracking.rules.category', value: r?.category ?? '', choices: [['', '—'], ...[...new Set([...categories, ...(r ? [r.category] : [])])].map((c) => [c, c] as const)] })}</td>
            <td><input type="text" name="tracking.rules.fromAttribute" value="${r?.fromAttribute ?? ''}" aria-label="Attribute path" /></td>
          </tr>`,
        )}
      </tbody></table></div>`,
    )}

    ${section(
      'payments',
      'Payments',
      'Which bank or clearing account receives each payment.',
      html`<div class="fields">
      ${field('Default', 'payments.defaultAccount', accountSelect({ name: 'payments.defaultAccount', value: config.payments.defaultAccount, reference, kind: 'payment' }))}
      </div>
      <h3>By payment gateway</h3>
      ${keyValueRows({ prefix: 'payments.byGateway', rows: Object.entries(config.payments.byGateway), keyLabel: 'Gateway', keyPlaceholder: 'e.g. stripe', valueLabel: 'Bank or clearing account', value: (name, value, id) => accountSelect({ name, id, value, reference, kind: 'payment', blank: '—' }) })}
      <h3>By payment method</h3>
      ${keyValueRows({ prefix: 'payments.byMethod', rows: Object.entries(config.payments.byMethod), keyLabel: 'Method', keyPlaceholder: 'e.g. CreditCard', valueLabel: 'Bank or clearing account', value: (name, value, id) => accountSelect({ name, id, value, reference, kind: 'payment', blank: '—' }) })}`,
    )}

    ${section(
      'invoice',
      'Invoice',
      `Templates understand ${Object.keys(templatePlaceholders).join(', ')}.`,
      html`<div class="fields">
      ${field(
        'Status in Xero',
        'invoice.status',
        choiceSelect({
          name: 'invoice.status',
          value: config.invoice.status,
          choices: [
            ['AUTHORISED', 'Approved'],
            ['DRAFT', 'Draft'],
          ],
        }),
      )}
      ${field('Due after (days)', 'invoice.dueInDays', html`<input type="number" min="0" max="365" name="invoice.dueInDays" id="invoice.dueInDays" value="${config.invoice.dueInDays}" />`)}
      ${field('Invoice number', 'invoice.numberTemplate', templateInput('invoice.numberTemplate', config.invoice.numberTemplate, exampleOrder))}
      ${field('Reference', 'invoice.referenceTemplate', templateInput('invoice.referenceTemplate', config.invoice.referenceTemplate, exampleOrder))}
      </div>
      <h3>Hold as draft when…</h3>
      <p class="small muted">A JSONata condition over the order, e.g. <code>total &gt; 5000</code>, and the reason the bookkeeper sees.</p>
      <div class="scroll"><table class="rows" id="draft-rules"><thead><tr><th>Condition</th><th>Reason</th></tr></thead><tbody>
        ${withSpares(config.invoice.draftRules).map(
          (r) => html`<tr>
            <td><input type="text" name="invoice.draftRules.when" value="${r?.when ?? ''}" aria-label="Condition" /></td>
            <td><input type="text" name="invoice.draftRules.reason" value="${r?.reason ?? ''}" aria-label="Reason" /></td>
          </tr>`,
        )}
      </tbody></table></div>`,
    )}

    ${section(
      'rules',
      'Transformation rules',
      'JSONata where a form is not enough: a condition that sets tracking, a reference built from order fields, a line description split from the product name ($line is the line).',
      html`
      <div class="scroll"><table class="rows" id="transforms"><thead><tr><th>Changes</th><th>When (condition)</th><th>Tracking option</th><th>Expression</th></tr></thead><tbody>
        ${withSpares(config.transforms).map(
          (r, i) => html`<tr>
            <td>${choiceSelect({
              name: 'transforms.target',
              id: `transforms-${i}-target`,
              value: r?.target ?? '',
              choices: [
                ['', '—'],
                ['tracking', 'Tracking'],
                ['reference', 'Reference'],
                ['line-description', 'Line description'],
              ],
            })}</td>
            <td><input type="text" name="transforms.when" id="transforms-${i}-when" value="${r?.target === 'tracking' ? r.when : ''}" aria-label="Condition" placeholder="total > 1000" /></td>
            <td>${trackingSelect({ name: 'transforms.tracking', id: `transforms-${i}-tracking`, value: r?.target === 'tracking' ? r : undefined, reference })}</td>
            <td><input type="text" name="transforms.expression" id="transforms-${i}-expression" value="${r && r.target !== 'tracking' ? r.expression : ''}" aria-label="Expression" />${r ? ruleResult(results, i) : ''}</td>
          </tr>`,
        )}
      </tbody></table></div>`,
    )}

    ${section(
      'items',
      'Items and contacts',
      'How products and customers appear in Xero.',
      html`<div class="fields">
      <div class="field">${checkbox('items.useItemCodes', config.items.useItemCodes, 'Use Xero item codes for SKUs that exist in Xero')}
      ${checkbox('items.createMissing', config.items.createMissing, 'Create missing items in Xero')}
      ${checkbox('items.stockFromXero', config.items.stockFromXero, 'Stock from Xero: tracked items’ quantity on hand becomes the product’s available quantity in OrderCloud')}</div>
      <div class="field">${checkbox('contacts.companyContactsForB2B', config.contacts.companyContactsForB2B, 'Invoice business buyers as their company')}</div>
      ${field('Name for guest checkouts', 'contacts.guestName', text('contacts.guestName', config.contacts.guestName))}
      ${field(
        'Contact name in Xero',
        'contacts.nameFormat',
        choiceSelect({
          name: 'contacts.nameFormat',
          value: config.contacts.nameFormat,
          choices: [
            ['first-last', 'First Last (Jane Citizen)'],
            ['last-first', 'Last First (Citizen Jane)'],
            ['last-comma-first', 'Last, First (Citizen, Jane)'],
          ],
        }),
        'Joins the first and last names; business buyers keep their company name.',
      )}
      <div class="field">${checkbox('contacts.splitFullName', config.contacts.splitFullName, 'Split a full name in one field into first and last name')}
      ${checkbox('contacts.splitStreet', config.contacts.splitStreet, 'Split a street line at its comma into two address lines')}
      <p class="small muted">“Jane van der Berg” → Jane · van der Berg; “Unit 5, 12 High St” → Unit 5 / 12 High St. The preview shows the contact.</p></div>
      </div>`,
    )}

    ${section('currency', 'Currency', 'Orders in a currency the organisation lacks are converted at a fixed rate to its base currency; otherwise they are refused.', keyValueRows({ prefix: 'currency.fixedRates', rows: Object.entries(config.currency.fixedRates), keyLabel: 'Order currency', keyPlaceholder: 'e.g. USD', valueLabel: 'Rate to base currency', value: (name, value, id) => html`<input type="text" name="${name}" id="${id}" value="${value ?? ''}" placeholder="1.5333" aria-label="Rate" />` }))}

    ${section(
      'write-back',
      'Write-back and checks',
      'What OrderCloud learns back, and the checks that go beyond Xero’s own.',
      html`<div class="fields">
      ${field(
        'When the invoice is paid',
        'writeBack.paidStatus',
        choiceSelect({
          name: 'writeBack.paidStatus',
          value: config.writeBack.paidStatus,
          choices: [
            ['Completed', 'Mark the order Completed'],
            ['none', 'Leave the order status'],
          ],
        }),
      )}
      ${field('Tax rate disagrees with the order', 'validation.rateDisagreement', severity('validation.rateDisagreement', config.validation.rateDisagreement))}
      ${field('Revenue line on a non-revenue account', 'validation.nonRevenueAccount', severity('validation.nonRevenueAccount', config.validation.nonRevenueAccount))}
      ${field('Order total far outside the usual range', 'validation.unusualTotal', severity('validation.unusualTotal', config.validation.unusualTotal))}
      </div>`,
    )}

    ${marketplaceSection(config, state, routingRows)}
  `;
}

export function mappingStudioPage(props: {
  session: Session;
  flash: Flash;
  state: StudioState;
  /** The mapping shown in the form: the posted draft after a preview or a refused save, else the state's. */
  draft?: MappingConfig;
  errors?: readonly FieldError[];
  preview?: Preview;
  findings?: readonly string[];
  selectedOrderId?: string;
  note?: string;
  /** Routing rows as posted, after a refused save or a preview. */
  routingRows?: readonly RoutingFormRow[];
  /** The fingerprint of the rules the form was first opened with (kept across previews). */
  routingSeen?: string;
  now: Date;
}): Markup {
  const { state, session } = props;
  const env = state.environment;
  const config = props.draft ?? state.draft;
  const base = `/console/mapping/${env.name}`;
  const exampleOrder = props.preview?.order;
  const results = props.preview?.draft.ok ? props.preview.draft.invoice.transforms : undefined;
  return page({
    title: `Mapping · ${env.name}`,
    session,
    active: '/console/mapping',
    flash: props.flash,
    body: html`<h1>Mapping</h1>
      <nav class="tabs" aria-label="Environments">
        ${state.environments.map((e) => html`<a href="/console/mapping/${e.name}" class="${e.name === env.name ? 'active' : ''}">${e.name.toUpperCase()}</a>`)}
        <a href="${base}/versions" id="versions-link">Versions &amp; promotion</a>
      </nav>
      <section class="card status" id="studio-status">
        <p><strong>${env.name.toUpperCase()}</strong> → ${env.tenantName ?? html`<span class="muted">no Xero organisation</span>`}
          · ${state.pinned ? html`uses <a href="${base}/versions">version ${state.pinned.version}</a> by ${state.pinned.author}, ${formatDateTime(state.pinned.createdAt)}${state.pinned.note ? html` — “${state.pinned.note}”` : ''}` : html`<span class="muted">no version yet: the form shows suggestions from the organisation</span>`}</p>
        <p class="small muted">Pick-lists from ${env.tenantName ?? 'Xero'}, read ${relativeTime(state.referenceAt, props.now)}.
          ${state.referenceProblem ? html`<span class="bad">${state.referenceProblem}</span>` : ''}</p>
        <form method="post" action="${base}/refresh" class="inline">${csrfField(session)}<button class="secondary" id="refresh-reference">Refresh from Xero</button></form>
        <a class="button secondary" href="${base}/suggestions" id="suggestions-link">Suggestions</a>
      </section>
      ${
        props.errors && props.errors.length > 0
          ? html`<div class="flash error" role="alert" id="form-errors"><strong>Not saved:</strong><ul>${props.errors.map((e) => html`<li data-field="${e.field}">${e.message}</li>`)}</ul></div>`
          : ''
      }
      ${
        state.reference && (!state.pinned || state.pinned.author === 'system') && !props.preview
          ? setupCard({ session, env: env.name, reference: state.reference })
          : ''
      }
      ${props.preview ? previewPanel({ preview: props.preview, pinnedVersion: state.pinned?.version, findings: props.findings ?? [] }) : ''}
      ${
        config
          ? html`<form method="post" action="${base}" id="designer">
              ${csrfField(session)}
              <input type="hidden" name="parentId" value="${state.pinned?.id ?? ''}" />
              <input type="hidden" name="routing.seen" value="${props.routingSeen ?? routingFingerprint(state.routing)}" />
              ${designer(config, state, props.routingRows ?? storedRoutingRows(state), exampleOrder, results)}
              <div class="card actions" id="studio-actions">
                <div class="field">
                  <label for="preview-order">Preview on</label>
                  <select name="orderId" id="preview-order">
                    <option value="">a generated order</option>
                    ${state.recentOrders.map((o) => html`<option value="${o.orderId}" ${o.orderId === props.selectedOrderId ? 'selected' : ''}>${o.orderId} · ${o.customerName ?? ''} · ${o.total ?? ''} ${o.currency ?? ''}</option>`)}
                  </select>
                  <button class="secondary" formaction="${base}/preview" id="preview-button">Preview</button>
                </div>
                <div class="field">
                  <label for="note">Note for this version</label>
                  <input type="text" name="note" id="note" value="${props.note ?? ''}" placeholder="what changed and why" maxlength="500" />
                  <button id="save-button">Save version</button>
                </div>
              </div>
            </form>`
          : html`<p class="card">Bind a Xero organisation to ${env.name} on the <a href="/console/environments">Environments</a> page first; the designer needs its accounts and tax rates.</p>`
      }`,
  });
}
