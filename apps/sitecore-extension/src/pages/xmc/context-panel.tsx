import type { GetServerSideProps } from 'next';
import Head from 'next/head';
import { useEffect, useState } from 'react';
import { loadExtensionConfig } from '../../lib/env.ts';
import { connectToHost } from '../../lib/marketplace-client.ts';
import { formatAmount, type ShopperOrderStatus, statusLabel } from '../../lib/order-status-labels.ts';
import { orderIdFromPage } from '../../lib/page-order.ts';
import { frameAncestors } from '../../lib/xmc-guard.ts';

type Props = { hostOrigin: string | null; panelKey: string };

type OrderView = {
  orderId: string;
  status: ShopperOrderStatus;
  invoiceNumber: string | null;
  amountPaid: string | null;
  currency: string | null;
  message: string | null;
  updatedAt: string;
};

type View =
  | { kind: 'connecting' }
  | { kind: 'no-host'; message: string }
  | { kind: 'not-an-order'; page: string }
  | { kind: 'loading'; orderId: string }
  | { kind: 'unknown-order'; orderId: string }
  | { kind: 'order'; order: OrderView }
  | { kind: 'error'; message: string };

/**
 * Extension point xmc:pages:contextpanel — beside the page being edited in XM Cloud Pages: the Xero
 * invoice of the page's order, its payment, when it last synced and any problem. It follows the editor
 * from page to page through the pages.context subscription.
 */
function ContextPanel({ hostOrigin, panelKey }: Props) {
  const [view, setView] = useState<View>({ kind: 'connecting' });
  useEffect(() => {
    let stopped = false;
    let unsubscribe: (() => void) | undefined;
    const show = async (context: unknown) => {
      const orderId = orderIdFromPage(context as Parameters<typeof orderIdFromPage>[0]);
      if (!orderId) {
        const info = (context as { pageInfo?: { displayName?: string; name?: string } })?.pageInfo;
        return setView({ kind: 'not-an-order', page: info?.displayName ?? info?.name ?? 'This page' });
      }
      setView({ kind: 'loading', orderId });
      const response = await fetch(
        `/api/xmc/order?id=${encodeURIComponent(orderId)}&k=${encodeURIComponent(panelKey)}`,
      ).catch(() => undefined);
      if (stopped) return;
      if (response?.status === 404) return setView({ kind: 'unknown-order', orderId });
      if (!response?.ok)
        return setView({ kind: 'error', message: 'Ledgerbridge did not answer; try again shortly.' });
      setView({ kind: 'order', order: (await response.json()) as OrderView });
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
        {view.kind === 'not-an-order' && (
          <p className="muted">
            {view.page} is not an order page; open an order page to see its Xero invoice.
          </p>
        )}
        {view.kind === 'loading' && <p className="muted">Looking up order {view.orderId}…</p>}
        {view.kind === 'unknown-order' && <p>Ledgerbridge has not seen order {view.orderId} yet.</p>}
        {view.kind === 'error' && <p className="problem">{view.message}</p>}
        {view.kind === 'order' && (
          <dl className="xero-order-status__facts" data-order={view.order.orderId}>
            <dt>Order</dt>
            <dd>{view.order.orderId}</dd>
            <dt>Invoice</dt>
            <dd data-field="invoice-number">{view.order.invoiceNumber ?? 'Not created yet'}</dd>
            <dt>Status</dt>
            <dd data-field="status">{statusLabel(view.order.status)}</dd>
            <dt>Paid</dt>
            <dd>{view.order.amountPaid ? formatAmount(view.order.amountPaid, view.order.currency) : '—'}</dd>
            <dt>Last sync</dt>
            <dd>{new Date(view.order.updatedAt).toLocaleString('en-AU')}</dd>
            <dt>Problem</dt>
            <dd className={view.order.message ? 'problem' : ''}>{view.order.message ?? 'None'}</dd>
          </dl>
        )}
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
