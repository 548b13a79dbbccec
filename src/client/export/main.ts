import '../common/base.css';
import '../common/form.css';
import './style.css';
import type { ExportOptions } from '../../shared/csv/contract';
import { CSV_BOM } from '../../shared/csv/write';
import { byId, el, setBusy, setText } from '../common/dom';
import { callServer } from '../common/rpc';
import { pageText } from '../common/page';

/**
 * Export CSV (managers): the server returns the table as CSV text; the sidebar makes a UTF-8 file with a
 * byte-order mark (so Excel opens Chinese correctly) and downloads it through an <a download> link.
 */
const page = byId('page');
let spec: ExportOptions | null = null;

const m = pageText(() => spec?.messages);

function showError(message: string): void {
  const box = byId('form-error');
  setText(box, message);
  box.hidden = message === '';
}

async function load(): Promise<void> {
  setBusy(page, true);
  try {
    const result = await callServer('getExportOptions');
    if (!result.ok) return showError(result.error.message);
    spec = result.value;
    document.documentElement.lang = spec.language;
    setText(byId('intro'), m('export.intro'));
    setText(byId('table-label'), m('export.table'));
    setText(byId('download'), m('export.submit'));
    setText(byId('busy'), m('export.working'));
    setText(byId('access-note'), m('export.accessNote'));
    byId('table').replaceChildren(
      ...spec.tables.map((table) => el('option', { text: table.label, attrs: { value: table.key } })),
    );
    byId('form').hidden = false;
  } catch (error) {
    showError(error instanceof Error ? error.message : String(error));
  } finally {
    setBusy(page, false);
  }
}

function download(fileName: string, csv: string): void {
  const blob = new Blob([CSV_BOM, csv], { type: 'text/csv;charset=utf-8' });
  const url = URL.createObjectURL(blob);
  const link = el('a', { attrs: { href: url, download: fileName } });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60000);
}

async function exportSelected(): Promise<void> {
  showError('');
  const result = byId('result');
  result.hidden = true;
  setBusy(page, true);
  try {
    const answer = await callServer('exportTable', { table: byId<HTMLSelectElement>('table').value });
    if (!answer.ok) return showError(answer.error.message);
    download(answer.value.fileName, answer.value.csv);
    setText(result, m('export.done', { rows: answer.value.rows, file: answer.value.fileName }));
    result.hidden = false;
  } catch (error) {
    showError(error instanceof Error ? error.message : String(error));
  } finally {
    setBusy(page, false);
  }
}

byId('download').addEventListener('click', () => void exportSelected());
void load();
