// Where generated customers live and how their storefront prices (tax-inclusive GST/VAT regions,
// tax-exclusive US states). One storefront API client and one guest template user per region.
export type RegionKey = 'AU' | 'NZ' | 'UK' | 'US' | 'EU' | 'JP';

export type RegionAddress = { Street1: string; City: string; State?: string; Zip: string; Country: string };

export type Region = {
  key: RegionKey;
  currency: string;
  pricesIncludeTax: boolean;
  addresses: RegionAddress[];
  retailBuyerId: string;
  tradeBuyerId: string;
  guestBuyerId: string;
  storefrontClientId: string;
  guestUsername: string;
};

const region = (
  key: RegionKey,
  currency: string,
  pricesIncludeTax: boolean,
  addresses: RegionAddress[],
): Region => {
  const lower = key.toLowerCase();
  return {
    key,
    currency,
    pricesIncludeTax,
    addresses,
    retailBuyerId: `retail-${lower}`,
    tradeBuyerId: `trade-${lower}`,
    guestBuyerId: `guests-${lower}`,
    storefrontClientId: `storefront-${lower}`,
    guestUsername: `anonymous-${lower}`,
  };
};

export const regions: Record<RegionKey, Region> = {
  AU: region('AU', 'AUD', true, [
    { Street1: '1 George St', City: 'Sydney', State: 'NSW', Zip: '2000', Country: 'AU' },
    { Street1: '200 Bourke St', City: 'Melbourne', State: 'VIC', Zip: '3000', Country: 'AU' },
    { Street1: '12 Queen St', City: 'Brisbane', State: 'QLD', Zip: '4000', Country: 'AU' },
  ]),
  NZ: region('NZ', 'NZD', true, [
    { Street1: '5 Queen St', City: 'Auckland', Zip: '1010', Country: 'NZ' },
    { Street1: '101 Lambton Quay', City: 'Wellington', Zip: '6011', Country: 'NZ' },
  ]),
  UK: region('UK', 'GBP', true, [
    { Street1: '10 Aldersgate St', City: 'London', Zip: 'EC1A 1BB', Country: 'GB' },
    { Street1: '3 Piccadilly', City: 'Manchester', Zip: 'M1 1AE', Country: 'GB' },
  ]),
  US: region('US', 'USD', false, [
    { Street1: '350 5th Ave', City: 'New York', State: 'NY', Zip: '10118', Country: 'US' },
    { Street1: '200 N Spring St', City: 'Los Angeles', State: 'CA', Zip: '90012', Country: 'US' },
    { Street1: '1100 Congress Ave', City: 'Austin', State: 'TX', Zip: '78701', Country: 'US' },
    { Street1: '1221 SW 4th Ave', City: 'Portland', State: 'OR', Zip: '97204', Country: 'US' },
  ]),
  EU: region('EU', 'EUR', true, [
    { Street1: 'Unter den Linden 1', City: 'Berlin', Zip: '10117', Country: 'DE' },
    { Street1: 'Marienplatz 8', City: 'München', Zip: '80331', Country: 'DE' },
  ]),
  JP: region('JP', 'JPY', true, [
    { Street1: '1-1 Chiyoda', City: '東京都千代田区', Zip: '100-0001', Country: 'JP' },
    { Street1: '2-4 Umeda', City: '大阪市北区', Zip: '530-0001', Country: 'JP' },
  ]),
};

export const allRegionKeys: RegionKey[] = ['AU', 'NZ', 'UK', 'US', 'EU', 'JP'];
