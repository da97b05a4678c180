import { html } from 'hono/html';
import type { Session } from '../../auth/sessions-repo.ts';
import type { RouteTest, RoutingPageData } from '../../routing/routing-console.ts';
import { matchKinds, matchLabels } from '../../routing/routing-rule.ts';
import type { Flash } from '../flash.ts';
import { csrfField, type Markup, page } from './layout.ts';

export function routingPage(props: {
  session: Session;
  flash: Flash | null;
  data: RoutingPageData;
  test?: RouteTest;
}): Markup {
  const { session, data } = props;
  const base = `/console/environments/${data.environment}/routing`;
  return page({
    title: `Routing · ${data.environment}`,
    session,
    active: '/console/environments',
    flash: props.flash,
    body: html`<h1>${data.environment.toUpperCase()} routing</h1>
      <p class="muted">One marketplace, several Xero organisations: the first rule that matches an order sends it to that
        organisation. An order no rule matches is held with the reason, never guessed. Without rules every order goes to
        the environment's own organisation.</p>
      <section class="card" id="routing-rules">
        <h2>Rules, in order</h2>
        ${
          data.rules.length === 0
            ? html`<p class="muted">No rules yet.</p>`
            : html`<table>
                <thead><tr><th>#</th><th>Rule</th><th>Matches</th><th>Xero organisation</th><th></th></tr></thead>
                <tbody>
                  ${data.rules.map(
                    (rule, index) => html`<tr data-rule="${rule.name}">
                      <td>${index + 1}</td>
                      <td>${rule.name}</td>
                      <td>${matchLabels[rule.kind]}: <code>${rule.value}</code></td>
                      <td>${rule.tenantName}</td>
                      <td class="actions">
                        <form method="post" action="/console/routing/${rule.id}/move" class="inline">${csrfField(session)}
                          <input type="hidden" name="direction" value="up" /><input type="hidden" name="environment" value="${data.environment}" />
                          <button class="secondary" ${index === 0 ? 'disabled' : ''} aria-label="Move ${rule.name} up">↑</button></form>
                        <form method="post" action="/console/routing/${rule.id}/move" class="inline">${csrfField(session)}
                          <input type="hidden" name="direction" value="down" /><input type="hidden" name="environment" value="${data.environment}" />
                          <button class="secondary" ${index === data.rules.length - 1 ? 'disabled' : ''} aria-label="Move ${rule.name} down">↓</button></form>
                        <form method="post" action="/console/routing/${rule.id}/delete" class="inline">${csrfField(session)}
                          <input type="hidden" name="environment" value="${data.environment}" />
                          <button class="danger" aria-label="Delete ${rule.name}">Delete</button></form>
                      </td>
                    </tr>`,
                  )}
                </tbody>
              </table>`
        }
      </section>
      <section class="card" id="routing-add">
        <h2>Add a rule</h2>
        <form method="post" action="${base}">
          ${csrfField(session)}
          <label for="rule-name">Name</label>
          <input id="rule-name" name="name" type="text" maxlength="100" placeholder="New Zealand customers" />
          <label for="rule-kind">Match on</label>
          <select id="rule-kind" name="kind">
            ${matchKinds.map((kind) => html`<option value="${kind}">${matchLabels[kind]}</option>`)}
          </select>
          <label for="rule-value">Value</label>
          <input id="rule-value" name="value" type="text" maxlength="500" required placeholder="NZ (or a list: AU, NZ; or a JSONata condition such as total > 1000)" />
          <label for="rule-org">Send to</label>
          <select id="rule-org" name="xeroConnectionId" required>
            ${data.organisations.map((o) => html`<option value="${o.id}">${o.name}</option>`)}
          </select>
          <p><button>Add rule</button></p>
        </form>
      </section>
      <section class="card" id="routing-test">
        <h2>Test against an order</h2>
        <form method="post" action="${base}/test">
          ${csrfField(session)}
          <label for="test-order">OrderCloud order ID</label>
          <input id="test-order" name="orderId" type="text" list="recent-orders" required />
          <datalist id="recent-orders">${data.recentOrders.map((o) => html`<option value="${o.orderId}"></option>`)}</datalist>
          <p><button class="secondary">Test</button></p>
        </form>
        ${
          props.test
            ? html`<div id="routing-test-result">
                <p><strong>${props.test.orderId}</strong>: ${props.test.described}</p>
                <ol>${props.test.results.map(
                  (r) =>
                    html`<li>${r.rule}: ${r.matched ? html`<strong>matches</strong>` : 'no match'}${r.error ? html` <span class="muted small">(${r.error})</span>` : ''}</li>`,
                )}</ol>
                <p>${props.test.decision}</p>
              </div>`
            : ''
        }
      </section>`,
  });
}
