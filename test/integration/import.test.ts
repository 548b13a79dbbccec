import type { AddonHost } from '../../src/local/harness/addon-host';
import type { LocalRuntime } from '../../src/local/runtime';
import { loadDocumentProperties } from '../../src/server/workbook/layout';
import { matchKeysOf } from '../../src/server/workbook/match-keys';
import { appendRecords, readTable } from '../../src/server/workbook/table';
import type {
  ImportCheck,
  ImportChunkRequest,
  ImportChunkResult,
  ImportDefaults,
  ImportForm,
} from '../../src/shared/csv/contract';
import type { DecoderFactory } from '../../src/shared/csv/decode';
import { proposeMapping, type ColumnMapping } from '../../src/shared/csv/mapping';
import { checkFile, dryRun, readImportFile, writeRows, type ImportCalls } from '../../src/shared/csv/plan';
import type { Say } from '../../src/shared/csv/report';
import type { MessageKey } from '../../src/shared/i18n/translate';
import type { ActionResult } from '../../src/shared/rpc/result';
import { TEMPLATES } from '../../src/shared/schema/templates';
import { bigFile, gbkFile, quotedFile, seededCustomers, semicolonFile, utf8BomFile } from '../fixtures/csv/fixtures';
import { startAddon } from '../support/addon';
import { customerFields, saveCustomer } from '../support/intake';
import { sheetForTable, spreadsheetOf, stampedColumnsOf, useRuntimeGlobals } from '../support/gas';

const OWNER = { email: 'boss@example.com', locale: 'zh_CN' };
const decoder: DecoderFactory = (label, fatal) => new TextDecoder(label, { fatal });

function installed(language: 'en' | 'zh-CN' | 'zh-TW' = 'zh-CN'): { host: AddonHost; runtime: LocalRuntime } {
  const started = startAddon({ user: OWNER });
  expect(started.host.run('runInstall', [{ language }])).toMatchObject({ ok: true, value: { ok: true } });
  useRuntimeGlobals(started.runtime);
  const team = readTable(TEMPLATES.team, loadDocumentProperties());
  appendRecords(
    team,
    [
      { name: 'Li Lei', email: 'rep@example.com', role: 'rep', active: true },
      { name: '王经理', email: 'wang@example.com', role: 'manager', active: true },
    ],
    language,
  );
  started.runtime.meter.reset();
  return started;
}

function customers(runtime: LocalRuntime) {
  useRuntimeGlobals(runtime);
  return readTable(TEMPLATES.customers, loadDocumentProperties()).records;
}

function unwrap<T>(run: { ok: boolean; value?: unknown; error?: unknown }): ActionResult<T> {
  if (!run.ok) throw new Error(`script failed: ${JSON.stringify(run.error)}`);
  return run.value as ActionResult<T>;
}

/** google.script.run as the sidebar's callServer sees it (a thrown script error rejects). */
function callsOf(host: AddonHost, hooks: { beforeWrite?: (request: ImportChunkRequest) => void } = {}): ImportCalls {
  return {
    validate: (request) => Promise.resolve(unwrap<ImportCheck>(host.run('validateImportChunk', [request]))),
    write: (request) => {
      hooks.beforeWrite?.(request);
      return Promise.resolve(unwrap<ImportChunkResult>(host.run('importChunk', [request])));
    },
  };
}

let importCounter = 0;
const newImportId = (): string => `imp-${String(++importCounter).padStart(6, '0')}-test`;

interface Options {
  defaults?: ImportDefaults;
  skipBad?: boolean;
  importId?: string;
  mapping?: (proposed: ColumnMapping) => ColumnMapping;
  hooks?: { beforeWrite?: (request: ImportChunkRequest) => void };
}

/** What the import sidebar does, with the same shared code: read, map, check the file, dry run, write. */
async function runImport(host: AddonHost, bytes: Uint8Array, options: Options = {}) {
  const form = unwrap<ImportForm>(host.run('getImportForm'));
  if (!form.ok) throw new Error(form.error.message);
  const spec = form.value;
  const say: Say = (key: MessageKey, params = {}) =>
    (spec.messages[key] ?? key).replace(/\{(\w+)\}/g, (match, name: string) => String(params[name] ?? match));
  const label = (field: string): string => spec.fields.find((candidate) => candidate.key === field)?.label ?? field;
  const file = readImportFile(bytes, decoder);
  const proposed = proposeMapping(file.headers);
  const mapping = options.mapping ? options.mapping(proposed) : proposed;
  const defaults = options.defaults ?? { owner: 'boss@example.com' };
  const check = checkFile(file, mapping, defaults, spec.team, label, say);
  const importId = options.importId ?? newImportId();
  const calls = callsOf(host, options.hooks);
  const dry = await dryRun(check, importId, defaults, spec.chunkSize, calls);
  if (!dry.ok) throw new Error(dry.message);
  const bad = new Set(dry.problems.map((problem) => problem.line));
  if (bad.size > 0 && !options.skipBad) return { file, mapping, check, dry, write: null, importId };
  const rows = check.rows.filter((row) => !bad.has(row.line));
  const write = await writeRows(rows, importId, defaults, spec.chunkSize, calls);
  return { file, mapping, check, dry, write, importId, rows };
}

describe('importing fixture files', () => {
  it('imports a GBK file from Chinese Excel: 中文 names and addresses, synonyms, owner names, defaults', async () => {
    const { host, runtime } = installed();
    const result = await runImport(host, gbkFile());
    expect(result.file).toMatchObject({ encoding: 'gb18030', bom: false, delimiter: ',' });
    expect(result.mapping).toEqual([
      'name',
      'customerType',
      'industry',
      'contactName',
      'phone',
      'email',
      'address',
      'source',
      'needs',
      'owner',
    ]);
    expect(result.dry).toEqual({ ok: true, problems: [], alreadyImported: 0 });
    expect(result.write).toEqual({
      ok: true,
      imported: 3,
      alreadyImported: 0,
      ids: [
        { line: 2, id: 'C20240603001' },
        { line: 3, id: 'C20240603002' },
        { line: 4, id: 'C20240603003' },
      ],
    });
    const rows = customers(runtime).map((record) => record.values);
    expect(rows).toHaveLength(3);
    expect(rows[0]).toMatchObject({
      id: 'C20240603001',
      name: '深圳市星河科技有限公司',
      customerType: 'enterprise',
      industry: '制造业',
      contactName: '李雷',
      phone: '13800138000',
      email: 'li.lei@example.com',
      address: '广东省深圳市南山区科技园南区8栋',
      source: 'tradeShow',
      needs: '采购办公设备',
      owner: 'wang@example.com', // "王经理" is a team member's name
      stage: 'initialContact',
      status: 'active',
      valueTier: 'standard',
      requestId: `${result.importId}:2`,
    });
    expect(rows[1]).toMatchObject({
      id: 'C20240603002',
      name: '杭州云帆贸易有限公司',
      customerType: 'enterprise', // "企业" synonym
      phone: '+8613912345678',
      email: null,
      address: '浙江省杭州市西湖区文三路90号',
      source: 'referral',
      needs: '年底前上线 CRM,预算十万',
      owner: 'boss@example.com',
    });
    expect(rows[2]).toMatchObject({
      name: '张伟',
      customerType: 'individual',
      industry: null,
      email: 'zhang.wei@example.cn',
      address: '北京市朝阳区建国路88号',
      source: 'websiteForm',
      owner: 'boss@example.com', // empty cell: the rep's default
    });
    // First interview at the medium cadence (no grade): 14 days, as a new customer from the form.
    expect((rows[0]?.nextFollowUpDue as Date).toISOString()).toBe('2024-06-17T01:00:00.000Z');
    // Cells hold labels in the workbook language.
    const sheet = sheetForTable(spreadsheetOf(runtime), 'customers');
    const columns = stampedColumnsOf(sheet);
    expect(sheet.getRange(2, columns.source as number).getValue()).toBe('行业展会');
    expect(sheet.getRange(4, columns.customerType as number).getValue()).toBe('个人客户');
  });

  it('imports UTF-8 with BOM, keeps unique ids and refuses an id already in the sheet', async () => {
    const { host, runtime } = installed('en');
    useRuntimeGlobals(runtime);
    appendRecords(readTable(TEMPLATES.customers, loadDocumentProperties()), [seededCustomers()[0] as never], 'en');
    const result = await runImport(host, utf8BomFile());
    expect(result.file).toMatchObject({ encoding: 'utf-8', bom: true, delimiter: ',' });
    expect(result.mapping[0]).toBe('id');
    expect(result.dry).toEqual({
      ok: true,
      alreadyImported: 0,
      problems: [{ line: 4, kind: 'invalid', messages: ['ID: This id is already used.'], duplicates: [] }],
    });
    expect(result.write).toBeNull(); // all or nothing: the rep did not choose to skip
    expect(customers(runtime)).toHaveLength(1);

    const skipped = await runImport(host, utf8BomFile(), { skipBad: true });
    expect(skipped.write).toMatchObject({ ok: true, imported: 2 });
    const rows = customers(runtime).map((record) => record.values);
    expect(rows.map((row) => row.id)).toEqual(['C20240101001', 'CRM-0001', 'C20240603001']);
    expect(rows[1]).toMatchObject({
      name: 'Acme Co.',
      phone: '+14155550100',
      email: 'jane@acme.test',
      source: 'websiteForm',
      doNotContact: true,
      nextFollowUpDue: null,
    });
    expect(rows[2]).toMatchObject({
      name: 'Globex',
      phone: '02088886666',
      source: 'coldCall',
      owner: 'rep@example.com',
    });
  });

  it('imports a semicolon file with Traditional Chinese headers and commas inside values', async () => {
    const { host, runtime } = installed('zh-TW');
    const result = await runImport(host, semicolonFile());
    expect(result.file).toMatchObject({ encoding: 'utf-8', delimiter: ';' });
    expect(result.write).toMatchObject({ ok: true, imported: 2 });
    expect(customers(runtime).map((record) => record.values)).toEqual([
      expect.objectContaining({
        name: '台北市光華資訊股份有限公司',
        address: '台北市信義區松仁路100號, 12樓',
        needs: '伺服器, 網路, 維運',
        phone: '0223456789',
        source: 'tradeShow',
      }),
      expect.objectContaining({
        name: '高雄港灣物流有限公司',
        email: null,
        source: 'coldCall',
        owner: 'rep@example.com',
      }),
    ]);
  });

  it('keeps quoted line breaks and quotes, stores formula text as text, reports the bad row by its file line', async () => {
    const { host, runtime } = installed();
    const result = await runImport(host, quotedFile());
    expect(result.check.rows.map((row) => row.line)).toEqual([2, 5, 6, 8]);
    expect(result.dry).toEqual({
      ok: true,
      alreadyImported: 0,
      problems: [
        {
          line: 8,
          kind: 'invalid',
          messages: ['联系人姓名: 必填。', '联系电话: 请输入 6–20 位数字，可带开头的 + 号、空格或短横线。'],
          duplicates: [],
        },
      ],
    });
    expect(result.write).toBeNull();
    expect(customers(runtime)).toHaveLength(0);
    const skipped = await runImport(host, quotedFile(), { skipBad: true });
    expect(skipped.write).toMatchObject({ ok: true, imported: 3 });
    const rows = customers(runtime).map((record) => record.values);
    expect(rows[0]).toMatchObject({
      name: '成都"天府"软件有限公司',
      // Full-width punctuation folds to half-width, as in the intake form.
      needs: '第一期:ERP\n第二期:CRM\n第三期:BI',
      notes: '说 "你好"',
    });
    expect(rows[2]).toMatchObject({ needs: '展会\n物料', notes: '=HYPERLINK("http://x")' });
    const sheet = sheetForTable(spreadsheetOf(runtime), 'customers');
    expect(sheet.getRange(4, stampedColumnsOf(sheet).notes as number).getFormula()).toBe('');
  });
});

describe('a 5,000-row file with planted problems', () => {
  function seeded() {
    const started = installed();
    appendRecords(readTable(TEMPLATES.customers, loadDocumentProperties()), seededCustomers() as never[], 'zh-CN');
    return started;
  }

  it('reports every bad row and duplicate with its line and reason, and imports nothing unless told to skip', async () => {
    const { host, runtime } = seeded();
    const { bytes, plan } = bigFile();
    const result = await runImport(host, bytes);
    expect(result.check.rows).toHaveLength(5000);
    const byKind = (kind: string) => result.dry.ok && result.dry.problems.filter((problem) => problem.kind === kind);
    const invalid = byKind('invalid') || [];
    const duplicates = byKind('duplicate') || [];
    expect(invalid.map((problem) => problem.line)).toEqual(plan.badLines);
    expect(plan.badLines).toEqual([501, 1001, 1501, 2001, 2501, 3001, 3501, 4001, 4501, 5001]);
    expect(invalid[0]?.messages).toEqual(['联系电话: 请输入 6–20 位数字，可带开头的 + 号、空格或短横线。']);
    const expectedDuplicates = [...plan.fileDuplicateLines.keys(), ...plan.sheetDuplicateLines.keys()].sort(
      (a, b) => a - b,
    );
    expect(duplicates.map((problem) => problem.line)).toEqual(expectedDuplicates);
    expect(expectedDuplicates).toEqual([12, 702, 1012, 1702, 2012, 2702, 3012, 3702, 4012, 4702]);
    expect(duplicates[0]).toEqual({
      line: 12,
      kind: 'duplicate',
      messages: ['与第 7 行是同一客户（电话相同）。'],
      duplicates: [{ id: '', row: null, line: 7, name: '测试公司5', reasons: ['电话相同'] }],
    });
    expect(duplicates[1]).toEqual({
      line: 702,
      kind: 'duplicate',
      messages: ['表中已有：C20240101001 已有客户0（邮箱相同）。'],
      duplicates: [{ id: 'C20240101001', row: 2, line: null, name: '已有客户0', reasons: ['邮箱相同'] }],
    });
    expect(result.write).toBeNull();
    expect(customers(runtime)).toHaveLength(5);
  });

  it('imports the 4,980 good rows in 10 chunks when told to skip, with consecutive ids and one Log row per chunk', async () => {
    const { host, runtime } = seeded();
    const chunkSizes: number[] = [];
    const result = await runImport(host, bigFile().bytes, {
      skipBad: true,
      hooks: { beforeWrite: (request) => chunkSizes.push(request.rows.length) },
    });
    expect(chunkSizes).toEqual([500, 500, 500, 500, 500, 500, 500, 500, 500, 480]);
    expect(result.write).toMatchObject({ ok: true, imported: 4980, alreadyImported: 0 });
    const rows = customers(runtime).map((record) => record.values);
    expect(rows).toHaveLength(4985);
    expect(rows[5]).toMatchObject({ id: 'C20240603001', name: '测试公司0', phone: '13900000000' });
    expect(rows[4984]).toMatchObject({ id: 'C20240603' + '4980', name: '测试公司4998' });
    expect(new Set(rows.map((row) => row.id)).size).toBe(4985);
    expect(
      rows.some((row) => row.name === '测试公司499' || row.name === '测试公司10' || row.name === '测试公司700'),
    ).toBe(false);
    useRuntimeGlobals(runtime);
    const log = readTable(TEMPLATES.log, loadDocumentProperties()).records.filter(
      (record) => record.values.action === 'import',
    );
    expect(log.map((record) => record.values.rowsChanged)).toEqual([500, 500, 500, 500, 500, 500, 500, 500, 500, 480]);
  });

  it('never adds a row twice when a chunk is retried or an interrupted import is run again', async () => {
    const { host, runtime } = seeded();
    const importId = newImportId();
    let writes = 0;
    // The connection drops before the 4th chunk: chunks 1–3 are written.
    const first = await runImport(host, bigFile().bytes, {
      skipBad: true,
      importId,
      hooks: {
        beforeWrite: () => {
          writes += 1;
          if (writes === 4) throw new Error('NetworkError: Connection failure due to HTTP 0');
        },
      },
    });
    expect(first.write).toEqual({
      ok: false,
      imported: 1500,
      alreadyImported: 0,
      message: 'NetworkError: Connection failure due to HTTP 0',
      problems: [],
    });
    expect(customers(runtime)).toHaveLength(1505);
    // The same chunk sent again, e.g. its answer was lost: recognised row by row.
    const rows = first.rows ?? [];
    const again = unwrap<ImportChunkResult>(
      host.run('importChunk', [
        { importId, chunkIndex: 1, rows: rows.slice(500, 1000), defaults: { owner: 'boss@example.com' } },
      ]),
    );
    expect(again).toMatchObject({ ok: true, value: { written: true, imported: 0, alreadyImported: 500 } });
    expect(again.ok && again.value.ids[0]).toEqual({ line: rows[500]?.line, id: 'C20240603501' });
    // Resumed: the dry run knows 1,500 rows are in already, and the write adds only the rest.
    const resumed = await runImport(host, bigFile().bytes, { skipBad: true, importId });
    expect(resumed.dry).toMatchObject({ ok: true, alreadyImported: 1500 });
    expect(resumed.write).toMatchObject({ ok: true, imported: 3480, alreadyImported: 1500 });
    const all = customers(runtime).map((record) => record.values);
    expect(all).toHaveLength(4985);
    expect(new Set(all.map((row) => row.phone)).size).toBe(4985);
  });
});

describe('the server checks everything itself', () => {
  const row = (line: number, fields: Record<string, string>) => ({ line, fields });
  const good = {
    name: '星河科技',
    customerType: 'enterprise',
    industry: '制造业',
    contactName: '李雷',
    phone: '13800138000',
    source: 'tradeShow',
    needs: 'x',
    owner: 'boss@example.com',
  };

  it('writes nothing of a chunk with one bad or duplicate row, even if the sidebar was bypassed', () => {
    const { host, runtime } = installed();
    const result = unwrap<ImportChunkResult>(
      host.run('importChunk', [
        {
          importId: newImportId(),
          chunkIndex: 0,
          rows: [
            row(2, good),
            row(3, { ...good, name: '别家', phone: '+86 138 0013 8000' }),
            row(4, { ...good, name: '第三家', phone: '13700000000', owner: 'stranger@x.cn' }),
          ],
          defaults: {},
        },
      ]),
    );
    expect(result).toEqual({
      ok: true,
      value: {
        written: false,
        imported: 0,
        alreadyImported: 0,
        ids: [],
        sheetName: '客户',
        problems: [
          {
            line: 3,
            kind: 'duplicate',
            messages: ['与第 2 行是同一客户（电话相同）。'],
            duplicates: [{ id: '', row: null, line: 2, name: '星河科技', reasons: ['电话相同'] }],
          },
          { line: 4, kind: 'invalid', messages: ['负责人: 请选择团队名单中的成员。'], duplicates: [] },
        ],
      },
    });
    expect(customers(runtime)).toHaveLength(0);
  });

  it.each([
    ['nothing', undefined],
    ['a string', 'rows'],
    ['no import id', { chunkIndex: 0, rows: [row(2, good)], defaults: {} }],
    ['a short import id', { importId: 'x', chunkIndex: 0, rows: [row(2, good)] }],
    ['a negative chunk', { importId: newImportId(), chunkIndex: -1, rows: [row(2, good)] }],
    ['no rows', { importId: newImportId(), chunkIndex: 0, rows: [] }],
    ['line 1 (the header)', { importId: newImportId(), chunkIndex: 0, rows: [row(1, good)] }],
    ['a line twice', { importId: newImportId(), chunkIndex: 0, rows: [row(2, good), row(2, good)] }],
    ['a number cell', { importId: newImportId(), chunkIndex: 0, rows: [{ line: 2, fields: { ...good, phone: 1 } }] }],
    [
      '501 rows',
      {
        importId: newImportId(),
        chunkIndex: 0,
        rows: Array.from({ length: 501 }, (_, i) => row(i + 2, { ...good, phone: `1380000${i}` })),
      },
    ],
  ])('refuses %s', (_label, request) => {
    const { host, runtime } = installed();
    for (const name of ['validateImportChunk', 'importChunk']) {
      expect(host.run(name, request === undefined ? [] : [request])).toEqual({
        ok: true,
        value: { ok: false, error: { kind: 'validation', message: '导入请求无效，请重新打开侧边栏后再试。' } },
      });
    }
    expect(customers(runtime)).toHaveLength(0);
  });

  it('costs the same number of calls per chunk with 10 or 10,000 customers in the sheet', () => {
    const costs = [10, 10000].map((count) => {
      const { host, runtime } = installed();
      appendRecords(
        readTable(TEMPLATES.customers, loadDocumentProperties()),
        Array.from({ length: count }, (_, i) => {
          const customer = {
            id: `C20240101${String(i + 1).padStart(5, '0')}`,
            name: `客户${i}`,
            customerType: 'individual',
            contactName: `联系人${i}`,
            phone: `1360000${String(i).padStart(4, '0')}`,
            source: 'other',
            needs: '—',
            owner: 'boss@example.com',
          };
          // As the add-on writes them (intake, import) and the daily scan keeps them.
          return { ...customer, matchKeys: matchKeysOf(customer) };
        }),
        'zh-CN',
      );
      const rows = Array.from({ length: 500 }, (_, i) =>
        row(i + 2, { ...good, name: `新公司${i}`, phone: `1590000${String(i).padStart(4, '0')}` }),
      );
      const request = { importId: newImportId(), chunkIndex: 0, rows, defaults: {} };
      // Warm-up (sheet growth, id sequence) with another import, then measure.
      host.run('importChunk', [{ ...request, importId: newImportId(), rows: rows.slice(0, 1) }]);
      // Both sheets exactly full, so both chunks pay for growing the sheet once.
      const sheet = sheetForTable(spreadsheetOf(runtime), 'customers');
      if (sheet.getMaxRows() > sheet.getLastRow())
        sheet.deleteRows(sheet.getLastRow() + 1, sheet.getMaxRows() - sheet.getLastRow());
      runtime.meter.reset();
      expect(unwrap<ImportCheck>(host.run('validateImportChunk', [request]))).toMatchObject({
        ok: true,
        value: { problems: [expect.objectContaining({ line: 2 })] },
      });
      const validate = runtime.meter.snapshot();
      runtime.meter.reset();
      const rest = { ...request, rows: rows.slice(1) };
      expect(unwrap<ImportChunkResult>(host.run('importChunk', [rest]))).toMatchObject({
        ok: true,
        value: { written: true, imported: 499 },
      });
      return { validate, write: runtime.meter.snapshot() };
    });
    expect(costs[1]?.validate.byMethod).toEqual(costs[0]?.validate.byMethod);
    expect(costs[1]?.write.byMethod).toEqual(costs[0]?.write.byMethod);
    // Dry run: Customers' header with Team and Settings in one batch read, the id, request-id and match-keys
    // columns (the last row asked first), the contact columns of the rows that share a key (line 2's). Write:
    // the same reads (no row shares a key: no contact columns), one block write, the sheet growth (3 calls, only when full) and the Log row (getRange + getValues
    // + setValues).
    expect(costs[0]?.validate.byService).toMatchObject({ SpreadsheetApp: 4, Sheets: 3 });
    expect(costs[0]?.write.byService).toMatchObject({ SpreadsheetApp: 12, Sheets: 2 });
    // Cells read (issue 18): three columns of Customers, not the whole table and not once per row of the chunk;
    // the write also reads the Log sheet (appendLog), whatever the number of customers.
    [10, 10000].forEach((count, index) => {
      const { validate, write } = costs[index] as (typeof costs)[number];
      expect(validate.cellsRead).toBeLessThanOrEqual(3 * (count + 1) + 1000);
      expect(write.cellsRead - validate.cellsRead).toBe(
        (costs[0] as (typeof costs)[number]).write.cellsRead - (costs[0] as (typeof costs)[number]).validate.cellsRead,
      );
    });
  });

  it('finds a duplicate typed by hand into the sheet, without match keys, in any phone format', () => {
    const { host, runtime } = installed();
    const sheet = sheetForTable(spreadsheetOf(runtime), 'customers');
    const columns = stampedColumnsOf(sheet);
    // A row typed into the sheet: no match keys until the next daily scan derives them.
    sheet.getRange(2, columns.id as number).setValue('C20240101001');
    sheet.getRange(2, columns.name as number).setValue('手填客户');
    sheet.getRange(2, columns.phone as number).setValue('+86 138 0013 8000');
    const check = unwrap<ImportCheck>(
      host.run('validateImportChunk', [
        { importId: newImportId(), chunkIndex: 0, rows: [row(2, { ...good, phone: '13800138000' })], defaults: {} },
      ]),
    );
    expect(check).toMatchObject({
      ok: true,
      value: {
        problems: [
          {
            line: 2,
            kind: 'duplicate',
            duplicates: [expect.objectContaining({ id: 'C20240101001', row: 2, name: '手填客户' })],
          },
        ],
      },
    });
  });

  it('writes the match keys of every imported row, so intake finds them as duplicates', () => {
    const { host, runtime } = installed();
    const importId = newImportId();
    expect(
      unwrap<ImportChunkResult>(
        host.run('importChunk', [
          { importId, chunkIndex: 0, rows: [row(2, { ...good, phone: '138 0013 8000' })], defaults: {} },
        ]),
      ),
    ).toMatchObject({ ok: true, value: { written: true, imported: 1 } });
    expect(String(customers(runtime)[0]?.values.matchKeys)).toMatch(
      new RegExp(`^\\|p:13800138000\\|.*\\|r:${importId}:2\\|$`),
    );
    const intake = saveCustomer(host, customerFields({ name: '另一家', email: '', phone: '+86 13800138000' }));
    expect(intake).toMatchObject({ ok: true, value: { ok: false, error: { kind: 'duplicate' } } });
  });
});
