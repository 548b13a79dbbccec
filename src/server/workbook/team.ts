import { normalizeEmail } from '../../shared/rules/normalize';
import { TEMPLATES } from '../../shared/schema/templates';
import type { DocumentPropertiesSnapshot } from './layout';
import { readTable, type Table } from './table';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

export interface TeamMember {
  name: string;
  email: string;
  role: 'rep' | 'manager';
  active: boolean;
}

/** The Team sheet: who may own customers, who gets digests. E-mails lower-cased; blank rows skipped. */
export function readTeam(
  properties: DocumentPropertiesSnapshot,
  spreadsheet: Spreadsheet,
  /** The Team table when the caller has already read it (openTables). */
  table: Table = readTable(TEMPLATES.team, properties, spreadsheet),
): TeamMember[] {
  const members: TeamMember[] = [];
  for (const { values } of table.records) {
    const email = normalizeEmail(String(values.email ?? ''));
    if (!email) continue;
    members.push({
      name: String(values.name ?? '') || email,
      email,
      role: values.role === 'manager' ? 'manager' : 'rep',
      // An empty "active" cell counts as active: a manager adding a row expects it to work.
      active: values.active !== false,
    });
  }
  return members;
}

/** Whether `email` is an active manager on the Team sheet (manager-only actions; a convenience, not security). */
export function isActiveManager(members: readonly TeamMember[], email: string): boolean {
  return email !== '' && members.some((member) => member.active && member.role === 'manager' && member.email === email);
}
