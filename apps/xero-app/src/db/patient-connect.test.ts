import { describe, expect, it } from 'vitest';
import { connectPatiently, isRefusedForNow } from './patient-connect.ts';

const refusal = (code: string) => Object.assign(new Error('sorry, too many clients already'), { code });

describe('connectPatiently', () => {
  it('waits through a full server and connects once a slot is free', async () => {
    const slept: number[] = [];
    let attempts = 0;
    const client = await connectPatiently(
      async () => {
        attempts += 1;
        if (attempts < 3) throw refusal('53300');
        return 'client';
      },
      { waitsMs: [10, 20, 40], sleep: async (ms) => void slept.push(ms) },
    );
    expect(client).toBe('client');
    expect(slept).toEqual([10, 20]);
  });

  it('gives up with the server’s own error after its last wait', async () => {
    let attempts = 0;
    const gaveUp = connectPatiently(
      async () => {
        attempts += 1;
        throw refusal('57P03');
      },
      { waitsMs: [1, 1], sleep: async () => {} },
    );
    await expect(gaveUp).rejects.toMatchObject({ code: '57P03' });
    expect(attempts).toBe(3);
  });

  it('does not wait on a failure that will not pass (a wrong password, a missing database)', async () => {
    let attempts = 0;
    await expect(
      connectPatiently(
        async () => {
          attempts += 1;
          throw refusal('28P01');
        },
        { sleep: async () => {} },
      ),
    ).rejects.toMatchObject({ code: '28P01' });
    expect(attempts).toBe(1);
    expect(isRefusedForNow(new Error('ECONNREFUSED'))).toBe(false);
  });
});
