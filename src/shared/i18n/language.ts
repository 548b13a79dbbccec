/** The workbook languages. Menus follow the user's locale; everything in the workbook follows Settings. */
export const LANGUAGES = ['en', 'zh-CN', 'zh-TW'] as const;
export type Language = (typeof LANGUAGES)[number];

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

/**
 * Maps an Apps Script locale ("en", "zh_CN", "zh_TW", "zh_HK", "zh-Hant-TW"…, see
 * docs/apps-script/services.md §7) to a supported language. Traditional script regions go to zh-TW, other Chinese to zh-CN,
 * everything else to English.
 */
export function languageFromLocale(locale: string | null | undefined): Language {
  const normalized = (locale ?? '').replace(/_/g, '-').toLowerCase();
  if (!normalized.startsWith('zh')) return 'en';
  if (/(^|-)(hant|tw|hk|mo)(-|$)/.test(normalized)) return 'zh-TW';
  return 'zh-CN';
}
