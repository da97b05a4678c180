import type { ReferenceData } from '@ledgerbridge/canonical';
import { html } from 'hono/html';
import type { Session } from '../../auth/sessions-repo.ts';
import { csrfField, type Markup } from './layout.ts';
import { accountSelect, trackingSelect } from './mapping-fields.ts';

const gateways = [
  ['stripe', 'Stripe'],
  ['paypal', 'PayPal'],
  ['adyen', 'Adyen'],
  ['braintree', 'Braintree'],
  ['authorize-net', 'Authorize.Net'],
] as const;

/** First connection: a few questions in the bookkeeper's terms that produce the first version. */
export function setupCard(props: { session: Session; env: string; reference: ReferenceData }): Markup {
  const { reference } = props;
  const bank = reference.accounts.find((a) => a.active && a.type === 'BANK');
  return html`<section class="card" id="setup">
    <h2>Set up in five questions</h2>
    <p class="small muted">The answers and the suggestions worked out from ${reference.organisation.name} and your recent orders become the first version; everything stays editable below.</p>
    <form method="post" action="/console/mapping/${props.env}/setup">
      ${csrfField(props.session)}
      <div class="fields">
        <div class="field"><label>1. How do you sell?</label>
          <label class="check"><input type="radio" name="sells" value="b2c" checked /> To consumers</label>
          <label class="check"><input type="radio" name="sells" value="b2b" /> To businesses with accounts</label>
          <label class="check"><input type="radio" name="sells" value="both" /> Both</label></div>
        <div class="field"><label>2. Which payment gateways do you use?</label>
          ${gateways.map(([value, label]) => html`<label class="check"><input type="checkbox" name="gateways" value="${value}" /> ${label}</label>`)}</div>
        <div class="field"><label for="setup-bank">3. Which bank account do payouts land in?</label>
          ${accountSelect({ name: 'bankAccount', id: 'setup-bank', value: bank?.code, reference, kind: 'payment' })}
          <label for="setup-clearing">Gateway payments go first to (optional clearing account)</label>
          ${accountSelect({ name: 'clearingAccount', id: 'setup-clearing', value: undefined, reference, kind: 'payment', blank: '— the bank account —' })}</div>
        <div class="field"><label>4. Should invoices wait for a review in Xero?</label>
          <label class="check"><input type="radio" name="status" value="AUTHORISED" checked /> No, approve them</label>
          <label class="check"><input type="radio" name="status" value="DRAFT" /> Yes, create drafts</label></div>
        <div class="field"><label for="setup-channel">5. Track online sales as</label>
          ${trackingSelect({ name: 'channel', id: 'setup-channel', value: undefined, reference })}</div>
      </div>
      <p><button id="setup-button">Create the first version</button></p>
    </form>
  </section>`;
}
