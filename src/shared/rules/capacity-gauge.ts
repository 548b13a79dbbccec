import type { Language } from '../i18n/language';
import { translatorFor } from '../i18n/translate';
import { archiveMenuPath, formatCellCount, GROWTH_WINDOW_DAYS, projectionText, type CapacityFigures } from './capacity';
import { DASH, type Cell, type DashboardSheet } from './kpi-layout';

/**
 * The Dashboard's capacity gauge (issue 20 item 3, docs/product-rules.md §6): a small block of its own —
 * cells used of the limit, the share, the growth per day, the projected date the workbook fills and whether
 * the warning threshold is reached — put into the dashboard's block under the status lines, so a manager
 * sees it first. Pure; the layout's other sections are left as they are (the chart sources below move down
 * with them).
 */

const TEXT = '@';
const COUNT = '#,##0';
const PERCENT = '0.0%';
const RATE = '#,##0.0';
/** The dashboard's own section and status colours (kpi-layout.ts). */
const SECTION_BACKGROUND = '#cfe2f3';
const WHITE = '#ffffff';
const BLACK = '#000000';
const OK = '#38761d';
const ALERT = '#cc0000';

interface GaugeCell {
  value: Cell;
  format: string;
  color?: string;
}

interface GaugeRow {
  cells: GaugeCell[];
  section?: boolean;
}

const text = (value: string, color?: string): GaugeCell => ({ value, format: TEXT, color });

/** The gauge's rows: a section title, five figures and a blank line. */
export function capacityGaugeRows(figures: CapacityFigures, language: Language): GaugeRow[] {
  const t = translatorFor(language);
  const status = figures.warn ? ALERT : BLACK;
  return [
    { cells: [text(t('dashboard.capacity.section'))], section: true },
    {
      cells: [
        text(t('dashboard.capacity.cells')),
        { value: figures.cells, format: COUNT, color: status },
        text(t('dashboard.capacity.ofLimit', { limit: formatCellCount(figures.limit) })),
      ],
    },
    { cells: [text(t('dashboard.capacity.share')), { value: figures.share, format: PERCENT, color: status }] },
    {
      cells: [
        text(t('dashboard.capacity.growth', { days: GROWTH_WINDOW_DAYS })),
        figures.perDay === null ? text(DASH) : { value: Math.round(figures.perDay * 10) / 10, format: RATE },
      ],
    },
    { cells: [text(t('dashboard.capacity.projected')), text(projectionText(figures.projection, t))] },
    {
      cells: [
        text(''),
        figures.warn
          ? text(t('dashboard.capacity.warning', { percent: figures.warningPercent, menu: archiveMenuPath(t) }), ALERT)
          : text(t('dashboard.capacity.ok', { percent: figures.warningPercent }), OK),
      ],
    },
    { cells: [] },
  ];
}

/** The row after which the gauge goes: the blank line under the title and status lines (else the end). */
function insertionIndex(sheet: DashboardSheet): number {
  const blank = sheet.values.findIndex((row) => row.every((cell) => cell === ''));
  return blank === -1 ? sheet.values.length : blank + 1;
}

/** The dashboard's block with the gauge inserted; chart sources below it move down by the gauge's rows. */
export function withCapacityGauge(sheet: DashboardSheet, figures: CapacityFigures, language: Language): DashboardSheet {
  const rows = capacityGaugeRows(figures, language);
  const width = Math.max(sheet.width, ...rows.map((row) => row.cells.length));
  const at = insertionIndex(sheet);
  const pad = <T>(line: readonly T[], fill: T): T[] => [
    ...line,
    ...Array.from({ length: width - line.length }, () => fill),
  ];
  const cellsOf = (row: GaugeRow): GaugeCell[] => pad(row.cells, text(''));
  const splice = <T>(existing: T[][], fill: T, gauge: (row: GaugeRow) => T[]): T[][] => {
    const padded = existing.map((line) => pad(line, fill));
    return [...padded.slice(0, at), ...rows.map(gauge), ...padded.slice(at)];
  };
  return {
    width,
    values: splice(sheet.values, '', (row) => cellsOf(row).map((cell) => cell.value)),
    numberFormats: splice(sheet.numberFormats, TEXT, (row) => cellsOf(row).map((cell) => cell.format)),
    fontWeights: splice(sheet.fontWeights, 'normal', (row) =>
      cellsOf(row).map((): 'bold' | 'normal' => (row.section ? 'bold' : 'normal')),
    ),
    backgrounds: splice(sheet.backgrounds, WHITE, (row) =>
      cellsOf(row).map(() => (row.section ? SECTION_BACKGROUND : WHITE)),
    ),
    fontColors: splice(sheet.fontColors, BLACK, (row) => cellsOf(row).map((cell) => cell.color ?? BLACK)),
    charts: sheet.charts.map((chart) =>
      chart.range.row > at ? { ...chart, range: { ...chart.range, row: chart.range.row + rows.length } } : chart,
    ),
  };
}
