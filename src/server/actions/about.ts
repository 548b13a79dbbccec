import type { AboutInfo, PageMessages } from '../../shared/rpc/contract';
import { ok, type ActionResult } from '../../shared/rpc/result';
import { catalogue, translatorFor, type MessageKey } from '../../shared/i18n/translate';
import { workbookLanguage } from '../platform/language';
import { APP_VERSION } from '../platform/version';
import { showSidebar } from '../ui/sidebar';

const ABOUT_MESSAGES: readonly MessageKey[] = [
  'app.name',
  'app.tagline',
  'about.version',
  'about.language',
  'about.timeZone',
  'about.user',
  'about.sharingNote',
  'about.unknownUser',
];

export function showAbout(): void {
  showSidebar('about', translatorFor(workbookLanguage())('about.title'));
}

export function getAboutInfo(): ActionResult<AboutInfo> {
  const language = workbookLanguage();
  const all = catalogue(language);
  const messages: PageMessages = {};
  for (const key of ABOUT_MESSAGES) messages[key] = all[key];
  return ok({
    version: APP_VERSION,
    language,
    timeZone: SpreadsheetApp.getActiveSpreadsheet().getSpreadsheetTimeZone(),
    // Blank when the user's e-mail is not available to the script (docs/apps-script/services.md §7).
    userEmail: Session.getActiveUser().getEmail(),
    messages,
  });
}
