/**
 * Record ids: prefix + yyyyMMdd (in the spreadsheet's time zone) + a daily serial of at least three digits
 * that widens past 999 (docs/product-rules.md §1, seed 004's "C20240601001"). The serial state is kept outside the rows,
 * so a deleted row's id is never handed out again.
 */
export interface IdSequence {
  /** yyyyMMdd of the last id handed out. */
  day: string;
  /** The last serial handed out on that day. */
  serial: number;
}

export function formatId(prefix: string, day: string, serial: number): string {
  if (!/^\d{8}$/.test(day)) throw new RangeError(`invalid id day ${day}`);
  if (!Number.isInteger(serial) || serial < 1) throw new RangeError(`invalid id serial ${serial}`);
  return `${prefix}${day}${String(serial).padStart(3, '0')}`;
}

export function parseSequence(raw: string | null | undefined): IdSequence | null {
  const match = /^(\d{8}):(\d+)$/.exec(raw ?? '');
  return match ? { day: match[1] as string, serial: Number(match[2]) } : null;
}

export function formatSequence(sequence: IdSequence): string {
  return `${sequence.day}:${sequence.serial}`;
}

/**
 * The next `count` ids for `day`. `existingIds` guards against ids already in the table (imported rows
 * that brought their own, or a sequence property lost with a copied file): the serial continues after the
 * highest one seen for that day.
 */
export function nextIds(
  prefix: string,
  day: string,
  count: number,
  sequence: IdSequence | null,
  existingIds: Iterable<string> = [],
): { ids: string[]; sequence: IdSequence } {
  let last = sequence && sequence.day === day ? sequence.serial : 0;
  const pattern = new RegExp(`^${escapeRegExp(prefix)}${day}(\\d{3,})$`);
  for (const id of existingIds) {
    const match = pattern.exec(id);
    if (match) last = Math.max(last, Number(match[1]));
  }
  const ids: string[] = [];
  for (let i = 1; i <= count; i++) ids.push(formatId(prefix, day, last + i));
  return { ids, sequence: { day, serial: last + count } };
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
