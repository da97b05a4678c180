import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { embeddedDataDir } from './infrastructure.ts';

describe('the embedded database folder', () => {
  it('keeps memory:// in memory (resolving it made a folder named "memory:" shared by every run)', () => {
    expect(embeddedDataDir('memory://')).toBe('memory://');
  });
  it('resolves a folder against the working directory', () => {
    expect(embeddedDataDir('.data')).toBe(resolve('.data'));
  });
});
