import type { AddonHost } from '../../src/local/harness/addon-host';
import type { LocalRuntime } from '../../src/local/runtime';
import { loadDocumentProperties } from '../../src/server/workbook/layout';
import { appendRecords, readTable } from '../../src/server/workbook/table';
import type { ExportFile, ExportOptions, ImportChunkResult, ImportForm } from '../../src/shared/csv/contract';
import { proposeMapping } from '../../src/shared/csv/mapping';
import { checkFile, readImportFile, writeRows } from '../../src/shared/csv/plan';
import { parseCsv } from '../../src/shared/csv/parse';
import { CSV_BOM } from '../../src/shared/csv/write';
import { INTAKE_FIELDS } from '../../src/shared/rules/customer-input';
import type { ActionResult } from '../../src/shared/rpc/result';
import { TEMPLATES } from '../../src/shared/schema/templates';
import { gbkFile, QUOTED_TEXT } from '../fixtures/csv/fixtures';
import { startAddon } from '../support/addon';
import { useRuntimeGlobals } from '../support/gas';

const OWNER = { email: 'boss@example.com', locale: 'zh_CN' };
const REP = { email: 'rep@example.com', locale: 'zh_CN' };

function installed(language: 'en' | 'zh-CN' | 'zh-TW'): { host: AddonHost; runtime: LocalRuntime } {
  const started = startAddon({ user: OWNER });
  expect(started.host.run('runInstall', [{ language }])).toMatchObject({ ok: true, value: { ok: true } });
  useRuntimeGlobals(started.runtime);
  appendRecords(
    readTable(TEMPLATES.team, loadDocumentProperties()),
    [
      { name: 'Li Lei', email: 'rep@example.com', role: 'rep', active: true },
      { name: '王经理', email: 'wang@example.com', role: 'manager', active: true },
    ],
    language,
  );
  return started;
}

function value<T>(run: { ok: boolean; value?: unknown }): ActionResult<T> {
  expect(run.ok).toBe(true);
  return run.value as ActionResult<T>;
}

const decoder = (label: string, fatal: boolean) => new TextDecoder(label, { fatal });

/** The import sidebar's steps, without problems expected. */
async function importBytes(host: AddonHost, bytes: Uint8Array, importId: string) {
  const form = value<ImportForm>(host.run('getImportForm'));
  if (!form.ok) throw new Error(form.error.message);
  const file = readImportFile(bytes, decoder);
  const defaults = { owner: 'boss@example.com' };
  const check = checkFile(file, proposeMapping(file.headers), defaults, form.value.team, String, (key) => key);
  expect(check.problems).toEqual([]);
  return writeRows(check.rows, importId, defaults, form.value.chunkSize, {
    validate: () => Promise.reject(new Error('not used')),
    write: (request) => Promise.resolve(value<ImportChunkResult>(host.run('importChunk', [request]))),
  });
}

function customerValues(runtime: LocalRuntime) {
  useRuntimeGlobals(runtime);
  return readTable(TEMPLATES.customers, loadDocumentProperties()).records.map((record) => record.values);
}

describe('export CSV', () => {
  it('offers the tables to managers, in the workbook language', () => {
    const { host } = installed('zh-CN');
    const options = value<ExportOptions>(host.run('getExportOptions'));
    expect(options.ok && options.value.tables.map((table) => table.label)).toEqual([
      '客户',
      '跟进记录',
      '服务工单',
      '满意度',
      '交易记录',
      '团队',
      '设置',
      '运行日志',
    ]);
  });

  it('is refused to a rep (a convenience, not security) and for an unknown table', () => {
    const { host } = installed('zh-CN');
    for (const [name, args] of [
      ['getExportOptions', []],
      ['exportTable', [{ table: 'customers' }]],
    ] as const) {
      expect(host.run(name, [...args], { user: REP })).toEqual({
        ok: true,
        value: { ok: false, error: { kind: 'forbidden', message: '只有经理（团队表中角色为经理）可以导出。' } },
      });
    }
    for (const bad of [{ table: 'dashboard' }, { table: 'nope' }, 'customers', null]) {
      expect(host.run('exportTable', [bad])).toMatchObject({
        ok: true,
        value: { ok: false, error: { kind: 'validation' } },
      });
    }
  });

  it('writes labels, local times and quoted text; the file name carries the sheet name and date', async () => {
    const { host } = installed('zh-CN');
    const withoutBadRow = QUOTED_TEXT.slice(0, QUOTED_TEXT.indexOf('"坏行"'));
    await importBytes(host, new TextEncoder().encode(withoutBadRow), 'exp-000001-test');
    const result = value<ExportFile>(host.run('exportTable', [{ table: 'customers' }]));
    if (!result.ok) throw new Error(result.error.message);
    expect(result.value.fileName).toBe('客户-2024-06-03.csv');
    expect(result.value.rows).toBe(3);
    expect(result.value.csv.startsWith(CSV_BOM)).toBe(false); // the sidebar adds it to the file
    const records = parseCsv(result.value.csv, ',').records;
    const header = records[0]?.cells ?? [];
    const cell = (row: number, label: string) => records[row]?.cells[header.indexOf(label)];
    expect(header.slice(0, 3)).toEqual(['编号', '客户名称', '客户类型']);
    expect(header).not.toContain('请求编号');
    expect([
      cell(1, '编号'),
      cell(1, '客户名称'),
      cell(1, '客户类型'),
      cell(1, '客户来源'),
      cell(1, '商机阶段'),
    ]).toEqual(['C20240603001', '成都"天府"软件有限公司', '企业客户', '老客户转介绍', '初期接触']);
    expect(cell(1, '需求描述')).toBe('第一期:ERP\n第二期:CRM\n第三期:BI');
    // Formula-like text is guarded with an apostrophe in the file (CSV injection); import strips it again.
    expect(cell(3, '备注')).toBe(`'=HYPERLINK("http://x")`);
    expect(result.value.csv).toContain(`"'=HYPERLINK(""http://x"")"`);
    expect(cell(1, '创建时间')).toBe('2024-06-03 09:00');
    expect(cell(1, '请勿打扰')).toBe('FALSE');
  });

  it('round-trips: an export re-imports into another workbook (another language) with the same values and ids', async () => {
    const a = installed('zh-CN');
    await importBytes(a.host, gbkFile(), 'exp-000002-test');
    const exported = value<ExportFile>(a.host.run('exportTable', [{ table: 'customers' }]));
    if (!exported.ok) throw new Error(exported.error.message);
    // What the sidebar downloads: BOM + the text, as UTF-8.
    const bytes = new TextEncoder().encode(CSV_BOM + exported.value.csv);
    expect(Array.from(bytes.subarray(0, 3))).toEqual([0xef, 0xbb, 0xbf]);

    const b = installed('en');
    const written = await importBytes(b.host, bytes, 'exp-000003-test');
    expect(written).toMatchObject({ ok: true, imported: 3 });
    const before = customerValues(a.runtime);
    const after = customerValues(b.runtime);
    const pick = (row: Record<string, unknown>) =>
      Object.fromEntries(['id', ...INTAKE_FIELDS].map((key) => [key, row[key] ?? null]));
    expect(after.map(pick)).toEqual(before.map(pick));
    expect(after.map((row) => row.id)).toEqual(['C20240603001', 'C20240603002', 'C20240603003']);
  });

  it('exports every other table too (settings, team)', () => {
    const { host } = installed('en');
    const team = value<ExportFile>(host.run('exportTable', [{ table: 'team' }]));
    expect(team.ok && parseCsv(team.value.csv, ',').records.map((record) => record.cells)).toEqual([
      ['Name', 'E-mail', 'Role', 'Active', 'Phone'],
      ['boss', 'boss@example.com', 'Manager', 'TRUE', ''],
      ['Li Lei', 'rep@example.com', 'Rep', 'TRUE', ''],
      ['王经理', 'wang@example.com', 'Manager', 'TRUE', ''],
    ]);
    const settings = value<ExportFile>(host.run('exportTable', [{ table: 'settings' }]));
    expect(settings.ok && settings.value.rows).toBeGreaterThan(10);
  });
});
