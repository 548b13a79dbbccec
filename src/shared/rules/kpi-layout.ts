import { LANGUAGES, type Language } from '../i18n/language';
import { translate, translatorFor, type MessageKey } from '../i18n/translate';
import { columnOf, enumLabel, TEMPLATES } from '../schema/templates';
import { formatLocal } from '../time/local';
import type { Zone } from '../time/zone';
import {
  PIPELINE_STAGES,
  type DashboardFigures,
  type PeriodFigures,
  type SegmentFigures,
  type SnapshotFigures,
  type TargetStatus,
} from './kpi';
import { TOUCH_WINDOW_DAYS, type StrategyFigures, type StrategyStatus } from './kpi-strategy';
import type { SettingsValues } from './settings';

/**
 * The Dashboard sheet as one block of cells (docs/product-rules.md §6): values, number formats, weights, backgrounds and
 * font colours, cell for cell, so the job writes it with one call per attribute. Pure and localized. A rate
 * with nothing to count is "–" (never NaN). Also describes the three embedded charts over the blocks.
 */
export type Cell = string | number;

/** What the daily scan leaves in document property crm.lastScan (JSON). */
export interface LastScan {
  atMs: number;
  ok: boolean;
  message: string;
  /** How many digests the mail quota left unsent. */
  mailShortfall: number;
}

export const LAST_SCAN_PROPERTY = 'crm.lastScan';

/** The scan stores the members it could not mail (an array of e-mails); a plain count is read too. */
function shortfallCount(value: unknown): number {
  if (Array.isArray(value)) return value.length;
  return typeof value === 'number' && value > 0 ? Math.floor(value) : 0;
}

/** Reads crm.lastScan; null when absent or unreadable (shown as "never run"). */
export function parseLastScan(raw: string | undefined): LastScan | null {
  if (!raw) return null;
  try {
    const data = JSON.parse(raw) as Partial<LastScan>;
    if (typeof data.atMs !== 'number' || !Number.isFinite(data.atMs)) return null;
    return {
      atMs: data.atMs,
      ok: data.ok === true,
      message: typeof data.message === 'string' ? data.message : '',
      mailShortfall: shortfallCount(data.mailShortfall),
    };
  } catch {
    return null;
  }
}

export type ChartKey = 'satisfaction' | 'trend' | 'pipeline';

export interface DashboardChart {
  key: ChartKey;
  /** A Charts.ChartType key. */
  type: 'COLUMN' | 'LINE' | 'BAR';
  title: string;
  /** The title in every language: how an existing chart is recognised after a language change. */
  titles: string[];
  /** 1-based block the chart reads (header row included). */
  range: { row: number; column: number; numRows: number; numColumns: number };
  anchor: { row: number; column: number };
}

export interface DashboardSheet {
  width: number;
  values: Cell[][];
  numberFormats: string[][];
  fontWeights: ('bold' | 'normal')[][];
  backgrounds: string[][];
  fontColors: string[][];
  charts: DashboardChart[];
}

export interface DashboardLayoutOptions {
  language: Language;
  settings: SettingsValues;
  zone: Zone;
  /** The spreadsheet's time zone id, shown next to the as-of time. */
  timeZone: string;
  nowMs: number;
  lastScan: LastScan | null;
  /** Team e-mail → name, for the per-owner rows. */
  ownerNames: ReadonlyMap<string, string>;
}

export const DASH = '–';
const TEXT = '@';
const COUNT = '0';
const PERCENT = '0.0%';
const ONE_DECIMAL = '0.0';
const MONEY = '#,##0.00';
const SECTION_BACKGROUND = '#cfe2f3';
const HEADER_BACKGROUND = '#efefef';
const WHITE = '#ffffff';
const BLACK = '#000000';
const STATUS_COLORS: Record<TargetStatus, string> = {
  ok: '#38761d',
  below: '#b45f06',
  alert: '#cc0000',
  noData: BLACK,
  noTarget: BLACK,
};

interface Styled {
  value: Cell | null;
  format: string;
  weight?: 'bold';
  color?: string;
}

const label = (value: string): Styled => ({ value, format: TEXT });
const count = (value: number): Styled => ({ value, format: COUNT });
const rate = (value: number | null): Styled => ({ value, format: PERCENT });
const decimal = (value: number | null): Styled => ({ value, format: ONE_DECIMAL });
/** Yuan, grouped, to the cent. */
const money = (value: number | null): Styled => ({ value, format: MONEY });
const none = (): Styled => ({ value: DASH, format: TEXT });

class Builder {
  readonly rows: { cells: Styled[]; background: string; weight?: 'bold' }[] = [];

  add(cells: Styled[], style: { background?: string; weight?: 'bold' } = {}): number {
    this.rows.push({ cells, background: style.background ?? WHITE, weight: style.weight });
    return this.rows.length;
  }
  blank(): void {
    this.add([]);
  }
  section(title: string): void {
    this.add([label(title)], { background: SECTION_BACKGROUND, weight: 'bold' });
  }
  header(titles: string[]): number {
    return this.add(titles.map(label), { background: HEADER_BACKGROUND, weight: 'bold' });
  }

  sheet(charts: DashboardChart[]): DashboardSheet {
    const width = Math.max(...this.rows.map((row) => row.cells.length));
    const out: DashboardSheet = {
      width,
      values: [],
      numberFormats: [],
      fontWeights: [],
      backgrounds: [],
      fontColors: [],
      charts,
    };
    for (const row of this.rows) {
      const cells = Array.from({ length: width }, (_, i): Styled => row.cells[i] ?? { value: '', format: TEXT });
      out.values.push(cells.map((cell) => (cell.value === null ? DASH : cell.value)));
      // A missing figure is written as the text "–", so its cell is text whatever the column's format.
      out.numberFormats.push(cells.map((cell) => (cell.value === null ? TEXT : cell.format)));
      out.fontWeights.push(cells.map((cell): 'bold' | 'normal' => cell.weight ?? row.weight ?? 'normal'));
      out.backgrounds.push(cells.map(() => row.background));
      out.fontColors.push(cells.map((cell) => cell.color ?? BLACK));
    }
    return out;
  }
}

function everyLanguage(key: MessageKey): string[] {
  return LANGUAGES.map((language) => translate(language, key));
}

export function dashboardSheet(figures: DashboardFigures, options: DashboardLayoutOptions): DashboardSheet {
  const { language, settings } = options;
  const t = translatorFor(language);
  const b = new Builder();
  const thisMonth = figures.current.key;

  b.add([{ value: t('dashboard.title'), format: TEXT, weight: 'bold' }]);
  b.add([
    label(t('dashboard.asOf', { time: formatLocal(options.nowMs, options.zone, 'datetime'), zone: options.timeZone })),
  ]);
  const scan = options.lastScan;
  if (scan === null) b.add([label(t('dashboard.lastScan.never'))]);
  else {
    const time = formatLocal(scan.atMs, options.zone, 'datetime');
    b.add([
      scan.ok
        ? label(t('dashboard.lastScan.ok', { time }))
        : { ...label(t('dashboard.lastScan.failed', { time, message: scan.message })), color: STATUS_COLORS.alert },
    ]);
    if (scan.mailShortfall > 0)
      b.add([
        { ...label(t('dashboard.lastScan.mailShortfall', { count: scan.mailShortfall })), color: STATUS_COLORS.alert },
      ]);
  }
  b.blank();

  // Headline figures: this month and last month side by side.
  b.section(t('dashboard.section.headline'));
  b.header([
    t('dashboard.column.figure'),
    t('dashboard.column.thisMonth', { month: thisMonth }),
    t('dashboard.column.lastMonth', { month: figures.previous.key }),
  ]);
  const { current, previous, snapshot } = figures.overall;
  const both = (key: MessageKey, cell: (p: PeriodFigures) => Styled, params?: Record<string, number>) =>
    b.add([label(t(key, params)), cell(current), cell(previous)]);
  const days = settings.sleepingDays;
  both('dashboard.kpi.totalCustomers', (p) => count(p.totalCustomers));
  both('dashboard.kpi.newCustomers', (p) => count(p.newCustomers));
  both('dashboard.kpi.activeCustomers', (p) => count(p.activeCustomers), { days });
  both('dashboard.kpi.sleepingCustomers', (p) => count(p.sleepingCustomers), { days });
  both('dashboard.kpi.lostCustomers', (p) => count(p.lostCustomers));
  both('dashboard.kpi.conversionRate', (p) => rate(p.conversionRate));
  both('dashboard.kpi.followUpsDone', (p) => count(p.followUpsDone));
  both('dashboard.kpi.overdueFollowUps', (p) => count(p.overdueFollowUps));
  both('dashboard.kpi.avgFirstResponse', (p) => decimal(p.avgFirstResponseHours));
  both('dashboard.kpi.slaBreachRate', (p) => rate(p.slaBreachRate));
  both('dashboard.kpi.satisfactionMean', (p) => ({ value: p.satisfactionMean, format: '0.00' }));
  both('dashboard.kpi.meanScore', (p) => decimal(p.meanScore));
  both('dashboard.kpi.nps', (p) => ({ value: p.nps, format: COUNT }), { target: settings.npsTarget });
  const now = (key: MessageKey, value: (s: SnapshotFigures) => number) =>
    b.add([label(t(key)), count(value(snapshot)), none()]);
  now('dashboard.kpi.corePool', (s) => s.corePool);
  now('dashboard.kpi.churnRisksOpen', (s) => s.churnRisksOpen);
  now('dashboard.kpi.churnRisksEscalated', (s) => s.churnRisksEscalated);
  b.blank();

  // Per owner, this month.
  b.section(t('dashboard.section.owners', { month: thisMonth }));
  b.header([
    t('dashboard.column.owner'),
    t('dashboard.kpi.totalCustomers'),
    t('dashboard.kpi.newCustomers'),
    t('dashboard.kpi.activeCustomers', { days }),
    t('dashboard.kpi.sleepingCustomers', { days }),
    t('dashboard.kpi.lostCustomers'),
    t('dashboard.kpi.conversionRate'),
    t('dashboard.kpi.followUpsDone'),
    t('dashboard.kpi.overdueFollowUps'),
    t('dashboard.kpi.avgFirstResponse'),
    t('dashboard.kpi.slaBreachRate'),
    t('dashboard.column.satisfaction'),
    t('dashboard.kpi.churnRisksOpen'),
  ]);
  for (const owner of figures.owners) {
    const p = owner.current;
    const name = owner.owner === '' ? t('dashboard.noOwner') : (options.ownerNames.get(owner.owner) ?? owner.owner);
    b.add([
      label(name),
      count(p.totalCustomers),
      count(p.newCustomers),
      count(p.activeCustomers),
      count(p.sleepingCustomers),
      count(p.lostCustomers),
      rate(p.conversionRate),
      count(p.followUpsDone),
      count(p.overdueFollowUps),
      decimal(p.avgFirstResponseHours),
      rate(p.slaBreachRate),
      { value: p.satisfactionMean, format: '0.00' },
      count(owner.snapshot.churnRisksOpen),
    ]);
  }
  b.blank();

  // Segments against the strategy targets (seed 002).
  b.section(t('dashboard.section.segments', { month: thisMonth }));
  b.header([
    t('dashboard.column.segment'),
    t('dashboard.column.customers'),
    t('dashboard.column.outboundTouches'),
    t('dashboard.column.responseRate'),
    t('dashboard.column.target'),
    t('dashboard.column.status'),
    t('dashboard.column.repeatRate'),
    t('dashboard.column.target'),
    t('dashboard.column.status'),
  ]);
  const segmentColumn = columnOf(TEMPLATES.customers, 'segment');
  const status = (value: TargetStatus): Styled => ({
    ...label(
      value === 'alert'
        ? t('dashboard.status.alert', { percent: settings.responseRateAlertPercent })
        : t(`dashboard.status.${value}` as MessageKey),
    ),
    color: STATUS_COLORS[value],
  });
  for (const s of figures.segments.current as SegmentFigures[]) {
    b.add([
      label(enumLabel(segmentColumn, s.segment, language) ?? s.segment),
      count(s.customers),
      count(s.outboundTouches),
      rate(s.responseRate),
      s.responseTarget === null ? none() : rate(s.responseTarget),
      status(s.responseStatus),
      rate(s.repeatRate),
      s.repeatTarget === null ? none() : rate(s.repeatTarget),
      status(s.repeatStatus),
    ]);
  }
  b.blank();

  // The strategy matrix per segment (issue 13): actual against the Settings targets, segments side by side.
  b.section(t('dashboard.section.strategy', { month: thisMonth }));
  const strategy = figures.strategy;
  b.header([
    t('dashboard.column.strategyFigure'),
    ...strategy.flatMap((s) => [
      enumLabel(segmentColumn, s.segment, language) ?? s.segment,
      t('dashboard.column.target'),
    ]),
  ]);
  const coloured = (cell: Styled, value: StrategyStatus): Styled => ({ ...cell, color: STATUS_COLORS[value] });
  const channelColumn = columnOf(TEMPLATES.followUps, 'channel');
  const channels = (keys: readonly string[]) =>
    keys.length ? label(keys.map((key) => enumLabel(channelColumn, key, language) ?? key).join(' + ')) : none();
  const strategyRow = (
    key: MessageKey,
    cells: (s: StrategyFigures) => [Styled, Styled],
    params?: Record<string, number>,
  ) => b.add([label(t(key, params)), ...strategy.flatMap(cells)]);
  strategyRow(
    'dashboard.strategy.touchInterval',
    (s) => [coloured(decimal(s.touchIntervalDays), s.touchStatus), count(s.touchTargetDays)],
    { days: TOUCH_WINDOW_DAYS },
  );
  strategyRow('dashboard.strategy.channelShare', (s) => [rate(s.channelShare), channels(s.targetChannels)]);
  strategyRow('dashboard.strategy.load', (s) => [
    s.loadMin === null || s.loadMax === null ? none() : coloured(label(`${s.loadMin}–${s.loadMax}`), s.loadStatus),
    label(`${s.loadTargetMin}–${s.loadTargetMax}`),
  ]);
  // Care spend (issue 19 item 4): the follow-ups' costs of the last 12 months against the yearly budgets.
  const bound = (atLeast: boolean, amount: number) => label(`${atLeast ? '≥' : '≤'} ${amount}`);
  strategyRow('dashboard.strategy.budget', (s) => [
    coloured(money(s.careSpendPerCustomer), s.budgetStatus),
    bound(s.budgetTarget.bound === 'atLeast', s.budgetTarget.amount),
  ]);
  strategyRow('dashboard.strategy.costPerTouch', (s) => [
    s.costPerTouchTarget === null ? money(s.costPerTouch) : coloured(money(s.costPerTouch), s.costPerTouchStatus),
    s.costPerTouchTarget === null ? none() : bound(false, s.costPerTouchTarget),
  ]);
  // Only a ceiling has customers over it; a floor's cells are "–".
  strategyRow('dashboard.strategy.overBudget', (s) =>
    s.overBudget === null ? [none(), none()] : [coloured(count(s.overBudget.count), s.overBudgetStatus), count(0)],
  );
  strategyRow('dashboard.strategy.overBudgetFirst', (s) => [
    s.overBudget === null || s.overBudget.count === 0
      ? none()
      : label(
          s.overBudget.first.map((customer) => `${customer.id}: ${customer.spend}`).join(', ') +
            (s.overBudget.count > s.overBudget.first.length ? ', …' : ''),
        ),
    label(''),
  ]);
  b.blank();

  // Chart sources: satisfaction distribution, new vs active by month, pipeline by stage.
  b.section(t('dashboard.section.satisfaction', { month: thisMonth }));
  const satisfactionRow = b.header([t('dashboard.column.rating'), t('dashboard.column.surveys')]);
  current.satisfactionDistribution.forEach((n, i) => b.add([count(i + 1), count(n)]));
  b.blank();
  b.section(t('dashboard.section.trend'));
  const trendRow = b.header([t('dashboard.column.month'), t('dashboard.column.new'), t('dashboard.column.active')]);
  for (const month of figures.trend) b.add([label(month.key), count(month.newCustomers), count(month.activeCustomers)]);
  b.blank();
  b.section(t('dashboard.section.pipeline'));
  const pipelineRow = b.header([t('dashboard.column.stage'), t('dashboard.column.customers')]);
  const stageColumn = columnOf(TEMPLATES.customers, 'stage');
  for (const stage of PIPELINE_STAGES)
    b.add([label(enumLabel(stageColumn, stage, language) ?? stage), count(snapshot.pipeline[stage])]);

  const width = Math.max(...b.rows.map((row) => row.cells.length));
  const chartColumn = width + 2;
  const charts: DashboardChart[] = [
    {
      key: 'satisfaction',
      type: 'COLUMN',
      title: t('dashboard.chart.satisfaction'),
      titles: everyLanguage('dashboard.chart.satisfaction'),
      range: { row: satisfactionRow, column: 1, numRows: 6, numColumns: 2 },
      anchor: { row: 1, column: chartColumn },
    },
    {
      key: 'trend',
      type: 'LINE',
      title: t('dashboard.chart.trend'),
      titles: everyLanguage('dashboard.chart.trend'),
      range: { row: trendRow, column: 1, numRows: figures.trend.length + 1, numColumns: 3 },
      anchor: { row: 20, column: chartColumn },
    },
    {
      key: 'pipeline',
      type: 'BAR',
      title: t('dashboard.chart.pipeline'),
      titles: everyLanguage('dashboard.chart.pipeline'),
      range: { row: pipelineRow, column: 1, numRows: PIPELINE_STAGES.length + 1, numColumns: 2 },
      anchor: { row: 39, column: chartColumn },
    },
  ];
  return b.sheet(charts);
}
