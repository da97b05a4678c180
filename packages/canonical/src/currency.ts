import { z } from 'zod';

// ISO 4217 minor-unit exponents that differ from the common 2.
const exponentOverrides: Readonly<Record<string, number>> = {
  BIF: 0,
  CLP: 0,
  DJF: 0,
  GNF: 0,
  ISK: 0,
  JPY: 0,
  KMF: 0,
  KRW: 0,
  PYG: 0,
  RWF: 0,
  UGX: 0,
  UYI: 0,
  VND: 0,
  VUV: 0,
  XAF: 0,
  XOF: 0,
  XPF: 0,
  BHD: 3,
  IQD: 3,
  JOD: 3,
  KWD: 3,
  LYD: 3,
  OMR: 3,
  TND: 3,
  CLF: 4,
  UYW: 4,
};

export const CurrencyCodeSchema = z.string().regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code such as USD');
export type CurrencyCode = z.infer<typeof CurrencyCodeSchema>;

export function currencyExponent(currency: CurrencyCode): number {
  return exponentOverrides[currency] ?? 2;
}
