import { badRequest, notFound } from '../errors.ts';
import { param } from './common.ts';
import type { RouteContext, RouteDef, Verb } from './context.ts';
import { listItems } from './list-query.ts';

// Features of OrderCloud the sandbox does not model, answered so that a client can tell: lists are
// empty (nothing of the kind exists), a named one is NotFound, and creating or changing one answers
// 400 Sandbox.NotModeled naming the feature. The conformance test lists every SDK call that lands here.
export type NotModeled = {
  feature: string;
  verb: Verb;
  template: string;
  objectType: string;
  idParam?: string;
};

const feature = (
  name: string,
  objectType: string,
  collection: string,
  idParam: string,
  extra: Omit<NotModeled, 'feature' | 'objectType'>[] = [],
): NotModeled[] => [
  { feature: name, objectType, verb: 'GET', template: collection },
  { feature: name, objectType, verb: 'POST', template: collection },
  { feature: name, objectType, verb: 'GET', template: `${collection}/{${idParam}}`, idParam },
  { feature: name, objectType, verb: 'PUT', template: `${collection}/{${idParam}}`, idParam },
  { feature: name, objectType, verb: 'PATCH', template: `${collection}/{${idParam}}`, idParam },
  { feature: name, objectType, verb: 'DELETE', template: `${collection}/{${idParam}}`, idParam },
  ...extra.map((e) => ({ ...e, feature: name, objectType })),
];

export const notModeled: NotModeled[] = [
  ...feature('Subscriptions', 'Subscription', 'v1/me/subscriptions', 'subscriptionID', [
    { verb: 'GET', template: 'v1/me/subscriptions/{subscriptionID}/items', idParam: 'subscriptionID' },
    { verb: 'POST', template: 'v1/me/subscriptions/{subscriptionID}/items', idParam: 'subscriptionID' },
    {
      verb: 'GET',
      template: 'v1/me/subscriptions/{subscriptionID}/items/{subscriptionItemID}',
      idParam: 'subscriptionID',
    },
    {
      verb: 'PUT',
      template: 'v1/me/subscriptions/{subscriptionID}/items/{subscriptionItemID}',
      idParam: 'subscriptionID',
    },
    {
      verb: 'PATCH',
      template: 'v1/me/subscriptions/{subscriptionID}/items/{subscriptionItemID}',
      idParam: 'subscriptionID',
    },
    {
      verb: 'DELETE',
      template: 'v1/me/subscriptions/{subscriptionID}/items/{subscriptionItemID}',
      idParam: 'subscriptionID',
    },
    {
      verb: 'POST',
      template: 'v1/me/subscriptions/{subscriptionID}/items/bundles/{bundleID}',
      idParam: 'subscriptionID',
    },
    {
      verb: 'DELETE',
      template: 'v1/me/subscriptions/{subscriptionID}/items/bundles/{bundleID}/{bundleItemID}',
      idParam: 'subscriptionID',
    },
  ]),
  ...feature('Product collections', 'ProductCollection', 'v1/me/productcollections', 'productCollectionID', [
    {
      verb: 'PUT',
      template: 'v1/me/productcollections/{productCollectionID}/{productID}',
      idParam: 'productCollectionID',
    },
    {
      verb: 'DELETE',
      template: 'v1/me/productcollections/{productCollectionID}/{productID}',
      idParam: 'productCollectionID',
    },
    {
      verb: 'GET',
      template: 'v1/me/productcollections/{productCollectionID}/invitations',
      idParam: 'productCollectionID',
    },
    {
      verb: 'POST',
      template: 'v1/me/productcollections/{productCollectionID}/invitations',
      idParam: 'productCollectionID',
    },
    {
      verb: 'GET',
      template: 'v1/me/productcollections/{productCollectionID}/invitations/{invitationID}',
      idParam: 'productCollectionID',
    },
    {
      verb: 'PATCH',
      template: 'v1/me/productcollections/{productCollectionID}/invitations/{invitationID}',
      idParam: 'productCollectionID',
    },
    {
      verb: 'DELETE',
      template: 'v1/me/productcollections/{productCollectionID}/invitations/{invitationID}',
      idParam: 'productCollectionID',
    },
    {
      verb: 'POST',
      template: 'v1/me/productcollections/{productCollectionID}/invitations/accept/{invitationID}',
      idParam: 'productCollectionID',
    },
    {
      verb: 'POST',
      template: 'v1/me/productcollections/{productCollectionID}/invitations/decline/{invitationID}',
      idParam: 'productCollectionID',
    },
    {
      verb: 'GET',
      template: 'v1/me/productcollections/{productCollectionID}/products',
      idParam: 'productCollectionID',
    },
    {
      verb: 'POST',
      template: 'v1/me/productcollections/{productCollectionID}/products',
      idParam: 'productCollectionID',
    },
  ]),
  ...feature(
    'Group order invitations',
    'GroupOrderInvitation',
    'v1/me/orderinvitations',
    'invitationID',
  ).filter((r) => r.verb !== 'PUT'),
  ...feature(
    'API client secrets',
    'ApiClientSecret',
    'v1/apiclients/{apiClientID}/secrets',
    'apiClientSecretID',
  ).filter((r) => r.verb !== 'PUT'),
  {
    feature: 'Password reset by verification code',
    objectType: 'PasswordReset',
    verb: 'POST',
    template: 'v1/me/password',
  },
];

function answer(entry: NotModeled) {
  return (ctx: RouteContext) => {
    const named = entry.idParam ? ctx.params[entry.idParam] : undefined;
    if (entry.verb === 'GET') {
      if (named !== undefined) throw notFound(entry.objectType, param(ctx, entry.idParam ?? ''));
      return listItems({ items: [], query: ctx.query, fields: [] });
    }
    throw badRequest('Sandbox.NotModeled', `The OrderCloud sandbox does not model ${entry.feature}.`, {
      Feature: entry.feature,
    });
  };
}

export const notModeledRoutes: RouteDef[] = notModeled.map((entry) => ({
  verb: entry.verb,
  template: entry.template,
  roles: [],
  handler: answer(entry),
}));
