/**
 * Normalization of what reps type, used for storing (trimmed, half-width) and for duplicate matching
 * (docs/product-rules.md §2 intake: phone digits, lower-case e-mail, company name without spaces, punctuation and legal
 * suffixes). Pure: runs in the server and in the sidebars.
 */

/** Full-width ASCII (Ｕ+FF01–FF5E) and the ideographic space to their half-width forms. */
export function toHalfWidth(text: string): string {
  return text
    .replace(/[\uFF01-\uFF5E]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0))
    .replace(/\u3000/g, ' ');
}

/** Trim, half-width, inner runs of white space folded to one space. */
export function cleanText(text: string): string {
  return toHalfWidth(text).replace(/\s+/g, ' ').trim();
}

/** The digits of a phone number, with "+" kept only in front: "+86 138-0013-8000" → "+8613800138000". */
export function phoneDigits(text: string): string {
  const clean = toHalfWidth(text).trim();
  const digits = clean.replace(/\D/g, '');
  return clean.startsWith('+') ? `+${digits}` : digits;
}

/**
 * The key two phone numbers are compared by. Mainland mobiles (11 digits starting with 1) are recognised
 * with or without +86 / 0086 / 86 in front, so "+86 138 0013 8000" and "13800138000" match.
 */
export function phoneMatchKey(text: string): string {
  const digits = phoneDigits(text).replace(/^\+/, '');
  const mobile = /^(?:0086|86)?(1\d{10})$/.exec(digits);
  if (mobile) return mobile[1] as string;
  return digits;
}

export function normalizeEmail(text: string): string {
  return toHalfWidth(text).trim().toLowerCase();
}

/** Legal-form suffixes that don't distinguish companies ("有限公司", "Co., Ltd."…), longest first. */
const COMPANY_SUFFIXES = [
  '股份有限公司',
  '有限责任公司',
  '有限責任公司',
  '集团有限公司',
  '集團有限公司',
  '有限公司',
  '股份公司',
  '分公司',
  '公司',
  'company limited',
  'co ltd',
  'coltd',
  'limited',
  'company',
  'corporation',
  'corp',
  'inc',
  'llc',
  'ltd',
  'co',
  'gmbh',
];

/**
 * The key company names are compared by: half-width, lower case, without spaces and punctuation and
 * without a legal-form suffix. "深圳市某某科技有限公司" and "深圳市 某某科技" match; so do
 * "Acme Co., Ltd." and "ACME".
 */
export function companyMatchKey(text: string): string {
  let key = toHalfWidth(text)
    .toLowerCase()
    .replace(/[\s\p{P}\p{S}]+/gu, ' ')
    .trim();
  let changed = true;
  while (changed && key !== '') {
    changed = false;
    for (const suffix of COMPANY_SUFFIXES) {
      const isLatin = /^[a-z ]+$/.test(suffix);
      if (isLatin ? key.endsWith(` ${suffix}`) : key.endsWith(suffix) && key.length > suffix.length) {
        key = key.slice(0, key.length - suffix.length).trim();
        changed = true;
        break;
      }
    }
  }
  return key.replace(/ /g, '');
}

/** Text as a literal inside a regular expression (TextFinder searches, RE2 and JS alike). */
export function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}
