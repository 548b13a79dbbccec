import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startPlayground, type RunningPlayground } from '../../src/local/playground/server';
import { PlaygroundSession } from '../../src/local/playground/session';
import { translate } from '../../src/shared/i18n/translate';

// Each click replays the menu item from a document checkpoint over HTTP; on a loaded 2-core machine one test
// of several clicks can pass the default 5 s.
jest.setTimeout(30000);

/**
 * Answering the add-on's questions in the playground ("ask, then replay", session.ts): a menu click whose
 * script asks YES/NO stops with the question and leaves no trace; the user's button replays the menu
 * function with that answer, so the script goes the way the user chose; the document is modal meanwhile.
 */
const ROOT = path.resolve(__dirname, '../..');
let playground: RunningPlayground;
let tmp: string;
let stateFile: string;

interface Question {
  id: number;
  title: string;
  prompt: string;
  buttons: string[];
}

async function call(method: string, route: string, body?: unknown) {
  const response = await fetch(`${playground.url}${route}`, {
    method,
    headers: body === undefined ? undefined : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, json: (await response.json()) as Record<string, unknown> };
}

async function state() {
  return (await call('GET', '/api/state')).json as {
    question: Question | null;
    alerts: { id: number; title: string; prompt: string; buttonSet: string; button: string }[];
    clock: { display: string };
  };
}

const scanTriggers = () =>
  playground.session.runtime.triggers.list().filter((trigger) => trigger.handlerFunction === 'runDailyScanTrigger');

beforeEach(async () => {
  tmp = mkdtempSync(path.join(os.tmpdir(), 'crm-alerts-'));
  stateFile = path.join(tmp, 'state.json');
  playground = await startPlayground({ port: 0, root: ROOT, stateFile });
  const installed = await call('POST', '/api/run', { name: 'runInstall', args: [{ language: 'zh-CN' }] });
  expect(installed.json).toEqual({ ok: true, value: expect.objectContaining({ ok: true }) });
});

afterEach(async () => {
  await playground.close();
  rmSync(tmp, { recursive: true, force: true });
});

describe('a YES/NO question from a menu item', () => {
  it('stops at the question with the offered buttons and rolls the run back (document, saved state)', async () => {
    const before = JSON.stringify(playground.session.runtime.serialize());
    const savedBefore = readFileSync(stateFile, 'utf8');
    const clicked = await call('POST', '/api/menu', { item: 'toggleDailyScan' });
    expect(clicked.status).toBe(200);
    const question = (clicked.json as { question: Question }).question;
    expect(question).toEqual({
      id: expect.any(Number),
      title: translate('zh-CN', 'scan.title'),
      prompt: translate('zh-CN', 'scan.confirmOn', {
        hour: 8,
        timeZone: 'Asia/Shanghai',
        email: 'owner@example.com',
      }),
      buttons: ['YES', 'NO'],
    });
    expect((await state()).question).toEqual(question);
    // Nothing happened yet: no trigger, no alert shown after the fact, the same document as before.
    expect(scanTriggers()).toEqual([]);
    expect((await state()).alerts).toEqual([]);
    expect(JSON.stringify(playground.session.runtime.serialize())).toBe(before);
    expect(readFileSync(stateFile, 'utf8')).toBe(savedBefore);
    expect(playground.session.runtime.ui.pendingResponses()).toEqual({ alerts: 0, prompts: 0 });
  });

  it('YES: the script continues with YES (one daily trigger at 8:00) and tells the user in an OK alert', async () => {
    const { question } = (await call('POST', '/api/menu', { item: 'toggleDailyScan' })).json as { question: Question };
    const answered = await call('POST', '/api/alert/answer', { id: question.id, button: 'YES' });
    expect(answered.json).toEqual({ ok: true });
    expect(scanTriggers()).toEqual([
      expect.objectContaining({ schedule: { kind: 'days', every: 1, hour: 8, minute: 0 }, timeZone: 'Asia/Shanghai' }),
    ]);
    const after = await state();
    expect(after.question).toBeNull();
    expect(after.alerts).toEqual([
      expect.objectContaining({
        buttonSet: 'OK',
        prompt: translate('zh-CN', 'scan.turnedOn', { hour: 8, timeZone: 'Asia/Shanghai', email: 'owner@example.com' }),
      }),
    ]);
    // Saved: a restart still has the trigger.
    await playground.close();
    playground = await startPlayground({ port: 0, root: ROOT, stateFile });
    expect(scanTriggers()).toHaveLength(1);
  });

  it('NO or closing the dialog: nothing changes and the script says so; the next click asks "turn off?"', async () => {
    for (const button of ['NO', 'CLOSE']) {
      const { question } = (await call('POST', '/api/menu', { item: 'toggleDailyScan' })).json as {
        question: Question;
      };
      expect((await call('POST', '/api/alert/answer', { id: question.id, button })).json).toEqual({ ok: true });
      const after = await state();
      expect(after.alerts.map((alert) => alert.prompt)).toEqual([translate('zh-CN', 'scan.unchanged')]);
      await call('POST', '/api/alert/dismiss', { id: after.alerts[0]?.id });
      expect(scanTriggers()).toEqual([]);
    }
    const on = (await call('POST', '/api/menu', { item: 'toggleDailyScan' })).json as { question: Question };
    await call('POST', '/api/alert/answer', { id: on.question.id, button: 'YES' });
    const off = (await call('POST', '/api/menu', { item: 'toggleDailyScan' })).json as { question: Question };
    expect(off.question.prompt).toBe(translate('zh-CN', 'scan.confirmOff', { email: 'owner@example.com' }));
    await call('POST', '/api/alert/answer', { id: off.question.id, button: 'YES' });
    expect(scanTriggers()).toEqual([]);
  });

  it('is modal: other changes wait (409), a wrong id is refused (409), only offered buttons count (400)', async () => {
    const { question } = (await call('POST', '/api/menu', { item: 'toggleDailyScan' })).json as { question: Question };
    const blocked = await call('POST', '/api/clock', { days: 1 });
    expect(blocked.status).toBe(409);
    expect(blocked.json.error).toContain(translate('zh-CN', 'scan.title'));
    expect((await call('POST', '/api/menu', { item: 'showAbout' })).status).toBe(409);
    expect((await state()).clock.display).toBe('2024-06-03 09:00 Mon');
    expect((await call('POST', '/api/alert/answer', { id: question.id + 1, button: 'YES' })).status).toBe(409);
    const wrong = await call('POST', '/api/alert/answer', { id: question.id, button: 'OK' });
    expect(wrong.status).toBe(400);
    expect(wrong.json.error).toBe('"button" must be one of YES, NO, CLOSE');
    expect((await state()).question).toEqual(question);
    expect((await call('POST', '/api/alert/answer', { id: question.id, button: 'YES' })).json).toEqual({ ok: true });
    expect((await call('POST', '/api/clock', { days: 1 })).status).toBe(200);
  });

  it('an OK-only alert needs no answer: shown after the run (Create manager views)', async () => {
    expect((await call('POST', '/api/menu', { item: 'createManagerViews' })).json).toEqual({ ok: true });
    const after = await state();
    expect(after.question).toBeNull();
    expect(after.alerts).toEqual([
      expect.objectContaining({ title: translate('zh-CN', 'views.title'), buttonSet: 'OK', button: 'OK' }),
    ]);
  });
});

describe('ask, then replay, with a script that asks twice', () => {
  /** A tiny add-on: an OK notice, two questions, then a cell write and an OK alert saying what it did. */
  const CODE = `
function onOpen() { SpreadsheetApp.getUi().createAddonMenu().addItem('Ask', 'ask').addToUi(); }
function ask() {
  var ui = SpreadsheetApp.getUi();
  var sheet = SpreadsheetApp.getActiveSpreadsheet().getSheets()[0];
  sheet.getRange('A1').setValue('started');
  ui.alert('Notice', 'Before the questions', ui.ButtonSet.OK);
  var first = ui.alert('Q1', 'Colour?', ui.ButtonSet.YES_NO_CANCEL);
  if (first === ui.Button.CANCEL) return;
  var second = ui.alert('Q2', 'Size?', ui.ButtonSet.YES_NO);
  sheet.getRange('A1').setValue(String(first) + '/' + String(second));
  ui.alert('Done', String(first) + '/' + String(second), ui.ButtonSet.OK);
}`;
  let session: PlaygroundSession;
  let dir: string;
  const a1 = (): unknown => session.runtime.workbook.values('Sheet1', 'A1')[0]?.[0];

  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'crm-ask-'));
    writeFileSync(path.join(dir, 'Code.js'), CODE);
    session = new PlaygroundSession({ distDir: dir });
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('shows the notice, asks Q1, then Q2 (replaying Q1’s answer), then finishes with both answers', () => {
    const first = session.clickMenu('ask');
    expect(first).toEqual({
      ok: true,
      question: expect.objectContaining({ title: 'Q1', buttons: ['YES', 'NO', 'CANCEL'] }),
    });
    // Rolled back: the cell the script wrote before asking is empty again; the notice is shown once.
    expect(a1()).toBe('');
    expect(session.alerts.map((alert) => alert.title)).toEqual(['Notice']);
    session.alerts = [];
    const second = session.answerQuestion(session.question?.id as number, 'NO');
    expect(second).toEqual({ ok: true, question: expect.objectContaining({ title: 'Q2', buttons: ['YES', 'NO'] }) });
    expect(session.alerts).toEqual([]);
    expect(a1()).toBe('');
    expect(session.answerQuestion(session.question?.id as number, 'YES')).toEqual({ ok: true });
    expect(a1()).toBe('NO/YES');
    expect(session.alerts.map((alert) => [alert.title, alert.prompt])).toEqual([['Done', 'NO/YES']]);
    expect(session.question).toBeNull();
    expect(session.runtime.ui.pendingResponses()).toEqual({ alerts: 0, prompts: 0 });
  });

  it('CANCEL on Q1 ends the script there: only its first write stands', () => {
    session.clickMenu('ask');
    expect(session.answerQuestion(session.question?.id as number, 'CANCEL')).toEqual({ ok: true });
    expect(a1()).toBe('started');
    expect(session.alerts.map((alert) => alert.title)).toEqual(['Notice']);
  });
});
