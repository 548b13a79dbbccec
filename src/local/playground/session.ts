import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { LocalUser } from '../core/context';
import { DEMO_TEAM, generateDemoData } from '../demo/generate';
import { loadDemoData, type DemoLoadReport } from '../demo/load';
import { loadAddon, type AddonHost } from '../harness/addon-host';
import { createLocalRuntime, DEFAULT_USER, type LocalRuntime, type RuntimeSnapshot } from '../runtime';
import type { AlertRecord, DialogRecord } from '../services/ui-log';
import type { Language } from '../../shared/i18n/language';
import { TEMPLATES } from '../../shared/schema/templates';

/**
 * One playground document: a local runtime with the built add-on loaded, the person acting (owner or a
 * rep), what the add-on showed that the page still has to display (the open dialog, alerts not yet
 * dismissed), and the state file written after every change. Re-created on reset; on start the state
 * file (runtime.serialize()) is restored BEFORE the add-on is loaded, so the trigger clock starts from
 * the restored time.
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
  private nextAlertId = 1;

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
    this.runtime.ui.onChange((change) => {
      if (change.type === 'sidebar') this.sidebarSeq = ++this.surfaceSeq;
      if (change.type === 'dialog') this.dialog = { seq: ++this.surfaceSeq, record: change.dialog };
      if (change.type === 'alert') this.alerts.push({ ...change.alert, id: this.nextAlertId++ });
    });
    this.reopen();
  }

  /** The document (re)opens for the current user: the add-on's onOpen builds its menu. */
  reopen(): void {
    this.runtime.ui.reset();
    this.dialog = null;
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
    const data = generateDemoData({
      seed: options.seed ?? 1,
      customers: options.customers ?? 40,
      nowMs: this.runtime.clock.now(),
      timeZone: this.runtime.workbook.info().timeZone,
    });
    const report = loadDemoData(this.runtime, this.host, data, { language: options.language });
    // Show the customers, as a person would look at them first (when the sheet kept its installed name).
    const customers = TEMPLATES.customers.sheetName[report.language];
    if (this.runtime.workbook.sheets().some((sheet) => sheet.name === customers)) {
      this.runtime.workbook.userSelect(customers, 'A1');
    }
    return report;
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
    const state: SavedState = { runtime: this.runtime.serialize(), userEmail: this.user.email };
    writeFileSync(file, JSON.stringify(state));
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
