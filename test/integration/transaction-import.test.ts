import { loadDocumentProperties } from '../../src/server/workbook/layout';
import { appendRecords, readTable, type FieldValues } from '../../src/server/workbook/table';
import type { ImportCheck, ImportChunkResult } from '../../src/shared/csv/contract';
import type { DecoderFactory } from '../../src/shared/csv/decode';
import { readImportFile } from '../../src/shared/csv/plan';
import type { ActionResult } from '../../src/shared/rpc/result';
import { mapTransactionRecord, proposeTransactionMapping } from '../../src/shared/rules/transaction-import';
import { TEMPLATES, type TableKey } from '../../src/shared/schema/templates';
import { startAddon } from '../support/addon';
import { useRuntimeGlobals } from '../support/gas';

/**
 * Transactions CSV import (issue 13, docs/product-rules.md §7) on the built bundle: a GBK-free UTF-8 file with Chinese
 * headers mapped by synonyms, customers named by id, name or phone, T ids, first purchases closed-won, all
 * or nothing per chunk, and retries that add nothing twice. Clock: 2024-06-03 09:00 Asia/Shanghai.
 */
const OWNER = { email: 'boss@example.com', locale: 'zh_CN' };
const decoder: DecoderFactory = (label, fatal) => new TextDecoder(label, { fatal });

function setUp() {
  const started = startAddon({ user: OWNER });
  started.host.run('runInstall', [{ language: 'zh-CN' }]);
  useRuntimeGlobals(started.runtime);
  const base = { customerType: 'enterprise', contactName: '某', source: 'other', needs: '—', stage: 'initialContact' };
  seed('customers', [
    { ...base, id: 'C20240101001', name: '星河科技', phone: '13800138000', status: 'active' },
    { ...base, id: 'C20240101002', name: '蓝海贸易', phone: '13900139000', status: 'active' },
    { ...base, id: 'C20240101003', name: '重名公司', phone: '13700137000', status: 'won', stage: 'dealClosed' },
    { ...base, id: 'C20240101004', name: '重名公司', phone: '13600136000', status: 'active' },
  ]);
  return started;
}

const seed = (table: TableKey, records: FieldValues[]) =>
  appendRecords(readTable(TEMPLATES[table], loadDocumentProperties()), records, 'zh-CN');
const rows = (table: TableKey) =>
  readTable(TEMPLATES[table], loadDocumentProperties()).records.map((record) => record.values);

function chunkOf(csv: string) {
  const file = readImportFile(new TextEncoder().encode(csv), decoder);
  const mapping = proposeTransactionMapping(file.headers);
  return {
    mapping,
    rows: file.records.map((record) => ({ line: record.line, fields: mapTransactionRecord(record.cells, mapping) })),
  };
}

const GOOD = [
  '客户编号,客户名称,手机,交易日期,产品,品类,数量,金额,退款,备注',
  'C20240101001,,,2024/5/1,办公椅,家具,10,"12,800",否,首单',
  ',蓝海贸易,,2024-05-02,打印机,设备,1,¥3500,,',
  ',,+86 139 0013 9000,2024-05-03,墨盒,耗材,5,500,是,退货',
  ',重名公司,13600136000,2024年5月4日,=SUM(A1),服务,,1.2万,,公式文本',
].join('\r\n');

describe('importing a transactions file', () => {
  it('maps the headers by synonym, finds customers by id, name or phone, and writes T rows', () => {
    const { host } = setUp();
    const { mapping, rows: fileRows } = chunkOf(GOOD);
    expect(mapping).toEqual([
      'customerId',
      'customerName',
      'phone',
      'date',
      'product',
      'category',
      'quantity',
      'amount',
      'refund',
      'notes',
    ]);
    const request = { importId: 'imp-0000001', chunkIndex: 0, rows: fileRows };
    expect(host.run<ActionResult<ImportCheck>>('validateTransactionImportChunk', [request])).toEqual({
      ok: true,
      value: { ok: true, value: { checked: 4, problems: [], alreadyImported: 0 } },
    });
    expect(rows('transactions')).toHaveLength(0);
    const result = host.run<ActionResult<ImportChunkResult>>('importTransactionChunk', [request]);
    expect(result).toMatchObject({
      ok: true,
      value: {
        ok: true,
        value: {
          written: true,
          imported: 4,
          ids: [
            { line: 2, id: 'T20240603001' },
            { line: 3, id: 'T20240603002' },
            { line: 4, id: 'T20240603003' },
            { line: 5, id: 'T20240603004' },
          ],
        },
      },
    });
    expect(
      rows('transactions').map((values) => [values.customerId, values.amount, values.refund, values.quantity]),
    ).toEqual([
      ['C20240101001', 12_800, false, 10],
      ['C20240101002', 3_500, false, 1],
      ['C20240101002', 500, true, 5],
      ['C20240101004', 12_000, false, null],
    ]);
    expect(rows('transactions')[3]).toMatchObject({ product: '=SUM(A1)', customerName: '重名公司' });
    expect((rows('transactions')[0]?.date as Date).toISOString()).toBe('2024-04-30T16:00:00.000Z');
    // First purchases: won + deal closed; the refund row is not one; C…003 had nothing imported.
    expect(rows('customers').map((values) => [values.status, values.stage])).toEqual([
      ['won', 'dealClosed'],
      ['won', 'dealClosed'],
      ['won', 'dealClosed'],
      ['won', 'dealClosed'],
    ]);
    expect(rows('log').filter((values) => values.action === 'import')).toHaveLength(1);
  });

  it('never adds a row twice when a chunk is sent again', () => {
    const { host } = setUp();
    const request = { importId: 'imp-0000002', chunkIndex: 0, rows: chunkOf(GOOD).rows };
    host.run('importTransactionChunk', [request]);
    expect(host.run('importTransactionChunk', [request])).toMatchObject({
      ok: true,
      value: { ok: true, value: { written: true, imported: 0, alreadyImported: 4 } },
    });
    expect(rows('transactions')).toHaveLength(4);
    // A resumed import: the first two lines were in, the rest arrive with them.
    const longer = chunkOf(`${GOOD}\r\nC20240101003,,,2024-05-05,咨询,服务,1,800,,`);
    expect(host.run('importTransactionChunk', [{ ...request, rows: longer.rows }])).toMatchObject({
      ok: true,
      value: { ok: true, value: { imported: 1, alreadyImported: 4 } },
    });
    expect(rows('transactions')).toHaveLength(5);
  });

  it('writes nothing of a chunk with one bad row, and reports each by its line', () => {
    const { host } = setUp();
    const bad = [
      '客户,日期,产品,金额',
      '星河科技,2024-05-01,办公椅,100',
      '重名公司,2024-05-01,办公椅,100',
      '不存在的公司,2024-05-01,办公椅,100',
      '星河科技,2024-06-09,办公椅,abc',
    ].join('\n');
    const request = { importId: 'imp-0000003', chunkIndex: 0, rows: chunkOf(bad).rows };
    const result = host.run<ActionResult<ImportChunkResult>>('importTransactionChunk', [request]);
    expect(result).toMatchObject({
      ok: true,
      value: {
        ok: true,
        value: {
          written: false,
          imported: 0,
          problems: [
            { line: 3, kind: 'invalid', messages: ['客户编号: 匹配到多个客户，请使用客户编号。'] },
            { line: 4, kind: 'invalid', messages: ['客户编号: 找不到该编号、名称或电话对应的客户。'] },
            {
              line: 5,
              kind: 'invalid',
              messages: ['交易日期: 日期不能晚于今天。', '金额（元）: 请输入金额（元），例如 500000 或 50万。'],
            },
          ],
        },
      },
    });
    expect(rows('transactions')).toHaveLength(0);
    expect(rows('customers')[0]).toMatchObject({ status: 'active' });
    expect(host.run('importTransactionChunk', [{ importId: 'x', chunkIndex: 0, rows: [] }])).toMatchObject({
      ok: true,
      value: { ok: false, error: { kind: 'validation' } },
    });
  });
});

describe('cost', () => {
  it('makes the same calls with 5 or 10,004 customers and reads only the columns it uses', () => {
    const costs = [1, 10000].map((extra) => {
      const { host, runtime } = setUp();
      const base = { customerType: 'individual', contactName: '某', source: 'other', needs: '—', status: 'active' };
      seed(
        'customers',
        Array.from({ length: extra }, (_, i) => ({
          ...base,
          id: `C20240102${String(i + 1).padStart(5, '0')}`,
          name: `客户${i}`,
          phone: `1350000${String(i).padStart(4, '0')}`,
        })),
      );
      seed(
        'transactions',
        Array.from({ length: extra }, (_, i) => ({
          id: `T20240102${String(i + 1).padStart(5, '0')}`,
          customerId: `C20240102${String(i + 1).padStart(5, '0')}`,
          date: new Date(Date.UTC(2024, 4, 1)),
          product: '咨询',
          amount: 100,
          refund: false,
        })),
      );
      runtime.meter.reset();
      const request = { importId: `imp-cost-${extra}`, chunkIndex: 0, rows: chunkOf(GOOD).rows };
      expect(host.run('importTransactionChunk', [request])).toMatchObject({
        ok: true,
        value: { ok: true, value: { written: true, imported: 4 } },
      });
      return { cost: runtime.meter.snapshot(), extra };
    });
    expect(costs[1]?.cost.byMethod).toEqual(costs[0]?.cost.byMethod);
    for (const { cost, extra } of costs) {
      // Customers: id, name, phone; Transactions: six columns; plus headers, the first buyers' status and
      // stage and the Log sheet (appendLog).
      expect(cost.cellsRead).toBeLessThanOrEqual(3 * (extra + 5) + 6 * (extra + 1) + 10000);
    }
  });
});
