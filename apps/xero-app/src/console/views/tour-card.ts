import { html } from 'hono/html';
import type { Session } from '../../auth/sessions-repo.ts';
import type { DemoTour } from '../demo-tour.ts';
import { csrfField, type Markup } from './layout.ts';

const control = (session: Session, action: string, label: string, secondary = false) =>
  html`<form method="post" action="/console/tour/${action}" class="inline">${csrfField(session)}<button
    class="${secondary ? 'secondary small-button' : 'small-button'}" data-tour-action="${action}">${label}</button></form>`;

/** The guided tour of the demo: three things to try, each with the sandbox control that causes it. */
export function tourCard(session: Session, tour: DemoTour): Markup {
  return html`<section class="card tour" id="tour" aria-labelledby="tour-title">
    <div class="tour-head">
      <h2 id="tour-title">Try it: what happens when things go wrong</h2>
      <form method="post" action="/console/tour/dismiss" class="inline">${csrfField(session)}<button class="link-dark" id="tour-dismiss" aria-label="Dismiss the tour">Dismiss ✕</button></form>
    </div>
    <p class="small muted">The demo places an order every 4 seconds. These controls change the Xero sandbox the way a bookkeeper or
      an outage would, so you can see what Ledgerbridge does about it.</p>
    <ol class="tour-steps">
      <li><strong>A period locked in Xero.</strong> ${control(session, 'lock', 'Lock the period through tomorrow')}
        <div class="small">New orders stop at the lock date and show up under <a href="/console/attention">Needs attention</a> with a hint.
          Then ${control(session, 'unlock', 'Lift the lock', true)} and press <em>Retry all</em> on this page: each order is posted once.</div></li>
      <li><strong>A Xero outage.</strong> ${control(session, 'outage', 'Start an outage (Xero answers 503)')}
        <div class="small">A red banner appears and orders wait; nothing is lost. ${control(session, 'recover', 'End the outage', true)} and watch the
          backlog drain.</div></li>
      <li><strong>A refund.</strong> Some generated orders are returned: <a href="/console/orders?status=credited">credited orders</a> show the credit
        note and whether it was allocated or paid back on their timeline; the <a href="${tour.xeroOrgUrl}" target="_blank" rel="noopener">Xero sandbox</a>
        shows the same documents.</li>
      <li><strong>Be told.</strong> Point <a href="/console/alerts">Alerts</a> at a webhook or an e-mail address to hear about the above without looking.</li>
    </ol>
  </section>`;
}
