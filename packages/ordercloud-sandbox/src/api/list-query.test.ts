import { describe, expect, it } from 'vitest';
import { type Query, listItems, listViewed } from './list-query.ts';

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
