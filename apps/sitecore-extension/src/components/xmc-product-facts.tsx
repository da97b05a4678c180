import type { ProductItem } from '../lib/ledgerbridge-api.ts';
import { priceText } from '../lib/price-text.ts';

export type PanelProduct = { productId: string; items: ProductItem[] };

const stateLabels: Record<ProductItem['state'], string> = {
  synced: 'In Xero, up to date',
  pending: 'Waiting to be sent to Xero',
  failed: 'Refused by Xero',
};

/** Xero holds no price for an item it never accepted; a price that differs says so beside it. */
function XeroPrice({ item }: { item: ProductItem }) {
  if (item.xeroPrice === null) return <>Not in Xero yet</>;
  return (
    <>
      {priceText(item.xeroPrice)}
      {item.pricesMatch === false && <span className="xmc-panel__differs"> differs from OrderCloud</span>}
    </>
  );
}

/** The XM Cloud panel's facts for a product page: its Xero item in each organisation of the workspace. */
export function XmcProductFacts({ product }: { product: PanelProduct }) {
  const several = product.items.length > 1;
  return (
    <>
      {product.items.map((item) => (
        <dl
          key={`${item.organisation}:${item.itemCode}`}
          className="xero-order-status__facts xmc-panel__item"
          data-product={product.productId}
          data-state={item.state}
        >
          <dt>Product</dt>
          <dd>{product.productId}</dd>
          {several && (
            <>
              <dt>Organisation</dt>
              <dd>{item.organisation ?? '—'}</dd>
            </>
          )}
          <dt>Xero item</dt>
          <dd data-field="item-code">{item.itemCode ?? '—'}</dd>
          <dt>Status</dt>
          <dd data-field="item-state">
            <span className={`xero-order-status__badge xmc-panel__state--${item.state}`}>
              {stateLabels[item.state]}
            </span>
          </dd>
          <dt>Price in OrderCloud</dt>
          <dd data-field="price-ordercloud">
            {item.orderCloudPrice ? priceText(item.orderCloudPrice) : '—'}
          </dd>
          <dt>Price in Xero</dt>
          <dd data-field="price-xero">
            <XeroPrice item={item} />
          </dd>
          <dt>Last sync</dt>
          <dd data-field="last-sync">
            {item.lastSyncAt ? new Date(item.lastSyncAt).toLocaleString('en-AU') : 'Never'}
          </dd>
          {/* A change on its way is news, not a problem: only Xero's refusal is called one. */}
          <dt>{item.state === 'pending' ? 'Note' : 'Problem'}</dt>
          <dd data-field="problem" className={item.problem && item.state === 'failed' ? 'problem' : ''}>
            {item.problem ?? 'None'}
          </dd>
        </dl>
      ))}
    </>
  );
}
