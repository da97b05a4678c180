// Who is calling: resolved from a verified bearer token (or handed in directly by in-process callers).
export type Actor = {
  readonly kind: 'admin' | 'buyer';
  readonly clientId: string;
  readonly userId: string;
  readonly username: string;
  readonly buyerId?: string;
  readonly roles: readonly string[];
  readonly anonymousOrderId?: string;
  readonly token?: string;
};

export function hasAnyRole(actor: Actor, required: readonly string[]): boolean {
  if (required.length === 0) return true;
  return actor.roles.includes('FullAccess') || required.some((role) => actor.roles.includes(role));
}

export const buyerDefaultRoles = ['Shopper', 'MeAdmin', 'MeAddressAdmin', 'MeXpAdmin', 'BuyerReader'];
