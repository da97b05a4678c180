// Ship methods and fees the sandbox's checkout integration offers, per currency, in minor units.
export type CurrencyRates = {
  standard: bigint;
  express: bigint;
  freeThreshold: bigint;
  smallOrderThreshold: bigint;
  smallOrderFee: bigint;
  giftWrapFee: bigint;
};

const rates: Record<string, CurrencyRates> = {
  AUD: {
    standard: 995n,
    express: 1995n,
    freeThreshold: 15000n,
    smallOrderThreshold: 2000n,
    smallOrderFee: 250n,
    giftWrapFee: 495n,
  },
  NZD: {
    standard: 1250n,
    express: 2450n,
    freeThreshold: 15000n,
    smallOrderThreshold: 2500n,
    smallOrderFee: 300n,
    giftWrapFee: 500n,
  },
  GBP: {
    standard: 399n,
    express: 899n,
    freeThreshold: 7500n,
    smallOrderThreshold: 1500n,
    smallOrderFee: 199n,
    giftWrapFee: 350n,
  },
  USD: {
    standard: 799n,
    express: 1999n,
    freeThreshold: 10000n,
    smallOrderThreshold: 1500n,
    smallOrderFee: 299n,
    giftWrapFee: 499n,
  },
  EUR: {
    standard: 590n,
    express: 1490n,
    freeThreshold: 8000n,
    smallOrderThreshold: 1500n,
    smallOrderFee: 199n,
    giftWrapFee: 390n,
  },
  JPY: {
    standard: 800n,
    express: 1500n,
    freeThreshold: 10000n,
    smallOrderThreshold: 2000n,
    smallOrderFee: 300n,
    giftWrapFee: 400n,
  },
};

const fallback: CurrencyRates = {
  standard: 1000n,
  express: 2000n,
  freeThreshold: 10000n,
  smallOrderThreshold: 1500n,
  smallOrderFee: 300n,
  giftWrapFee: 500n,
};

export function ratesFor(currency: string): CurrencyRates {
  return rates[currency] ?? fallback;
}
