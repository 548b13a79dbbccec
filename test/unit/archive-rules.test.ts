import {
  ARCHIVED_TABLES,
  MIN_BEFORE_YEAR,
  archiveYear,
  checksumOf,
  defaultBeforeYear,
  parseBeforeYear,
  rowDigest,
  yearIn,
} from '../../src/shared/rules/archive';
import { fixedOffsetZone, UTC_ZONE } from '../../src/shared/time/zone';

/** The archive's pure rules (src/shared/rules/archive.ts; docs/product-rules.md §2 "Archive"). */
const SHANGHAI = fixedOffsetZone('Asia/Shanghai', 8 * 60);
const at = (iso: string) => new Date(Date.parse(iso));

describe('archiveYear', () => {
  it('archives only the three history tables, never customers', () => {
    expect([...ARCHIVED_TABLES]).toEqual(['followUps', 'tickets', 'satisfaction']);
  });

  it('takes a done follow-up dated and done before the cut-off, into the year of its date', () => {
    const done = { at: at('2022-05-01T02:00:00Z'), status: 'done', doneAt: at('2022-05-02T02:00:00Z') };
    expect(archiveYear('followUps', done, 2024, SHANGHAI)).toBe(2022);
    expect(archiveYear('followUps', done, 2023, SHANGHAI)).toBe(2022);
    expect(archiveYear('followUps', done, 2022, SHANGHAI)).toBeNull();
  });

  it('keeps an open follow-up, one done after the cut-off, and one without a date', () => {
    expect(archiveYear('followUps', { at: at('2022-05-01T02:00:00Z'), status: 'open' }, 2024, SHANGHAI)).toBeNull();
    const lateDone = { at: at('2023-12-30T02:00:00Z'), status: 'done', doneAt: at('2024-01-02T02:00:00Z') };
    expect(archiveYear('followUps', lateDone, 2024, SHANGHAI)).toBeNull();
    expect(archiveYear('followUps', { at: null, status: 'done', doneAt: at('2022-01-01') }, 2024, SHANGHAI)).toBeNull();
    expect(archiveYear('followUps', { at: '2022-05-01', status: 'done' }, 2024, SHANGHAI)).toBeNull();
    // Done without a done-at date (typed by hand): its own date decides.
    expect(
      archiveYear('followUps', { at: at('2022-05-01T02:00:00Z'), status: 'done', doneAt: null }, 2024, SHANGHAI),
    ).toBe(2022);
  });

  it('counts the year in the spreadsheet’s zone: 31 December 20:00 UTC is already 1 January in Shanghai', () => {
    const boundary = { at: at('2023-12-31T20:00:00Z'), status: 'done', doneAt: at('2023-12-31T20:00:00Z') };
    expect(archiveYear('followUps', boundary, 2024, SHANGHAI)).toBeNull();
    expect(archiveYear('followUps', boundary, 2024, UTC_ZONE)).toBe(2023);
    expect(yearIn(SHANGHAI, at('2023-12-31T16:00:00Z'))).toBe(2024);
    expect(yearIn(SHANGHAI, at('2023-12-31T15:59:59Z'))).toBe(2023);
  });

  it('takes closed or archived tickets; pending, in progress and resolved ones stay', () => {
    const reportedAt = at('2022-03-01T02:00:00Z');
    expect(archiveYear('tickets', { reportedAt, status: 'closed' }, 2024, SHANGHAI)).toBe(2022);
    expect(archiveYear('tickets', { reportedAt, status: 'inProgress', archivedAt: reportedAt }, 2024, SHANGHAI)).toBe(
      2022,
    );
    for (const status of ['pending', 'inProgress', 'resolved'])
      expect(archiveYear('tickets', { reportedAt, status, resolvedAt: reportedAt }, 2024, SHANGHAI)).toBeNull();
    // Closed, but resolved (or archived) after the cut-off: still this side of it.
    const resolvedLate = { reportedAt, status: 'closed', resolvedAt: at('2024-02-01T02:00:00Z') };
    expect(archiveYear('tickets', resolvedLate, 2024, SHANGHAI)).toBeNull();
    const archivedLate = {
      reportedAt,
      status: 'closed',
      resolvedAt: reportedAt,
      archivedAt: at('2024-02-01T02:00:00Z'),
    };
    expect(archiveYear('tickets', archivedLate, 2024, SHANGHAI)).toBeNull();
  });

  it('takes surveys without suggestions or with an answered one; an unanswered suggestion stays', () => {
    const date = at('2022-07-01T02:00:00Z');
    expect(archiveYear('satisfaction', { date, suggestions: null }, 2024, SHANGHAI)).toBe(2022);
    expect(archiveYear('satisfaction', { date, suggestions: '  ' }, 2024, SHANGHAI)).toBe(2022);
    expect(archiveYear('satisfaction', { date, suggestions: '更快', suggestionAnsweredAt: date }, 2024, SHANGHAI)).toBe(
      2022,
    );
    expect(
      archiveYear('satisfaction', { date, suggestions: '更快', suggestionAnsweredAt: null }, 2024, SHANGHAI),
    ).toBeNull();
    const answeredLate = { date, suggestions: '更快', suggestionAnsweredAt: at('2024-01-05T02:00:00Z') };
    expect(archiveYear('satisfaction', answeredLate, 2024, SHANGHAI)).toBeNull();
  });
});

describe('defaultBeforeYear', () => {
  it('keeps `archiveKeepYears` whole years before this one', () => {
    expect(defaultBeforeYear(2025, 1)).toBe(2024);
    expect(defaultBeforeYear(2025, 3)).toBe(2022);
    expect(defaultBeforeYear(2025, 0)).toBe(2025);
    expect(defaultBeforeYear(2025, 2.7)).toBe(2023);
  });

  it('falls back to one year for a Settings value that is no count', () => {
    expect(defaultBeforeYear(2025, Number.NaN)).toBe(2024);
    expect(defaultBeforeYear(2025, -2)).toBe(2024);
    expect(defaultBeforeYear(2025, Number.POSITIVE_INFINITY)).toBe(2024);
  });
});

describe('parseBeforeYear', () => {
  it('accepts a four-digit year from 1990 to this year, as a number or text', () => {
    expect(parseBeforeYear(2024, 2025)).toEqual({ year: 2024 });
    expect(parseBeforeYear(' 2025 ', 2025)).toEqual({ year: 2025 });
    expect(parseBeforeYear(String(MIN_BEFORE_YEAR), 2025)).toEqual({ year: 1990 });
  });

  it.each([[2026], ['2026'], [1989], ['20x4'], ['2024.5'], [2024.5], [''], [null], [undefined], [{}], ['１２３４']])(
    'refuses %p with archive.badYear',
    (raw) => {
      expect(parseBeforeYear(raw, 2025)).toEqual({ error: 'archive.badYear' });
    },
  );
});

describe('rowDigest and checksumOf', () => {
  it('tells types apart: a date and its number, 1 and "1", TRUE and "TRUE"', () => {
    const date = at('2022-01-01T00:00:00Z');
    expect(rowDigest([date])).not.toBe(rowDigest([date.getTime()]));
    expect(rowDigest([1])).not.toBe(rowDigest(['1']));
    expect(rowDigest([true])).not.toBe(rowDigest(['TRUE']));
    expect(rowDigest(['a', 'b'])).not.toBe(rowDigest(['b', 'a']));
    expect(rowDigest(['ab', ''])).not.toBe(rowDigest(['a', 'b']));
  });

  it('ignores trailing blank cells (a wider archive sheet) and treats blank, null and undefined alike', () => {
    expect(rowDigest(['G1', 3, '', null, undefined])).toBe(rowDigest(['G1', 3]));
    expect(rowDigest(['G1', null, 3])).toBe(rowDigest(['G1', '', 3]));
    expect(rowDigest([at('2022-01-01T00:00:00Z')])).toBe(rowDigest([at('2022-01-01T00:00:00Z')]));
  });

  it('is a 32-bit unsigned number', () => {
    for (const row of [[], ['x'], ['中文', 1, true, at('2020-02-02T00:00:00Z')]]) {
      const digest = rowDigest(row);
      expect(Number.isInteger(digest)).toBe(true);
      expect(digest).toBeGreaterThanOrEqual(0);
      expect(digest).toBeLessThan(2 ** 32);
    }
  });

  it('sums rows in any order, and changes with any one cell or a missing row', () => {
    const rows = [
      ['G1', 'done', at('2022-01-01T00:00:00Z')],
      ['G2', 'done', 5],
      ['G3', '=1+1 literal'],
    ];
    const sum = checksumOf(rows);
    expect(sum.rows).toBe(3);
    expect(checksumOf([...rows].reverse())).toEqual(sum);
    expect(checksumOf([rows[0] as unknown[], rows[1] as unknown[]]).checksum).not.toBe(sum.checksum);
    expect(checksumOf([rows[0] as unknown[], rows[1] as unknown[], ['G3', '=1+1 literal ']]).checksum).not.toBe(
      sum.checksum,
    );
    expect(checksumOf([])).toEqual({ rows: 0, checksum: 0 });
    expect(sum.checksum).toBeLessThan(2 ** 32);
  });
});
