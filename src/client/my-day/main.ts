import '../common/base.css';
import './style.css';
import type { MyDayView } from '../../shared/rpc/contract';
import { byId, el, setBusy, setText } from '../common/dom';
import { callServer } from '../common/rpc';

/**
 * My day: the rep's overdue and due-today actions, customers past their next follow-up, sleeping
 * customers and open tickets; each entry jumps to its row. Refreshes when the sidebar comes back into
 * view (after another sidebar saved) and every minute.
 */
const root = byId('my-day');
let view: MyDayView | null = null;

async function refresh(): Promise<void> {
  setBusy(root, true);
  try {
    const result = await callServer('getMyDay');
    const error = byId('error');
    if (!result.ok) {
      setText(error, result.error.message);
      error.hidden = false;
      return;
    }
    error.hidden = true;
    view = result.value;
    render(view);
  } finally {
    setBusy(root, false);
  }
}

function render(data: MyDayView): void {
  document.documentElement.lang = data.language;
  setText(byId('as-of'), data.asOf);
  setText(byId('refresh'), data.messages['myDay.refresh'] ?? '');
  setText(byId('busy'), data.messages['common.loading'] ?? '');
  byId('sections').replaceChildren(
    ...data.sections.map((section) => {
      const list = el('ul', { className: 'items' });
      if (section.items.length === 0)
        list.append(el('li', { className: 'muted', text: data.messages['myDay.empty'] ?? '' }));
      for (const item of section.items) {
        const button = el('button', { attrs: { type: 'button', 'data-id': item.id } }, [
          el('div', { text: `${item.title} · ${item.id}` }),
          el('div', { className: 'muted', text: item.detail }),
          el('div', { className: 'when', text: item.when }),
        ]);
        button.addEventListener('click', () => void callServer('openRecord', { table: item.table, id: item.id }));
        list.append(el('li', {}, [button]));
      }
      const more = section.total - section.items.length;
      if (more > 0) {
        const text = (data.messages['myDay.more'] ?? '{count}').replace('{count}', String(more));
        list.append(el('li', { className: 'muted more', text }));
      }
      return el('section', { className: `section-${section.key}`, attrs: { 'data-section': section.key } }, [
        el('h2', {}, [section.title, el('span', { className: 'count', text: String(section.total) })]),
        list,
      ]);
    }),
  );
}

byId('refresh').addEventListener('click', () => void refresh());
document.addEventListener('visibilitychange', () => {
  if (document.visibilityState === 'visible') void refresh();
});
window.setInterval(() => void refresh(), 60000);
void refresh();
