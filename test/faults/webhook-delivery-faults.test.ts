import { randomUUID } from 'node:crypto';
import { type DeliveryRecord, signWebhookBody } from '@ledgerbridge/ordercloud-sandbox';
import { startXeroSandbox, type XeroSandbox } from '@ledgerbridge/xero-sandbox';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { testBackends } from '../support/backends.ts';
import { expectNoDeadLetters, expectSameFinalState } from '../support/fault-assertions.ts';
import { writeFaultReport } from '../support/fault-report.ts';
import {
  faultFreeBaseline,
  openScenario,
  placeScenarioOrders,
  type Scenario,
  type ScenarioOutcome,
  settleAndRead,
  standardScenario,
  tenantFor,
  waitForQuiet,
} from '../support/fault-scenario.ts';
import { TEST_WEBHOOK_HASH_KEY } from '../support/stack.ts';
import type { FinalStateReading, ScenarioOrder } from '../support/xero-final-state.ts';

type Redelivery = { logId: string; status: number; answer: string };

/** Sends a delivery's body again, as OrderCloud would, signed with the webhook's HashKey. */
async function deliverAgain(delivery: DeliveryRecord, input: { freshLogId: boolean }): Promise<Redelivery> {
  const payload = JSON.parse(delivery.body) as { LogID: string };
  const body = input.freshLogId ? JSON.stringify({ ...payload, LogID: randomUUID() }) : delivery.body;
  const response = await fetch(delivery.url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-oc-hash': signWebhookBody(body, TEST_WEBHOOK_HASH_KEY),
    },
    body,
  });
  return {
    logId: (JSON.parse(body) as { LogID: string }).LogID,
    status: response.status,
    answer: await response.text(),
  };
}

describe.each(testBackends)(
  'OrderCloud webhooks duplicated, held and delivered newest first, then all sent again (%s)',
  (backend) => {
    const tenantId = tenantFor(standardScenario);
    let xero: XeroSandbox;
    let scenario: Scenario | undefined;
    let orders: ScenarioOrder[];
    let outcome: ScenarioOutcome;
    let baseline: FinalStateReading;
    let deliveries: DeliveryRecord[];
    let storedBeforeRelease: number;
    let arrival: Array<{ delivery_id: string; payload: unknown }>;
    let sameLogId: Redelivery[];
    let freshLogId: Redelivery[];

    beforeAll(async () => {
      xero = await startXeroSandbox({ contractCheck: true });
      scenario = await openScenario({
        xero,
        tenantId,
        runUrl: inject('postgresUrl'),
        spec: standardScenario,
        backend,
      });
      const db = scenario.stack.infra.database.db;
      // Every post-hook goes out twice (same LogID), and all of them are held until released, newest first.
      await scenario.stack.orderCloud.admin.setFaults({ webhooks: { duplicate: 100_000, reorder: 100_000 } });
      const started = Date.now();
      orders = await placeScenarioOrders(scenario);
      storedBeforeRelease = (await db.selectFrom('inbound_events').select('id').execute()).length;
      await waitForQuiet(scenario, { timeoutMs: 90_000 }); // releases the held deliveries
      deliveries = (await scenario.stack.orderCloud.admin.deliveries()).filter((d) => d.kind === 'post');
      arrival = await db
        .selectFrom('inbound_events')
        .select(['delivery_id', 'payload'])
        .orderBy('received_at')
        .orderBy('id')
        .execute();
      // Then every event once more: late copies under the same LogID, and copies under a new LogID (a sender
      // that re-sends an event as new; only the operations' own keys can tell they add nothing).
      const originals = [...new Map(deliveries.map((d) => [d.logId, d])).values()];
      sameLogId = await Promise.all(originals.map((d) => deliverAgain(d, { freshLogId: false })));
      freshLogId = await Promise.all(originals.map((d) => deliverAgain(d, { freshLogId: true })));
      outcome = await settleAndRead(scenario, xero, orders, { timeoutMs: 90_000 });
      await writeFaultReport('webhook-delivery-faults', {
        settledAfterMs: Date.now() - started,
        deliveries: deliveries.length,
        distinctEvents: originals.length,
        storedBeforeRelease,
        deadLetters: outcome.quiet.deadLetters,
        sameLogId: sameLogId.map((r) => `${r.status} ${r.answer}`),
      });
      baseline = await faultFreeBaseline(inject('postgresUrl'), standardScenario);
    }, 240_000);
    const storedLogIds = () => new Set(deliveries.filter((d) => d.httpStatus === 202).map((d) => d.logId));

    afterAll(async () => {
      await scenario?.close();
      await xero?.close();
    });

    it('delivered every event twice and newest first, and the app stored each LogID once', () => {
      expect(storedBeforeRelease, 'nothing arrived while the deliveries were held').toBe(0);
      const byLogId = Map.groupBy(deliveries, (d) => d.logId);
      expect(deliveries.length).toBe(byLogId.size * 2);
      expect(
        deliveries.every((d) => d.status === 'delivered'),
        'every copy was answered 2xx',
      ).toBe(true);
      for (const [logId, copies] of byLogId) {
        const statuses = copies.map((d) => d.httpStatus).sort();
        // Stored once (202) and answered as a duplicate (200), or ignored both times (routes not synced).
        expect(
          [
            [200, 202],
            [200, 200],
          ],
          `answers to the two copies of ${logId}`,
        ).toContainEqual(statuses);
      }
      expect(arrival.map((e) => e.delivery_id).sort()).toEqual([...storedLogIds()].sort());
      // Newest first: some order's submit reached the app after a later event of the same order.
      const route = (e: { payload: unknown }) => String((e.payload as { Route?: string }).Route ?? '');
      const orderOf = (e: { payload: unknown }) =>
        String((e.payload as { RouteParams?: { orderID?: string } }).RouteParams?.orderID ?? '');
      const lateSubmits = arrival.filter(
        (e, i) =>
          route(e).endsWith('/submit') &&
          orderOf(e) !== '' &&
          arrival.slice(0, i).some((before) => orderOf(before) === orderOf(e)),
      );
      expect(lateSubmits.length, 'submits that arrived after a later event of their order').toBeGreaterThan(
        0,
      );
    });

    it('answers a late copy under a known LogID as a duplicate and stores a re-sent event as new', () => {
      const stored = storedLogIds();
      for (const [index, again] of sameLogId.entries()) {
        const renewed = freshLogId[index];
        if (stored.has(again.logId)) {
          expect(again.status, again.answer).toBe(200);
          expect(again.answer).toContain('duplicate');
          expect(renewed?.status, renewed?.answer).toBe(202);
        } else {
          expect(again.answer).toContain('ignored');
          expect(renewed?.answer).toContain('ignored');
        }
      }
      expect(stored.size, 'events the app syncs').toBeGreaterThan(orders.length);
    });

    it('ends with exactly the fault-free Xero state', () => {
      expectSameFinalState(outcome, baseline);
    });

    it('dead-letters nothing', () => {
      expectNoDeadLetters(outcome);
    });
  },
);
