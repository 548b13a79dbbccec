import type { MessageKey } from '../i18n/translate';
import { normalizeEmail } from './normalize';

/**
 * What a Reassign customers request must be (issue 19 item 10): two different team members, the receiver
 * active; all of the first one's customers or selected sheet rows; whether to mark the first one inactive.
 * Pure, so the sidebar checks as the rep chooses and the server checks again.
 */
export interface ReassignValues {
  from: string;
  to: string;
  scope: 'all' | 'selected';
  rows?: number[];
  deactivate: boolean;
}

export interface ReassignMember {
  email: string;
  active: boolean;
}

export function validateReassign(
  body: Readonly<Record<string, unknown>>,
  team: readonly ReassignMember[],
  maxRows: number,
): { values: ReassignValues | null; errors: Partial<Record<string, MessageKey>> } {
  const errors: Partial<Record<string, MessageKey>> = {};
  const email = (raw: unknown): string => (typeof raw === 'string' ? normalizeEmail(raw) : '');
  const from = email(body.from);
  const to = email(body.to);
  const member = (address: string) => team.find((candidate) => candidate.email === address);
  if (!from) errors.from = 'validation.required';
  else if (!member(from)) errors.from = 'reassign.notMember';
  if (!to) errors.to = 'validation.required';
  else if (!member(to)) errors.to = 'reassign.notMember';
  else if (member(to)?.active === false) errors.to = 'reassign.receiverInactive';
  else if (to === from) errors.to = 'reassign.sameOwner';
  const scope = body.scope === 'selected' ? 'selected' : body.scope === 'all' ? 'all' : null;
  if (!scope) errors.scope = 'validation.option';
  let rows: number[] | undefined;
  if (scope === 'selected') {
    const raw = Array.isArray(body.rows) ? body.rows : [];
    rows = [...new Set(raw.filter((row): row is number => Number.isInteger(row) && (row as number) >= 2))];
    if (rows.length === 0 || rows.length !== raw.length || rows.length > maxRows) errors.scope = 'reassign.noSelection';
  }
  if (body.deactivate !== undefined && typeof body.deactivate !== 'boolean') errors.deactivate = 'validation.option';
  if (Object.keys(errors).length > 0 || !scope) return { values: null, errors };
  return { values: { from, to, scope, rows, deactivate: body.deactivate === true }, errors };
}
