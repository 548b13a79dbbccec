import '../common/base.css';
import '../common/form.css';
import './style.css';
import type {
  ImportDefaults,
  ImportForm,
  ImportRowProblem,
  ImportRowRequest,
  ImportTable,
} from '../../shared/csv/contract';
import type { DecoderFactory } from '../../shared/csv/decode';
import {
  IMPORT_FIELDS,
  proposeMapping,
  sanitizeMapping,
  sanitizeMappingOf,
  type ColumnMapping,
  type ImportField,
} from '../../shared/csv/mapping';
import {
  checkFile,
  checkTransactionFile,
  dryRun,
  readImportFile,
  unmappedRequired,
  writeRows,
  type DryRunOutcome,
  type FileCheck,
  type ImportCalls,
  type ImportFile,
  type Progress,
  type TransactionRowRequest,
  type WriteOutcome,
} from '../../shared/csv/plan';
import type { MessageKey } from '../../shared/i18n/translate';
import {
  isTransactionImportField,
  proposeTransactionMapping,
  TRANSACTION_IMPORT_FIELDS,
  unmappedTransactionRequired,
  type TransactionImportField,
} from '../../shared/rules/transaction-import';
import { byId, el, setBusy, setText } from '../common/dom';
import { newRequestId } from '../common/request-id';
import { callServer } from '../common/rpc';

/**
 * Import customers or transactions (CSV): the sidebar reads the file's bytes, detects encoding and
 * delimiter, proposes the column mapping for the chosen table, checks every row (customers: intake rules
 * and duplicates within the file, here), then asks the server for a dry run of every chunk (transactions:
 * the Record transaction rules and the customer each row names); only then, if the file is clean or the rep
 * chose to skip the problem rows, it writes chunk by chunk. One import id per file: pressing Import again
 * after an interruption resumes without adding any row twice.
 */
const page = byId('page');
const PREVIEW_ROWS = 5;
const MAX_PROBLEMS_SHOWN = 300;
let spec: ImportForm | null = null;
let file: ImportFile | null = null;
let importId = newRequestId();
let table: ImportTable = 'customers';
type Checked =
  | { table: 'customers'; check: FileCheck; problems: ImportRowProblem[]; defaults: ImportDefaults }
  | { table: 'transactions'; check: FileCheck<TransactionRowRequest>; problems: ImportRowProblem[] };
let checked: Checked | null = null;

const decoder: DecoderFactory = (label, fatal) => new TextDecoder(label, { fatal });
const calls: ImportCalls<ImportRowRequest> = {
  validate: (request) => callServer('validateImportChunk', request),
  write: (request) => callServer('importChunk', request),
};
/** The transactions entry points take the same chunk without defaults (a transaction has none). */
const transactionCalls: ImportCalls<TransactionRowRequest> = {
  validate: ({ importId: id, chunkIndex, rows }) =>
    callServer('validateTransactionImportChunk', { importId: id, chunkIndex, rows }),
  write: ({ importId: id, chunkIndex, rows }) =>
    callServer('importTransactionChunk', { importId: id, chunkIndex, rows }),
};

const m = (key: MessageKey, params: Record<string, string | number> = {}): string =>
  (spec?.messages[key] ?? key).replace(/\{(\w+)\}/g, (match, name: string) =>
    params[name] === undefined ? match : String(params[name]),
  );

const fieldLabel = (field: ImportField): string =>
  spec?.fields.find((candidate) => candidate.key === field)?.label ?? field;
const transactionLabel = (field: TransactionImportField): string =>
  spec?.transactionFields.find((candidate) => candidate.key === field)?.label ?? field;

function showError(message: string): void {
  const box = byId('form-error');
  setText(box, message);
  box.hidden = message === '';
}

function showResult(message: string): void {
  const box = byId('result');
  setText(box, message);
  box.hidden = message === '';
}

async function load(): Promise<void> {
  setBusy(page, true);
  setText(byId('busy'), '…');
  try {
    const result = await callServer('getImportForm');
    if (!result.ok) return showError(result.error.message);
    spec = result.value;
    document.documentElement.lang = spec.language;
    setText(byId('intro'), m('import.intro'));
    setText(byId('table-label'), m('import.table'));
    setText(byId('table-help'), m('import.introTransactions'));
    byId('table').replaceChildren(
      ...spec.tables.map((choice) => el('option', { text: choice.label, attrs: { value: choice.key } })),
    );
    byId<HTMLSelectElement>('table').value = table;
    setText(byId('file-label'), m('import.pickFile'));
    setText(byId('mapping-title'), m('import.mapping'));
    setText(byId('defaults-title'), m('import.defaults'));
    setText(byId('preview-title'), m('import.preview'));
    setText(byId('check'), m('import.check'));
    setText(byId('start'), m('import.start'));
    setText(byId('skip-bad-label'), m('import.skipBad'));
    renderDefaults();
  } catch (error) {
    showError(error instanceof Error ? error.message : String(error));
  } finally {
    setText(byId('busy'), '');
    setBusy(page, false);
  }
}

function select(
  id: string,
  choices: { key: string; label: string }[],
  empty: string,
  selected = '',
): HTMLSelectElement {
  const box = el('select', { attrs: { id } });
  box.append(el('option', { text: empty, attrs: { value: '' } }));
  for (const choice of choices) box.append(el('option', { text: choice.label, attrs: { value: choice.key } }));
  box.value = selected;
  return box;
}

function renderDefaults(): void {
  if (!spec) return;
  const none = m('common.none');
  const owner = select(
    'default-owner',
    spec.team.map((member) => ({ key: member.email, label: `${member.name} <${member.email}>` })),
    none,
    spec.currentUser,
  );
  const type = select('default-customerType', spec.customerTypes, none);
  const source = select('default-source', spec.sources, none);
  const needs = el('input', { attrs: { id: 'default-needs', type: 'text' } });
  byId('defaults').replaceChildren(
    el('label', { className: 'header', text: m('import.defaultOwner'), attrs: { for: owner.id } }),
    owner,
    el('label', { className: 'header', text: m('import.defaultType'), attrs: { for: type.id } }),
    type,
    el('label', { className: 'header', text: m('import.defaultSource'), attrs: { for: source.id } }),
    source,
    el('label', { className: 'header', text: m('import.defaultNeeds'), attrs: { for: needs.id } }),
    needs,
  );
}

function readDefaults(): ImportDefaults {
  const value = (id: string): string => (byId<HTMLInputElement | HTMLSelectElement>(id).value ?? '').trim();
  const defaults: ImportDefaults = {};
  const owner = value('default-owner');
  const customerType = value('default-customerType');
  const source = value('default-source');
  const needs = value('default-needs');
  if (owner) defaults.owner = owner;
  if (customerType) defaults.customerType = customerType;
  if (source) defaults.source = source;
  if (needs) defaults.needs = needs;
  return defaults;
}

/** The mapping the shared modules propose for the chosen table. */
function proposed(headers: readonly string[]): readonly (string | null)[] {
  return table === 'transactions' ? proposeTransactionMapping(headers) : proposeMapping(headers);
}

function renderMapping(headers: readonly string[], mapping: readonly (string | null)[]): void {
  const cells: HTMLElement[] = [];
  const choices =
    table === 'transactions'
      ? TRANSACTION_IMPORT_FIELDS.map((field) => ({ key: field, label: transactionLabel(field) }))
      : IMPORT_FIELDS.map((field) => ({ key: field, label: fieldLabel(field) }));
  headers.forEach((header, index) => {
    const box = select(`map-${index}`, choices, m('import.ignoreColumn'), mapping[index] ?? '');
    box.dataset.column = String(index);
    cells.push(el('label', { className: 'header', text: header, attrs: { for: box.id, title: header } }), box);
  });
  byId('mapping').replaceChildren(...cells);
}

function rawMapping(width: number): string[] {
  const raw: string[] = [];
  for (let index = 0; index < width; index++) raw.push(byId<HTMLSelectElement>(`map-${index}`).value);
  return raw;
}

function readMapping(width: number): ColumnMapping {
  return sanitizeMapping(rawMapping(width), width);
}

function readTransactionMapping(width: number): (TransactionImportField | null)[] {
  return sanitizeMappingOf(rawMapping(width), width, isTransactionImportField);
}

function renderPreview(current: ImportFile): void {
  const head = el(
    'tr',
    {},
    current.headers.map((header) => el('th', { text: header })),
  );
  const rows = current.records.slice(0, PREVIEW_ROWS).map((record) =>
    el(
      'tr',
      {},
      record.cells.map((cell) => el('td', { text: cell, attrs: { title: cell } })),
    ),
  );
  byId('preview').replaceChildren(head, ...rows);
}

function resetReport(): void {
  checked = null;
  byId('report').hidden = true;
  byId('missing').hidden = true;
  showResult('');
}

/** Shows what the chosen table needs: its help line, the defaults (customers only), its mapping. */
function showTable(): void {
  byId('table-help').hidden = table !== 'transactions';
  byId('defaults-box').hidden = table !== 'customers';
  if (file && spec) renderMapping(file.headers, proposed(file.headers));
}

function onTable(value: string): void {
  const choice = spec?.tables.find((candidate) => candidate.key === value);
  if (!choice) return;
  table = choice.key;
  showError('');
  resetReport();
  showTable();
}

async function onFile(input: HTMLInputElement): Promise<void> {
  showError('');
  resetReport();
  byId('setup').hidden = true;
  const picked = input.files?.[0];
  if (!picked || !spec) return;
  const bytes = new Uint8Array(await picked.arrayBuffer());
  file = readImportFile(bytes, decoder);
  importId = newRequestId();
  const delimiterKey = file.delimiter === ',' ? 'comma' : file.delimiter === ';' ? 'semicolon' : 'tab';
  setText(
    byId('file-info'),
    m('import.fileInfo', {
      rows: file.records.length,
      encoding: m(`import.encoding.${file.encoding}` as MessageKey),
      delimiter: m(`import.delimiter.${delimiterKey}` as MessageKey),
    }),
  );
  if (file.records.length === 0) return showError(m('import.emptyFile'));
  if (file.records.length > spec.maxRows) {
    return showError(m('import.tooManyRows', { rows: file.records.length, max: spec.maxRows }));
  }
  if (file.unterminatedQuote) showError(m('import.unterminatedQuote'));
  renderMapping(file.headers, proposed(file.headers));
  renderPreview(file);
  byId('setup').hidden = false;
}

function renderProblems(problems: readonly ImportRowProblem[]): void {
  const title = byId('problems-title');
  title.hidden = problems.length === 0;
  setText(title, m('import.problems', { count: problems.length }));
  const items = problems
    .slice(0, MAX_PROBLEMS_SHOWN)
    .map((problem) => el('li', { text: `${m('import.line', { line: problem.line })}: ${problem.messages.join(' ')}` }));
  if (problems.length > MAX_PROBLEMS_SHOWN) items.push(el('li', { text: '…' }));
  byId('problems').replaceChildren(...items);
}

/** Why the mapping can't go ahead for the chosen table (a required field nothing feeds), or ''. */
function missingMessage(width: number): string {
  if (table === 'transactions') {
    const groups = unmappedTransactionRequired(readTransactionMapping(width));
    if (groups.length === 0) return '';
    const fields = groups.map((group) => group.map(transactionLabel).join(m('import.or'))).join(', ');
    return m('import.missingColumns', { fields });
  }
  const missing = unmappedRequired(readMapping(width), readDefaults());
  return missing.length === 0 ? '' : m('import.missingRequired', { fields: missing.map(fieldLabel).join(', ') });
}

/** The file mapped for the chosen table and checked as a whole (before anything is sent). */
function checkCurrent(current: ImportFile, team: ImportForm['team']): Checked {
  const width = current.headers.length;
  if (table === 'transactions') {
    return { table, check: checkTransactionFile(current, readTransactionMapping(width)), problems: [] };
  }
  const defaults = readDefaults();
  const fileCheck = checkFile(current, readMapping(width), defaults, team, fieldLabel, m);
  return { table: 'customers', check: fileCheck, problems: [], defaults };
}

async function check(): Promise<void> {
  if (!spec || !file) return;
  showError('');
  resetReport();
  const missing = missingMessage(file.headers.length);
  const missingBox = byId('missing');
  missingBox.hidden = missing === '';
  setText(missingBox, missing);
  if (missing !== '') return;
  const current = file;
  const { chunkSize } = spec;
  setBusy(page, true);
  try {
    const pending = checkCurrent(current, spec.team);
    const total = pending.check.rows.length;
    const progress: Progress = (done) => setText(byId('busy'), m('import.checking', { done, total }));
    const outcome: DryRunOutcome =
      pending.table === 'customers'
        ? await dryRun(pending.check, importId, pending.defaults, chunkSize, calls, progress)
        : await dryRun(pending.check, importId, {}, chunkSize, transactionCalls, progress);
    if (!outcome.ok) return showError(outcome.message);
    checked = { ...pending, problems: outcome.problems };
    setText(byId('summary'), m('import.checkedAll', { good: total - outcome.problems.length, total }));
    const resumed = byId('resumed');
    resumed.hidden = outcome.alreadyImported === 0;
    setText(resumed, m('import.resumed', { count: outcome.alreadyImported }));
    renderProblems(outcome.problems);
    byId('skip-box').hidden = outcome.problems.length === 0;
    byId<HTMLInputElement>('skip-bad').checked = false;
    byId('report').hidden = false;
  } catch (error) {
    showError(error instanceof Error ? error.message : String(error));
  } finally {
    setText(byId('busy'), '');
    setBusy(page, false);
  }
}

async function start(): Promise<void> {
  if (!spec || !checked) return;
  showError('');
  showResult('');
  const current = checked;
  const { problems } = current;
  const skip = byId<HTMLInputElement>('skip-bad').checked;
  if (problems.length > 0 && !skip) return showError(m('import.nothingToImport'));
  const bad = new Set(problems.map((problem) => problem.line));
  const keep = (row: { line: number }): boolean => !bad.has(row.line);
  const { chunkSize } = spec;
  setBusy(page, true);
  try {
    let outcome: WriteOutcome;
    if (current.table === 'customers') {
      const rows = current.check.rows.filter(keep);
      const progress: Progress = (done) => setText(byId('busy'), m('import.importing', { done, total: rows.length }));
      outcome = await writeRows(rows, importId, current.defaults, chunkSize, calls, progress);
    } else {
      const rows = current.check.rows.filter(keep);
      const progress: Progress = (done) => setText(byId('busy'), m('import.importing', { done, total: rows.length }));
      outcome = await writeRows(rows, importId, {}, chunkSize, transactionCalls, progress);
    }
    if (outcome.ok) {
      const done = current.table === 'transactions' ? 'import.doneTransactions' : 'import.done';
      showResult(m(done, { count: outcome.imported + outcome.alreadyImported, skipped: bad.size }));
      byId('report').hidden = true;
      return;
    }
    if (outcome.problems.length > 0) renderProblems(outcome.problems);
    showError(m('import.stopped', { message: outcome.message }));
  } finally {
    setText(byId('busy'), '');
    setBusy(page, false);
  }
}

byId<HTMLInputElement>('file').addEventListener('change', (event) => {
  void onFile(event.target as HTMLInputElement).catch((error: unknown) =>
    showError(error instanceof Error ? error.message : String(error)),
  );
});
byId<HTMLSelectElement>('table').addEventListener('change', (event) =>
  onTable((event.target as HTMLSelectElement).value),
);
byId('check').addEventListener('click', () => void check());
byId('start').addEventListener('click', () => void start());

void load();
