import { describe, expect, it } from 'vitest';
import { keyedIndex } from './keyed-index.ts';

type Doc = { id: string; number: string };
const doc = (id: string, number: string): Doc => ({ id, number });
const byNumber = () =>
  keyedIndex<Doc>(
    (d) => (d.number === '' ? undefined : d.number.toLowerCase()),
    (d) => d.id,
  );

describe('a keyed index', () => {
  it('finds the records present when first asked, by key, in their order; a record without a key is not indexed', () => {
    const index = byNumber();
    const docs = new Map([
      ['a', doc('a', 'INV-0001')],
      ['b', doc('b', 'inv-0001')],
      ['c', doc('c', 'INV-0002')],
      ['d', doc('d', '')],
    ]);
    expect(index.find(docs, 'inv-0001').map((d) => d.id)).toEqual(['a', 'b']);
    expect(index.find(docs, 'inv-0003')).toEqual([]);
    expect(index.find(docs, '')).toEqual([]);
  });

  it('learns of records saved later, and skips a record whose key has changed', () => {
    const index = byNumber();
    const docs = new Map([['a', doc('a', 'INV-0001')]]);
    expect(index.find(docs, 'inv-0002')).toEqual([]);
    const saved = doc('b', 'INV-0002');
    docs.set('b', saved);
    index.saved(docs, saved);
    expect(index.find(docs, 'inv-0002')).toEqual([saved]);
    // Changed in place and saved again under its new key.
    const first = docs.get('a') as Doc;
    first.number = 'INV-0009';
    expect(index.find(docs, 'inv-0001')).toEqual([]);
    index.saved(docs, first);
    expect(index.find(docs, 'inv-0009')).toEqual([first]);
  });

  it('keeps each collection apart', () => {
    const index = byNumber();
    const one = new Map([['a', doc('a', 'INV-0001')]]);
    const other = new Map([['z', doc('z', 'INV-0001')]]);
    expect(index.find(one, 'inv-0001').map((d) => d.id)).toEqual(['a']);
    expect(index.find(other, 'inv-0001').map((d) => d.id)).toEqual(['z']);
  });
});
