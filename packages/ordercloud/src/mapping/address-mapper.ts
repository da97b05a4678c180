import type { Address } from '@ledgerbridge/canonical';
import type { OcAddress } from '../api-types.ts';

const clean = (value: string | null | undefined): string | undefined => {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
};

export function mapAddress(address: OcAddress | null | undefined): Address | undefined {
  if (!address) return undefined;
  const country = clean(address.Country)?.toUpperCase();
  const mapped: Address = {
    companyName: clean(address.CompanyName),
    firstName: clean(address.FirstName),
    lastName: clean(address.LastName),
    line1: clean(address.Street1),
    line2: clean(address.Street2),
    city: clean(address.City),
    region: clean(address.State),
    postalCode: clean(address.Zip),
    country: country && /^[A-Z]{2}$/.test(country) ? country : undefined,
    phone: clean(address.Phone),
  };
  const defined = Object.fromEntries(Object.entries(mapped).filter(([, v]) => v !== undefined)) as Address;
  return Object.keys(defined).length ? defined : undefined;
}

export { clean };
