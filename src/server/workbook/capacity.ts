import {
  CAPACITY_SAMPLES_PROPERTY,
  capacityFigures,
  formatCapacitySamples,
  parseCapacitySamples,
  withSample,
  type CapacityFigures,
} from '../../shared/rules/capacity';
import { localDate } from '../../shared/time/local';
import type { Zone } from '../../shared/time/zone';
import type { DocumentPropertiesSnapshot } from './layout';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

/**
 * The workbook's cells as the 10-million-cell limit counts them (docs/apps-script/spreadsheet.md §10,
 * docs/apps-script-behaviour.md "Workbook capacity"): maxRows × maxColumns of every grid sheet, empty
 * cells too. One `Sheets.Spreadsheets.get` asking only for the sheets' grid sizes (two calls with the
 * spreadsheet's id); without the Advanced service, or when it fails, SpreadsheetApp: getSheets and two calls
 * per sheet. No cell is read either way.
 */
const GRID_FIELDS = 'sheets.properties(sheetType,gridProperties(rowCount,columnCount))';

type Json = Record<string, unknown>;

interface GridSizesApi {
  get(spreadsheetId: string, optionalArgs: { fields: string }): Json;
}

function gridSizesApi(): GridSizesApi | null {
  // The global is absent when the project has no Advanced Sheets service.
  if (typeof Sheets === 'undefined' || !Sheets || !Sheets.Spreadsheets) return null;
  return Sheets.Spreadsheets as unknown as GridSizesApi;
}

function gridNumber(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : 0;
}

export function workbookCells(spreadsheet: Spreadsheet): number {
  const api = gridSizesApi();
  if (api) {
    try {
      const reply = api.get(spreadsheet.getId(), { fields: GRID_FIELDS });
      let cells = 0;
      for (const sheet of (reply.sheets ?? []) as Json[]) {
        const properties = (sheet.properties ?? {}) as Json;
        // A chart sheet (OBJECT) or a connected data source sheet has no grid of its own to count.
        if (properties.sheetType !== undefined && properties.sheetType !== 'GRID') continue;
        const grid = (properties.gridProperties ?? {}) as Json;
        cells += gridNumber(grid.rowCount) * gridNumber(grid.columnCount);
      }
      return cells;
    } catch (error) {
      console.warn(`Sheets API grid sizes unavailable, using SpreadsheetApp: ${String(error)}`);
    }
  }
  let cells = 0;
  for (const sheet of spreadsheet.getSheets()) cells += sheet.getMaxRows() * sheet.getMaxColumns();
  return cells;
}

export interface CapacityContext {
  spreadsheet: Spreadsheet;
  properties: DocumentPropertiesSnapshot;
  zone: Zone;
  nowMs: number;
}

/**
 * Measures the workbook, keeps today's count in the ring of daily samples (document property
 * crm.capacity.samples, shared/rules/capacity.ts says why a ring) and returns the gauge's figures. The
 * daily scan's digests and every dashboard refresh call it, under the document lock; the property is
 * written only when today's count changed.
 */
export function workbookCapacity(context: CapacityContext, warningPercent: number): CapacityFigures {
  const cells = workbookCells(context.spreadsheet);
  const today = localDate(context.nowMs, context.zone);
  const samples = withSample(parseCapacitySamples(context.properties.values[CAPACITY_SAMPLES_PROPERTY]), today, cells);
  context.properties.set(CAPACITY_SAMPLES_PROPERTY, formatCapacitySamples(samples));
  return capacityFigures(cells, samples, today, warningPercent);
}
