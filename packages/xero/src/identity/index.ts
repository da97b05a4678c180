export { mapIdentityFailure } from './identity-errors.ts';
export { createPkcePair, type PkcePair } from './pkce.ts';
export {
  createXeroIdentityClient,
  type XeroIdentityClient,
  type XeroIdentityOptions,
} from './xero-identity-client.ts';
