import type { GetServerSideProps } from 'next';
import Head from 'next/head';
import { useEffect, useState } from 'react';
import { loadExtensionConfig } from '../../lib/env.ts';
import type { SyncHealth } from '../../lib/ledgerbridge-api.ts';
import { connectToHost } from '../../lib/marketplace-client.ts';
import { frameAncestors } from '../../lib/xmc-guard.ts';

type Props = { hostOrigin: string | null; panelKey: string };

/** Extension point xmc:dashboardblocks — sync health: today's orders, failures, Xero calls left today. */
function DashboardBlock({ hostOrigin, panelKey }: Props) {
  const [health, setHealth] = useState<SyncHealth | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let stopped = false;
    const load = async () => {
      const response = await fetch(`/api/xmc/health?k=${encodeURIComponent(panelKey)}`).catch(
        () => undefined,
      );
      if (stopped) return;
      if (!response?.ok) return setError('Ledgerbridge did not answer; the figures will come back.');
      setError(null);
      setHealth((await response.json()) as SyncHealth);
    };
    // The handshake tells the host the block is alive; the figures do not depend on it.
    connectToHost(hostOrigin).catch(() => undefined);
    void load();
    const timer = setInterval(load, 60_000);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, [hostOrigin, panelKey]);
  return (
    <>
      <Head>
        <title>Ledgerbridge — sync health</title>
      </Head>
      <main className="xmc-panel" data-testid="xmc-dashboard">
        <h1>Orders to Xero</h1>
        {error && <p className="problem">{error}</p>}
        {health && (
          <dl className="xero-order-status__facts">
            <dt>Orders (24 h)</dt>
            <dd data-field="orders">{health.ordersToday}</dd>
            <dt>Invoiced</dt>
            <dd>{health.invoicedToday}</dd>
            <dt>Paid</dt>
            <dd>{health.paidToday}</dd>
            <dt>Need attention</dt>
            <dd data-field="failures" className={health.failures > 0 ? 'problem' : ''}>
              {health.failures}
            </dd>
            {health.budgets.map((b) => (
              <BudgetLine key={b.organisation} budget={b} />
            ))}
          </dl>
        )}
      </main>
    </>
  );
}

function BudgetLine({ budget }: { budget: SyncHealth['budgets'][number] }) {
  return (
    <>
      <dt>Xero calls left today ({budget.organisation})</dt>
      <dd>
        {budget.left} of {budget.limit}
        {budget.pausedUntil ? ' — paused by Xero' : ''}
      </dd>
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

export default DashboardBlock;
