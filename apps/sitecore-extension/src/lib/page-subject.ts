// What an XM Cloud page is about, from the Marketplace SDK's pages.context: an order or a product, by
// the page's route (…/orders/{id}, …/products/{id}) or by an `orderId` / `productId` field on the item.

type PageContext = {
  pageInfo?: { route?: string; path?: string; url?: string; name?: string; fields?: unknown } | undefined;
};

export type SubjectKind = 'order' | 'product';
export type PageSubject = { readonly kind: SubjectKind; readonly id: string };

const subjects: ReadonlyArray<{ kind: SubjectKind; segment: RegExp; field: string }> = [
  { kind: 'order', segment: /\/orders?\/([^/?#]+)\/?(?:[?#].*)?$/i, field: 'orderId' },
  { kind: 'product', segment: /\/products?\/([^/?#]+)\/?(?:[?#].*)?$/i, field: 'productId' },
];

function fieldValue(fields: unknown, name: string): string | undefined {
  if (Array.isArray(fields)) {
    const field = fields.find((f) => (f as { name?: string })?.name?.toLowerCase() === name.toLowerCase()) as
      | { value?: unknown }
      | undefined;
    return typeof field?.value === 'string' && field.value ? field.value : undefined;
  }
  if (fields && typeof fields === 'object') {
    const value = (fields as Record<string, { value?: unknown } | undefined>)[name]?.value;
    return typeof value === 'string' && value ? value : undefined;
  }
  return undefined;
}

/** The order or product the page is about; the route wins over fields, an order over a product. */
export function pageSubject(context: PageContext | null | undefined): PageSubject | undefined {
  const info = context?.pageInfo;
  if (!info) return undefined;
  for (const subject of subjects)
    for (const candidate of [info.route, info.url, info.path]) {
      const match = typeof candidate === 'string' ? subject.segment.exec(candidate) : null;
      if (match?.[1]) return { kind: subject.kind, id: decodeURIComponent(match[1]) };
    }
  for (const subject of subjects) {
    const id = fieldValue(info.fields, subject.field);
    if (id) return { kind: subject.kind, id };
  }
  return undefined;
}
