/**
 * The import report: each bad or duplicate row with its line and reasons, as sentences in the workbook's
 * language. Built the same way by the sidebar (whole-file check) and the server (against the sheet).
 */
import type { MessageKey } from '../i18n/translate';
import type { DuplicateMatch } from '../rules/duplicates';
import type { ImportDuplicate, ImportRowProblem } from './contract';
import type { ImportField } from './mapping';
import type { PreparedRow } from './rows';

export type Say = (key: MessageKey, params?: Record<string, string | number>) => string;

function reasonsText(match: DuplicateMatch, say: Say): string[] {
  return match.reasons.map((reason) => say(`intake.duplicateReason.${reason}` as MessageKey));
}

/** Problems of prepared rows: invalid ones, then duplicates (within the file or against the sheet). */
export function rowProblems(
  rows: readonly PreparedRow[],
  duplicates: ReadonlyMap<number, DuplicateMatch[]>,
  where: 'file' | 'sheet',
  fieldLabel: (field: ImportField) => string,
  say: Say,
): ImportRowProblem[] {
  const problems: ImportRowProblem[] = [];
  for (const row of rows) {
    const errors = Object.entries(row.errors) as [ImportField, MessageKey][];
    if (errors.length > 0) {
      problems.push({
        line: row.line,
        kind: 'invalid',
        messages: errors.map(([field, key]) => `${fieldLabel(field)}: ${say(key)}`),
        duplicates: [],
      });
      continue;
    }
    const matches = duplicates.get(row.line);
    if (!matches || matches.length === 0) continue;
    const list: ImportDuplicate[] = matches.map((match) => ({
      id: where === 'sheet' ? match.id : '',
      row: where === 'sheet' ? match.row : null,
      line: where === 'file' ? match.row : null,
      name: match.name,
      reasons: reasonsText(match, say),
    }));
    problems.push({
      line: row.line,
      kind: 'duplicate',
      messages: list.map((match) =>
        where === 'file'
          ? say('import.duplicateOfLine', { line: match.line ?? 0, reasons: match.reasons.join(', ') })
          : say('import.duplicateOfCustomer', { id: match.id, name: match.name, reasons: match.reasons.join(', ') }),
      ),
      duplicates: list,
    });
  }
  return problems.sort((a, b) => a.line - b.line);
}
