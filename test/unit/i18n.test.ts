import { languageFromLocale, isLanguage, LANGUAGES } from '../../src/shared/i18n/language';
import { catalogue, translate, translatorFor } from '../../src/shared/i18n/translate';
import { en } from '../../src/shared/i18n/messages.en';

describe('languageFromLocale', () => {
  it.each([
    ['en', 'en'],
    ['en_US', 'en'],
    ['fr', 'en'],
    ['', 'en'],
    [null, 'en'],
    ['zh', 'zh-CN'],
    ['zh_CN', 'zh-CN'],
    ['zh-CN', 'zh-CN'],
    ['zh_SG', 'zh-CN'],
    ['zh_TW', 'zh-TW'],
    ['zh_HK', 'zh-TW'],
    ['zh-Hant-TW', 'zh-TW'],
    ['zh_MO', 'zh-TW'],
  ] as const)('maps the Apps Script locale %p to %p', (locale, language) => {
    expect(languageFromLocale(locale)).toBe(language);
  });

  it('recognises only the three workbook languages', () => {
    expect(LANGUAGES.every(isLanguage)).toBe(true);
    expect(isLanguage('zh')).toBe(false);
    expect(isLanguage(undefined)).toBe(false);
  });
});

describe('message catalogues', () => {
  const placeholders = (text: string): string[] => (text.match(/\{\w+\}/g) ?? []).sort();

  it.each(LANGUAGES)('%s defines every key with a non-empty text and the same placeholders as English', (language) => {
    const messages = catalogue(language);
    for (const key of Object.keys(en) as (keyof typeof en)[]) {
      expect(messages[key]).toEqual(expect.any(String));
      expect(messages[key].trim()).not.toBe('');
      expect({ key, placeholders: placeholders(messages[key]) }).toEqual({ key, placeholders: placeholders(en[key]) });
    }
  });

  it('fills placeholders and leaves unknown ones visible', () => {
    expect(translate('en', 'error.invalidRequest', { detail: 'table/id' })).toBe('The request was not valid: table/id');
    expect(translate('zh-CN', 'error.invalidRequest', { detail: 'x' })).toBe('请求无效：x');
    expect(translate('en', 'error.invalidRequest')).toBe('The request was not valid: {detail}');
    expect(translatorFor('zh-TW')('menu.about')).toBe('關於');
  });
});
