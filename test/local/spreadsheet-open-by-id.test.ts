import { createLocalRuntime } from '../../src/local/runtime';
import { errorOf, makeService } from './spreadsheet-fixture';

/**
 * Several spreadsheets in one runtime (docs/apps-script-behaviour.md, "Several spreadsheets"):
 * SpreadsheetApp.create / openById / openByUrl, access, the 10 M-cell limit per spreadsheet, persistence.
 */
const UNKNOWN_BY_ID = 'Unexpected error while getting the method or property openById on object SpreadsheetApp.';
const UNKNOWN_BY_URL = 'Unexpected error while getting the method or property openByUrl on object SpreadsheetApp.';
const NO_ACCESS = 'You do not have permission to access the requested document.';

describe('SpreadsheetApp.create', () => {
  it('makes a new spreadsheet with one 1000 × 26 "Sheet1", not made active', () => {
    const { SpreadsheetApp, ss } = makeService();
    const created = SpreadsheetApp.create('Archive 2025');
    expect(String(created)).toBe('Spreadsheet');
    expect(created.getName()).toBe('Archive 2025');
    expect(created.getId()).not.toBe(ss.getId());
    expect(created.getId()).toMatch(/^[A-Za-z0-9_-]{44}$/);
    expect(created.getUrl()).toBe(`https://docs.google.com/spreadsheets/d/${created.getId()}/edit`);
    const sheets = created.getSheets();
    expect(sheets.map((s: { getName(): string }) => s.getName())).toEqual(['Sheet1']);
    expect([sheets[0].getMaxRows(), sheets[0].getMaxColumns(), sheets[0].getSheetId()]).toEqual([1000, 26, 0]);
    expect(sheets[0].getParent().getId()).toBe(created.getId());
    expect(SpreadsheetApp.getActiveSpreadsheet().getId()).toBe(ss.getId());
  });

  it('create(name, rows, columns) sizes the first sheet; bad arguments are refused', () => {
    const { SpreadsheetApp } = makeService();
    const sheet = SpreadsheetApp.create('Small', 20, 5).getSheets()[0];
    expect([sheet.getMaxRows(), sheet.getMaxColumns()]).toEqual([20, 5]);
    expect(errorOf(() => SpreadsheetApp.create('x', 10)).message).toBe(
      "The parameters (String,number) don't match the method signature for SpreadsheetApp.create.",
    );
    expect(errorOf(() => SpreadsheetApp.create()).message).toBe(
      "The parameters () don't match the method signature for SpreadsheetApp.create.",
    );
    expect(errorOf(() => SpreadsheetApp.create('x', 0, 5)).message).toBe('Invalid argument: rows');
    expect(errorOf(() => SpreadsheetApp.create('x', 5, 0)).message).toBe('Invalid argument: columns');
  });

  it('a spreadsheet larger than 10 M cells cannot be created', () => {
    const { SpreadsheetApp } = makeService();
    expect(errorOf(() => SpreadsheetApp.create('Huge', 400_001, 25))).toEqual({
      name: 'Exception',
      message: 'This action would increase the number of cells in the workbook above the limit of 10000000 cells.',
    });
    expect(SpreadsheetApp.create('Full', 400_000, 25).getSheets()[0].getMaxRows()).toBe(400_000);
  });

  it('the 10 M-cell limit is counted per spreadsheet', () => {
    const { SpreadsheetApp, ss } = makeService();
    const other = SpreadsheetApp.create('Other', 390_000, 25); // 9.75 M cells
    // The bound document (26,000 cells) can still grow by far more than the other one's free room.
    ss.getSheets()[0].insertRowsAfter(1000, 300_000);
    expect(ss.getSheets()[0].getMaxRows()).toBe(301_000);
    const sheet = other.getSheets()[0];
    sheet.insertRowsAfter(390_000, 10_000); // exactly 10 M
    expect(errorOf(() => sheet.insertRowsAfter(400_000, 1)).message).toBe(
      'This action would increase the number of cells in the workbook above the limit of 10000000 cells.',
    );
    expect(errorOf(() => other.insertSheet()).message).toMatch(/above the limit of 10000000 cells/);
  });

  it('each call is one metered call', () => {
    const { SpreadsheetApp, ctx } = makeService();
    const { cost } = ctx.meter.measure(() => {
      const created = SpreadsheetApp.create('Metered');
      SpreadsheetApp.openById(created.getId());
    });
    expect(cost.byMethod).toEqual({
      'SpreadsheetApp.SpreadsheetApp.create': 1,
      'SpreadsheetApp.Spreadsheet.getId': 1,
      'SpreadsheetApp.SpreadsheetApp.openById': 1,
    });
  });
});

describe('SpreadsheetApp.openById / openByUrl', () => {
  it('open the same spreadsheet as create returned, by id and by its url', () => {
    const { SpreadsheetApp } = makeService();
    const created = SpreadsheetApp.create('Archive');
    created
      .getSheets()[0]
      .getRange('A1:B1')
      .setValues([['id', 'name']]);
    const byId = SpreadsheetApp.openById(created.getId());
    expect(byId).toBe(created);
    expect(byId.getSheets()[0].getRange('A1:B1').getValues()).toEqual([['id', 'name']]);
    expect(SpreadsheetApp.openByUrl(created.getUrl()).getId()).toBe(created.getId());
    expect(SpreadsheetApp.openByUrl(`${created.getUrl()}#gid=0`).getId()).toBe(created.getId());
    expect(SpreadsheetApp.openByUrl(`https://docs.google.com/spreadsheets/d/${created.getId()}/`).getId()).toBe(
      created.getId(),
    );
    expect(
      SpreadsheetApp.openByUrl(`https://docs.google.com/spreadsheet/ccc?key=${created.getId()}#gid=0`).getId(),
    ).toBe(created.getId());
  });

  it('the bound document opens by its own id and url', () => {
    const { SpreadsheetApp, ss } = makeService();
    expect(SpreadsheetApp.openById(ss.getId())).toBe(ss);
    expect(SpreadsheetApp.openByUrl(ss.getUrl())).toBe(ss);
  });

  it("an unknown id or url fails with Apps Script's texts", () => {
    const { SpreadsheetApp } = makeService();
    expect(errorOf(() => SpreadsheetApp.openById('1NoSuchSpreadsheet'))).toEqual({
      name: 'Exception',
      message: UNKNOWN_BY_ID,
    });
    expect(errorOf(() => SpreadsheetApp.openByUrl('https://docs.google.com/spreadsheets/d/1NoSuch/edit')).message).toBe(
      UNKNOWN_BY_URL,
    );
    expect(errorOf(() => SpreadsheetApp.openById()).message).toBe(
      "The parameters () don't match the method signature for SpreadsheetApp.openById.",
    );
  });

  it('a url that is not a spreadsheet url is an invalid argument (the id must be followed by a slash)', () => {
    const { SpreadsheetApp, ss } = makeService();
    for (const url of [
      'not a url',
      'http://invalid.url/',
      `https://docs.google.com/spreadsheets/d/${ss.getId()}`,
      `https://docs.google.com/document/d/${ss.getId()}/edit`,
    ]) {
      expect(errorOf(() => SpreadsheetApp.openByUrl(url))).toEqual({
        name: 'Exception',
        message: 'Invalid argument: url',
      });
    }
  });

  it('another user cannot open a spreadsheet until it is shared with them', () => {
    const { SpreadsheetApp, ctx } = makeService();
    const created = SpreadsheetApp.create('Private');
    const id = created.getId();
    const rep = { email: 'rep@example.com', locale: 'zh_CN' };
    ctx.authorizedUsers.add(rep.email);
    ctx.runExecution({ user: rep, label: 'rep' }, () => {
      expect(errorOf(() => SpreadsheetApp.openById(id)).message).toBe(NO_ACCESS);
      expect(errorOf(() => SpreadsheetApp.openByUrl(created.getUrl())).message).toBe(NO_ACCESS);
    });
    expect(created.addEditor('rep@example.com')).toBe(created);
    expect(created.getEditors().map((u: { getEmail(): string }) => u.getEmail())).toEqual([
      'owner@example.com',
      'rep@example.com',
    ]);
    ctx.runExecution({ user: rep, label: 'rep' }, () => {
      expect(SpreadsheetApp.openById(id).getName()).toBe('Private');
    });
    created.removeEditor('rep@example.com');
    ctx.runExecution({ user: rep, label: 'rep' }, () => {
      expect(errorOf(() => SpreadsheetApp.openById(id)).message).toBe(NO_ACCESS);
    });
  });

  it('needs full authorization (not from a simple trigger)', () => {
    const { SpreadsheetApp, ss, ctx } = makeService();
    ctx.runExecution({ authMode: 'LIMITED', label: 'onEdit' }, () => {
      expect(errorOf(() => SpreadsheetApp.openById(ss.getId())).message).toBe(
        'You do not have permission to call SpreadsheetApp.openById. (AuthMode.LIMITED)',
      );
      expect(errorOf(() => SpreadsheetApp.create('x')).message).toBe(
        'You do not have permission to call SpreadsheetApp.create. (AuthMode.LIMITED)',
      );
    });
  });

  it('sharing of the bound document is not modelled', () => {
    const { ss } = makeService();
    expect(() => ss.addEditor('rep@example.com')).toThrow('not supported by the local runtime');
  });
});

describe('the Sheets advanced service and the runtime see every spreadsheet', () => {
  it('Book.bookById finds any spreadsheet of the runtime by id', () => {
    const { SpreadsheetApp, ss, service } = makeService();
    const created = SpreadsheetApp.create('Other');
    const bound = (ss as unknown as { book: { bookById(id: unknown): { model: { id: string } } | undefined } }).book;
    expect(bound.bookById(created.getId())?.model.id).toBe(created.getId());
    expect(bound.bookById(ss.getId())?.model.id).toBe(ss.getId());
    expect(bound.bookById('nope')).toBeUndefined();
    expect(bound.bookById(42)).toBeUndefined();
    expect(service.spreadsheets.ids()).toEqual([ss.getId(), created.getId()]);
  });

  it('extra spreadsheets are saved and restored with the runtime; old snapshots still load', () => {
    const runtime = createLocalRuntime();
    const SpreadsheetApp = runtime.globals.SpreadsheetApp as {
      create(name: string): {
        getId(): string;
        getSheets(): { getRange(a1: string): { setValue(v: unknown): void } }[];
      };
      openById(id: string): { getName(): string; getSheets(): { getRange(a1: string): { getValue(): unknown } }[] };
    };
    const created = SpreadsheetApp.create('Archive 2024');
    const id = created.getId();
    created.getSheets()[0].getRange('B2').setValue('kept');
    const snapshot = JSON.parse(JSON.stringify(runtime.serialize()));

    const again = createLocalRuntime();
    again.restore(snapshot);
    const reopened = (again.globals.SpreadsheetApp as typeof SpreadsheetApp).openById(id);
    expect(reopened.getName()).toBe('Archive 2024');
    expect(reopened.getSheets()[0].getRange('B2').getValue()).toBe('kept');
    expect(again.spreadsheets.access(id)).toEqual({ owner: 'owner@example.com', editors: [] });
    expect(again.spreadsheets.inspect(id).values('Sheet1', 'B2')).toEqual([['kept']]);

    // A state saved before there were several spreadsheets (no otherSpreadsheets) restores the bound one only.
    const legacy = JSON.parse(JSON.stringify(snapshot));
    delete legacy.parts.spreadsheet.otherSpreadsheets;
    again.restore(legacy);
    expect(again.spreadsheets.ids()).toEqual([again.workbook.spreadsheetId()]);
    expect(errorOf(() => (again.globals.SpreadsheetApp as typeof SpreadsheetApp).openById(id)).message).toBe(
      UNKNOWN_BY_ID,
    );
  });
});
