import type { RuntimeContext } from '../core/context';
import { signatureError } from '../core/errors';
import { defineGasClass, GasObject } from '../core/gas-object';
import type { Book } from './book';
import {
  copySpec,
  emptySpec,
  insertChartModel,
  removeChartModel,
  updateChartModel,
  type ChartRangeModel,
  type ChartSpec,
} from './charts-model';
import { ChartType, enumKey } from './enums';
import type { SheetModel } from './model';
import { RangeBase } from './range-base';
import type { Range } from './range';

/**
 * Embedded charts (docs/apps-script/filter-views-and-charts.md §5): `sheet.newChart()…build()` then `sheet.insertChart`,
 * `chart.modify()…build()` then `sheet.updateChart`, `sheet.getCharts()`, `sheet.removeChart`. Builders and
 * charts hold copies of a ChartSpec; only the Sheet methods change what the sheet has ("Changes made to the
 * chart are not saved until Sheet.updateChart(chart) is called"). The chart-type-specific builders
 * (asColumnChart…), blobs (getAs/getBlob) and data-source charts are not modelled: they throw
 * "not supported" through GasObject's guard.
 */

/** The `Charts` global: its ChartType enum (charts/chart-type). Charts.newDataTable etc. are not modelled. */
export class ChartsService extends GasObject {
  readonly ChartType = ChartType;
}
defineGasClass(ChartsService, 'Charts', 'Charts');

const CHART_TYPE_KEYS = new Set(Object.keys(ChartType));

/** Range arguments must be Ranges of this runtime (a plain object is a signature error, as in Apps Script). */
function rangeModel(range: unknown, args: unknown[], method: string): ChartRangeModel {
  if (!(range instanceof RangeBase)) throw signatureError(args, `SpreadsheetApp.EmbeddedChartBuilder.${method}`);
  return {
    sheetId: range._sheet.id,
    row: range._r0() + 1,
    col: range._c0() + 1,
    numRows: range._nr(),
    numCols: range._nc(),
  };
}

function rangesOf(book: Book, ranges: readonly ChartRangeModel[]): Range[] {
  const out: Range[] = [];
  for (const r of ranges) {
    const sheet = book.sheetById(r.sheetId);
    // A range on a deleted sheet no longer resolves; Sheets shows #REF in the chart editor.
    if (!sheet) continue;
    out.push(
      book.range(sheet, {
        row: r.row,
        col: r.col,
        endRow: r.row + r.numRows - 1,
        endCol: r.col + r.numCols - 1,
        form: 'cells',
      }),
    );
  }
  return out;
}

/** ContainerInfo (`container-info`): anchors are 1-indexed, offsets in pixels. */
export class ContainerInfo extends GasObject {
  constructor(
    ctx: RuntimeContext,
    private readonly _position: ChartSpec['position'],
  ) {
    super(ctx);
  }
  getAnchorRow(): number {
    return this._position.anchorRow;
  }
  getAnchorColumn(): number {
    return this._position.anchorColumn;
  }
  getOffsetX(): number {
    return this._position.offsetX;
  }
  getOffsetY(): number {
    return this._position.offsetY;
  }
}
defineGasClass(ContainerInfo, 'SpreadsheetApp', 'ContainerInfo');

/**
 * Defaults getOrDefault knows: the overlay size of the Sheets API's OverlayPosition (600 × 371 px,
 * docs/apps-script/filter-views-and-charts.md §5). Other defaults are UNCONFIRMED and come back as null.
 */
const OPTION_DEFAULTS: Record<string, unknown> = { width: 600, height: 371 };

/** ChartOptions (`charts/chart-options`): immutable; get(option) is null when the option was not set. */
export class ChartOptions extends GasObject {
  constructor(
    ctx: RuntimeContext,
    private readonly _options: Readonly<Record<string, unknown>>,
  ) {
    super(ctx);
  }
  get(option: string): unknown {
    return Object.prototype.hasOwnProperty.call(this._options, option) ? this._copy(this._options[option]) : null;
  }
  getOrDefault(option: string): unknown {
    if (Object.prototype.hasOwnProperty.call(this._options, option)) return this._copy(this._options[option]);
    return OPTION_DEFAULTS[option] ?? null;
  }
  _copy(value: unknown): unknown {
    return value !== null && typeof value === 'object' ? JSON.parse(JSON.stringify(value)) : value;
  }
}
defineGasClass(ChartOptions, 'Charts', 'ChartOptions');

/** An embedded chart; `getChartId()` is null for a chart built but not read back from a sheet (§5). */
export class EmbeddedChart extends GasObject {
  constructor(
    private readonly book: Book,
    readonly _chartId: number | null,
    readonly _spec: ChartSpec,
  ) {
    super(book.ctx);
  }
  getChartId(): number | null {
    return this._chartId;
  }
  getContainerInfo(): ContainerInfo {
    return new ContainerInfo(this.ctx, { ...this._spec.position });
  }
  getOptions(): ChartOptions {
    return new ChartOptions(this.ctx, copySpec(this._spec).options);
  }
  getRanges(): Range[] {
    return rangesOf(this.book, this._spec.ranges);
  }
  modify(): EmbeddedChartBuilder {
    return new EmbeddedChartBuilder(this.book, this._chartId, copySpec(this._spec));
  }
}
defineGasClass(EmbeddedChart, 'SpreadsheetApp', 'EmbeddedChart');

let builderSerial = 0;

/** EmbeddedChartBuilder (`embedded-chart-builder`): every setter returns the builder for chaining. */
export class EmbeddedChartBuilder extends GasObject {
  private readonly _hash: string;

  constructor(
    private readonly book: Book,
    private readonly _chartId: number | null,
    private readonly _spec: ChartSpec,
  ) {
    super(book.ctx);
    builderSerial += 1;
    this._hash = (0x1f3a5c7 + builderSerial * 0x9e37).toString(16);
  }

  /** As live Apps Script prints it (gas-fakes tests, §5). */
  override toString(): string {
    return `com.google.apps.maestro.server.beans.trix.impl.ChartPropertyApiEmbeddedChartBuilder@${this._hash}`;
  }

  addRange(range: Range): EmbeddedChartBuilder {
    this._spec.ranges.push(rangeModel(range, [range], 'addRange'));
    return this;
  }
  removeRange(range: Range): EmbeddedChartBuilder {
    const gone = rangeModel(range, [range], 'removeRange');
    this._spec.ranges = this._spec.ranges.filter(
      (r) =>
        !(
          r.sheetId === gone.sheetId &&
          r.row === gone.row &&
          r.col === gone.col &&
          r.numRows === gone.numRows &&
          r.numCols === gone.numCols
        ),
    );
    return this;
  }
  clearRanges(): EmbeddedChartBuilder {
    this._spec.ranges = [];
    return this;
  }
  setChartType(type: unknown): EmbeddedChartBuilder {
    const key = type === null || type === undefined ? '' : enumKey(type);
    if (!CHART_TYPE_KEYS.has(key)) throw signatureError([type], 'SpreadsheetApp.EmbeddedChartBuilder.setChartType');
    this._spec.type = key;
    return this;
  }
  /** Options are kept as JSON values (what the chart's options can hold); get() returns them as set. */
  setOption(option: string, value: unknown): EmbeddedChartBuilder {
    if (typeof option !== 'string')
      throw signatureError([option, value], 'SpreadsheetApp.EmbeddedChartBuilder.setOption');
    this._spec.options[option] = value === undefined ? null : (JSON.parse(JSON.stringify(value)) as unknown);
    return this;
  }
  setPosition(anchorRowPos: number, anchorColPos: number, offsetX: number, offsetY: number): EmbeddedChartBuilder {
    const args = [anchorRowPos, anchorColPos, offsetX, offsetY];
    if (args.length !== 4 || args.some((v) => typeof v !== 'number' || !Number.isFinite(v)))
      throw signatureError(args, 'SpreadsheetApp.EmbeddedChartBuilder.setPosition');
    this._spec.position = {
      anchorRow: Math.floor(anchorRowPos),
      anchorColumn: Math.floor(anchorColPos),
      offsetX: Math.floor(offsetX),
      offsetY: Math.floor(offsetY),
    };
    return this;
  }
  /** The ChartType set so far, or null before setChartType. */
  getChartType(): unknown {
    return this._spec.type === null ? null : (ChartType as Record<string, unknown>)[this._spec.type];
  }
  getContainer(): ContainerInfo {
    return new ContainerInfo(this.ctx, { ...this._spec.position });
  }
  getRanges(): Range[] {
    return rangesOf(this.book, this._spec.ranges);
  }
  /** A detached chart: the id of the chart being modified, or null for a new one (§5 inference). */
  build(): EmbeddedChart {
    return new EmbeddedChart(this.book, this._chartId, copySpec(this._spec));
  }
}
defineGasClass(EmbeddedChartBuilder, 'SpreadsheetApp', 'EmbeddedChartBuilder');

// ---- the Sheet methods' bodies (sheet.ts delegates here) ----

export function newChartBuilder(book: Book): EmbeddedChartBuilder {
  return new EmbeddedChartBuilder(book, null, emptySpec());
}

function checkedChart(chart: unknown, method: string): EmbeddedChart {
  if (!(chart instanceof EmbeddedChart)) throw signatureError([chart], `SpreadsheetApp.Sheet.${method}`);
  return chart;
}

/** insertChart returns nothing (UNCONFIRMED, best estimate void; gas-fakes returns the Sheet). */
export function insertChartOn(book: Book, sheet: SheetModel, chart: unknown): void {
  insertChartModel(book, sheet, checkedChart(chart, 'insertChart')._spec);
}

export function updateChartOn(sheet: SheetModel, chart: unknown): void {
  const checked = checkedChart(chart, 'updateChart');
  updateChartModel(sheet, checked._chartId, checked._spec);
}

export function removeChartFrom(sheet: SheetModel, chart: unknown): void {
  removeChartModel(sheet, checkedChart(chart, 'removeChart')._chartId);
}

/** Snapshots: a chart read now does not follow later updates (the API returns fresh objects per call). */
export function chartsOf(book: Book, sheet: SheetModel): EmbeddedChart[] {
  return sheet.charts.map((chart) => new EmbeddedChart(book, chart.chartId, copySpec(chart)));
}
