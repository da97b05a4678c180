import { describe, expect, it } from 'vitest';
import { type Query, exactFilter, listItems, listViewed } from './list-query.ts';

type Row = { id: string; day: string; price: bigint };
const rows: Row[] = Array.from({ length: 250 }, (_, i) => ({
  id: `R${String(i).padStart(3, '0')}`,
  day: `2026-01-${String((i % 28) + 1).padStart(2, '0')}T00:00:00Z`,
  price: BigInt(i * 7),
}));
const fields = ['ID', 'Day', 'Price'];
const cheap = (r: Row) => ({ ID: r.id, Day: r.day });

function counted() {
  const viewed: string[] = [];
  const view = (r: Row) => {
    viewed.push(r.id);
    return { ID: r.id, Day: r.day, Price: Number(r.price) };
  };
  return { viewed, view };
}

describe('listViewed', () => {
  const queries: Query[] = [
    { pageSize: ['10'], sortBy: ['!Day,ID'] },
    { Day: ['>2026-01-20T00:00:00Z'], page: ['2'], pageSize: ['5'] },
    { ID: ['R1*'], sortBy: ['Day'] },
    { Price: ['>700'], sortBy: ['!Price'], pageSize: ['7'] },
    { Day: ['>2026-01-10T00:00:00Z'], sortBy: ['Price'] },
  ];

  it.each(queries)('gives the same page as viewing every record first: %j', (query) => {
    const everything = listItems({ items: rows.map(counted().view), query, fields });
    expect(listViewed({ records: rows, query, fields, cheap, view: counted().view })).toEqual(everything);
  });

  it('views only the page when every filter and sort key is a cheap field', () => {
    const { viewed, view } = counted();
    const page = listViewed({
      records: rows,
      query: { Day: ['>2026-01-20T00:00:00Z'], sortBy: ['!Day'], pageSize: ['4'] },
      fields,
      cheap,
      view,
    });
    expect(page.Meta.TotalCount).toBe(rows.filter((r) => r.day > '2026-01-20T00:00:00Z').length);
    expect(viewed).toEqual(page.Items.map((item) => item.ID));
  });

  it('views every record when a filter or sort needs the full view', () => {
    for (const query of [{ Price: ['>10'] }, { sortBy: ['Price'] }] as Query[]) {
      const { viewed, view } = counted();
      listViewed({ records: rows, query, fields, cheap, view });
      expect(viewed).toHaveLength(rows.length);
    }
  });

  it('still refuses a property the view does not have', () => {
    expect(() =>
      listViewed({ records: rows, query: { Colour: ['red'] }, fields, cheap, view: counted().view }),
    ).toThrow(/Property does not exist: Colour/);
  });
});

describe('exactFilter', () => {
  it.each([
    { query: { id: ['R012'] }, values: ['r012'] },
    { query: { ID: ['R1|r2'] }, values: ['r1', 'r2'] },
    { query: { ID: ['R1*'] }, values: undefined },
    { query: { ID: ['R1|R2*'] }, values: undefined },
    { query: { ID: ['!R1'] }, values: undefined },
    { query: { ID: ['>R1'] }, values: undefined },
    { query: { ID: ['2026-01-02'] }, values: undefined },
    { query: { ID: ['R1*', 'R12'] }, values: ['r12'] },
    { query: { Day: ['R1'] }, values: undefined },
  ] as Array<{ query: Query; values: string[] | undefined }>)(
    'of $query on ID is $values',
    ({ query, values }) => {
      const found = exactFilter(query, 'ID');
      expect(found === undefined ? undefined : [...found]).toEqual(values);
    },
  );

  it('narrows to records the list would keep anyway: the same page before and after', () => {
    for (const id of ['R012', 'r012', 'R01', 'R0120|R007', 'R1*', 'R00*|R1']) {
      const query: Query = { ID: [id], sortBy: ['Day'] };
      const probe = exactFilter(query, 'ID');
      const narrowed = probe === undefined ? rows : rows.filter((r) => probe.has(r.id.toLowerCase()));
      expect(listItems({ items: narrowed.map(counted().view), query, fields })).toEqual(
        listItems({ items: rows.map(counted().view), query, fields }),
      );
    }
  });
});
