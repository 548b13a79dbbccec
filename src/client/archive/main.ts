import '../common/base.css';
import '../common/form.css';
import type { ArchiveFileInfo, ArchiveForm } from '../../shared/rpc/archive';
import { parseBeforeYear } from '../../shared/rules/archive';
import { byId, el, setBusy, setText } from '../common/dom';
import { fieldMessages, pageText, showFormError, submitForm } from '../common/page';
import { callServer } from '../common/rpc';

/**
 * Archive old records (managers): the cut-off year (proposed from Settings), how many records it would move
 * (counted again when the year changes), the archive spreadsheets made so far, and a run that stopped
 * part-way. The server moves the records and says what moved.
 */
const page = byId('page');
const form = byId<HTMLFormElement>('form');
let spec: ArchiveForm | null = null;

const m = pageText(() => spec?.messages);

function showFiles(files: readonly ArchiveFileInfo[]): void {
  byId('files-section').hidden = files.length === 0;
  setText(byId('files-title'), m('archive.files'));
  byId('files').replaceChildren(
    ...files.map((file) =>
      el('li', {}, [el('a', { text: file.name, attrs: { href: file.url, target: '_blank', rel: 'noopener' } })]),
    ),
  );
}

let previewSeq = 0;

/** Counts what the year typed would move; an answer to an older year is dropped. */
async function preview(): Promise<void> {
  if (!spec) return;
  const before = byId<HTMLInputElement>('before').value;
  const line = byId('preview');
  const seq = ++previewSeq;
  if ('error' in parseBeforeYear(before, spec.maxBefore)) return setText(line, '');
  setText(line, m('archive.counting'));
  line.dataset.state = 'counting';
  try {
    const result = await callServer('previewArchive', { before });
    if (seq !== previewSeq) return;
    setText(line, result.ok ? result.value.message : result.error.message);
  } catch (error) {
    if (seq === previewSeq) setText(line, error instanceof Error ? error.message : String(error));
  }
  if (seq === previewSeq) line.dataset.state = 'counted';
}

async function load(): Promise<void> {
  setBusy(page, true);
  try {
    const result = await callServer('getArchiveForm');
    if (!result.ok) return showFormError(result.error.message);
    spec = result.value;
    document.documentElement.lang = spec.language;
    setText(byId('intro'), m('archive.intro'));
    setText(byId('before-label'), m('archive.before'));
    setText(byId('before-help'), m('archive.beforeHelp'));
    setText(byId('submit'), m('archive.submit'));
    setText(byId('busy'), m('archive.saving'));
    const input = byId<HTMLInputElement>('before');
    input.value = String(spec.inProgress?.before ?? spec.defaultBefore);
    input.max = String(spec.maxBefore);
    const progress = byId('in-progress');
    progress.hidden = spec.inProgress === null;
    if (spec.inProgress) setText(progress, m('archive.inProgress', { ...spec.inProgress }));
    showFiles(spec.files);
    form.hidden = false;
    void preview();
  } catch (error) {
    showFormError(error instanceof Error ? error.message : String(error));
  } finally {
    setBusy(page, false);
  }
}

async function submit(): Promise<void> {
  if (!spec) return;
  const before = byId<HTMLInputElement>('before').value;
  const parsed = parseBeforeYear(before, spec.maxBefore);
  await submitForm(form, {
    fieldErrors: fieldMessages({ before: 'error' in parsed ? parsed.error : undefined }, m),
    invalidMessage: m('error.validation'),
    call: () => callServer('runArchive', { before }),
    onSaved: (result) => {
      setText(byId('saved-message'), result.message);
      showFiles(result.files);
    },
  });
}

byId('before').addEventListener('change', () => void preview());
form.addEventListener('submit', (event) => {
  event.preventDefault();
  void submit();
});
void load();
