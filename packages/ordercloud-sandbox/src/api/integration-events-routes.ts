import {
  createIntegrationEvent,
  deleteIntegrationEvent,
  findIntegrationEvent,
  serializeIntegrationEvent,
  updateIntegrationEvent,
} from '../integrations/integration-events.ts';
import { param, requireAdmin } from './common.ts';
import type { RouteDef } from './context.ts';
import { listItems } from './list-query.ts';

// HTTP only: v1/integrationEvents (SDK IntegrationEvents.List/Create/Get/Save/Patch/Delete). The
// order-scoped calls (estimateshipping, shipmethods, calculate, worksheet) live with the orders.
const readers = ['IntegrationEventReader', 'IntegrationEventAdmin'];
const admins = ['IntegrationEventAdmin'];
const base = 'v1/integrationEvents';
const fields = ['ID', 'Name', 'EventType', 'CustomImplementationUrl'];

export const integrationEventRoutes: RouteDef[] = [
  {
    verb: 'GET',
    template: base,
    roles: readers,
    handler: (ctx) => {
      requireAdmin(ctx.actor, readers);
      return listItems({
        items: [...ctx.state.integrationEvents.values()].map(serializeIntegrationEvent),
        query: ctx.query,
        fields,
      });
    },
  },
  {
    verb: 'POST',
    template: base,
    roles: admins,
    created: true,
    handler: (ctx) => {
      requireAdmin(ctx.actor, admins);
      return serializeIntegrationEvent(createIntegrationEvent(ctx, ctx.body));
    },
  },
  {
    verb: 'GET',
    template: `${base}/{integrationEventID}`,
    roles: readers,
    handler: (ctx) => {
      requireAdmin(ctx.actor, readers);
      return serializeIntegrationEvent(findIntegrationEvent(ctx, param(ctx, 'integrationEventID')));
    },
  },
  {
    verb: 'PUT',
    template: `${base}/{integrationEventID}`,
    roles: admins,
    handler: (ctx) => {
      requireAdmin(ctx.actor, admins);
      const id = param(ctx, 'integrationEventID');
      const existing = ctx.state.integrationEvents.get(id);
      return serializeIntegrationEvent(
        existing
          ? updateIntegrationEvent(ctx, existing, ctx.body, true)
          : createIntegrationEvent(ctx, ctx.body, id),
      );
    },
  },
  {
    verb: 'PATCH',
    template: `${base}/{integrationEventID}`,
    roles: admins,
    handler: (ctx) => {
      requireAdmin(ctx.actor, admins);
      const event = findIntegrationEvent(ctx, param(ctx, 'integrationEventID'));
      return serializeIntegrationEvent(updateIntegrationEvent(ctx, event, ctx.body, false));
    },
  },
  {
    verb: 'DELETE',
    template: `${base}/{integrationEventID}`,
    roles: admins,
    handler: (ctx) => {
      requireAdmin(ctx.actor, admins);
      deleteIntegrationEvent(ctx, findIntegrationEvent(ctx, param(ctx, 'integrationEventID')));
      return undefined;
    },
  },
];
