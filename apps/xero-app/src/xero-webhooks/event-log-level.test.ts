import { describe, expect, it } from 'vitest';
import { xeroEventLogLevel } from './event-log-level.ts';

describe('xeroEventLogLevel', () => {
  it('puts events that changed nothing at debug', () => {
    for (const outcome of ['unchanged', 'echo', 'not-ours', 'ignored', 'no-owned-fields'])
      expect(xeroEventLogLevel(outcome)).toBe('debug');
  });
  it('keeps events that changed something at info', () => {
    for (const outcome of ['paid', 'part-paid', 'voided', 'updated'])
      expect(xeroEventLogLevel(outcome)).toBe('info');
  });
});
