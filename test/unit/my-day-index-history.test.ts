import {
  belongsInHistory,
  decodeIndexEntry,
  encodeIndexEntry,
  HISTORY_BLOCK,
  HISTORY_CREATED_DAYS,
  HISTORY_TOUCH_DAYS,
  historyBucketOf,
  historyEntries,
  INDEX_SOURCE_KEYS,
  MY_DAY_KEYS,
} from '../../src/shared/rules/my-day-index';

const BUILT = Date.parse('2024-06-03T04:00:00Z');
const DAY = 24 * 3600 * 1000;
const ago = (days: number) => new Date(BUILT - days * DAY);

describe('the history block of the My day index', () => {
  const closed = { id: 'G1', customerId: 'C1', status: 'done', direction: 'outbound', createdAt: ago(400) };

  it('keeps open follow-ups of any age, recent outbound touches and rows created just before the build', () => {
    expect(belongsInHistory({ ...closed, status: 'open', at: ago(400) }, BUILT)).toBe(true);
    expect(belongsInHistory({ ...closed, at: ago(HISTORY_TOUCH_DAYS - 1) }, BUILT)).toBe(true);
    expect(belongsInHistory({ ...closed, at: ago(HISTORY_TOUCH_DAYS + 1) }, BUILT)).toBe(false);
    // Inbound contacts count against no cap: only a recent creation keeps them (a retry's first try).
    expect(belongsInHistory({ ...closed, direction: 'inbound', at: ago(1) }, BUILT)).toBe(false);
    expect(belongsInHistory({ ...closed, direction: 'inbound', at: ago(90), createdAt: ago(1) }, BUILT)).toBe(true);
    expect(belongsInHistory({ ...closed, at: ago(90), createdAt: ago(HISTORY_CREATED_DAYS + 1) }, BUILT)).toBe(false);
  });

  it('leaves out rows without an id or a customer (nothing a save could match)', () => {
    expect(belongsInHistory({ ...closed, status: 'open', id: '' }, BUILT)).toBe(false);
    expect(belongsInHistory({ ...closed, status: 'open', customerId: '  ' }, BUILT)).toBe(false);
  });

  it('spreads customer ids over the buckets and always puts one id in the same bucket', () => {
    const counts = new Array<number>(64).fill(0);
    for (let n = 1; n <= 6400; n++) {
      const id = `C20240603${String(n).padStart(3, '0')}`;
      const bucket = historyBucketOf(id, 64);
      expect(bucket).toBe(historyBucketOf(id, 64));
      counts[bucket] = (counts[bucket] ?? 0) + 1;
    }
    expect(Math.min(...counts)).toBeGreaterThan(50);
    expect(Math.max(...counts)).toBeLessThan(150);
    expect(historyBucketOf('C1', 1)).toBe(0);
  });

  it('orders the entries by bucket, keyed by customer id, with their row, and says where each bucket starts', () => {
    const records: { row: number; values: Record<string, string | Date> }[] = Array.from({ length: 300 }, (_, n) => ({
      row: n + 2,
      values: { ...closed, id: `G${n}`, customerId: `C${n % 40}`, status: 'open', reason: 'manual' },
    }));
    records.push({ row: 400, values: { ...closed, id: 'G-old', at: ago(200) } }); // not kept
    const { entries, bucketStarts } = historyEntries(records, BUILT);
    expect(entries).toHaveLength(300);
    expect(bucketStarts.length).toBe(Math.ceil(300 / 128));
    expect(entries.every((entry) => entry.owner === HISTORY_BLOCK && entry.table === 'followUps')).toBe(true);
    bucketStarts.forEach((start, bucket) => {
      const end = bucketStarts[bucket + 1] ?? entries.length;
      for (const entry of entries.slice(start, end))
        expect(historyBucketOf(entry.id, bucketStarts.length)).toBe(bucket);
    });
    const entry = entries.find((candidate) => candidate.values.id === 'G7');
    expect(entry).toMatchObject({ id: 'C7', values: { row: 9, customerId: 'C7', status: 'open', reason: 'manual' } });
  });

  it('makes the index build read the history columns of Follow-ups besides My day’s', () => {
    for (const key of ['at', 'direction', 'reason', 'requestId', 'createdAt']) {
      expect(INDEX_SOURCE_KEYS.followUps).toContain(key);
    }
    expect(INDEX_SOURCE_KEYS.customers).toEqual(MY_DAY_KEYS.customers);
  });
});

describe('an index entry in one cell', () => {
  it('comes back as it was written, records with tabs and quotes included', () => {
    const entry = {
      owner: 'lin@example.com',
      table: 'followUps' as const,
      id: 'G20240603001',
      values: { id: 'G20240603001', customerId: 'C1', content: 'a\tb "c"', nextActionDue: 45000.5 },
    };
    const cell = encodeIndexEntry(entry, ['id', 'customerId', 'content', 'nextActionDue']);
    expect(cell.startsWith('lin@example.com\tfollowUps\tG20240603001\t')).toBe(true);
    expect(decodeIndexEntry(cell)).toEqual(entry);
  });

  it('is null for a cell edited by hand or of another table', () => {
    expect(decodeIndexEntry('')).toBeNull();
    expect(decodeIndexEntry(42)).toBeNull();
    expect(decodeIndexEntry('lin@example.com\tfollowUps\tG1')).toBeNull();
    expect(decodeIndexEntry('lin@example.com\tteam\tG1\t{}')).toBeNull();
  });
});
