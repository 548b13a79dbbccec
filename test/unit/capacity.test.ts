import { translatorFor } from '../../src/shared/i18n/translate';
import {
  capacityFigures,
  formatCapacitySamples,
  formatCellCount,
  formatShare,
  growthPerDay,
  parseCapacitySamples,
  projectFull,
  projectionText,
  reachesWarning,
  withSample,
  WORKBOOK_CELL_LIMIT,
  type CapacityFigures,
  type CapacitySample,
} from '../../src/shared/rules/capacity';
import { withCapacityGauge } from '../../src/shared/rules/capacity-gauge';
import { renderDigest, type MemberDigest } from '../../src/shared/rules/digest';
import type { DashboardSheet } from '../../src/shared/rules/kpi-layout';
import { fixedOffsetZone } from '../../src/shared/time/zone';

const s = (day: string, cells: number): CapacitySample => ({ day, cells });

describe('the ring of daily samples', () => {
  it('reads back what it wrote, sorted, and skips unreadable entries', () => {
    const samples = [s('2024-05-01', 100), s('2024-05-02', 120)];
    expect(parseCapacitySamples(formatCapacitySamples(samples))).toEqual(samples);
    expect(
      parseCapacitySamples(
        JSON.stringify([['2024-05-02', 5], ['bad', 1], ['2024-02-30', 1], ['2024-05-01', -1], 7, ['2024-04-30', 4]]),
      ),
    ).toEqual([s('2024-04-30', 4), s('2024-05-02', 5)]);
    expect(parseCapacitySamples(undefined)).toEqual([]);
    expect(parseCapacitySamples('{not json')).toEqual([]);
    expect(parseCapacitySamples('{"a":1}')).toEqual([]);
  });

  it('keeps one sample a day (the last), drops those older than 90 days or after today', () => {
    const ring = [s('2024-03-04', 1), s('2024-03-05', 2), s('2024-06-03', 3), s('2024-06-04', 9)];
    expect(withSample(ring, '2024-06-03', 5)).toEqual([s('2024-03-05', 2), s('2024-06-03', 5)]);
  });

  it('stays at most 91 entries however long it runs', () => {
    let ring: CapacitySample[] = [];
    for (let day = 0; day < 400; day++) {
      const date = new Date(Date.UTC(2024, 0, 1 + day)).toISOString().slice(0, 10);
      ring = withSample(ring, date, day * 10);
    }
    expect(ring).toHaveLength(91);
    expect(formatCapacitySamples(ring).length).toBeLessThan(2500);
  });
});

describe('growth per day', () => {
  it('is null until the samples span 7 days', () => {
    expect(growthPerDay([])).toBeNull();
    expect(growthPerDay([s('2024-06-01', 0), s('2024-06-07', 600)])).toBeNull();
    expect(growthPerDay([s('2024-06-01', 0), s('2024-06-08', 700)])).toBe(100);
  });

  it('counts increases only: an archive run lowers the count, not the rate', () => {
    const ring = [s('2024-05-01', 1000), s('2024-05-11', 2000), s('2024-05-12', 500), s('2024-05-21', 1500)];
    // +1000, −1500 (ignored), +1000 over 20 days.
    expect(growthPerDay(ring)).toBe(100);
  });

  it('is 0 for a grid that did not grow', () => {
    expect(growthPerDay([s('2024-05-01', 1000), s('2024-06-01', 900)])).toBe(0);
  });
});

describe('the projection', () => {
  it('gives the date the limit is reached, rounded up to a whole day', () => {
    expect(projectFull(9_999_000, 1000, '2024-06-03', '2024-05-01')).toEqual({ kind: 'date', date: '2024-06-04' });
    expect(projectFull(9_999_000, 999, '2024-06-03', '2024-05-01')).toEqual({ kind: 'date', date: '2024-06-05' });
    expect(projectFull(7_000_000, 10_000, '2024-06-03', '2024-05-01')).toEqual({ kind: 'date', date: '2025-03-30' });
  });

  it('measuring, no growth, beyond ten years, full', () => {
    expect(projectFull(1000, null, '2024-06-03', '2024-06-01')).toEqual({ kind: 'measuring', since: '2024-06-01' });
    expect(projectFull(1000, 0, '2024-06-03', '2024-05-01')).toEqual({ kind: 'noGrowth' });
    expect(projectFull(0, 1000, '2024-06-03', '2024-05-01')).toEqual({ kind: 'beyond', years: 10 });
    // 3,652 days (to 2034-06-03, two leap days on the way) is within ten years, 3,653 is not.
    expect(projectFull(WORKBOOK_CELL_LIMIT - 3652, 1, '2024-06-03', '2024-05-01')).toEqual({
      kind: 'date',
      date: '2034-06-03',
    });
    expect(projectFull(WORKBOOK_CELL_LIMIT - 3653, 1, '2024-06-03', '2024-05-01').kind).toBe('beyond');
    expect(projectFull(WORKBOOK_CELL_LIMIT, 0, '2024-06-03', '2024-05-01')).toEqual({ kind: 'full' });
  });

  it('in words, in each language', () => {
    const en = translatorFor('en');
    const zh = translatorFor('zh-CN');
    expect(projectionText({ kind: 'noGrowth' }, en)).toBe('not at the current rate');
    expect(projectionText({ kind: 'noGrowth' }, zh)).toBe('按当前增速不会用满');
    expect(projectionText({ kind: 'noGrowth' }, translatorFor('zh-TW'))).toBe('按目前增速不會用滿');
    expect(projectionText({ kind: 'measuring', since: '2024-06-01' }, en)).toBe(
      'measuring since 2024-06-01 (a rate needs 7 days of daily counts)',
    );
    expect(projectionText({ kind: 'beyond', years: 10 }, zh)).toBe('10 年内不会用满');
    expect(projectionText({ kind: 'full' }, en)).toBe('full now');
    expect(projectionText({ kind: 'date', date: '2025-01-02' }, zh)).toBe('2025-01-02');
  });
});

describe('the warning threshold', () => {
  it('is reached at exactly the percent of the limit', () => {
    expect(reachesWarning(6_999_999, 70)).toBe(false);
    expect(reachesWarning(7_000_000, 70)).toBe(true);
    expect(reachesWarning(5_000_000, 50)).toBe(true);
    expect(reachesWarning(10_000_000, 100)).toBe(true);
  });

  it('figures: share, rate, projection and warn together', () => {
    const ring = [s('2024-05-04', 6_700_000), s('2024-06-03', 7_000_000)];
    expect(capacityFigures(7_000_000, ring, '2024-06-03', 70)).toEqual({
      cells: 7_000_000,
      limit: WORKBOOK_CELL_LIMIT,
      share: 0.7,
      perDay: 10_000,
      projection: { kind: 'date', date: '2025-03-30' },
      warningPercent: 70,
      warn: true,
    });
  });

  it('formats counts with thousands separators and the share rounded down', () => {
    expect(formatCellCount(10_000_000)).toBe('10,000,000');
    expect(formatCellCount(999)).toBe('999');
    expect(formatShare(0.69996)).toBe('69.9');
    expect(formatShare(0.7)).toBe('70.0');
    expect(formatShare(0.123)).toBe('12.3');
  });
});

const figures = (cells: number, warn: boolean): CapacityFigures => ({
  cells,
  limit: WORKBOOK_CELL_LIMIT,
  share: cells / WORKBOOK_CELL_LIMIT,
  perDay: 1234.56,
  projection: { kind: 'date', date: '2025-03-30' },
  warningPercent: 70,
  warn,
});

/** A dashboard block shaped as kpi-layout.ts builds it: title, status, blank, a section and a chart source. */
function dashboard(): DashboardSheet {
  const values = [
    ['Title', '', ''],
    ['As of', '', ''],
    ['', '', ''],
    ['Section', '', ''],
    ['Rating', 'Surveys', ''],
  ];
  const like = <T>(value: T) => values.map((row) => row.map(() => value));
  return {
    width: 3,
    values,
    numberFormats: like('@'),
    fontWeights: like<'bold' | 'normal'>('normal'),
    backgrounds: like('#ffffff'),
    fontColors: like('#000000'),
    charts: [
      {
        key: 'satisfaction',
        type: 'COLUMN',
        title: 'x',
        titles: ['x'],
        range: { row: 5, column: 1, numRows: 1, numColumns: 2 },
        anchor: { row: 1, column: 5 },
      },
    ],
  };
}

describe('the dashboard gauge block', () => {
  it('goes under the status lines; the chart sources below move down with their rows', () => {
    const sheet = withCapacityGauge(dashboard(), figures(1_234_567, false), 'en');
    expect(sheet.values.map((row) => row[0])).toEqual([
      'Title',
      'As of',
      '',
      'Workbook capacity',
      'Cells used (rows × columns of every sheet, empty ones too)',
      'Share of the cell limit used',
      'Growth (cells added per day, last 90 days)',
      'Projected full at this rate',
      '',
      '',
      'Section',
      'Rating',
    ]);
    expect(sheet.values[4]).toEqual([
      'Cells used (rows × columns of every sheet, empty ones too)',
      1_234_567,
      'of 10,000,000',
    ]);
    expect(sheet.values[6]?.[1]).toBe(1234.6);
    expect(sheet.values[7]?.[1]).toBe('2025-03-30');
    expect(sheet.values[8]?.[1]).toBe('Below the 70% warning');
    expect(sheet.numberFormats[4]?.[1]).toBe('#,##0');
    expect(sheet.numberFormats[5]?.[1]).toBe('0.0%');
    expect(sheet.fontWeights[3]).toEqual(['bold', 'bold', 'bold']);
    expect(sheet.backgrounds[3]).toEqual(['#cfe2f3', '#cfe2f3', '#cfe2f3']);
    expect(sheet.fontColors[8]?.[1]).toBe('#38761d');
    expect(sheet.charts[0]?.range.row).toBe(12);
    expect(sheet.values[11]).toEqual(['Rating', 'Surveys', '']);
    for (const grid of [sheet.numberFormats, sheet.fontWeights, sheet.backgrounds, sheet.fontColors]) {
      expect(grid.map((row) => row.length)).toEqual(sheet.values.map(() => 3));
    }
  });

  it('turns red at the threshold and names the menu item; "–" while measuring (zh-CN)', () => {
    const sheet = withCapacityGauge(
      dashboard(),
      { ...figures(7_100_000, true), perDay: null, projection: { kind: 'measuring', since: '2024-06-01' } },
      'zh-CN',
    );
    expect(sheet.values[3]?.[0]).toBe('表格容量');
    expect(sheet.values[6]?.[1]).toBe('–');
    expect(sheet.values[7]?.[1]).toBe('自 2024-06-01 起统计中（需 7 天的每日计数才能算出增速）');
    expect(sheet.values[8]?.[1]).toBe('已用 70% 或以上：请主管运行 主管工具 › 归档旧记录…');
    expect([sheet.fontColors[4]?.[1], sheet.fontColors[5]?.[1], sheet.fontColors[8]?.[1]]).toEqual([
      '#cc0000',
      '#cc0000',
      '#cc0000',
    ]);
  });
});

describe('the digest’s capacity warning', () => {
  const digest: MemberDigest = {
    member: { name: 'Lead', email: 'lead@example.com', role: 'manager' },
    sections: [],
    total: 0,
  };
  const render = (capacity: CapacityFigures | null, language: 'en' | 'zh-CN' = 'en') =>
    renderDigest(digest, {
      language,
      spreadsheetUrl: 'https://docs.google.com/spreadsheets/d/x/edit',
      nowMs: Date.parse('2024-06-03T00:00:00Z'),
      zone: fixedOffsetZone('Asia/Shanghai', 480),
      sleepingDays: 30,
      summary: [],
      duplicateIds: [],
      capacity,
    });

  it('is written once, after the greeting, when the threshold is reached', () => {
    const mail = render(figures(7_234_567, true));
    const lines = mail.body.split('\n');
    expect(lines.slice(2, 4)).toEqual([
      'Workbook capacity',
      'The workbook uses 7,234,567 of its 10,000,000 cells (72.3%; the warning is at 70%). Projected full: 2025-03-30. Run Manager tools › Archive old records… from the add-on menu to move closed records out of it.',
    ]);
    expect(mail.body.split('Workbook capacity')).toHaveLength(2);
    expect(mail.htmlBody.split('<h3>Workbook capacity</h3>')).toHaveLength(2);
    expect(render(figures(7_234_567, true), 'zh-CN').body).toContain(
      '本表格已用 7,234,567 个单元格，上限 10,000,000（72.3%；预警线 70%）。预计用满：2025-03-30。请从插件菜单运行 主管工具 › 归档旧记录…',
    );
  });

  it('is absent below the threshold or without figures', () => {
    expect(render(figures(6_999_999, false)).body).not.toContain('Workbook capacity');
    expect(render(null).body).not.toContain('Workbook capacity');
  });
});
