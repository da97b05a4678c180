import { describe, expect, it } from 'vitest';
import { splitCredit } from './plan-credit.ts';

describe('how a credit is settled', () => {
  it.each([
    { credit: 2000n, total: 10000n, settled: 0n, returned: true, allocated: 2000n, refunded: 0n },
    { credit: 2000n, total: 10000n, settled: 10000n, returned: true, allocated: 0n, refunded: 2000n },
    { credit: 2000n, total: 10000n, settled: 9000n, returned: true, allocated: 1000n, refunded: 1000n },
    { credit: 2000n, total: 10000n, settled: 9000n, returned: false, allocated: 1000n, refunded: 0n },
    { credit: 2000n, total: 10000n, settled: 12000n, returned: true, allocated: 0n, refunded: 2000n },
  ])(
    '$credit of credit, $settled of $total paid, money back $returned: allocate $allocated, refund $refunded',
    ({ credit, total, settled, returned, allocated, refunded }) => {
      expect(
        splitCredit({
          creditCents: credit,
          invoiceTotalCents: total,
          settledCents: settled,
          moneyReturned: returned,
        }),
      ).toEqual({ allocated, refunded });
    },
  );
});
