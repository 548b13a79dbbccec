import { customerRowsOf, refsEntries, REFS_CELL_KEYS } from '../../src/shared/rules/customer-refs';
import { mergedReferenceUpdates } from '../../src/shared/rules/merge-customers';
import { decodeIndexEntry, encodeIndexEntry, historyBucketOf } from '../../src/shared/rules/my-day-index';

/** Where a customer's records are (the index's customer-rows block) and the scan's re-pointing of leftovers. */
describe('customer-rows block', () => {
  it('lists each customer’s rows per table, bucketed by customer id, and reads back what it wrote', () => {
    const { entries, bucketStarts } = refsEntries([
      { table: 'followUps', row: 2, values: { id: 'G1', customerId: 'C1' } },
      { table: 'followUps', row: 9, values: { id: 'G2', customerId: ' C1 ' } },
      { table: 'tickets', row: 4, values: { id: 'F1', customerId: 'C2' } },
      { table: 'transactions', row: 3, values: { id: 'T1', customerId: 'C1' } },
      { table: 'satisfaction', row: 5, values: { id: 'S1', customerId: '' } },
    ]);
    expect(bucketStarts).toEqual([0]);
    expect(entries.map((entry) => entry.id).sort()).toEqual(['C1', 'C2']);
    const c1 = entries.find((entry) => entry.id === 'C1');
    const cell = encodeIndexEntry(c1 as NonNullable<typeof c1>, REFS_CELL_KEYS);
    const back = decodeIndexEntry(cell);
    expect(back && customerRowsOf(back.values)).toEqual({
      followUps: [2, 9],
      tickets: [],
      satisfaction: [],
      transactions: [3],
    });
  });

  it('spreads many customers over buckets of about 128, each customer in the bucket its id hashes to', () => {
    const records = Array.from({ length: 1000 }, (_, i) => ({
      table: 'followUps' as const,
      row: i + 2,
      values: { id: `G${i}`, customerId: `C${i}` },
    }));
    const { entries, bucketStarts } = refsEntries(records);
    expect(bucketStarts).toHaveLength(8);
    bucketStarts.forEach((start, bucket) => {
      const end = bucketStarts[bucket + 1] ?? entries.length;
      for (const entry of entries.slice(start, end)) expect(historyBucketOf(entry.id, 8)).toBe(bucket);
    });
  });

  it('marks a customer with more rows than a cell holds, so a merge of it searches instead', () => {
    const records = Array.from({ length: 8000 }, (_, i) => ({
      table: 'followUps' as const,
      row: 100_000 + i,
      values: { id: `G${i}`, customerId: 'C1' },
    }));
    const [entry] = refsEntries(records).entries;
    expect(entry && customerRowsOf(entry.values)).toBeNull();
  });
});

describe('rows still pointing at a merged customer', () => {
  const customers = [
    { id: 'C1', name: '星河', mergedInto: null },
    { id: 'C2', name: '星河科技', mergedInto: 'C1' },
    { id: 'C3', name: '旧名', mergedInto: 'C2' },
    { id: 'C4', name: '甲', mergedInto: 'C5' },
    { id: 'C5', name: '乙', mergedInto: 'C4' },
    { id: 'C6', name: '丙', mergedInto: 'C404' },
  ];

  it('follow the chain of merges to the customer kept last, with its name', () => {
    expect(
      mergedReferenceUpdates(customers, [
        { row: 2, values: { customerId: 'C1' } },
        { row: 3, values: { customerId: 'C2' } },
        { row: 4, values: { customerId: ' C3 ' } },
        { row: 5, values: { customerId: '' } },
      ]),
    ).toEqual([
      { row: 3, values: { customerId: 'C1', customerName: '星河' } },
      { row: 4, values: { customerId: 'C1', customerName: '星河' } },
    ]);
  });

  it('leave a loop of merges and a merge into a missing customer alone', () => {
    expect(
      mergedReferenceUpdates(customers, [
        { row: 2, values: { customerId: 'C4' } },
        { row: 3, values: { customerId: 'C6' } },
      ]),
    ).toEqual([]);
  });
});
