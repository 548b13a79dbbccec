import { notSupported } from '../core/errors';
import { apiSheetName } from './advanced-sheets-values';
import { cellA1 } from './a1';
import { normalizeColor } from './colors';
import type { GridRangeJson } from './filter-views';
import {
  findSheet,
  RangeRef,
  type CfRuleModel,
  type MetadataModel,
  type ProtectionModel,
  type Rect,
  type SpecValue,
  type ValidationSpec,
  type WorkbookModel,
} from './model';
import { DateCell, isDateFormat } from './values';

/**
 * The Sheets API v4 JSON shapes of what the local model stores (docs/apps-script-behaviour.md, "Sheets API
 * batchUpdate and get"): colours, number formats, data validation, conditional format rules, protected
 * ranges and developer metadata, both ways. Defaults are left out of what is returned, as the API does.
 * Anything the model cannot hold (gradient rules, theme colours, dates inside rules) throws notSupported.
 */

export type Json = Record<string, unknown>;

/** A request the API refuses: the text becomes "Invalid requests[i].<kind>: <text>". */
export class RequestError extends Error {}

export function clone<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

export function isObject(value: unknown): value is Json {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

// ---- colours ------------------------------------------------------------------------------------------

/** '#e8f0fe' → {red: 0.9098…, green: 0.9411…, blue: 0.9960…}; zero components are left out (DISC Color). */
export function colorJson(hex: string): Json {
  const out: Json = {};
  const parts: [string, number][] = [
    ['red', parseInt(hex.slice(1, 3), 16)],
    ['green', parseInt(hex.slice(3, 5), 16)],
    ['blue', parseInt(hex.slice(5, 7), 16)],
  ];
  for (const [key, value] of parts) if (value !== 0) out[key] = value / 255;
  return out;
}

/** A Color or ColorStyle ({rgbColor}) as '#rrggbb'; themeColor is not modelled. */
export function colorFromJson(value: unknown, field: string): string {
  if (!isObject(value)) throw new RequestError(`Invalid value at '${field}'.`);
  if ('themeColor' in value) throw notSupported(`Sheets API theme colours (${field})`);
  const rgb = isObject(value.rgbColor) ? value.rgbColor : value;
  if ('alpha' in rgb && rgb.alpha !== 1) throw notSupported(`Sheets API colours with alpha (${field})`);
  const channel = (key: string): string => {
    const v = rgb[key] ?? 0;
    if (typeof v !== 'number' || v < 0 || v > 1)
      throw new RequestError(`Invalid value at '${field}.${key}' (${String(v)})`);
    return Math.round(v * 255)
      .toString(16)
      .padStart(2, '0');
  };
  return normalizeColor(`#${channel('red')}${channel('green')}${channel('blue')}`) as string;
}

// ---- number formats -----------------------------------------------------------------------------------

const NUMBER_FORMAT_TYPES = ['TEXT', 'NUMBER', 'PERCENT', 'CURRENCY', 'DATE', 'TIME', 'DATE_TIME', 'SCIENTIFIC'];

/** A stored pattern as NumberFormat {type, pattern}; the type is read off the pattern (UNCONFIRMED mapping). */
export function numberFormatJson(pattern: string): Json {
  let type = 'NUMBER';
  if (pattern === '@') type = 'TEXT';
  else if (isDateFormat(pattern)) {
    const bare = pattern.replace(/"[^"]*"/g, '');
    const hasTime = /[hs]|am\/pm|a\/p/i.test(bare);
    const hasDate = /[yd]/i.test(bare) || (!hasTime && /m/i.test(bare));
    type = hasDate && hasTime ? 'DATE_TIME' : hasTime ? 'TIME' : 'DATE';
  } else if (/%/.test(pattern)) type = 'PERCENT';
  else if (/E[+-]/i.test(pattern)) type = 'SCIENTIFIC';
  else if (/[$¥€£]/.test(pattern)) type = 'CURRENCY';
  return { type, pattern };
}

/** NumberFormat → the stored pattern. A type without a pattern means the locale's default: only TEXT is modelled. */
export function numberFormatFromJson(value: unknown, field: string): string {
  if (!isObject(value)) throw new RequestError(`Invalid value at '${field}'.`);
  const type = String(value.type ?? '');
  if (!NUMBER_FORMAT_TYPES.includes(type)) throw new RequestError(`Invalid value at '${field}.type' (${type})`);
  if (typeof value.pattern === 'string' && value.pattern !== '') return value.pattern;
  if (type === 'TEXT') return '@';
  throw notSupported(`Sheets API number format ${type} without a pattern (the locale's default)`);
}

// ---- grid ranges --------------------------------------------------------------------------------------

/** A model rect as GridRange: zero starts and sheetId 0 left out, unbounded ends absent. */
export function gridRangeJson(sheetId: number, rect: Rect): GridRangeJson {
  const out: GridRangeJson = {};
  if (sheetId !== 0) out.sheetId = sheetId;
  if (rect.r0 !== 0) out.startRowIndex = rect.r0;
  if (rect.r1 !== null) out.endRowIndex = rect.r1;
  if (rect.c0 !== 0) out.startColumnIndex = rect.c0;
  if (rect.c1 !== null) out.endColumnIndex = rect.c1;
  return out;
}

export interface GridShape {
  id: number;
  rows: number;
  columns: number;
}

/** A GridRange checked against its sheet's size, as a model rect (unbounded ends stay null). */
export function rectFromGridRange(
  range: unknown,
  field: string,
  sheetOf: (id: number) => GridShape | null,
): { sheetId: number; rect: Rect } {
  if (!isObject(range)) throw new RequestError(`${field} must be set.`);
  const sheetId = typeof range.sheetId === 'number' ? range.sheetId : 0;
  const sheet = sheetOf(sheetId);
  if (!sheet) throw new RequestError(`No grid with id: ${sheetId}`);
  const index = (key: string): number | null => {
    const v = range[key];
    if (v === undefined || v === null) return null;
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 0)
      throw new RequestError(`Invalid ${field}.${key}: ${String(v)}`);
    return v;
  };
  const r0 = index('startRowIndex') ?? 0;
  const c0 = index('startColumnIndex') ?? 0;
  const r1 = index('endRowIndex');
  const c1 = index('endColumnIndex');
  if ((r1 !== null && r1 < r0) || (c1 !== null && c1 < c0))
    throw new RequestError(`Invalid ${field}: the end index must not be less than the start index.`);
  if ((r1 ?? r0) > sheet.rows || r0 > sheet.rows)
    throw new RequestError(
      `Range ${field} exceeds grid limits. Max rows: ${sheet.rows}, max columns: ${sheet.columns}`,
    );
  if ((c1 ?? c0) > sheet.columns || c0 > sheet.columns)
    throw new RequestError(
      `Range ${field} exceeds grid limits. Max rows: ${sheet.rows}, max columns: ${sheet.columns}`,
    );
  return { sheetId, rect: { r0, c0, r1, c1 } };
}

// ---- data validation ----------------------------------------------------------------------------------

/** Apps Script DataValidationCriteria ↔ API ConditionType (DISC ConditionType; "Supported by data validation"). */
const VALIDATION_TYPES: Record<string, string> = {
  DATE_AFTER: 'DATE_AFTER',
  DATE_BEFORE: 'DATE_BEFORE',
  DATE_BETWEEN: 'DATE_BETWEEN',
  DATE_EQUAL_TO: 'DATE_EQ',
  DATE_IS_VALID_DATE: 'DATE_IS_VALID',
  DATE_NOT_BETWEEN: 'DATE_NOT_BETWEEN',
  DATE_ON_OR_AFTER: 'DATE_ON_OR_AFTER',
  DATE_ON_OR_BEFORE: 'DATE_ON_OR_BEFORE',
  NUMBER_BETWEEN: 'NUMBER_BETWEEN',
  NUMBER_EQUAL_TO: 'NUMBER_EQ',
  NUMBER_GREATER_THAN: 'NUMBER_GREATER',
  NUMBER_GREATER_THAN_OR_EQUAL_TO: 'NUMBER_GREATER_THAN_EQ',
  NUMBER_LESS_THAN: 'NUMBER_LESS',
  NUMBER_LESS_THAN_OR_EQUAL_TO: 'NUMBER_LESS_THAN_EQ',
  NUMBER_NOT_BETWEEN: 'NUMBER_NOT_BETWEEN',
  NUMBER_NOT_EQUAL_TO: 'NUMBER_NOT_EQ',
  TEXT_CONTAINS: 'TEXT_CONTAINS',
  TEXT_DOES_NOT_CONTAIN: 'TEXT_NOT_CONTAINS',
  TEXT_EQUAL_TO: 'TEXT_EQ',
  TEXT_IS_VALID_EMAIL: 'TEXT_IS_EMAIL',
  TEXT_IS_VALID_URL: 'TEXT_IS_URL',
  VALUE_IN_LIST: 'ONE_OF_LIST',
  VALUE_IN_RANGE: 'ONE_OF_RANGE',
  CUSTOM_FORMULA: 'CUSTOM_FORMULA',
  CHECKBOX: 'BOOLEAN',
};
const RELATIVE_VALIDATION: Record<string, string> = {
  DATE_AFTER_RELATIVE: 'DATE_AFTER',
  DATE_BEFORE_RELATIVE: 'DATE_BEFORE',
  DATE_EQUAL_TO_RELATIVE: 'DATE_EQ',
};
const NUMBER_CONDITIONS = new Set([
  'NUMBER_BETWEEN',
  'NUMBER_EQ',
  'NUMBER_GREATER',
  'NUMBER_GREATER_THAN_EQ',
  'NUMBER_LESS',
  'NUMBER_LESS_THAN_EQ',
  'NUMBER_NOT_BETWEEN',
  'NUMBER_NOT_EQ',
]);
/** How many ConditionValues each validation type takes (null: one or more). */
const VALUE_COUNTS: Record<string, number | null> = {
  DATE_IS_VALID: 0,
  TEXT_IS_EMAIL: 0,
  TEXT_IS_URL: 0,
  NUMBER_BETWEEN: 2,
  NUMBER_NOT_BETWEEN: 2,
  DATE_BETWEEN: 2,
  DATE_NOT_BETWEEN: 2,
  ONE_OF_LIST: null,
};

function conditionValueJson(value: SpecValue, wb: WorkbookModel): Json {
  if (value instanceof DateCell) throw notSupported('Sheets API date values inside rules');
  if (value instanceof RangeRef) {
    const sheet = findSheet(wb, value.sheetId);
    const start = cellA1(value.row, value.col);
    const end = cellA1(value.row + value.numRows - 1, value.col + value.numCols - 1);
    return { userEnteredValue: `=${apiSheetName(sheet?.name ?? '#REF')}!${start}:${end}` };
  }
  return { userEnteredValue: String(value) };
}

/** A stored rule as DataValidationRule; showCustomUi for lists and ranges, strict = reject input. */
export function validationJson(spec: ValidationSpec, wb: WorkbookModel): Json {
  const relative = RELATIVE_VALIDATION[spec.criteria];
  const type = relative ?? VALIDATION_TYPES[spec.criteria];
  if (!type) throw notSupported(`Sheets API data validation ${spec.criteria}`);
  let values: Json[];
  let showCustomUi = false;
  if (relative) values = [{ relativeDate: String(spec.values[0]) }];
  else if (type === 'ONE_OF_LIST') {
    values = ((spec.values[0] ?? []) as SpecValue[]).map((v) => conditionValueJson(v, wb));
    showCustomUi = spec.values[1] !== false;
  } else if (type === 'ONE_OF_RANGE') {
    values = [conditionValueJson(spec.values[0] ?? null, wb)];
    showCustomUi = spec.values[1] !== false;
  } else values = spec.values.map((v) => conditionValueJson(v, wb));
  const condition: Json = { type };
  if (values.length > 0) condition.values = values;
  const out: Json = { condition };
  if (spec.helpText) out.inputMessage = spec.helpText;
  if (!spec.allowInvalid) out.strict = true;
  if (showCustomUi) out.showCustomUi = true;
  return out;
}

function conditionValues(condition: Json, field: string): Json[] {
  const raw = condition.values;
  if (raw === undefined) return [];
  const list = Array.isArray(raw) ? raw : [raw];
  return list.map((v, i) => {
    if (!isObject(v)) throw new RequestError(`Invalid value at '${field}.values[${i}]'.`);
    return v;
  });
}

/** DataValidationRule → stored rule. Dates and ranges in values are not modelled here. */
export function validationFromJson(rule: unknown, field: string): ValidationSpec {
  if (!isObject(rule) || !isObject(rule.condition)) throw new RequestError(`${field}.condition must be set.`);
  const type = String(rule.condition.type ?? '');
  const criteria = Object.keys(VALIDATION_TYPES).find((key) => VALIDATION_TYPES[key] === type);
  if (!criteria) {
    if (/^(TEXT_STARTS_WITH|TEXT_ENDS_WITH|BLANK|NOT_BLANK|TEXT_NOT_EQ|DATE_NOT_EQ|FILTER_EXPRESSION)$/.test(type))
      throw new RequestError(`Invalid ConditionType ${type} for data validation.`);
    throw new RequestError(`Invalid value at '${field}.condition.type' (${type})`);
  }
  const values = conditionValues(rule.condition, `${field}.condition`);
  const expected = type in VALUE_COUNTS ? VALUE_COUNTS[type] : type === 'BOOLEAN' ? undefined : 1;
  if (type === 'ONE_OF_LIST' && values.length === 0)
    throw new RequestError('ONE_OF_LIST condition requires at least one ConditionValue.');
  if (typeof expected === 'number' && values.length !== expected)
    throw new RequestError(
      `${type} condition requires ${expected === 0 ? 'no' : expected === 2 ? 'exactly two' : 'exactly one'} ConditionValue${expected === 1 ? '' : 's'}.`,
    );
  if (type === 'BOOLEAN' && values.length > 2)
    throw new RequestError('BOOLEAN condition takes at most two ConditionValues.');
  const texts = values.map((v, i) => {
    if (v.relativeDate !== undefined) throw notSupported('Sheets API relative dates in data validation');
    if (typeof v.userEnteredValue !== 'string')
      throw new RequestError(`${type} condition value ${i} must have a userEnteredValue.`);
    return v.userEnteredValue;
  });
  let specValues: SpecValue[];
  if (type === 'ONE_OF_LIST') specValues = [texts, rule.showCustomUi === true];
  else if (type === 'ONE_OF_RANGE') throw notSupported('Sheets API ONE_OF_RANGE validation');
  else if (type.startsWith('DATE_') && type !== 'DATE_IS_VALID')
    throw notSupported('Sheets API date values inside rules');
  else if (NUMBER_CONDITIONS.has(type))
    specValues = texts.map((text) => {
      const n = Number(text);
      if (text.trim() === '' || !Number.isFinite(n))
        throw new RequestError(`Invalid number ${text} in ${type} condition.`);
      return n;
    });
  else specValues = texts;
  return {
    criteria,
    values: specValues,
    allowInvalid: rule.strict !== true,
    helpText: typeof rule.inputMessage === 'string' && rule.inputMessage !== '' ? rule.inputMessage : null,
  };
}

// ---- conditional format rules -------------------------------------------------------------------------

/** Apps Script BooleanCriteria ↔ API ConditionType (docs/apps-script/filter-views-and-charts.md §6). */
const BOOLEAN_TYPES: Record<string, string> = {
  CELL_EMPTY: 'BLANK',
  CELL_NOT_EMPTY: 'NOT_BLANK',
  DATE_AFTER: 'DATE_AFTER',
  DATE_BEFORE: 'DATE_BEFORE',
  DATE_EQUAL_TO: 'DATE_EQ',
  DATE_NOT_EQUAL_TO: 'DATE_NOT_EQ',
  NUMBER_BETWEEN: 'NUMBER_BETWEEN',
  NUMBER_EQUAL_TO: 'NUMBER_EQ',
  NUMBER_GREATER_THAN: 'NUMBER_GREATER',
  NUMBER_GREATER_THAN_OR_EQUAL_TO: 'NUMBER_GREATER_THAN_EQ',
  NUMBER_LESS_THAN: 'NUMBER_LESS',
  NUMBER_LESS_THAN_OR_EQUAL_TO: 'NUMBER_LESS_THAN_EQ',
  NUMBER_NOT_BETWEEN: 'NUMBER_NOT_BETWEEN',
  NUMBER_NOT_EQUAL_TO: 'NUMBER_NOT_EQ',
  TEXT_CONTAINS: 'TEXT_CONTAINS',
  TEXT_DOES_NOT_CONTAIN: 'TEXT_NOT_CONTAINS',
  TEXT_EQUAL_TO: 'TEXT_EQ',
  TEXT_NOT_EQUAL_TO: 'TEXT_NOT_EQ',
  TEXT_STARTS_WITH: 'TEXT_STARTS_WITH',
  TEXT_ENDS_WITH: 'TEXT_ENDS_WITH',
  CUSTOM_FORMULA: 'CUSTOM_FORMULA',
};
const RELATIVE_BOOLEAN: Record<string, string> = {
  DATE_AFTER_RELATIVE: 'DATE_AFTER',
  DATE_BEFORE_RELATIVE: 'DATE_BEFORE',
  DATE_EQUAL_TO_RELATIVE: 'DATE_EQ',
};

export function conditionalRuleJson(rule: CfRuleModel, sheetId: number, wb: WorkbookModel): Json {
  if (!rule.condition) throw notSupported('Sheets API conditional format rules without a boolean condition');
  const relative = RELATIVE_BOOLEAN[rule.condition.type];
  const type = relative ?? BOOLEAN_TYPES[rule.condition.type];
  if (!type) throw notSupported(`Sheets API conditional format ${rule.condition.type}`);
  const values = relative
    ? [{ relativeDate: String(rule.condition.values[0]) }]
    : rule.condition.values.map((v) => conditionValueJson(v, wb));
  const condition: Json = { type };
  if (values.length > 0) condition.values = values;
  const format: Json = {};
  const text: Json = {};
  const f = rule.format;
  if (f.background) {
    format.backgroundColor = colorJson(f.background);
    format.backgroundColorStyle = { rgbColor: colorJson(f.background) };
  }
  for (const key of ['bold', 'italic', 'strikethrough', 'underline'] as const)
    if (f[key] !== undefined) text[key] = f[key];
  if (f.fontColor) {
    text.foregroundColor = colorJson(f.fontColor);
    text.foregroundColorStyle = { rgbColor: colorJson(f.fontColor) };
  }
  if (Object.keys(text).length > 0) format.textFormat = text;
  return { ranges: rule.ranges.map((rect) => gridRangeJson(sheetId, rect)), booleanRule: { condition, format } };
}

/** ConditionalFormatRule → stored rule; its ranges must all be on one sheet (returned). */
export function conditionalRuleFromJson(
  rule: unknown,
  field: string,
  sheetOf: (id: number) => GridShape | null,
): { sheetId: number; model: CfRuleModel } {
  if (!isObject(rule)) throw new RequestError(`${field} must be set.`);
  if (rule.gradientRule !== undefined) throw notSupported('Sheets API gradient conditional format rules');
  if (!isObject(rule.booleanRule)) throw new RequestError(`${field}.booleanRule must be set.`);
  if (!Array.isArray(rule.ranges) || rule.ranges.length === 0) throw new RequestError(`${field}.ranges must be set.`);
  const located = rule.ranges.map((range, i) => rectFromGridRange(range, `${field}.ranges[${i}]`, sheetOf));
  const sheetId = (located[0] as { sheetId: number }).sheetId;
  if (located.some((l) => l.sheetId !== sheetId))
    throw new RequestError('All ranges of a conditional format rule must be on the same sheet.');
  const condition = rule.booleanRule.condition;
  if (!isObject(condition)) throw new RequestError(`${field}.booleanRule.condition must be set.`);
  const type = String(condition.type ?? '');
  const values = conditionValues(condition, `${field}.booleanRule.condition`);
  const relative = values.some((v) => v.relativeDate !== undefined);
  let key = Object.keys(BOOLEAN_TYPES).find((k) => BOOLEAN_TYPES[k] === type);
  if (relative) key = Object.keys(RELATIVE_BOOLEAN).find((k) => RELATIVE_BOOLEAN[k] === type);
  if (!key) throw new RequestError(`Invalid ConditionType ${type} for a conditional format rule.`);
  const specValues: SpecValue[] = values.map((v, i) => {
    if (relative) return String(v.relativeDate);
    if (typeof v.userEnteredValue !== 'string')
      throw new RequestError(`${type} condition value ${i} must have a userEnteredValue.`);
    if (type.startsWith('DATE_')) throw notSupported('Sheets API date values inside rules');
    if (type.startsWith('NUMBER_')) {
      const n = Number(v.userEnteredValue);
      if (!Number.isFinite(n)) throw new RequestError(`Invalid number ${v.userEnteredValue} in ${type} condition.`);
      return n;
    }
    return v.userEnteredValue;
  });
  if (type === 'CUSTOM_FORMULA' && (specValues.length !== 1 || !String(specValues[0]).startsWith('=')))
    throw new RequestError(
      'CUSTOM_FORMULA condition requires exactly one ConditionValue, a formula starting with "=".',
    );
  const format = isObject(rule.booleanRule.format) ? rule.booleanRule.format : {};
  const model: CfRuleModel = {
    ranges: located.map((l) => l.rect),
    condition: { type: key, values: specValues },
    format: {},
  };
  const background = format.backgroundColorStyle ?? format.backgroundColor;
  if (background !== undefined)
    model.format.background = colorFromJson(background, `${field}.booleanRule.format.backgroundColor`);
  const text = isObject(format.textFormat) ? format.textFormat : {};
  const foreground = text.foregroundColorStyle ?? text.foregroundColor;
  if (foreground !== undefined)
    model.format.fontColor = colorFromJson(foreground, `${field}.booleanRule.format.textFormat.foregroundColor`);
  for (const k of ['bold', 'italic', 'strikethrough', 'underline'] as const)
    if (typeof text[k] === 'boolean') model.format[k] = text[k];
  for (const k of Object.keys(format))
    if (!['backgroundColor', 'backgroundColorStyle', 'textFormat'].includes(k))
      throw new RequestError(
        `${k} is not allowed in a conditional format: only bold, italic, strikethrough, foreground color and background color.`,
      );
  return { sheetId, model };
}

// ---- protected ranges ---------------------------------------------------------------------------------

export function protectedRangeJson(p: ProtectionModel, sheet: { maxRows: number; maxColumns: number }): Json {
  const out: Json = { protectedRangeId: p.id };
  out.range = p.rect ? gridRangeJson(p.sheetId, p.rect) : p.sheetId !== 0 ? { sheetId: p.sheetId } : {};
  if (p.description) out.description = p.description;
  if (p.warningOnly) out.warningOnly = true;
  // The script's user owns the document (protection.ts), so they can always edit.
  out.requestingUserCanEdit = true;
  if (!p.warningOnly && p.editors.length > 0) out.editors = { users: [...p.editors] };
  if (p.unprotected.length > 0) out.unprotectedRanges = p.unprotected.map((rect) => gridRangeJson(p.sheetId, rect));
  void sheet;
  return out;
}

// ---- developer metadata -------------------------------------------------------------------------------

export function metadataJson(m: MetadataModel): Json {
  const out: Json = { metadataId: m.id, metadataKey: m.key };
  if (m.value !== null) out.metadataValue = m.value;
  const loc = m.location;
  if (loc.type === 'SPREADSHEET') out.location = { locationType: 'SPREADSHEET', spreadsheet: true };
  else if (loc.type === 'SHEET') out.location = { locationType: 'SHEET', sheetId: loc.sheetId };
  else {
    const dimensionRange: Json = { dimension: loc.type === 'ROW' ? 'ROWS' : 'COLUMNS', endIndex: loc.index + 1 };
    if (loc.sheetId !== 0) dimensionRange.sheetId = loc.sheetId;
    if (loc.index !== 0) dimensionRange.startIndex = loc.index;
    out.location = { locationType: loc.type, dimensionRange };
  }
  out.visibility = m.visibility;
  return out;
}

// ---- field masks --------------------------------------------------------------------------------------

/** A parsed field mask: each selected name → its sub-mask, or null for "the whole field". */
export type Mask = Map<string, Mask | null>;

/**
 * Parses a partial-response field mask ("sheets(properties(sheetId,title),data.rowData)", "a/b", "a.b", "*")
 * as Google APIs read it (https://developers.google.com/workspace/sheets/api/guides/field-masks).
 */
export function parseFieldMask(text: string): Mask {
  let at = 0;
  const fail = (): never => {
    throw new RequestError(`Invalid field selection ${text}`);
  };
  const merge = (into: Mask, name: string, sub: Mask | null): void => {
    if (!into.has(name)) into.set(name, sub);
    else {
      const current = into.get(name) ?? null;
      if (current === null || sub === null) into.set(name, null);
      else for (const [k, v] of sub) merge(current, k, v);
    }
  };
  const list = (): Mask => {
    const out: Mask = new Map();
    for (;;) {
      while (text[at] === ' ') at++;
      const names: string[] = [];
      for (;;) {
        const match = /^[A-Za-z0-9_*]+/.exec(text.slice(at));
        if (!match) fail();
        names.push((match as RegExpExecArray)[0]);
        at += (match as RegExpExecArray)[0].length;
        if (text[at] === '.' || text[at] === '/') at++;
        else break;
      }
      let sub: Mask | null = null;
      if (text[at] === '(') {
        at++;
        sub = list();
        if (text[at] !== ')') fail();
        at++;
      }
      for (let i = names.length - 1; i > 0; i--) sub = new Map([[names[i] as string, sub]]);
      merge(out, names[0] as string, sub);
      while (text[at] === ' ') at++;
      if (text[at] === ',') {
        at++;
        continue;
      }
      return out;
    }
  };
  const mask = list();
  if (at !== text.length) fail();
  return mask;
}

/** The mask as dotted paths ("userEnteredFormat.textFormat.bold"). */
export function maskPaths(mask: Mask, prefix = ''): string[] {
  const out: string[] = [];
  for (const [name, sub] of mask) {
    const path = prefix ? `${prefix}.${name}` : name;
    if (sub === null) out.push(path);
    else out.push(...maskPaths(sub, path));
  }
  return out;
}

/** Keeps what the mask selects of a JSON value (arrays element-wise); "*" keeps everything at its level. */
export function pick(value: unknown, mask: Mask | null): unknown {
  if (mask === null || mask.has('*')) return value;
  if (Array.isArray(value)) return value.map((item) => pick(item, mask));
  if (!isObject(value)) return value;
  const out: Json = {};
  for (const [name, sub] of mask) {
    if (value[name] === undefined) continue;
    const picked = pick(value[name], sub);
    if (isObject(picked) && Object.keys(picked).length === 0 && sub !== null) continue;
    out[name] = picked;
  }
  return out;
}
