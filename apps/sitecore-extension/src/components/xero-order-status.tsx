import {
  type ComponentRendering,
  type Field,
  Text,
  type TextField,
  useComponentProps,
  withDatasourceCheck,
} from '@sitecore-jss/sitecore-jss-nextjs';
import { useEffect, useState } from 'react';
import type { XeroOrderStatusData } from '../lib/order-status-props.ts';
import {
  formatAmount,
  hasInvoice,
  isFinal,
  isStatusAnswer,
  type OrderStatusAnswer,
  statusLabel,
} from '../lib/order-status-labels.ts';

export type XeroOrderStatusFields = {
  heading?: TextField;
  unavailableText?: TextField;
  /** The merchant's switch (a checkbox on the datasource item): offer the Xero invoice as a PDF. */
  showInvoicePdf?: Field<boolean>;
  pdfLinkText?: TextField;
};

export type XeroOrderStatusProps = {
  rendering: ComponentRendering;
  fields: XeroOrderStatusFields;
  params?: { refreshSeconds?: string };
};

type View = { kind: 'status'; answer: OrderStatusAnswer } | { kind: 'unavailable' } | { kind: 'loading' };

function initialView(data: XeroOrderStatusData | undefined): View {
  if (data?.state !== 'ready') return { kind: 'unavailable' };
  return data.initial ? { kind: 'status', answer: data.initial } : { kind: 'loading' };
}

/**
 * The Xero invoice and payment status of one order, for the order confirmation and order history pages.
 * It reads the app's signed shopper link (never the API key); a forged or unknown link reads as
 * "status unavailable", and while the order is not final it asks again without reloading the page.
 */
function XeroOrderStatusComponent({ rendering, fields, params }: XeroOrderStatusProps) {
  const data = useComponentProps<XeroOrderStatusData>(rendering.uid);
  const [view, setView] = useState<View>(() => initialView(data));
  const refreshMs = Math.max(2, Number(params?.refreshSeconds) || 5) * 1000;
  const statusUrl = data?.state === 'ready' ? data.statusUrl : undefined;
  const settled = view.kind === 'unavailable' || (view.kind === 'status' && isFinal(view.answer.status));

  useEffect(() => {
    if (!statusUrl || settled) return;
    let stopped = false;
    const ask = async () => {
      try {
        const response = await fetch(statusUrl, {
          cache: 'no-store',
          headers: { accept: 'application/json' },
        });
        if (stopped) return;
        // 404 is the app's answer to a forged link; anything else transient keeps what we showed.
        if (response.status === 404) return setView({ kind: 'unavailable' });
        if (!response.ok) return;
        const body: unknown = await response.json();
        if (!stopped && isStatusAnswer(body)) setView({ kind: 'status', answer: body });
      } catch {
        // Offline for a moment: the next tick tries again.
      }
    };
    const timer = setInterval(ask, refreshMs);
    if (view.kind === 'loading') void ask();
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, [statusUrl, settled, refreshMs, view.kind]);

  return (
    <section className="xero-order-status" aria-live="polite" data-testid="xero-order-status">
      <h2>
        <Text field={fields.heading ?? { value: 'Invoice and payment' }} />
      </h2>
      {view.kind === 'unavailable' && (
        <p className="xero-order-status__unavailable" data-state="unavailable">
          <Text
            field={
              fields.unavailableText ?? {
                value:
                  'The payment status of this order is unavailable right now. Your order is not affected.',
              }
            }
          />
        </p>
      )}
      {view.kind === 'loading' && <p data-state="loading">Checking the status of your order…</p>}
      {view.kind === 'status' && (
        <StatusDetails
          answer={view.answer}
          orderId={data?.state === 'ready' ? data.orderId : ''}
          pdfUrl={
            data?.state === 'ready' && fields.showInvoicePdf?.value === true && hasInvoice(view.answer)
              ? data.pdfUrl
              : undefined
          }
          pdfLinkText={fields.pdfLinkText}
          refreshing={!isFinal(view.answer.status)}
        />
      )}
    </section>
  );
}

function StatusDetails(props: {
  answer: OrderStatusAnswer;
  orderId: string;
  pdfUrl: string | undefined;
  pdfLinkText: TextField | undefined;
  refreshing: boolean;
}) {
  const { answer } = props;
  return (
    <>
      <dl className="xero-order-status__facts">
        <dt>Order</dt>
        <dd>{props.orderId}</dd>
        <dt>Invoice</dt>
        <dd data-field="invoice-number">{answer.invoiceNumber ?? 'Not issued yet'}</dd>
        <dt>Status</dt>
        <dd data-field="status" data-status={answer.status}>
          <span
            className={`xero-order-status__badge xero-order-status__badge--${answer.status.toLowerCase()}`}
          >
            {statusLabel(answer.status)}
          </span>
        </dd>
        <dt>Amount paid</dt>
        <dd data-field="amount-paid">
          {answer.amountPaid !== null ? formatAmount(answer.amountPaid, answer.currency) : '—'}
        </dd>
      </dl>
      {props.pdfUrl && (
        <p>
          <a href={props.pdfUrl} data-field="invoice-pdf" target="_blank" rel="noopener noreferrer">
            <Text field={props.pdfLinkText ?? { value: 'Download the invoice (PDF)' }} />
          </a>
        </p>
      )}
      {props.refreshing && (
        <p className="xero-order-status__hint">This updates by itself; no need to reload.</p>
      )}
    </>
  );
}

export const XeroOrderStatus = withDatasourceCheck()<XeroOrderStatusProps>(XeroOrderStatusComponent);
