import type { GetServerSideProps } from 'next';
import Head from 'next/head';
import { adminCookie, isAdminSession } from '../../lib/admin-session.ts';
import { loadExtensionConfig } from '../../lib/env.ts';
import { type AdminOrder, createLedgerbridgeApi } from '../../lib/ledgerbridge-api.ts';
import { formatAmount, statusLabel } from '../../lib/order-status-labels.ts';

type Props = {
  orders: AdminOrder[];
  error: string | null;
  flash: { ok: boolean; message: string } | null;
  problemsOnly: boolean;
};

/** The storefront's back office: recent orders, their Xero invoice and payment, sync problems, retry. */
function AdminOrdersPage({ orders, error, flash, problemsOnly }: Props) {
  return (
    <>
      <Head>
        <title>Orders in Xero — storefront admin</title>
        <meta name="viewport" content="width=device-width, initial-scale=1" />
      </Head>
      <header className="site-header">
        <a href="/admin" className="site-header__brand">
          Storefront admin
        </a>
      </header>
      <main className="site-main site-main--wide">
        <h1>Orders in Xero</h1>
        {flash && (
          <p className={flash.ok ? 'flash' : 'flash flash--error'} role="status">
            {flash.message}
          </p>
        )}
        {error && (
          <p className="flash flash--error" role="alert">
            {error}
          </p>
        )}
        <p className="muted">
          {problemsOnly ? (
            <a href="/admin">Show all recent orders</a>
          ) : (
            <a href="/admin?problems=1">Show only orders with problems</a>
          )}
        </p>
        {orders.length === 0 && !error ? (
          <p>{problemsOnly ? 'No order needs attention.' : 'No orders yet.'}</p>
        ) : (
          <div className="table-wrap">
            <table className="orders-table">
              <thead>
                <tr>
                  <th>Order</th>
                  <th>Customer</th>
                  <th>Total</th>
                  <th>Xero invoice</th>
                  <th>Payment</th>
                  <th>Problem</th>
                  <th />
                </tr>
              </thead>
              <tbody>
                {orders.map((o) => (
                  <tr key={o.orderId} data-order={o.orderId}>
                    <td data-label="Order">{o.orderId}</td>
                    <td data-label="Customer">{o.customerName ?? '—'}</td>
                    <td data-label="Total">{o.total ? formatAmount(o.total, o.currency) : '—'}</td>
                    <td data-label="Xero invoice">{o.invoiceNumber ?? 'Not created yet'}</td>
                    <td data-label="Payment" data-status={o.status}>
                      {statusLabel(o.status)}
                      {o.amountPaid && o.amountPaid !== '0.00'
                        ? ` (${formatAmount(o.amountPaid, o.currency)} paid)`
                        : ''}
                    </td>
                    <td data-label="Problem" className={o.problem ? 'problem' : ''}>
                      {o.problem ?? '—'}
                    </td>
                    <td>
                      {o.retryable && (
                        <form method="post" action="/api/admin/retry">
                          <input type="hidden" name="orderId" value={o.orderId} />
                          <button type="submit">Retry</button>
                        </form>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <form method="post" action="/api/admin/logout">
          <button type="submit" className="secondary">
            Sign out
          </button>
        </form>
      </main>
    </>
  );
}

export const getServerSideProps: GetServerSideProps<Props> = async ({ req, res, query }) => {
  const config = loadExtensionConfig();
  if (!isAdminSession(config.sessionSecret, req.cookies[adminCookie], new Date()))
    return { redirect: { destination: '/admin/login', permanent: false } };
  res.setHeader('cache-control', 'private, no-store');
  const problemsOnly = query.problems === '1';
  const flashText = typeof query.flash === 'string' ? query.flash.slice(0, 300) : null;
  const flash = flashText ? { ok: query.ok === '1', message: flashText } : null;
  try {
    const orders = await createLedgerbridgeApi(config).listOrders({ limit: 50, problemsOnly });
    return { props: { orders, error: null, flash, problemsOnly } };
  } catch (error) {
    return { props: { orders: [], error: (error as Error).message, flash, problemsOnly } };
  }
};

export default AdminOrdersPage;
