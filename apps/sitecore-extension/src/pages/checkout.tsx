import type { GetServerSideProps } from 'next';
import Head from 'next/head';
import { type FormEvent, useState } from 'react';
import { demoProduct } from '../lib/demo-cart.ts';
import { loadExtensionConfig } from '../lib/env.ts';
import { sendCheckoutToCdp } from '../lib/engage-browser.ts';

type EngageSettings = {
  clientKey: string;
  targetURL: string;
  pointOfSale: string;
  cookieDomain: string | null;
};
type Props = { engage: EngageSettings | null };

/** The demo storefront's checkout (a real head has its own): places an order through the emitter. */
function CheckoutPage({ engage }: Props) {
  const [state, setState] = useState<{ busy: boolean; error: string | null }>({ busy: false, error: null });
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setState({ busy: true, error: null });
    const response = await fetch('/api/checkout', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(Object.fromEntries(form.entries())),
    }).catch(() => undefined);
    const answer = (await response?.json().catch(() => undefined)) as
      | { confirmationUrl: string; engage: Parameters<typeof sendCheckoutToCdp>[1]; message?: string }
      | undefined;
    if (!response?.ok || !answer) {
      setState({ busy: false, error: answer?.message ?? 'The order could not be placed; try again.' });
      return;
    }
    // Reported to CDP before leaving the page; a CDP outage never blocks the shopper.
    if (engage) await sendCheckoutToCdp(engage, answer.engage).catch(() => undefined);
    window.location.assign(answer.confirmationUrl);
  };
  return (
    <>
      <Head>
        <title>Checkout</title>
        <meta name="viewport" content="width=device-width, initial-scale=1" />
      </Head>
      <header className="site-header">
        <a href="/" className="site-header__brand">
          Demo store
        </a>
      </header>
      <main className="site-main">
        <h1>Checkout</h1>
        <form className="panel" onSubmit={submit} data-testid="checkout-form">
          <p>
            {demoProduct.name} — {demoProduct.currency} {demoProduct.unitPrice} each (GST included)
          </p>
          <p>
            <label htmlFor="quantity">Quantity</label>{' '}
            <input id="quantity" name="quantity" type="number" min={1} max={20} defaultValue={1} />
          </p>
          <p>
            <label htmlFor="email">Email</label> <input id="email" name="email" type="email" required />
          </p>
          <p>
            <label htmlFor="firstName">First name</label> <input id="firstName" name="firstName" />
          </p>
          <p>
            <label htmlFor="lastName">Last name</label> <input id="lastName" name="lastName" />
          </p>
          {state.error && <p className="problem">{state.error}</p>}
          <button type="submit" disabled={state.busy}>
            {state.busy ? 'Placing your order…' : 'Place order'}
          </button>
        </form>
      </main>
    </>
  );
}

export const getServerSideProps: GetServerSideProps<Props> = async () => {
  const { engage } = loadExtensionConfig();
  return { props: { engage: engage ? { ...engage, cookieDomain: engage.cookieDomain ?? null } : null } };
};

export default CheckoutPage;
