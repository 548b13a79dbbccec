import type { Zone } from '../../shared/time/zone';

/**
 * Several ranges in ONE call: `Sheets.Spreadsheets.Values.batchGet` of the Advanced Sheets service
 * (issue 18). SpreadsheetApp needs a getRange + getValues per range; a sidebar action that reads a few
 * headers, the Settings and Team tables and some scattered rows would spend most of its calls there.
 *
 * Values are asked as UNFORMATTED_VALUE + SERIAL_NUMBER: numbers, booleans and text come typed as
 * getValues gives them; dates come as serial day numbers in the spreadsheet's zone and are turned back into
 * Dates for the columns the caller says hold dates. The spreadsheet id is asked for lazily (one call) and
 * kept by the caller per execution (on its tables): module state can outlive an execution in tests. The API leaves trailing empty cells and rows out; they
 * are filled back with '' to the range's size when the caller gives it.
 */
export interface BatchRange {
  a1: string;
  /** Rows and columns of the range, to pad the reply; omit for open-ended ranges (then no padding). */
  rows?: number;
  columns?: number;
  /** 0-based column offsets within the range that hold dates. */
  dateColumns?: ReadonlySet<number>;
}

interface ValuesApi {
  batchGet(
    spreadsheetId: string,
    optionalArgs: { ranges: string[]; valueRenderOption: string; dateTimeRenderOption: string },
  ): { valueRanges?: { values?: unknown[][] }[] };
  batchUpdate(
    resource: { valueInputOption: string; data: { range: string; values: unknown[][] }[] },
    spreadsheetId: string,
  ): unknown;
}

/** Sheets.Spreadsheets.Values, or null when the project has no Advanced Sheets service. */
export function valuesApi(): ValuesApi | null {
  // The global is absent when the project has no Advanced Sheets service.
  if (typeof Sheets === 'undefined' || !Sheets || !Sheets.Spreadsheets) return null;
  return (Sheets.Spreadsheets as unknown as { Values?: ValuesApi }).Values ?? null;
}

/**
 * The ranges' values in one call, or null when the Advanced service is off, not authorized for this user,
 * or the request fails (a range naming a sheet that was renamed): callers then read with SpreadsheetApp,
 * which is always safe for a read.
 */
export function batchGetValues(
  spreadsheetId: () => string,
  ranges: readonly BatchRange[],
  zone: Zone,
): unknown[][][] | null {
  const api = valuesApi();
  if (!api || ranges.length === 0) return null;
  let reply: ReturnType<ValuesApi['batchGet']>;
  try {
    reply = api.batchGet(spreadsheetId(), {
      ranges: ranges.map((range) => range.a1),
      valueRenderOption: 'UNFORMATTED_VALUE',
      dateTimeRenderOption: 'SERIAL_NUMBER',
    });
  } catch {
    return null;
  }
  return ranges.map((range, index) => {
    const values = reply.valueRanges?.[index]?.values ?? [];
    const height = range.rows ?? values.length;
    const out: unknown[][] = [];
    for (let r = 0; r < height; r++) {
      const line = values[r] ?? [];
      const width = range.columns ?? line.length;
      const row: unknown[] = [];
      for (let c = 0; c < width; c++) {
        const cell = line[c];
        row.push(
          cell === undefined || cell === null
            ? ''
            : typeof cell === 'number' && range.dateColumns?.has(c)
              ? dateFromSerial(cell, zone)
              : cell,
        );
      }
      out.push(row);
    }
    return out;
  });
}

const SERIAL_EPOCH_MS = Date.UTC(1899, 11, 30);
const MS_PER_DAY = 86400000;

/** A Sheets serial number (days since 1899-12-30, wall time in the spreadsheet's zone) → the instant. */
export function dateFromSerial(serial: number, zone: Zone): Date {
  const wall = SERIAL_EPOCH_MS + Math.round(serial * MS_PER_DAY);
  // The offset at the instant, found from the wall time (one correction step covers DST changes).
  const guess = wall - zone.offsetAt(wall) * 60000;
  return new Date(wall - zone.offsetAt(guess) * 60000);
}
