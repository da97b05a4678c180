// Which order an XM Cloud page is about, from the Marketplace SDK's pages.context: an order page's
// route (…/orders/{id}), or an `orderId` field on the page item.

type PageContext = {
  pageInfo?: { route?: string; path?: string; url?: string; name?: string; fields?: unknown } | undefined;
};

export function orderIdFromPage(context: PageContext | null | undefined): string | undefined {
  const info = context?.pageInfo;
  if (!info) return undefined;
  for (const candidate of [info.route, info.url, info.path]) {
    const match =
      typeof candidate === 'string' ? /\/orders?\/([^/?#]+)\/?(?:[?#].*)?$/i.exec(candidate) : null;
    if (match?.[1]) return decodeURIComponent(match[1]);
  }
  const fields = info.fields;
  if (Array.isArray(fields)) {
    const field = fields.find((f) => (f as { name?: string })?.name?.toLowerCase() === 'orderid') as
      | { value?: unknown }
      | undefined;
    if (typeof field?.value === 'string' && field.value) return field.value;
  } else if (fields && typeof fields === 'object') {
    const value = (fields as Record<string, { value?: unknown } | undefined>).orderId?.value;
    if (typeof value === 'string' && value) return value;
  }
  return undefined;
}
