import { ComponentPropsContext, SitecoreContext } from '@sitecore-jss/sitecore-jss-nextjs';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { componentFactory } from '../lib/component-builder.ts';
import { layoutFor } from '../lib/layout-fixtures.ts';
import type { OrderStatusAnswer } from '../lib/order-status-labels.ts';
import type { XeroOrderStatusData } from '../lib/order-status-props.ts';
import { StorefrontLayout } from './storefront-layout.tsx';

const uid = '8c1d2b3a-4e5f-4a6b-8c7d-9e0f1a2b3c4d';

function renderConfirmation(data: XeroOrderStatusData | undefined, showPdf = true): string {
  const layoutData = layoutFor('/order-confirmation');
  if (!layoutData) throw new Error('fixture missing');
  const rendering = layoutData.sitecore.route?.placeholders['jss-main']?.[0] as unknown as {
    fields: { showInvoicePdf: { value: boolean } };
  };
  rendering.fields.showInvoicePdf.value = showPdf;
  return renderToStaticMarkup(
    <ComponentPropsContext value={data ? { [uid]: data } : {}}>
      <SitecoreContext componentFactory={componentFactory} layoutData={layoutData}>
        <StorefrontLayout />
      </SitecoreContext>
    </ComponentPropsContext>,
  );
}

const ready = (initial: OrderStatusAnswer): XeroOrderStatusData => ({
  state: 'ready',
  orderId: 'O-1',
  statusUrl: 'https://app.example/storefront/v1/workspaces/w/orders/O-1/status?token=t',
  pdfUrl: 'https://app.example/storefront/v1/workspaces/w/orders/O-1/invoice.pdf?token=t',
  initial,
});

describe('XeroOrderStatus in the JSS layout', () => {
  it('renders the invoice, the status in shopper words and the amount paid from the layout placeholder', () => {
    const html = renderConfirmation(
      ready({ status: 'Invoiced', invoiceNumber: 'INV-0042', amountPaid: '0.00', currency: 'AUD' }),
    );
    expect(html).toContain('Invoice and payment');
    expect(html).toContain('INV-0042');
    expect(html).toContain('Awaiting payment');
    expect(html).toContain('$0.00');
    expect(html).toContain('invoice.pdf?token=t');
    expect(html).toContain('updates by itself');
  });

  it('hides the PDF link when the merchant has not enabled it, and stops promising updates once paid', () => {
    const html = renderConfirmation(
      ready({ status: 'Paid', invoiceNumber: 'INV-0042', amountPaid: '24.50', currency: 'AUD' }),
      false,
    );
    expect(html).toContain('Paid');
    expect(html).toContain('$24.50');
    expect(html).not.toContain('invoice.pdf');
    expect(html).not.toContain('updates by itself');
  });

  it('shows the friendly unavailable text for a forged link, never an error', () => {
    const html = renderConfirmation({ state: 'unavailable' });
    expect(html).toContain('data-state="unavailable"');
    expect(html).toContain('Your order is safe');
  });
});
