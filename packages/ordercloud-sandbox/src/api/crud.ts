import { param, requireAdmin } from './common.ts';
import type { RouteContext, RouteDef } from './context.ts';
import { type Json, listItems } from './list-query.ts';

// The six routes OrderCloud gives most resources: list, create (POST, ID generated or given), get,
// PUT (create with the ID in the URI, or replace), PATCH (merge), DELETE.
export function crudRoutes<T>(spec: {
  base: string; // e.g. v1/products
  idParam: string; // e.g. productID
  readers: string[];
  admins: string[];
  adminOnlyRead?: boolean;
  fields: string[];
  list: (ctx: RouteContext) => T[];
  find: (ctx: RouteContext, id: string) => T;
  exists: (ctx: RouteContext, id: string) => T | undefined;
  create: (ctx: RouteContext, body: unknown, idFromPath?: string) => T;
  update: (ctx: RouteContext, record: T, body: unknown, replace: boolean) => void;
  remove?: (ctx: RouteContext, record: T) => void;
  serialize: (ctx: RouteContext, record: T) => Json;
}): RouteDef[] {
  const one = `${spec.base}/{${spec.idParam}}`;
  const write = (ctx: RouteContext) => requireAdmin(ctx.actor, spec.admins);
  const read = (ctx: RouteContext) => {
    if (spec.adminOnlyRead) requireAdmin(ctx.actor, spec.readers);
  };
  const routes: RouteDef[] = [
    {
      verb: 'GET',
      template: spec.base,
      roles: spec.readers,
      handler: (ctx) => {
        read(ctx);
        return listItems({
          items: spec.list(ctx).map((r) => spec.serialize(ctx, r)),
          query: ctx.query,
          fields: spec.fields,
        });
      },
    },
    {
      verb: 'POST',
      template: spec.base,
      roles: spec.admins,
      created: true,
      handler: (ctx) => {
        write(ctx);
        return spec.serialize(ctx, spec.create(ctx, ctx.body));
      },
    },
    {
      verb: 'GET',
      template: one,
      roles: spec.readers,
      handler: (ctx) => {
        read(ctx);
        return spec.serialize(ctx, spec.find(ctx, param(ctx, spec.idParam)));
      },
    },
    {
      verb: 'PUT',
      template: one,
      roles: spec.admins,
      handler: (ctx) => {
        write(ctx);
        const id = param(ctx, spec.idParam);
        const existing = spec.exists(ctx, id);
        if (!existing) return spec.serialize(ctx, spec.create(ctx, ctx.body, id));
        spec.update(ctx, existing, ctx.body, true);
        return spec.serialize(ctx, existing);
      },
    },
    {
      verb: 'PATCH',
      template: one,
      roles: spec.admins,
      handler: (ctx) => {
        write(ctx);
        const record = spec.find(ctx, param(ctx, spec.idParam));
        spec.update(ctx, record, ctx.body, false);
        return spec.serialize(ctx, record);
      },
    },
  ];
  const remove = spec.remove;
  if (remove) {
    routes.push({
      verb: 'DELETE',
      template: one,
      roles: spec.admins,
      handler: (ctx) => {
        write(ctx);
        remove(ctx, spec.find(ctx, param(ctx, spec.idParam)));
        return undefined;
      },
    });
  }
  return routes;
}
