import {
  decodeIndexEntry,
  decodeLean,
  encodeIndexEntry,
  leanOf,
  MY_DAY_KEYS,
  pickLeanCustomers,
  type IndexEntry,
  type LeanCell,
} from '../../src/shared/rules/my-day-index';

/** Lean customers in the My day index: cells whose records My day decodes only when it shows them. */
const DAY = 24 * 3600 * 1000;
const BUILT = Date.parse('2024-06-03T02:00:00Z');

function cell(id: string, lean: IndexEntry['lean']): LeanCell {
  const entry: IndexEntry = { owner: 'rep@x.cn', table: 'customers', id, values: { id, owner: 'rep@x.cn' }, lean };
  const decoded = decodeLean(encodeIndexEntry(entry, MY_DAY_KEYS.customers));
  if (!decoded) throw new Error('not a lean cell');
  return decoded;
}

describe('lean customer cells', () => {
  it('are the customers whose lists only a fresher read can change', () => {
    const created = new Date(BUILT - 400 * DAY);
    // Due within the horizon: could become due today or overdue while the index lasts.
    expect(leanOf({ nextFollowUpDue: new Date(BUILT + DAY), createdAt: created }, BUILT)).toBeUndefined();
    expect(leanOf({ nextFollowUpDue: new Date(BUILT - DAY), createdAt: created }, BUILT)).toEqual({
      due: BUILT - DAY,
      sleepSince: created.getTime(),
    });
    expect(
      leanOf({ nextFollowUpDue: new Date(BUILT + 30 * DAY), lastContactAt: new Date(BUILT - 90 * DAY) }, BUILT),
    ).toEqual({
      due: null,
      sleepSince: null,
    });
  });

  it('carry the id and both instants before the record, and no other decoder takes them', () => {
    const entry: IndexEntry = {
      owner: 'rep@x.cn',
      table: 'customers',
      id: 'C1',
      values: { id: 'C1', name: '星河' },
      lean: { due: null, sleepSince: 1_700_000_000_000 },
    };
    const text = encodeIndexEntry(entry, MY_DAY_KEYS.customers);
    expect(decodeIndexEntry(text)).toBeNull();
    expect(decodeLean(text)).toMatchObject({ id: 'C1', due: null, sleepSince: 1_700_000_000_000 });
    expect(decodeLean(encodeIndexEntry({ ...entry, lean: undefined }, MY_DAY_KEYS.customers))).toBeNull();
    expect(decodeLean('rep@x.cn\tlean\tC3\tsoon\t\t{}')).toBeNull();
  });

  it('decode the first `limit` of each list, count the rest, and skip fresher reads and open actions', () => {
    const cells = [
      cell('C1', { due: 1000, sleepSince: 9000 }),
      cell('C2', { due: 2000, sleepSince: 100 }),
      cell('C3', { due: 3000, sleepSince: null }),
      cell('C4', { due: null, sleepSince: 200 }),
      cell('C5', { due: 500, sleepSince: 300 }),
      cell('C6', { due: 4000, sleepSince: 400 }),
    ];
    const picked = pickLeanCustomers(cells, new Set(['C6']), new Set(['C5']), 5000, 5000, 1);
    // Past: C1, C2, C3 (C5 has an open action, C6 was read again); first by due: C1.
    // Asleep: C2, C4, C5 (C1 since 9000 is awake); first by since: C2.
    expect(picked.decoded.map((values) => values.id)).toEqual(['C1', 'C2']);
    // Past: C1 and C2 decoded (C2 for sleeping, but past as well), C3 counted. Asleep: C2 decoded; C4, C5 counted.
    expect(picked.uncounted).toEqual({ pastNextFollowUp: 1, sleeping: 2 });
  });
});
