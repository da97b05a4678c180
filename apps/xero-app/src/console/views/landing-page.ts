import { html } from 'hono/html';
import { type Markup, page } from './layout.ts';

export function landingPage(props: { notice?: string | null; error?: string | null }): Markup {
  return page({
    title: 'Welcome',
    flash: props.error
      ? { kind: 'error', message: props.error }
      : props.notice
        ? { kind: 'ok', message: props.notice }
        : null,
    body: html`<section class="card">
      <h1>Sitecore OrderCloud orders, in Xero, exactly once.</h1>
      <p>Every order becomes a Xero invoice, every captured payment a Xero payment, every refund a credit note, within
        Xero's rate limits and to the cent.</p>
      <p><a class="button xero-button" href="/auth/xero/signup" id="signup">Sign up with Xero</a></p>
      <p class="muted">Already using Ledgerbridge? <a href="/auth/xero/signin" id="signin">Sign in with Xero</a></p>
    </section>`,
  });
}

export function errorPage(props: { title: string; message: string; status?: number }): Markup {
  return page({
    title: props.title,
    body: html`<section class="card">
      <h1>${props.title}</h1>
      <p>${props.message}</p>
      <p><a href="/">Back to the start</a></p>
    </section>`,
  });
}
