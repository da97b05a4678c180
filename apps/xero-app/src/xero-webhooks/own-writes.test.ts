import { describe, expect, it } from 'vitest';
import { eventTime, isEcho } from './own-writes.ts';

describe('our own writes coming back from Xero', () => {
  it("reads Xero's zone-less eventDateUtc as UTC", () => {
    expect(eventTime('2026-12-05T10:00:00.500')).toBe(Date.parse('2026-12-05T10:00:00.500Z'));
    expect(eventTime('2026-12-05T10:00:00Z')).toBe(Date.parse('2026-12-05T10:00:00Z'));
  });

  it.each([
    { last: undefined, event: '2026-12-05T10:00:00', echo: false, why: 'we never wrote it' },
    { last: '2026-12-05T10:00:00.000Z', event: '2026-12-05T10:00:00.000', echo: true, why: 'the same stamp' },
    {
      last: '2026-12-05T10:00:00.000Z',
      event: '2026-12-05T10:00:00.800',
      echo: true,
      why: 'stamped a moment later',
    },
    {
      last: '2026-12-05T10:00:05.000Z',
      event: '2026-12-05T10:00:00.000',
      echo: true,
      why: 'an older change',
    },
    {
      last: '2026-12-05T10:00:00.000Z',
      event: '2026-12-05T10:00:02.000',
      echo: false,
      why: 'changed after our write',
    },
    { last: '2026-12-05T10:00:00.000Z', event: 'not a date', echo: false, why: 'an unreadable date is read' },
  ])('$why: echo=$echo', ({ last, event, echo }) => {
    expect(isEcho(last, event)).toBe(echo);
  });
});
