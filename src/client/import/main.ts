import '../common/base.css';
import '../common/form.css';
import './style.css';
import type { ImportDefaults, ImportForm, ImportRowProblem } from '../../shared/csv/contract';
import type { DecoderFactory } from '../../shared/csv/decode';
import {
  IMPORT_FIELDS,
  proposeMapping,
  sanitizeMapping,
  type ColumnMapping,
  type ImportField,
} from '../../shared/csv/mapping';
import {
  checkFile,
  dryRun,
  readImportFile,
  unmappedRequired,
  writeRows,
  type FileCheck,
  type ImportCalls,
  type ImportFile,
} from '../../shared/csv/plan';
import type { MessageKey } from '../../shared/i18n/translate';
import { byId, el, setBusy, setText } from '../common/dom';
import { newRequestId } from '../common/request-id';
import { callServer } from '../common/rpc';

/**
 * Import customers (CSV): the sidebar reads the file's bytes, detects encoding and delimiter, proposes the
 * column mapping, checks every row with the intake rules and duplicates within the file, then asks the
 * server for a dry run of every chunk; only then, if the file is clean or the rep chose to skip the problem
 * rows, it writes chunk by chunk. One import id per file: pressing Import again after an interruption
 * resumes without adding any row twice.
 */
const page = byId('page');
const PREVIEW_ROWS = 5;
const MAX_PROBLEMS_SHOWN = 300;
let spec: ImportForm | null = null;
let file: ImportFile | null = null;
let importId = newRequestId();
let checked: { check: FileCheck; problems: ImportRowProblem[]; defaults: ImportDefaults } | null = null;

const decoder: DecoderFactory = (label, fatal) => new TextDecoder(label, { fatal });
const calls: ImportCalls = {
  validate: (request) => callServer('validateImportChunk', request),
  write: (request) => callServer('importChunk', request),
};

const m = (key: MessageKey, params: Record<string, string | number> = {}): string =>
  (spec?.messages[key] ?? key).replace(/\{(\w+)\}/g, (match, name: string) =>
    params[name] === undefined ? match : String(params[name]),
  );

const fieldLabel = (field: ImportField): string =>
  spec?.fields.find((candidate) => candidate.key === field)?.label ?? field;

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

function renderMapping(headers: readonly string[], mapping: ColumnMapping): void {
  const cells: HTMLElement[] = [];
  const choices = IMPORT_FIELDS.map((field) => ({ key: field, label: fieldLabel(field) }));
  headers.forEach((header, index) => {
    const box = select(`map-${index}`, choices, m('import.ignoreColumn'), mapping[index] ?? '');
    box.dataset.column = String(index);
    cells.push(el('label', { className: 'header', text: header, attrs: { for: box.id, title: header } }), box);
  });
  byId('mapping').replaceChildren(...cells);
}

function readMapping(width: number): ColumnMapping {
  const raw: string[] = [];
  for (let index = 0; index < width; index++) raw.push(byId<HTMLSelectElement>(`map-${index}`).value);
  return sanitizeMapping(raw, width);
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
  showResult('');
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
  renderMapping(file.headers, proposeMapping(file.headers));
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

async function check(): Promise<void> {
  if (!spec || !file) return;
  showError('');
  resetReport();
  const mapping = readMapping(file.headers.length);
  const defaults = readDefaults();
  const missing = unmappedRequired(mapping, defaults);
  const missingBox = byId('missing');
  missingBox.hidden = missing.length === 0;
  setText(missingBox, m('import.missingRequired', { fields: missing.map(fieldLabel).join(', ') }));
  if (missing.length > 0) return;
  const current = file;
  const team = spec.team;
  setBusy(page, true);
  try {
    const fileCheck = checkFile(current, mapping, defaults, team, fieldLabel, m);
    const total = fileCheck.rows.length;
    const outcome = await dryRun(fileCheck, importId, defaults, spec.chunkSize, calls, (done) =>
      setText(byId('busy'), m('import.checking', { done, total })),
    );
    if (!outcome.ok) return showError(outcome.message);
    checked = { check: fileCheck, problems: outcome.problems, defaults };
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
  const { check: fileCheck, problems, defaults } = checked;
  const skip = byId<HTMLInputElement>('skip-bad').checked;
  if (problems.length > 0 && !skip) return showError(m('import.nothingToImport'));
  const bad = new Set(problems.map((problem) => problem.line));
  const rows = fileCheck.rows.filter((row) => !bad.has(row.line));
  const total = rows.length;
  setBusy(page, true);
  try {
    const outcome = await writeRows(rows, importId, defaults, spec.chunkSize, calls, (done) =>
      setText(byId('busy'), m('import.importing', { done, total })),
    );
    if (outcome.ok) {
      showResult(m('import.done', { count: outcome.imported + outcome.alreadyImported, skipped: bad.size }));
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
byId('check').addEventListener('click', () => void check());
byId('start').addEventListener('click', () => void start());

void load();
