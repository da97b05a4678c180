import { describe, expect, it } from 'vitest';
import { createHashKeyLookup } from './connection-hash-keys.ts';

const known = '4b3f8c1e-2d6a-4f0b-9c1d-7e8f9a0b1c2d';
const unknown = '0f0e0d0c-0b0a-4908-8706-050403020100';

describe('connection hash-key lookup', () => {
  it('looks an unknown ID up once, then answers from the negative cache', async () => {
    const loads: string[] = [];
    const lookup = createHashKeyLookup({
      load: async (id) => {
        loads.push(id);
        return id === known ? 'hash-key' : undefined;
      },
    });
    expect(await lookup(unknown)).toBeUndefined();
    expect(await lookup(unknown)).toBeUndefined();
    expect(await lookup(known)).toBe('hash-key');
    expect(await lookup(known)).toBe('hash-key');
    expect(loads).toEqual([unknown, known]);
  });

  it('never queries for an ID that is not a UUID', async () => {
    const loads: string[] = [];
    const lookup = createHashKeyLookup({
      load: async (id) => {
        loads.push(id);
        return undefined;
      },
    });
    expect(await lookup("1' or '1'='1")).toBeUndefined();
    expect(loads).toEqual([]);
  });
});
