import type { Language } from '../i18n/language';
import type { MessageKey } from '../i18n/translate';
import type { ActionResult } from './result';

/**
 * The one contract between sidebars and server: every function a sidebar may call through
 * google.script.run, with JSON-only arguments and results. The server's index.ts is type-checked against
 * it (src/server/contract-check.ts) and the client's `callServer` is typed from it.
 */

/** Localized strings a page needs, sent with its first call so the page needs no catalogue of its own. */
export type PageMessages = Partial<Record<MessageKey, string>>;

export interface AboutInfo {
  version: string;
  language: Language;
  timeZone: string;
  userEmail: string;
  messages: PageMessages;
}

export interface InstallOptions {
  languages: Language[];
  defaultLanguage: Language;
  messages: PageMessages;
}

export interface InstallRequest {
  language: Language;
}

export interface InstallSummary {
  language: Language;
  unchanged: boolean;
  /** What install/repair did, as sentences in the workbook's language. */
  lines: string[];
}

export interface ServerFunctions {
  getAboutInfo(): ActionResult<AboutInfo>;
  getInstallOptions(): ActionResult<InstallOptions>;
  /** Takes `unknown`: every entry point validates its own input (SPEC §8). */
  runInstall(request: InstallRequest): ActionResult<InstallSummary>;
}

export type ServerFunctionName = keyof ServerFunctions;
