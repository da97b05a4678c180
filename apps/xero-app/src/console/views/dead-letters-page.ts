import { html } from 'hono/html';
import type { Session } from '../../auth/sessions-repo.ts';
import type { DeadLetterView } from '../console-views-model.ts';
import { formatDateTime } from './format.ts';
import { csrfField, type Markup, page } from './layout.ts';

export function deadLettersPage(props: {
  session: Session;
  flash: { kind: 'ok' | 'error'; message: string } | null;
  letters: readonly DeadLetterView[];
  retryWindow?: string;
}): Markup {
  return page({
    title: 'Dead letters',
    session: props.session,
    active: '/console/dead-letters',
    flash: props.flash,
    body: html`<h1>Dead letters</h1>
      <p class="muted">Work that kept failing after every retry. Fix the cause (the reason says what), then replay it: nothing is
        posted twice, every Xero write carries its idempotency key.</p>
      ${props.retryWindow ? html`<p class="card" id="retry-window">${props.retryWindow}</p>` : ''}
      ${
        props.letters.length > 0
          ? html`<form method="post" action="/console/dead-letters/replay-all" id="replay-all-form">${csrfField(props.session)}
              <button id="replay-all">Replay all ${props.letters.length}</button></form>`
          : ''
      }
      <table id="dead-letters">
        <thead><tr><th>What</th><th>Why it failed</th><th>Retries</th><th>When</th><th></th></tr></thead>
        <tbody>
          ${
            props.letters.length === 0
              ? html`<tr><td colspan="5" class="muted">Nothing here.</td></tr>`
              : props.letters.map(
                  (l) => html`<tr>
                    <td>${l.summary}<div class="muted small">${l.queue}</div></td>
                    <td>${l.error}</td>
                    <td>${l.retries ?? '—'}</td>
                    <td class="small">${formatDateTime(l.createdOn)}</td>
                    <td><form method="post" action="/console/dead-letters/${l.id}/replay" class="inline">${csrfField(props.session)}
                      <button>Replay</button></form>
                      <form method="post" action="/console/dead-letters/${l.id}/skip" class="skip">${csrfField(props.session)}
                      <input type="text" name="reason" required maxlength="500" placeholder="Why skip it?" aria-label="Reason to skip" />
                      <button class="secondary">Skip</button></form></td>
                  </tr>`,
                )
          }
        </tbody>
      </table>`,
  });
}
