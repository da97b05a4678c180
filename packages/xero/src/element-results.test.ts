import { describe, expect, it } from 'vitest';
import { elementResults, refusedElement } from './element-results.ts';

const refusal = [{ message: 'Payments can only be made against Authorised documents' }];

describe('elementResults', () => {
  it('takes a payment Xero refused (HasValidationErrors, no HasErrors) as refused, with its reason', () => {
    // What xero-node gives for a payment element Xero refused: the flag payments carry, the echo's zero ID.
    const answered = [
      {
        paymentID: '00000000-0000-0000-0000-000000000000',
        hasValidationErrors: true,
        statusAttributeString: 'ERROR',
        validationErrors: refusal,
      },
    ];
    expect(elementResults(answered, 1, (x) => x.paymentID)).toEqual([
      {
        ok: false,
        error: expect.objectContaining({
          kind: 'permanent',
          code: 'xero-validation',
          message: 'Payments can only be made against Authorised documents',
        }),
      },
    ]);
  });

  it('knows a refusal by any one marker: HasErrors, HasValidationErrors, ERROR status or a validation error', () => {
    expect(refusedElement({ hasErrors: true })).toBe(true);
    expect(refusedElement({ hasValidationErrors: true })).toBe(true);
    expect(refusedElement({ statusAttributeString: 'ERROR' })).toBe(true);
    expect(refusedElement({ validationErrors: refusal })).toBe(true);
    expect(
      refusedElement({
        hasErrors: false,
        hasValidationErrors: false,
        statusAttributeString: 'OK',
        validationErrors: [],
      }),
    ).toBe(false);
    // A warning is not a refusal: the document was saved.
    expect(refusedElement({ statusAttributeString: 'WARNING' })).toBe(false);
  });

  it('maps accepted elements in the order sent, and fails every element when the counts differ', () => {
    const accepted = [
      { id: 'a', statusAttributeString: 'OK', hasValidationErrors: false },
      { id: 'b', statusAttributeString: 'ERROR', hasValidationErrors: true, validationErrors: refusal },
    ];
    const results = elementResults(accepted, 2, (x) => x.id);
    expect(results.map((r) => r.ok)).toEqual([true, false]);
    expect(results[0]).toEqual({ ok: true, value: 'a' });
    expect(elementResults(accepted, 3, (x) => x.id).every((r) => !r.ok)).toBe(true);
  });
});
