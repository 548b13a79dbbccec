import type { AddonHost } from '../../src/local/harness/addon-host';
import type { LocalRuntime } from '../../src/local/runtime';
import { loadDocumentProperties } from '../../src/server/workbook/layout';
import { appendRecords, readTable, type FieldValues } from '../../src/server/workbook/table';
import type { ImportCheck, ImportChunkResult, ImportForm } from '../../src/shared/csv/contract';
import type { DecoderFactory } from '../../src/shared/csv/decode';
import { sanitizeMappingOf } from '../../src/shared/csv/mapping';
import {
  checkTransactionFile,
  dryRun,
  readImportFile,
  writeRows,
  type ImportCalls,
  type TransactionRowRequest,
} from '../../src/shared/csv/plan';
import type { ActionResult } from '../../src/shared/rpc/result';
import {
  isTransactionImportField,
  proposeTransactionMapping,
  unmappedTransactionRequired,
} from '../../src/shared/rules/transaction-import';
import { TEMPLATES, type TableKey } from '../../src/shared/schema/templates';
import { startAddon } from '../support/addon';
import { useRuntimeGlobals } from '../support/gas';

/**
 * The import sidebar with "Transactions" chosen (issue 13), driven through the calls the sidebar makes on the
 * built bundle: getImportForm (tables, transaction field labels), the shared mapping proposal, the dry run of
 * every chunk with validateTransactionImportChunk, then importTransactionChunk chunk by chunk; all or nothing
 * per file (or skipping the bad rows), resumable after an interruption without adding a row twice.
 * Clock: 2024-06-03 09:00 Asia/Shanghai; a zh-CN workbook; a 1,203-row file = chunks of 500, 500, 203.
 */
const OWNER = { email: 'boss@example.com', locale: 'zh_CN' };
const decoder: DecoderFactory = (label, fatal) => new TextDecoder(label, { fatal });
const ROWS = 1203;

function installed(): { host: AddonHost; runtime: LocalRuntime } {
  const started = startAddon({ user: OWNER });
  expect(started.host.run('runInstall', [{ language: 'zh-CN' }])).toMatchObject({ ok: true, value: { ok: true } });
  useRuntimeGlobals(started.runtime);
  const base = { customerType: 'enterprise', contactName: '某', source: 'other', needs: '—', stage: 'initialContact' };
  seed('customers', [
    { ...base, id: 'C20240101001', name: '星河科技', phone: '13800138000', status: 'active' },
    { ...base, id: 'C20240101002', name: '蓝海贸易', phone: '13900139000', status: 'active' },
    { ...base, id: 'C20240101003', name: '青山咨询', phone: '13700137000', status: 'active' },
  ]);
  return started;
}

const seed = (table: TableKey, records: FieldValues[]) =>
  appendRecords(readTable(TEMPLATES[table], loadDocumentProperties()), records, 'zh-CN');

function values(runtime: LocalRuntime, table: TableKey) {
  useRuntimeGlobals(runtime);
  return readTable(TEMPLATES[table], loadDocumentProperties()).records.map((record) => record.values);
}

function unwrap<T>(run: { ok: boolean; value?: unknown; error?: unknown }): ActionResult<T> {
  if (!run.ok) throw new Error(`script failed: ${JSON.stringify(run.error)}`);
  return run.value as ActionResult<T>;
}

/**
 * A transactions export with English headers (mapped by synonyms into a Chinese workbook), UTF-8 with a BOM.
 * Rows name the customer by id (i % 3 = 0), by name (1) or by phone (2); `bad` lines break one rule each.
 */
function transactionsFile(bad: Record<number, string[]> = {}): Uint8Array {
  const lines = ['Customer ID,Customer,Mobile,Order date,Item,Qty,Total,Refunded,Salesperson'];
  for (let i = 0; i < ROWS; i++) {
    const line = i + 2;
    const who = i % 3 === 0 ? ['C20240101001', '', ''] : i % 3 === 1 ? ['', '蓝海贸易', ''] : ['', '', '139 0013 9000'];
    lines.push(
      (
        bad[line] ?? [
          ...who,
          `2024-05-${String((i % 28) + 1).padStart(2, '0')}`,
          `产品${i}`,
          '1',
          `${100 + i}`,
          '',
          '张三',
        ]
      ).join(','),
    );
  }
  const text = new TextEncoder().encode(lines.join('\r\n'));
  return new Uint8Array([0xef, 0xbb, 0xbf, ...text]);
}

/** callServer as the sidebar's transactionCalls make it: the chunk without defaults. */
function callsOf(host: AddonHost, beforeWrite: () => void = () => undefined): ImportCalls<TransactionRowRequest> {
  return {
    validate: ({ importId, chunkIndex, rows }) =>
      Promise.resolve(
        unwrap<ImportCheck>(host.run('validateTransactionImportChunk', [{ importId, chunkIndex, rows }])),
      ),
    write: ({ importId, chunkIndex, rows }) => {
      beforeWrite();
      return Promise.resolve(
        unwrap<ImportChunkResult>(host.run('importTransactionChunk', [{ importId, chunkIndex, rows }])),
      );
    },
  };
}

/** What the sidebar does after "Transactions" is chosen: form, file, proposal, dry run, then (maybe) write. */
async function runImport(
  host: AddonHost,
  bytes: Uint8Array,
  options: { importId: string; skipBad?: boolean; beforeWrite?: () => void },
) {
  const form = unwrap<ImportForm>(host.run('getImportForm'));
  if (!form.ok) throw new Error(form.error.message);
  const spec = form.value;
  const file = readImportFile(bytes, decoder);
  // The sidebar reads the mapping back from its selects, as sanitizeMappingOf cleans it.
  const mapping = sanitizeMappingOf(
    proposeTransactionMapping(file.headers),
    file.headers.length,
    isTransactionImportField,
  );
  expect(unmappedTransactionRequired(mapping)).toEqual([]);
  const check = checkTransactionFile(file, mapping);
  const calls = callsOf(host, options.beforeWrite);
  const dry = await dryRun(check, options.importId, {}, spec.chunkSize, calls);
  if (!dry.ok) throw new Error(dry.message);
  const bad = new Set(dry.problems.map((problem) => problem.line));
  if (bad.size > 0 && !options.skipBad) return { spec, mapping, check, dry, write: null };
  const rows = check.rows.filter((row) => !bad.has(row.line));
  const write = await writeRows(rows, options.importId, {}, spec.chunkSize, calls);
  return { spec, mapping, check, dry, write };
}

describe('the import sidebar with Transactions chosen', () => {
  it('gets both tables and the transaction fields, labelled in the workbook language', () => {
    const { host } = installed();
    const form = unwrap<ImportForm>(host.run('getImportForm'));
    if (!form.ok) throw new Error(form.error.message);
    expect(form.value.tables).toEqual([
      { key: 'customers', label: '客户' },
      { key: 'transactions', label: '交易记录' },
    ]);
    expect(form.value.transactionFields).toEqual([
      { key: 'customerId', label: '客户编号', required: false },
      { key: 'customerName', label: '客户名称', required: false },
      { key: 'phone', label: '联系电话', required: false },
      { key: 'date', label: '交易日期', required: true },
      { key: 'product', label: '产品/服务', required: true },
      { key: 'category', label: '品类', required: false },
      { key: 'quantity', label: '数量', required: false },
      { key: 'amount', label: '金额（元）', required: true },
      { key: 'refund', label: '是否退款', required: false },
      { key: 'notes', label: '备注', required: false },
    ]);
    expect(form.value.messages).toMatchObject({
      'import.table': '导入到',
      'import.doneTransactions': '已导入 {count} 笔交易，跳过 {skipped} 行。',
      'import.missingColumns': '以下字段没有对应的列：{fields}。请为每一项选择对应的列。',
      'import.or': ' 或 ',
    });
    // A file without date and amount columns, and no customer column: three groups are missing.
    expect(unmappedTransactionRequired(proposeTransactionMapping(['产品', '数量']))).toEqual([
      ['customerId', 'customerName', 'phone'],
      ['date'],
      ['amount'],
    ]);
    expect(unmappedTransactionRequired(proposeTransactionMapping(['手机', '日期', '产品', '金额']))).toEqual([]);
  });

  it('imports a 1,203-row file in three chunks after a clean dry run, with T ids and first purchases won', async () => {
    const { host, runtime } = installed();
    const result = await runImport(host, transactionsFile(), { importId: 'imp-tx-000001' });
    expect(result.mapping).toEqual([
      'customerId',
      'customerName',
      'phone',
      'date',
      'product',
      'quantity',
      'amount',
      'refund',
      null,
    ]);
    expect(result.dry).toEqual({ ok: true, problems: [], alreadyImported: 0 });
    expect(result.write).toMatchObject({ ok: true, imported: ROWS, alreadyImported: 0 });
    const ids = result.write?.ok ? result.write.ids : [];
    expect(ids[0]).toEqual({ line: 2, id: 'T20240603001' });
    expect(ids[ROWS - 1]).toEqual({ line: ROWS + 1, id: `T20240603${ROWS}` });
    const transactions = values(runtime, 'transactions');
    expect(transactions).toHaveLength(ROWS);
    expect(new Set(transactions.map((row) => row.id)).size).toBe(ROWS);
    // 401 rows each by id (C…001), by name (蓝海贸易 = C…002) and by phone (139… = C…002 too).
    const byCustomer = new Map<unknown, number>();
    for (const row of transactions) byCustomer.set(row.customerId, (byCustomer.get(row.customerId) ?? 0) + 1);
    expect(Object.fromEntries(byCustomer)).toEqual({ C20240101001: 401, C20240101002: 802 });
    // Row 3 (line 5): 2024-05-04, amount 103.
    expect(transactions[3]).toMatchObject({ customerName: '星河科技', product: '产品3', amount: 103, quantity: 1 });
    expect((transactions[3]?.date as Date).toISOString()).toBe('2024-05-03T16:00:00.000Z');
    expect(values(runtime, 'customers').map((row) => row.status)).toEqual(['won', 'won', 'active']);
    expect(
      values(runtime, 'log')
        .filter((row) => row.action === 'import')
        .map((row) => row.rowsChanged),
    ).toEqual([500, 500, 203]);
  });

  it('writes nothing when a row is bad, reports it by line, and imports the rest when the rep skips it', async () => {
    const { host, runtime } = installed();
    const bytes = transactionsFile({
      700: ['C20240101001', '', '', '2024-05-01', '椅子', '1', 'abc', '', ''],
      1100: ['', '不存在的公司', '', '2024-06-09', '椅子', '1', '100', '', ''],
    });
    const refused = await runImport(host, bytes, { importId: 'imp-tx-000002' });
    expect(refused.dry).toEqual({
      ok: true,
      alreadyImported: 0,
      problems: [
        {
          line: 700,
          kind: 'invalid',
          messages: ['金额（元）: 请输入金额（元），例如 500000 或 50万。'],
          duplicates: [],
        },
        {
          line: 1100,
          kind: 'invalid',
          messages: ['交易日期: 日期不能晚于今天。', '客户编号: 找不到该编号、名称或电话对应的客户。'],
          duplicates: [],
        },
      ],
    });
    expect(refused.write).toBeNull();
    expect(values(runtime, 'transactions')).toHaveLength(0);
    expect(values(runtime, 'customers').map((row) => row.status)).toEqual(['active', 'active', 'active']);

    const skipped = await runImport(host, bytes, { importId: 'imp-tx-000002', skipBad: true });
    expect(skipped.write).toMatchObject({ ok: true, imported: ROWS - 2, alreadyImported: 0 });
    const lines = new Set((skipped.write?.ok ? skipped.write.ids : []).map((item) => item.line));
    expect([lines.has(700), lines.has(1100), lines.has(701)]).toEqual([false, false, true]);
    expect(values(runtime, 'transactions')).toHaveLength(ROWS - 2);
  });

  it('resumes an interrupted import with the same import id, adding nothing twice', async () => {
    const { host, runtime } = installed();
    let writes = 0;
    const first = await runImport(host, transactionsFile(), {
      importId: 'imp-tx-000003',
      beforeWrite: () => {
        writes += 1;
        if (writes === 2) throw new Error('NetworkError: Connection failure due to HTTP 0');
      },
    });
    expect(first.write).toEqual({
      ok: false,
      imported: 500,
      alreadyImported: 0,
      message: 'NetworkError: Connection failure due to HTTP 0',
      problems: [],
    });
    expect(values(runtime, 'transactions')).toHaveLength(500);
    // Import pressed again: the dry run knows the first 500 lines are in, the write adds only the rest.
    const resumed = await runImport(host, transactionsFile(), { importId: 'imp-tx-000003' });
    expect(resumed.dry).toEqual({ ok: true, problems: [], alreadyImported: 500 });
    expect(resumed.write).toMatchObject({ ok: true, imported: ROWS - 500, alreadyImported: 500 });
    const transactions = values(runtime, 'transactions');
    expect(transactions).toHaveLength(ROWS);
    expect(new Set(transactions.map((row) => row.requestId)).size).toBe(ROWS);
    // Log: chunk 1 of the first run, then chunks 2 and 3 (the resent chunk 1 wrote nothing, so no row).
    expect(values(runtime, 'log').filter((row) => row.action === 'import')).toHaveLength(3);
  });
});
