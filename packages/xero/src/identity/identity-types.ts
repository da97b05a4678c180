import { z } from 'zod';

// Xero's identity responses, parsed at the edge so nothing downstream trusts an unchecked shape.

export const TokenResponseSchema = z.object({
  access_token: z.string().min(1),
  refresh_token: z.string().min(1).optional(),
  id_token: z.string().min(1).optional(),
  expires_in: z.coerce.number().int().positive(),
  token_type: z.string().default('Bearer'),
  scope: z.string().default(''),
});

export const ConnectionSchema = z.object({
  id: z.string().min(1),
  authEventId: z.string().default(''),
  tenantId: z.string().min(1),
  tenantType: z.string().default('ORGANISATION'),
  tenantName: z.string().nullable().default(null),
  createdDateUtc: z.string().optional(),
  updatedDateUtc: z.string().optional(),
});

export const DiscoverySchema = z.object({
  issuer: z.string().min(1),
  jwks_uri: z.url(),
});

export const OAuthErrorSchema = z.object({
  error: z.string(),
  error_description: z.string().optional(),
});
