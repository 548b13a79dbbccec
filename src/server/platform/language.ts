import { isLanguage, languageFromLocale, type Language } from '../../shared/i18n/language';

/** Document property holding the workbook language chosen at install time. */
export const LANGUAGE_PROPERTY = 'crm.language';

/**
 * The language for menus: the user's locale only, because onOpen may run in AuthMode.NONE where the
 * workbook and its properties can't be read (docs/apps-script/services.md §2).
 */
export function menuLanguage(): Language {
  return languageFromLocale(Session.getActiveUserLocale());
}

/**
 * The workbook's language (chosen at install), falling back to the user's locale before install. Pass the
 * document properties when they were already read, to save the calls.
 */
export function workbookLanguage(properties?: Record<string, string>): Language {
  const stored = properties
    ? properties[LANGUAGE_PROPERTY]
    : PropertiesService.getDocumentProperties()?.getProperty(LANGUAGE_PROPERTY);
  return isLanguage(stored) ? stored : menuLanguage();
}
