import { html } from 'hono/html';
import type { Session } from '../../auth/sessions-repo.ts';
import type { Suggestion } from '../../mapping/suggest/suggestion.ts';
import { csrfField, type Markup, page } from './layout.ts';

const kindTitle = { tax: 'Tax rate for tax code', account: 'Account for category' } as const;

/** Computed suggestions, each with its confidence and reason, accepted or rejected one by one. */
export function mappingSuggestionsPage(props: {
  session: Session;
  flash: { kind: 'ok' | 'error'; message: string } | null;
  environment: string;
  suggestions: readonly Suggestion[];
  basis: string;
}): Markup {
  const { session, environment: env } = props;
  const base = `/console/mapping/${env}`;
  return page({
    title: `Suggestions · ${env}`,
    session,
    active: '/console/mapping',
    flash: props.flash,
    body: html`<h1>Suggestions for ${env.toUpperCase()}</h1>
      <p class="muted">Worked out just now from ${props.basis}. Nothing is learned or kept from Xero’s data; accepting one saves a new version with that one change.</p>
      <p><a href="${base}">Back to the designer</a></p>
      ${
        props.suggestions.length === 0
          ? html`<p class="card" id="no-suggestions">No suggestions: the mapping already covers what recent orders use.</p>`
          : html`<section class="card" id="suggestions">
              ${props.suggestions.map(
                (s) => html`<div class="suggestion" data-key="${s.key}">
                  <div>
                    <div class="small muted">${kindTitle[s.kind]} <strong>${s.subject}</strong></div>
                    <div><strong>${s.label}</strong> <span class="badge ${s.confidence >= 0.6 ? 'good' : 'neutral'} confidence">${Math.round(s.confidence * 100)} % sure</span></div>
                    <div class="small">${s.explanation}</div>
                  </div>
                  <div>
                    <form method="post" action="${base}/suggestions/accept" class="inline">
                      ${csrfField(session)}
                      <input type="hidden" name="kind" value="${s.kind}" /><input type="hidden" name="subject" value="${s.subject}" />
                      <input type="hidden" name="value" value="${s.value}" /><input type="hidden" name="label" value="${s.label}" />
                      <button class="small-button">Accept</button>
                    </form>
                    <form method="post" action="${base}/suggestions/reject" class="inline">
                      ${csrfField(session)}
                      <input type="hidden" name="key" value="${s.key}" /><input type="hidden" name="value" value="${s.value}" />
                      <button class="secondary small-button">Reject</button>
                    </form>
                  </div>
                </div>`,
              )}
            </section>`
      }`,
  });
}
