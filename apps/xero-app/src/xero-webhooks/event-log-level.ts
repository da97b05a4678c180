/**
 * Outcomes of a Xero event that change nothing here (our own write echoing back, another app's invoice,
 * nothing that differs) are routine: a busy demo would print one every few seconds. They log at debug.
 */
const routine = new Set(['unchanged', 'echo', 'not-ours', 'ignored', 'no-owned-fields']);

export function xeroEventLogLevel(outcome: string): 'debug' | 'info' {
  return routine.has(outcome) ? 'debug' : 'info';
}
