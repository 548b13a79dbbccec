import type { ImportCheck, ImportChunkResult, ImportRowProblem } from '../../shared/csv/contract';
import { fail, ok, type ActionResult } from '../../shared/rpc/result';
import { isPurchase } from '../../shared/rules/transaction-input';
import {
  CustomerLookup,
  isTransactionImportField,
  prepareTransactionRow,
  transactionImportLabel,
  type PreparedTransaction,
  type RawTransactionRow,
  type TransactionImportField,
} from '../../shared/rules/transaction-import';
import { localDate, startOfDate } from '../../shared/time/local';
import { allocateIds } from '../workbook/ids';
import { appendLog } from '../workbook/log';
import { journalWrites } from '../workbook/my-day-index';
import { openTables } from '../workbook/open-tables';
import { appendRecords, writeFields, type FieldValues, type Table, type TableRecord } from '../workbook/table';
import { readColumns, readRows } from '../workbook/targeted-reads';
import { actionContext, asActionFailure, ensureInstalled, type ActionContext, underLock } from './context';
import { dryRunChunk, parseChunkEnvelope, rowRequestId } from './import-chunks';

/**
 * Importing transactions from CSV (docs/product-rules.md §7, issue 13), with the customer import's rules: the sidebar sends
 * chunks, first `validateTransactionImportChunk` for every chunk (a dry run), then `importTransactionChunk`;
 * a chunk is written all or nothing, each row stored with requestId `<importId>:<line>`, so a retried or
 * resumed chunk never adds a row twice. Rows name their customer by id or by name / phone; each new row
 * gets a T id; a customer's first purchase sets status won and stage deal closed, as Record transaction does.
 */

interface ChunkRequest {
  importId: string;
  chunkIndex: number;
  rows: { line: number; fields: RawTransactionRow }[];
}

function parseChunk(raw: unknown): ChunkRequest | null {
  const envelope = parseChunkEnvelope(raw, isTransactionImportField);
  return envelope && { importId: envelope.importId, chunkIndex: envelope.chunkIndex, rows: envelope.rows };
}

interface CheckedChunk {
  customers: Table;
  transactions: Table;
  /** The transactions in the sheet, with TRANSACTION_KEYS. */
  existing: TableRecord[];
  already: Map<number, string>;
  fresh: PreparedTransaction[];
  problems: ImportRowProblem[];
}

/**
 * The columns a chunk reads for every row (issue 18: not the whole tables): how rows name their customer (id,
 * name, phone) and, of Transactions, the ids, request ids (rows of this import already written) and what
 * makes a row a purchase (a customer's first purchase sets status won).
 */
const CUSTOMER_KEYS = ['id', 'name', 'phone'] as const;
const TRANSACTION_KEYS = ['id', 'customerId', 'date', 'amount', 'refund', 'requestId'] as const;

/**
 * Opens Customers and Transactions in one batch read, reads the columns above once each, and checks every
 * row of the chunk not yet imported.
 */
function checkChunk(context: ActionContext, chunk: ChunkRequest): CheckedChunk {
  const { properties, spreadsheet, t, zone } = context;
  const opened = openTables({ open: ['customers', 'transactions'] }, properties, spreadsheet, zone);
  const customers = opened.customers as Table;
  const transactions = opened.transactions as Table;
  const customerRecords = readColumns(customers, CUSTOMER_KEYS, zone);
  const existing = readColumns(transactions, TRANSACTION_KEYS, zone);
  const byRequest = new Map<string, string>();
  for (const record of existing) {
    const requestId = record.values.requestId;
    if (typeof requestId === 'string' && requestId.startsWith(`${chunk.importId}:`)) {
      byRequest.set(requestId, String(record.values.id ?? ''));
    }
  }
  const lookup = new CustomerLookup(
    customerRecords.map((record) => ({
      id: String(record.values.id ?? ''),
      name: String(record.values.name ?? ''),
      phone: String(record.values.phone ?? ''),
      row: record.row,
    })),
  );
  const today = localDate(context.nowMs, context.zone);
  const already = new Map<number, string>();
  const fresh: PreparedTransaction[] = [];
  const problems: ImportRowProblem[] = [];
  for (const row of chunk.rows) {
    const existing = byRequest.get(rowRequestId(chunk.importId, row.line));
    if (existing !== undefined) {
      already.set(row.line, existing);
      continue;
    }
    const prepared = prepareTransactionRow(row.line, row.fields, lookup, today);
    fresh.push(prepared);
    const errors = Object.entries(prepared.errors) as [TransactionImportField, Parameters<typeof t>[0]][];
    if (errors.length > 0) {
      problems.push({
        line: row.line,
        kind: 'invalid',
        messages: errors.map(([field, key]) => `${transactionImportLabel(field, context.language)}: ${t(key)}`),
        duplicates: [],
      });
    }
  }
  return { customers, transactions, existing, already, fresh, problems };
}

/** google.script.run: the dry run of one chunk of a transactions file. Writes nothing. */
export function validateTransactionImportChunk(request: unknown): ActionResult<ImportCheck> {
  return dryRunChunk(request, parseChunk, checkChunk);
}

/**
 * google.script.run: writes one chunk of a transactions file, all of it or nothing (checked again under the
 * lock). Cost per chunk: the two tables opened in one batch read, their needed columns read once each (see
 * checkChunk), one block append, the first purchases' status and stage read and their changes written, one
 * Log row.
 */
export function importTransactionChunk(request: unknown): ActionResult<ImportChunkResult> {
  const context = actionContext();
  const chunk = parseChunk(request);
  if (!chunk) return fail('validation', context.t('import.badRequest'));
  try {
    return underLock(context, () => {
      ensureInstalled(context);
      const { spreadsheet, properties, zone, nowMs, language } = context;
      const { customers, transactions, existing, already, fresh, problems } = checkChunk(context, chunk);
      const sheetName = transactions.layout.sheetName;
      if (problems.length > 0) {
        return ok({ written: false, imported: 0, alreadyImported: already.size, ids: [], problems, sheetName });
      }
      const ids =
        fresh.length > 0
          ? allocateIds(
              'T',
              fresh.length,
              properties,
              zone,
              nowMs,
              existing.map((record) => String(record.values.id ?? '')),
            )
          : [];
      // Customers who had a purchase before this chunk: their new rows are not first purchases.
      const bought = new Set<string>();
      for (const record of existing) if (isPurchase(record.values)) bought.add(String(record.values.customerId));
      const now = new Date(nowMs);
      const firstBuyers = new Map<string, number>();
      const records: FieldValues[] = fresh.map((row, index) => {
        const customer = row.customer as NonNullable<PreparedTransaction['customer']>;
        if (!row.values.refund && !bought.has(customer.id)) {
          bought.add(customer.id);
          firstBuyers.set(customer.id, customer.row);
        }
        return {
          id: ids[index] as string,
          customerId: customer.id,
          customerName: customer.name,
          date: new Date(startOfDate(row.values.date ?? '', zone)),
          product: row.values.product,
          category: row.values.category,
          quantity: row.values.quantity,
          amount: row.values.amount,
          refund: row.values.refund,
          notes: row.values.notes,
          createdAt: now,
          updatedAt: now,
          requestId: rowRequestId(chunk.importId, row.line),
        };
      });
      appendRecords(transactions, records, language);
      const won = [...firstBuyers.values()].map((row) => ({
        row,
        values: { status: 'won', stage: 'dealClosed', updatedAt: now } as FieldValues,
      }));
      // Their status and stage as they are now, so only the cells that change are written.
      if (won.length > 0) readRows(customers, [...firstBuyers.values()], ['status', 'stage'], zone);
      journalWrites(properties, new Map([['customers', [...firstBuyers.values()]]]));
      writeFields(customers, won, language);
      if (records.length > 0) {
        appendLog(
          {
            startedMs: nowMs,
            action: 'import',
            user: context.userEmail,
            rowsExamined: chunk.rows.length,
            rowsChanged: records.length,
            durationMs: Date.now() - nowMs,
            result: 'ok',
            details: context.t('transactionImport.logDetails', {
              importId: chunk.importId,
              chunk: chunk.chunkIndex + 1,
              count: records.length,
              won: won.length,
            }),
          },
          properties,
          spreadsheet,
          language,
        );
      }
      const lines = [
        ...[...already].map(([line, id]) => ({ line, id })),
        ...fresh.map((row, index) => ({ line: row.line, id: ids[index] as string })),
      ].sort((a, b) => a.line - b.line);
      return ok({
        written: true,
        imported: records.length,
        alreadyImported: already.size,
        ids: lines,
        problems: [],
        sheetName,
      });
    });
  } catch (error) {
    return asActionFailure(error, context.t);
  }
}
