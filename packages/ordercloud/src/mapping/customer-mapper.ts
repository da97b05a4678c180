import { type Customer, CustomerSchema } from '@ledgerbridge/canonical';
import { z } from 'zod';
import type { OcAddress, OcBuyer, OcOrder, OcUser } from '../api-types.ts';
import { clean, mapAddress } from './address-mapper.ts';
import { MappingProblem } from './mapping-problem.ts';

export type CustomerMappingOptions = {
  /** IDs of anonymous-shopper template users (the storefront API client's DefaultContextUserName). */
  anonymousUserIds?: readonly string[];
  /** Buyer organisations whose users buy on behalf of a company (B2B). */
  companyBuyerIds?: readonly string[];
};

const emailSchema = z.email();
const validEmail = (value: string | null | undefined): string | undefined => {
  const email = clean(value);
  return email && emailSchema.safeParse(email).success ? email : undefined;
};

const companyFromXp = (user: OcUser | null | undefined): string | undefined => {
  const name = user?.xp?.CompanyName;
  return typeof name === 'string' ? clean(name) : undefined;
};

function finish(draft: Customer, path: string): Customer {
  const parsed = CustomerSchema.safeParse(draft);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new MappingProblem(`${path}.${issue?.path.join('.') ?? ''}`, issue?.message ?? 'invalid customer');
  }
  return parsed.data;
}

/**
 * Who placed an order. Guests (no user, or OrderCloud's anonymous template user, shared by every
 * anonymous order) get a stable per-order ID. A company name on the billing address, the user's
 * xp.CompanyName, or a B2B buyer organisation makes the customer a company. A user with neither
 * name nor email falls back to their Username as last name, so the contact still has a name.
 */
export function mapOrderCustomer(order: OcOrder, options: CustomerMappingOptions = {}): Customer {
  const user = order.FromUser;
  const userId = clean(order.FromUserID) ?? clean(user?.ID);
  const guest = !userId || (options.anonymousUserIds ?? []).includes(userId);
  const billing = mapAddress(order.BillingAddress);
  const companyName = billing?.companyName ?? companyFromXp(user);
  const companyBuyer = order.FromCompanyID
    ? (options.companyBuyerIds ?? []).includes(order.FromCompanyID)
    : false;
  const firstName = clean(user?.FirstName) ?? (guest ? billing?.firstName : undefined);
  const lastName = clean(user?.LastName) ?? (guest ? billing?.lastName : undefined);
  const email = validEmail(user?.Email);
  const username = clean(user?.Username);
  const kind: Customer['kind'] = guest ? 'guest' : companyName || companyBuyer ? 'company' : 'person';
  const named = Boolean(firstName || lastName || companyName || email);
  const draft: Customer = {
    id: guest ? `guest-${order.ID}` : (userId ?? `guest-${order.ID}`),
    kind,
    email,
    firstName,
    lastName: lastName ?? (!named && !guest ? username : undefined),
    companyId: guest ? undefined : clean(order.FromCompanyID),
    companyName: companyName ?? (companyBuyer ? clean(order.FromCompanyID) : undefined),
    phone: clean(user?.Phone) ?? billing?.phone,
    billingAddress: billing,
    attributes: {
      ...(username && !guest ? { username } : {}),
      ...(clean(user?.Email) && !email ? { invalidEmail: clean(user?.Email) } : {}),
      ...(!named && !guest && username ? { nameFromUsername: true } : {}),
    },
  };
  return finish(draft, 'Order.FromUser');
}

/** A buyer user (and, when known, their billing address — OrderCloud keeps addresses apart from users). */
export function mapUserToCustomer(
  user: OcUser,
  options: CustomerMappingOptions = {},
  address?: OcAddress | null,
): Customer {
  const id = clean(user.ID);
  if (!id) throw new MappingProblem('User.ID', 'is missing');
  const billing = mapAddress(address);
  const companyName = billing?.companyName ?? companyFromXp(user);
  const companyBuyer = user.CompanyID ? (options.companyBuyerIds ?? []).includes(user.CompanyID) : false;
  const firstName = clean(user.FirstName);
  const lastName = clean(user.LastName);
  const email = validEmail(user.Email);
  const username = clean(user.Username);
  const named = Boolean(firstName || lastName || companyName || email);
  return finish(
    {
      id,
      kind: (options.anonymousUserIds ?? []).includes(id)
        ? 'guest'
        : companyName || companyBuyer
          ? 'company'
          : 'person',
      email,
      firstName,
      lastName: lastName ?? (!named ? username : undefined),
      companyId: clean(user.CompanyID),
      companyName: companyName ?? (companyBuyer ? clean(user.CompanyID) : undefined),
      phone: clean(user.Phone) ?? billing?.phone,
      billingAddress: billing,
      attributes: {
        ...(username ? { username } : {}),
        ...(user.Active === false ? { active: false } : {}),
        ...(!named && username ? { nameFromUsername: true } : {}),
      },
    },
    'User',
  );
}

/**
 * A buyer company as its own contact, by the rule that makes its users company customers: a company
 * name on its company-wide billing address, or a buyer configured as B2B (then named by the buyer's
 * Name). Anything else is a retail buyer, with no contact of its own.
 */
export function mapBuyerToCompany(
  buyer: OcBuyer,
  options: CustomerMappingOptions = {},
  address?: OcAddress | null,
): Customer | undefined {
  const id = clean(buyer.ID);
  if (!id) throw new MappingProblem('Buyer.ID', 'is missing');
  const billing = mapAddress(address);
  const companyName =
    billing?.companyName ?? ((options.companyBuyerIds ?? []).includes(id) ? clean(buyer.Name) : undefined);
  if (!companyName) return undefined;
  return finish(
    {
      id,
      kind: 'company',
      companyId: id,
      companyName,
      phone: billing?.phone,
      billingAddress: billing,
      attributes: buyer.Active === false ? { active: false } : {},
    },
    'Buyer',
  );
}
