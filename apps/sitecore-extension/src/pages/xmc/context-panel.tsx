import type { GetServerSideProps } from 'next';
import Head from 'next/head';
import { type ReactNode, useEffect, useState } from 'react';
import { type PanelOrder, XmcOrderFacts } from '../../components/xmc-order-facts.tsx';
import { type PanelProduct, XmcProductFacts } from '../../components/xmc-product-facts.tsx';
import { loadExtensionConfig } from '../../lib/env.ts';
import { connectToHost } from '../../lib/marketplace-client.ts';
import { type PageSubject, pageSubject, type SubjectKind } from '../../lib/page-subject.ts';
import { frameAncestors } from '../../lib/xmc-guard.ts';

type Props = { hostOrigin: string | null; panelKey: string };

type View =
  | { kind: 'connecting' }
  | { kind: 'no-host'; message: string }
  | { kind: 'not-a-subject'; page: string }
  | { kind: 'loading'; subject: PageSubject }
  | { kind: 'unknown'; subject: PageSubject }
  | { kind: 'found'; subject: PageSubject; body: unknown }
  | { kind: 'error'; message: string };

// What the panel does per kind of page: which server route answers, and how the answer and its absence
// read. The routes hold the API key; the browser only sends the panel key.
const subjects: Record<
  SubjectKind,
  { route: string; noun: string; unknown(id: string): string; render(body: unknown): ReactNode }
> = {
  order: {
    route: '/api/xmc/order',
    noun: 'order',
    unknown: (id) => `Ledgerbridge has not seen order ${id} yet.`,
    render: (body) => <XmcOrderFacts order={body as PanelOrder} />,
  },
  product: {
    route: '/api/xmc/product',
    noun: 'product',
    unknown: (id) =>
      `Product ${id} is not in Xero: Ledgerbridge has not seen it yet. It becomes a Xero item when it is created or changed in OrderCloud.`,
    render: (body) => <XmcProductFacts product={body as PanelProduct} />,
  },
};

/**
 * Extension point xmc:pages:contextpanel — beside the page being edited in XM Cloud Pages: for an order
 * page the Xero invoice, its payment, last sync and any problem; for a product page its Xero item (in
 * Xero or not, code, price in Xero against OrderCloud's, last sync, problem). It follows the editor from
 * page to page through the pages.context subscription.
 */
function ContextPanel({ hostOrigin, panelKey }: Props) {
  const [view, setView] = useState<View>({ kind: 'connecting' });
  useEffect(() => {
    let stopped = false;
    let unsubscribe: (() => void) | undefined;
    // The latest page wins: an answer for a page the editor already left is dropped.
    let shown = 0;
    const show = async (context: unknown) => {
      const ticket = ++shown;
      const subject = pageSubject(context as Parameters<typeof pageSubject>[0]);
      if (!subject) {
        const info = (context as { pageInfo?: { displayName?: string; name?: string } })?.pageInfo;
        return setView({ kind: 'not-a-subject', page: info?.displayName ?? info?.name ?? 'This page' });
      }
      setView({ kind: 'loading', subject });
      const response = await fetch(
        `${subjects[subject.kind].route}?id=${encodeURIComponent(subject.id)}&k=${encodeURIComponent(panelKey)}`,
      ).catch(() => undefined);
      if (stopped || ticket !== shown) return;
      if (response?.status === 404) return setView({ kind: 'unknown', subject });
      if (!response?.ok)
        return setView({ kind: 'error', message: 'Ledgerbridge did not answer; try again shortly.' });
      const body: unknown = await response.json();
      if (!stopped && ticket === shown) setView({ kind: 'found', subject, body });
    };
    connectToHost(hostOrigin)
      .then(async (client) => {
        const result = await client.query('pages.context', {
          subscribe: true,
          onSuccess: (context) => void show(context),
        });
        unsubscribe = result.unsubscribe;
        if (result.data) await show(result.data);
      })
      .catch((error: unknown) =>
        setView({
          kind: 'no-host',
          message: `Open this panel from XM Cloud Pages (${(error as Error).message}).`,
        }),
      );
    return () => {
      stopped = true;
      unsubscribe?.();
    };
  }, [hostOrigin, panelKey]);

  return (
    <>
      <Head>
        <title>Ledgerbridge — Xero status</title>
        <meta name="viewport" content="width=device-width, initial-scale=1" />
      </Head>
      <main className="xmc-panel" data-testid="xmc-panel" data-view={view.kind}>
        <h1>Xero status</h1>
        {view.kind === 'connecting' && <p className="muted">Connecting to XM Cloud…</p>}
        {view.kind === 'no-host' && <p className="muted">{view.message}</p>}
        {view.kind === 'not-a-subject' && (
          <p className="muted">
            {view.page} is not an order or product page; open one to see its Xero invoice or item.
          </p>
        )}
        {view.kind === 'loading' && (
          <p className="muted">
            Looking up {subjects[view.subject.kind].noun} {view.subject.id}…
          </p>
        )}
        {view.kind === 'unknown' && (
          <p data-subject={view.subject.kind}>{subjects[view.subject.kind].unknown(view.subject.id)}</p>
        )}
        {view.kind === 'error' && <p className="problem">{view.message}</p>}
        {view.kind === 'found' && subjects[view.subject.kind].render(view.body)}
      </main>
    </>
  );
}

export const getServerSideProps: GetServerSideProps<Props> = async ({ res, query }) => {
  const config = loadExtensionConfig();
  res.setHeader('content-security-policy', frameAncestors(config));
  res.setHeader('cache-control', 'private, no-store');
  return {
    props: { hostOrigin: config.xmcHostOrigin ?? null, panelKey: typeof query.k === 'string' ? query.k : '' },
  };
};

export default ContextPanel;
