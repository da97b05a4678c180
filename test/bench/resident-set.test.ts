import { describe, expect, it } from 'vitest';
import { residentSetOf } from './resident-set.ts';

/** One smaps entry: its header line and the Rss line (the fields between are not read). */
const entry = (range: string, perms: string, name: string, rssKb: number) =>
  `${range} ${perms} 00000000 00:00 0 ${name}\nSize: 4 kB\nRss: ${rssKb} kB\nPss: ${rssKb} kB\n`;

describe('residentSetOf', () => {
  it('sorts the resident set into V8/anonymous, main arena, thread arenas and files', () => {
    const smaps = [
      entry('555555554000-555555600000', 'r-xp', '/usr/bin/node', 30_720),
      entry('555556000000-555557000000', 'rw-p', '[heap]', 10_240),
      // A thread arena: 64 MiB-aligned, 1 MiB in use, then the rest of its 64 MiB reserved.
      entry('7f0004000000-7f0004100000', 'rw-p', '', 1_024),
      entry('7f0004100000-7f0008000000', '---p', '', 0),
      // An anonymous mapping on the same boundary that does not fill 64 MiB: not an arena (V8's page).
      entry('7f0010000000-7f0010040000', 'rw-p', '', 256),
      entry('7f0020001000-7f0020100000', 'rw-p', '', 512),
      entry('7ffc00000000-7ffc00021000', 'rw-p', '[stack]', 100),
    ].join('');
    expect(residentSetOf(smaps)).toEqual({
      totalMb: 41.8, // 42,852 kB
      anonymousMb: 0.8,
      mainArenaMb: 10,
      threadArenasMb: 1,
      filesMb: 30,
    });
  });

  it('reads an empty map as nothing resident', () => {
    expect(residentSetOf('')).toEqual({
      totalMb: 0,
      anonymousMb: 0,
      mainArenaMb: 0,
      threadArenasMb: 0,
      filesMb: 0,
    });
  });
});
