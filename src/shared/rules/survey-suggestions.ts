import { toHalfWidth } from './normalize';

/**
 * Survey suggestions (docs/product-rules.md §2 "Deals and delivery": survey suggestions answered within 15 working days; issue
 * 19 item 2). A survey whose suggestions field says something gets an "answer the suggestions" follow-up for
 * the customer's owner. Answers that only say there is nothing to suggest ("无", "没有", "none", "-") are not
 * suggestions: nobody has anything to answer.
 */
const NOTHING = new Set([
  '无',
  '無',
  '没有',
  '沒有',
  '暂无',
  '暫無',
  '无建议',
  '無建議',
  '没有建议',
  '沒有建議',
  'none',
  'no',
  'nil',
  'n/a',
  'na',
  'nothing',
  'no suggestions',
  '-',
  '--',
  '—',
  '/',
]);

/** True when the (already cleaned) suggestions text asks for an answer. */
export function hasSuggestions(suggestions: string | null): boolean {
  if (suggestions === null) return false;
  const text = toHalfWidth(suggestions)
    .trim()
    .toLowerCase()
    .replace(/[。.!！]+$/u, '')
    .trim();
  return text !== '' && !NOTHING.has(text);
}

/** Longest excerpt of the suggestions quoted in the follow-up's action line (the full text goes in its content). */
export const SUGGESTION_EXCERPT = 60;

/** The first SUGGESTION_EXCERPT characters of the suggestions on one line, with "…" when cut. */
export function suggestionExcerpt(suggestions: string): string {
  const line = suggestions.replace(/\s+/g, ' ').trim();
  const chars = [...line];
  return chars.length <= SUGGESTION_EXCERPT ? line : `${chars.slice(0, SUGGESTION_EXCERPT).join('')}…`;
}
