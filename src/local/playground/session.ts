import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { LocalUser } from '../core/context';
import { DEMO_TEAM } from '../demo/generate';
import { loadDemo, type DemoLoadReport } from '../demo/load';
import { loadAddon, type AddonHost } from '../harness/addon-host';
import { createLocalRuntime, DEFAULT_USER, type LocalRuntime, type RuntimeSnapshot } from '../runtime';
import { BUTTONS_OF_SET, type AlertRecord, type DialogRecord, type UiButtonName } from '../services/ui-log';
import type { Language } from '../../shared/i18n/language';
import { TEMPLATES } from '../../shared/schema/templates';

/**
 * One playground document: a local runtime with the built add-on loaded, the person acting (owner or a
 * rep), what the add-on showed that the page still has to display (the open dialog, alerts not yet
 * dismissed, a question waiting for the user's answer), and the state file written after every change.
 * Re-created on reset; on start the state file (runtime.serialize()) is restored BEFORE the add-on is
 * loaded, so the trigger clock starts from the restored time.
 *
 * Answering dialogs. In Sheets, `ui.alert(title, prompt, ButtonSet.YES_NO)` suspends the script until the
 * user clicks a button and returns that button. Here a script runs synchronously inside the server and
 * can't wait for the browser, so a menu click runs as "ask, then replay": the click runs against a
 * checkpoint of the whole document; if the script asks a question nobody answered yet (an alert whose
 * button set is not just OK), everything that run did is rolled back (document, triggers, properties,
 * cache, mail, clock, sidebar, dialogs, alerts) and the question waits in `question`. When the user clicks
 * one of the offered buttons (or closes the dialog: CLOSE), the same menu function runs again from the
 * same state with the earlier answers and this one queued (ui.queueAlertResponse), so the script's
 * `ui.alert` returns what the user clicked and the script continues from there, as if it had waited. A
 * later question repeats the cycle. Replays are deterministic: same document, same clock, same answers.
 * OK-only alerts before a question are shown before it; alerts already answered are not shown again.
 * While a question is open the document is modal (api.ts refuses other changes with 409), as in Sheets.
 * Alerts with only OK are shown after the fact (their answer is OK either way). google.script.run calls
 * from sidebars are not replayed: an alert there gets the runtime's default (the add-on asks none there).
 */
export interface PlaygroundOptions {
  /** Folder with the built add-on (Code.js and <page>.html). */
  distDir: string;
  /** JSON state file; absent = nothing is saved. */
  stateFile?: string;
}

export interface PendingAlert extends AlertRecord {
  id: number;
}

/** A question the add-on asked during a menu click, waiting for the user's answer (see above). */
export interface PendingQuestion {
  id: number;
  functionName: string;
  title: string;
  prompt: string;
  buttonSet: AlertRecord['buttonSet'];
  /** The buttons offered, in Sheets' order; closing the dialog answers CLOSE. */
  buttons: UiButtonName[];
  /** Answers to the alerts the script showed before this question (replayed in order). */
  answers: UiButtonName[];
}

/** What a menu click did: finished (maybe with the script's error), or stopped at a question. */
export type MenuOutcome =
  | { ok: true; question?: { id: number; title: string; prompt: string; buttons: UiButtonName[] } }
  | { ok: false; error: { message: string } };

export interface OpenDialog {
  seq: number;
  record: DialogRecord;
}

interface SavedState {
  runtime: RuntimeSnapshot;
  userEmail: string;
}

/** The people one can act as: the document owner and the demo team's reps. */
export const PLAYGROUND_USERS: readonly LocalUser[] = [
  DEFAULT_USER,
  ...DEMO_TEAM.filter((member) => member.email !== DEFAULT_USER.email).map((member) => ({
    email: member.email,
    locale: /[\u4e00-\u9fff]/.test(member.name) ? 'zh_CN' : 'en',
  })),
];

export class PlaygroundSession {
  runtime!: LocalRuntime;
  host!: AddonHost;
  user: LocalUser = DEFAULT_USER;
  /** Increases whenever the sidebar or dialog content changes, so the page reloads its iframe. */
  surfaceSeq = 0;
  sidebarSeq = 0;
  dialog: OpenDialog | null = null;
  alerts: PendingAlert[] = [];
  question: PendingQuestion | null = null;
  private nextAlertId = 1;
  /**
   * The runtime's JSON as save() last wrote it; null once anything may have changed. Valid because every
   * change comes through the API, which saves after it (api.ts handleApi), and the session's own changes
   * clear it.
   */
  private savedRuntime: string | null = null;
  /** During a menu click: the alerts it showed, held back until we know the run stands. */
  private capturing: AlertRecord[] | null = null;

  constructor(private readonly options: PlaygroundOptions) {
    this.start(this.readState());
  }

  private readState(): SavedState | null {
    const file = this.options.stateFile;
    if (!file || !existsSync(file)) return null;
    try {
      return JSON.parse(readFileSync(file, 'utf8')) as SavedState;
    } catch (error) {
      console.warn(`playground: ignoring unreadable state file ${file}: ${(error as Error).message}`);
      return null;
    }
  }

  private start(saved: SavedState | null): void {
    this.runtime = createLocalRuntime({ htmlDir: this.options.distDir });
    for (const user of PLAYGROUND_USERS) this.runtime.ctx.authorizedUsers.add(user.email);
    if (saved) this.runtime.restore(saved.runtime);
    this.user = PLAYGROUND_USERS.find((user) => user.email === saved?.userEmail) ?? DEFAULT_USER;
    this.host = loadAddon(this.runtime, this.options.distDir);
    this.dialog = null;
    this.alerts = [];
    this.question = null;
    this.savedRuntime = null;
    this.runtime.ui.onChange((change) => {
      if (change.type === 'sidebar') this.sidebarSeq = ++this.surfaceSeq;
      if (change.type === 'dialog') this.dialog = { seq: ++this.surfaceSeq, record: change.dialog };
      if (change.type === 'alert') {
        if (this.capturing) this.capturing.push(change.alert);
        else this.alerts.push({ ...change.alert, id: this.nextAlertId++ });
      }
    });
    this.reopen();
  }

  /** The document (re)opens for the current user: the add-on's onOpen builds its menu. */
  reopen(): void {
    this.savedRuntime = null;
    this.runtime.ui.reset();
    this.dialog = null;
    this.question = null;
    this.host.open({ user: this.user });
  }

  reset(): void {
    this.start(null);
    this.save();
  }

  setUser(email: string): void {
    const user = PLAYGROUND_USERS.find((candidate) => candidate.email === email);
    if (!user) throw new PlaygroundError(404, `Unknown user ${email}`);
    this.user = user;
    this.reopen();
  }

  loadDemo(options: { customers?: number; seed?: number; language?: Language }): DemoLoadReport {
    this.savedRuntime = null;
    // Generated with the workbook's Settings, clock and zone (demo/load.ts loadDemo).
    const { report } = loadDemo(this.runtime, this.host, {
      seed: options.seed ?? 1,
      customers: options.customers ?? 40,
      language: options.language,
    });
    // Show the customers, as a person would look at them first (when the sheet kept its installed name).
    const customers = TEMPLATES.customers.sheetName[report.language];
    if (this.runtime.workbook.sheets().some((sheet) => sheet.name === customers)) {
      this.runtime.workbook.userSelect(customers, 'A1');
    }
    return report;
  }

  /**
   * Extensions ▸ add-on ▸ item: runs the menu function as the current user, with `answers` queued for its
   * alerts in order. Stops at the first question not answered yet: the run is rolled back and the
   * question waits for answerQuestion (see the class comment).
   */
  clickMenu(functionName: string, answers: readonly UiButtonName[] = []): MenuOutcome {
    const ui = this.runtime.ui;
    // The document as the last save wrote it, when nothing changed since (every API change saves); this
    // spares a second serialization of a large workbook per click.
    const checkpoint = {
      runtime: this.savedRuntime ?? JSON.stringify(this.runtime.serialize()),
      sidebar: ui.sidebar,
      sidebarHistory: ui.sidebarHistory.length,
      dialogs: ui.dialogs.length,
      alerts: ui.alerts.length,
      surfaceSeq: this.surfaceSeq,
      sidebarSeq: this.sidebarSeq,
      dialog: this.dialog,
    };
    this.savedRuntime = null;
    for (const answer of answers) ui.queueAlertResponse(answer);
    const shown: AlertRecord[] = [];
    this.capturing = shown;
    let error: string | null = null;
    try {
      this.host.clickMenu(functionName, { user: this.user });
    } catch (thrown) {
      // The script failed: Sheets shows the error message to the user.
      error = (thrown as Error).message;
    } finally {
      this.capturing = null;
    }
    if (ui.pendingResponses().alerts > 0) {
      // The replay asked fewer questions than the answers given (it can't, being deterministic): start a
      // fresh document session so no stale answer reaches a later alert.
      console.warn(`playground: ${functionName} left answers unused; reopening the document`);
      this.reopen();
    }
    const at = shown.findIndex((alert) => alert.kind === 'alert' && !alert.scripted && alert.buttonSet !== 'OK');
    const asked = shown[at];
    if (asked) {
      this.runtime.restore(JSON.parse(checkpoint.runtime) as RuntimeSnapshot);
      ui.sidebar = checkpoint.sidebar;
      ui.sidebarHistory.length = checkpoint.sidebarHistory;
      ui.dialogs.length = checkpoint.dialogs;
      ui.alerts.length = checkpoint.alerts;
      this.surfaceSeq = checkpoint.surfaceSeq;
      this.sidebarSeq = checkpoint.sidebarSeq;
      this.dialog = checkpoint.dialog;
      // OK alerts shown on the way to the question are shown now (the page shows them before the question).
      for (const alert of shown.slice(answers.length, at)) this.alerts.push({ ...alert, id: this.nextAlertId++ });
      this.question = {
        id: this.nextAlertId++,
        functionName,
        title: asked.title,
        prompt: asked.prompt,
        buttonSet: asked.buttonSet,
        buttons: [...BUTTONS_OF_SET[asked.buttonSet]],
        answers: shown.slice(0, at).map((alert) => alert.button),
      };
      const { id, title, prompt, buttons } = this.question;
      return { ok: true, question: { id, title, prompt, buttons } };
    }
    this.question = null;
    // The first `answers.length` alerts were shown (and answered) in the rounds before this replay.
    for (const alert of shown.slice(answers.length)) this.alerts.push({ ...alert, id: this.nextAlertId++ });
    return error === null ? { ok: true } : { ok: false, error: { message: error } };
  }

  /** The user clicked `button` on the open question (CLOSE = closed it): the menu function runs on. */
  answerQuestion(id: number, button: string): MenuOutcome {
    const question = this.question;
    if (!question || question.id !== id) throw new PlaygroundError(409, `No open question ${id}`);
    const allowed: string[] = [...question.buttons, 'CLOSE'];
    if (!allowed.includes(button)) {
      throw new PlaygroundError(400, `"button" must be one of ${allowed.join(', ')}`);
    }
    this.question = null;
    return this.clickMenu(question.functionName, [...question.answers, button as UiButtonName]);
  }

  closeDialog(): void {
    this.dialog = null;
  }

  dismissAlert(id: number): void {
    this.alerts = this.alerts.filter((alert) => alert.id !== id);
  }

  save(): void {
    const file = this.options.stateFile;
    if (!file) return;
    mkdirSync(path.dirname(file), { recursive: true });
    const runtime = JSON.stringify(this.runtime.serialize());
    // The same text as JSON.stringify({ runtime, userEmail }): a SavedState.
    writeFileSync(file, `{"runtime":${runtime},"userEmail":${JSON.stringify(this.user.email)}}`);
    this.savedRuntime = runtime;
  }
}

/** An error the API reports with this HTTP status and message (never a crash). */
export class PlaygroundError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'PlaygroundError';
  }
}
