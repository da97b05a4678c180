import { type ElementResult, permanent } from '@ledgerbridge/canonical';

/**
 * How Xero marks a refused element of a `summarizeErrors=false` batch. The flag's name differs by
 * document (Xero's OpenAPI and xero-node's models): invoices and credit notes carry `HasErrors`,
 * payments and contacts `HasValidationErrors`, items neither — every one carries
 * `StatusAttributeString` ("OK", "WARNING", "ERROR") and the `ValidationErrors` that say why.
 */
export type ElementWithErrors = {
  hasErrors?: boolean;
  hasValidationErrors?: boolean;
  statusAttributeString?: string;
  validationErrors?: Array<{ message?: string }>;
};

/** Whether Xero refused the element, whichever of its markers the document's kind carries. */
export function refusedElement(x: ElementWithErrors): boolean {
  return (
    x.hasErrors === true ||
    x.hasValidationErrors === true ||
    x.statusAttributeString?.toUpperCase() === 'ERROR' ||
    (x.validationErrors?.length ?? 0) > 0
  );
}

/** Per-element outcome of a summarizeErrors=false batch, in the order sent. */
export function elementResults<X extends ElementWithErrors, T>(
  elements: X[] | undefined,
  sent: number,
  map: (x: X) => T,
): ElementResult<T>[] {
  const list = elements ?? [];
  if (list.length !== sent) {
    const error = permanent('xero-batch-mismatch', `Xero answered ${list.length} elements for ${sent} sent`);
    return Array.from({ length: sent }, () => ({ ok: false as const, error }));
  }
  return list.map((x) => {
    if (!refusedElement(x)) return { ok: true as const, value: map(x) };
    const messages = (x.validationErrors ?? []).map((v) => v.message ?? '').filter(Boolean);
    return {
      ok: false as const,
      error: permanent('xero-validation', messages[0] ?? 'Xero refused it', messages),
    };
  });
}
