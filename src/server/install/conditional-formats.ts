import type { Language } from '../../shared/i18n/language';
import { columnLetter } from '../../shared/schema/a1';
import type { ConditionalFormatTemplate, TableTemplate } from '../../shared/schema/template-types';
import { enumLabel } from '../../shared/schema/templates';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
type ConditionalFormatRule = GoogleAppsScript.Spreadsheet.ConditionalFormatRule;

/**
 * The template's highlight rules (overdue, sleeping, breached, low score…) as Sheets conditional format
 * rules. Formulas are built from where the columns are NOW, anchored on row 2 with `$` on the column,
 * so a row rule colours the whole row (the formula is relative to the range's top-left cell,
 * docs/apps-script/filter-views-and-charts.md §6). Ranges are open-ended ("A2:K") so rows appended
 * later are covered. Order: cell rules, then (with several row flags) each flag's own cell, then the row
 * rules in template order, so the row shows the most urgent flag and no flag is hidden by another.
 */
export interface DesiredRule {
  key: string;
  formula: string;
  a1: string;
  background: string;
  fontColor?: string;
}

function escapeFormulaText(text: string): string {
  return text.replace(/"/g, '""');
}

export function desiredRules(
  template: TableTemplate,
  columns: Record<string, number>,
  width: number,
  language: Language,
): DesiredRule[] {
  const cells: DesiredRule[] = [];
  const flagCells: DesiredRule[] = [];
  const rows: DesiredRule[] = [];
  const formats = template.conditionalFormats ?? [];
  // With several row flags, the first matching row rule colours the row and hides the others (Sheets applies
  // the first rule that matches a cell): a customer both overdue and sleeping looked merely overdue. So each
  // row flag also colours its own cell, ahead of every row rule: the row shows the most urgent flag, and
  // each flag column still shows its own colour.
  const flagsShareRows = formats.filter((rule) => rule.scope === 'row').length > 1;
  for (const rule of formats) {
    const columnIndex = columns[rule.when.column];
    const column = template.columns.find((candidate) => candidate.key === rule.when.column);
    if (columnIndex === undefined || !column) continue;
    const ref = `$${columnLetter(columnIndex)}2`;
    const formula = conditionFormula(rule, ref, (option) => enumLabel(column, option, language) ?? option);
    const letter = columnLetter(columnIndex);
    const paint = { background: rule.background.toLowerCase(), fontColor: rule.fontColor?.toLowerCase() };
    const cell: DesiredRule = { key: rule.key, formula, a1: `${letter}2:${letter}`, ...paint };
    if (rule.scope !== 'row') {
      cells.push(cell);
      continue;
    }
    if (flagsShareRows) flagCells.push({ ...cell, key: `${rule.key}.cell` });
    rows.push({ key: rule.key, formula, a1: `A2:${columnLetter(Math.max(width, columnIndex))}`, ...paint });
  }
  return [...cells, ...flagCells, ...rows];
}

function conditionFormula(rule: ConditionalFormatTemplate, ref: string, label: (option: string) => string): string {
  const when = rule.when;
  if ('is' in when) return `=${ref}=TRUE`;
  if ('equalsOption' in when) return `=${ref}="${escapeFormulaText(label(when.equalsOption))}"`;
  if ('lessThanOrEqual' in when) return `=AND(ISNUMBER(${ref}),${ref}<=${when.lessThanOrEqual})`;
  return `=AND(ISNUMBER(${ref}),${ref}<TODAY())`;
}

function ruleFormula(rule: ConditionalFormatRule): string | null {
  const condition = rule.getBooleanCondition();
  if (!condition || String(condition.getCriteriaType()) !== 'CUSTOM_FORMULA') return null;
  const values = condition.getCriteriaValues();
  return typeof values[0] === 'string' ? values[0] : null;
}

/**
 * Whether a rule's range is our open-ended "A2:K" one. Whether Sheets echoes it as "A2:K" or clamped to
 * the sheet's rows ("A2:K1000") is UNCONFIRMED (docs/apps-script/spreadsheet.md §11), so compare the
 * start row and the column span only.
 */
function sameOpenRange(range: GoogleAppsScript.Spreadsheet.Range, a1: string): boolean {
  const match = /^([A-Z]+)(\d+):([A-Z]+)$/.exec(a1);
  if (!match) return range.getA1Notation() === a1;
  return (
    range.getRow() === Number(match[2]) &&
    range.getColumn() === columnNumber(match[1] as string) &&
    range.getLastColumn() === columnNumber(match[3] as string)
  );
}

function columnNumber(letters: string): number {
  let n = 0;
  for (const ch of letters) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

function sameRule(existing: ConditionalFormatRule, desired: DesiredRule): boolean {
  const condition = existing.getBooleanCondition();
  if (!condition || ruleFormula(existing) !== desired.formula) return false;
  const ranges = existing.getRanges();
  if (ranges.length !== 1 || !sameOpenRange(ranges[0] as GoogleAppsScript.Spreadsheet.Range, desired.a1)) return false;
  // getBackgroundObject() is the current API (docs/apps-script/filter-views-and-charts.md §6); the
  // @types package only declares the older string getter.
  const withObject = condition as unknown as { getBackgroundObject(): GoogleAppsScript.Spreadsheet.Color | null };
  const background = withObject.getBackgroundObject()?.asRgbColor().asHexString().toLowerCase() ?? null;
  return background === desired.background;
}

/**
 * Makes the sheet's rules include exactly our desired rules, keeping every rule a user added. Our
 * earlier rules are recognised by the formulas we wrote last time (`previousFormulas`). Returns the
 * formulas now in place, or null when nothing had to change (no write call made).
 */
export function applyConditionalFormats(
  sheet: Sheet,
  desired: readonly DesiredRule[],
  previousFormulas: readonly string[],
): string[] | null {
  const existing = sheet.getConditionalFormatRules();
  const ours = new Set([...previousFormulas, ...desired.map((rule) => rule.formula)]);
  const oursNow = existing.filter((rule) => ours.has(ruleFormula(rule) ?? ''));
  const upToDate =
    oursNow.length === desired.length &&
    desired.every((rule, index) => sameRule(oursNow[index] as ConditionalFormatRule, rule));
  if (upToDate) return null;
  const userRules = existing.filter((rule) => !ours.has(ruleFormula(rule) ?? ''));
  const built = desired.map((rule) => {
    let builder = SpreadsheetApp.newConditionalFormatRule()
      .whenFormulaSatisfied(rule.formula)
      .setBackground(rule.background)
      .setRanges([sheet.getRange(rule.a1)]);
    if (rule.fontColor) builder = builder.setFontColor(rule.fontColor);
    return builder.build();
  });
  // Ours first: Sheets applies the first matching rule, and a user's rule should not hide an overdue flag.
  sheet.setConditionalFormatRules([...built, ...userRules]);
  return desired.map((rule) => rule.formula);
}
