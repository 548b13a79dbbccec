import '../common/base.css';
import { byId, setBusy, setText } from '../common/dom';
import { callServer } from '../common/rpc';

const LANGUAGE_NAMES: Record<string, string> = { en: 'English', 'zh-CN': '简体中文', 'zh-TW': '繁體中文' };

async function showAbout(): Promise<void> {
  const root = byId('about');
  setBusy(root, true);
  try {
    const result = await callServer('getAboutInfo');
    if (!result.ok) {
      showError(result.error.message);
      return;
    }
    const info = result.value;
    const m = (key: keyof typeof info.messages): string => info.messages[key] ?? '';
    document.documentElement.lang = info.language;
    setText(byId('app-name'), m('app.name'));
    setText(byId('tagline'), m('app.tagline'));
    setText(byId('version-label'), m('about.version'));
    setText(byId('version'), info.version);
    setText(byId('language-label'), m('about.language'));
    setText(byId('language'), LANGUAGE_NAMES[info.language] ?? info.language);
    setText(byId('timezone-label'), m('about.timeZone'));
    setText(byId('timezone'), info.timeZone);
    setText(byId('user-label'), m('about.user'));
    setText(byId('user'), info.userEmail || m('about.unknownUser'));
    setText(byId('sharing-note'), m('about.sharingNote'));
    byId('facts').hidden = false;
    byId('sharing-note').hidden = false;
  } catch (error) {
    showError(error instanceof Error ? error.message : String(error));
  } finally {
    setBusy(root, false);
  }
}

function showError(message: string): void {
  const box = byId('error');
  setText(box, message);
  box.hidden = false;
}

void showAbout();
