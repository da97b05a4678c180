import { formatAmount, type ShopperOrderStatus, statusLabel } from '../lib/order-status-labels.ts';

export type PanelOrder = {
  orderId: string;
  status: ShopperOrderStatus;
  invoiceNumber: string | null;
  amountPaid: string | null;
  currency: string | null;
  message: string | null;
  updatedAt: string;
};

/** The XM Cloud panel's facts for an order page: the Xero invoice, its payment, last sync, problem. */
export function XmcOrderFacts({ order }: { order: PanelOrder }) {
  return (
    <dl className="xero-order-status__facts" data-order={order.orderId}>
      <dt>Order</dt>
      <dd>{order.orderId}</dd>
      <dt>Invoice</dt>
      <dd data-field="invoice-number">{order.invoiceNumber ?? 'Not created yet'}</dd>
      <dt>Status</dt>
      <dd data-field="status">{statusLabel(order.status)}</dd>
      <dt>Paid</dt>
      <dd>{order.amountPaid ? formatAmount(order.amountPaid, order.currency) : '—'}</dd>
      <dt>Last sync</dt>
      <dd>{new Date(order.updatedAt).toLocaleString('en-AU')}</dd>
      <dt>Problem</dt>
      <dd className={order.message ? 'problem' : ''}>{order.message ?? 'None'}</dd>
    </dl>
  );
}
