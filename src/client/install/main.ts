import '../common/base.css';
import './style.css';
import type { Language } from '../../shared/i18n/language';
import { byId, el, setBusy, setText } from '../common/dom';
import { callServer } from '../common/rpc';

const LANGUAGE_NAMES: Record<Language, string> = { en: 'English', 'zh-CN': '简体中文', 'zh-TW': '繁體中文' };

const form = byId<HTMLFormElement>('install-form');
const select = byId<HTMLSelectElement>('language');

function showError(message: string): void {
  const box = byId('error');
  setText(box, message);
  box.hidden = false;
}

async function load(): Promise<void> {
  setBusy(form, true);
  try {
    const result = await callServer('getInstallOptions');
    if (!result.ok) return showError(result.error.message);
    const { languages, defaultLanguage, messages } = result.value;
    document.documentElement.lang = defaultLanguage;
    setText(byId('intro'), messages['install.intro'] ?? '');
    setText(byId('language-label'), messages['install.languageLabel'] ?? '');
    setText(byId('language-help'), messages['install.languageHelp'] ?? '');
    setText(byId('submit'), messages['install.submit'] ?? '');
    setText(byId('close'), messages['common.close'] ?? '');
    setText(byId('busy'), messages['common.loading'] ?? '');
    for (const language of languages) {
      select.append(el('option', { text: LANGUAGE_NAMES[language], attrs: { value: language } }));
    }
    select.value = defaultLanguage;
  } catch (error) {
    showError(error instanceof Error ? error.message : String(error));
  } finally {
    setBusy(form, false);
  }
}

form.addEventListener('submit', (event) => {
  event.preventDefault();
  void install();
});
byId('close').addEventListener('click', () => google.script.host.close());

async function install(): Promise<void> {
  byId('error').hidden = true;
  setBusy(form, true);
  try {
    const result = await callServer('runInstall', { language: select.value as Language });
    if (!result.ok) return showError(result.error.message);
    const summary = byId('summary');
    summary.replaceChildren(...result.value.lines.map((line) => el('li', { text: line })));
    summary.hidden = false;
    byId('submit').hidden = true;
    byId('close').hidden = false;
  } catch (error) {
    showError(error instanceof Error ? error.message : String(error));
  } finally {
    setBusy(form, false);
  }
}

void load();
