import { expect } from 'vitest';
import type { ScenarioOutcome } from './fault-scenario.ts';
import type { FinalStateReading } from './xero-final-state.ts';

/**
 * The verdict every fault scenario ends with: Xero holds what the fault-free run left there (same
 * invoices with the same totals and statuses, same payments, same credit notes, same contacts), nothing
 * twice and nothing missing, and it agrees with OrderCloud order by order. Soft, so one run shows every
 * difference at once.
 */
export function expectSameFinalState(outcome: ScenarioOutcome, baseline: FinalStateReading): void {
  expect.soft(baseline.problems, 'the fault-free baseline itself is broken').toEqual([]);
  expect.soft(outcome.problems, 'duplicates, strays or missing invoices in Xero').toEqual([]);
  expect
    .soft(outcome.quiet.failedDeliveries, 'webhook deliveries the app refused (events it may lose)')
    .toEqual([]);
  expect.soft(outcome.quiet.strandedOperations, 'operations that can never be sent').toEqual([]);
  expect.soft(outcome.truthDifferences, 'Xero differs from OrderCloud').toEqual([]);
  expect.soft(outcome.state, 'Xero differs from the fault-free run').toEqual(baseline.state);
}

/** A fault the app recovered from is not a failure: nothing may be left in the dead-letter queues. */
export function expectNoDeadLetters(outcome: ScenarioOutcome): void {
  expect(outcome.quiet.deadLetters, 'jobs dead-lettered although their work was done').toEqual([]);
}
