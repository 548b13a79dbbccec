import type { Language } from './language';
import { en, type MessageKey } from './messages.en';
import { zhCN } from './messages.zh-CN';
import { zhTW } from './messages.zh-TW';

export type { MessageKey };

const CATALOGUES: Record<Language, Record<MessageKey, string>> = { en, 'zh-CN': zhCN, 'zh-TW': zhTW };

export type MessageParams = Record<string, string | number>;

/** Looks a message up and fills `{name}` placeholders; a missing parameter is left visible, not blanked. */
export function translate(language: Language, key: MessageKey, params?: MessageParams): string {
  const template = CATALOGUES[language][key];
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (match, name: string) =>
    Object.prototype.hasOwnProperty.call(params, name) ? String(params[name]) : match,
  );
}

/** A translator bound to one language, the shape sidebars and server actions pass around. */
export type Translator = (key: MessageKey, params?: MessageParams) => string;

export function translatorFor(language: Language): Translator {
  return (key, params) => translate(language, key, params);
}

export function catalogue(language: Language): Readonly<Record<MessageKey, string>> {
  return CATALOGUES[language];
}
