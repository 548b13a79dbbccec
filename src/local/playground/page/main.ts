import './style.css';
import { api, ApiError, type MenuEntry, type PlaygroundState, type SentMail } from './client';
import { byId, el } from './dom';
import { GridRenderer } from './grid';

/**
 * The playground page: draws the state the server returns (menus, tabs, grid, sidebar, dialog, alerts,
 * toasts, clock, user, outbox) and sends each user action to the server, then re-fetches the state.
 * The add-on's sidebar and dialog pages run in iframes with the google.script shim (gas-shim.ts); they
 * tell this page through postMessage when a call finished or they want to close.
 */
let state: PlaygroundState | null = null;
let currentSheet: string | null = null;
/** The runtime's active range last seen; undefined before the first refresh. */
let lastActive: string | null | undefined;
let currentView: number | null = null;
/** Another spreadsheet shown read-only (an archive the add-on made), or null for the bound document. */
let currentBook: string | null = null;
let offset = 0;
let sidebarSeq = -1;
let dialogSeq = -1;
let toastsSeen = -1;

const grid = new GridRenderer(byId<HTMLTableElement>('grid'), byId('grid-wrap'), {
  select: (a1, display) => {
    setText('cell-name', a1);
    setText('cell-content', display);
    if (currentSheet && currentBook === null) void act(() => api('/api/select', { sheet: currentSheet, a1 }), false);
  },
  edit: (a1, text) =>
    currentBook === null
      ? act(() => api('/api/edit', { sheet: currentSheet, a1, text }))
      : Promise.resolve(showError('This spreadsheet is shown read-only in the playground.')),
});

function setText(id: string, text: string): void {
  byId(id).textContent = text;
}

function showError(message: string | null): void {
  const banner = byId('error-banner');
  banner.textContent = message ?? '';
  banner.hidden = message === null;
}

let messageSeq = 0;

/** Sheets' captions for Ui.Button values. */
const BUTTON_CAPTIONS: Record<string, string> = { OK: 'OK', CANCEL: 'Cancel', YES: 'Yes', NO: 'No' };

/**
 * Shows a modal the way Sheets shows an alert: title, text and buttons (default just OK). `onAnswer` gets
 * the button clicked, or CLOSE for the ✕.
 */
function showMessage(
  title: string,
  text: string,
  onAnswer?: (button: string) => void,
  buttons: readonly string[] = ['OK'],
): void {
  setText('alert-title', title);
  setText('alert-text', text);
  const overlay = byId('alert-overlay');
  overlay.hidden = false;
  // Which message is up, so a test can wait for the next one.
  overlay.dataset.alert = String(++messageSeq);
  const answer = (button: string) => {
    overlay.hidden = true;
    onAnswer?.(button);
  };
  const nodes = buttons.map((button) => {
    const node = el('button', {
      text: BUTTON_CAPTIONS[button] ?? button,
      attrs: {
        type: 'button',
        id: button === 'OK' ? 'alert-ok' : `alert-${button.toLowerCase()}`,
        'data-button': button,
      },
    });
    node.onclick = () => answer(button);
    return node;
  });
  byId('alert-buttons').replaceChildren(...nodes);
  byId('alert-close').onclick = () => answer('CLOSE');
  nodes[0]?.focus();
}

/** Runs an action, shows its error (validation rejections as a modal), then refreshes. */
async function act(action: () => Promise<unknown>, refreshAfter = true): Promise<void> {
  try {
    showError(null);
    const result = (await action()) as { ok?: boolean; error?: { message?: string } } | null;
    if (result && result.ok === false && result.error?.message) {
      showMessage('Error', result.error.message);
    }
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (error instanceof ApiError && error.status === 422) showMessage('There was a problem', message);
    else showError(message);
  }
  if (refreshAfter) await refresh();
}

async function refresh(): Promise<void> {
  const query = new URLSearchParams();
  if (currentSheet) query.set('sheet', currentSheet);
  if (currentView !== null) query.set('view', String(currentView));
  if (currentBook !== null) query.set('book', currentBook);
  if (offset) query.set('offset', String(offset));
  try {
    state = await api<PlaygroundState>(`/api/state?${query}`);
  } catch (error) {
    showError(error instanceof Error ? error.message : String(error));
    return;
  }
  // When the add-on activates a range (e.g. selects the row it just saved), Sheets takes the user there.
  const activated = state.active !== lastActive && lastActive !== undefined;
  lastActive = state.active;
  if (activated && state.activeSheet && state.activeSheet !== currentSheet) {
    currentSheet = state.activeSheet;
    return refresh();
  }
  render(state);
}

function render(s: PlaygroundState): void {
  currentSheet = s.sheet;
  currentView = s.grid?.filterViewId ?? null;
  currentBook = s.book;
  document.body.dataset.sheet = s.sheet ?? '';
  setText('doc-name', s.spreadsheet.name);
  setText('addon-name', s.addonName);
  setText('clock', s.clock.display);
  setText('clock-zone', s.clock.timeZone);
  setText('outbox-count', String(s.outboxCount));
  renderMenu(s.menu);
  renderUsers(s);
  renderBooks(s);
  renderTabs(s);
  renderFilterViews(s);
  if (s.grid) grid.render(s.grid, s.selection);
  renderPager(s);
  renderSidebar(s);
  renderDialog(s);
  renderAlerts(s);
  renderToasts(s);
}

function menuNodes(items: MenuEntry[]): HTMLElement[] {
  return items.map((item) => {
    if (item.type === 'separator') return el('div', { className: 'menu-separator', attrs: { role: 'separator' } });
    if (item.type === 'submenu') {
      const sub = el('div', { className: 'menu-popup submenu', attrs: { role: 'menu' } }, menuNodes(item.items));
      return el('div', { className: 'menu-row has-submenu', attrs: { role: 'menuitem', tabindex: '0' } }, [
        el('span', { text: item.caption }),
        el('span', { className: 'chevron', text: '▸' }),
        sub,
      ]);
    }
    const button = el('button', {
      className: 'menu-item',
      text: item.caption,
      attrs: { type: 'button', role: 'menuitem', 'data-function': item.functionName },
    });
    button.addEventListener('click', () => {
      closeMenus();
      void act(() => api('/api/menu', { item: item.functionName }));
    });
    return button;
  });
}

function renderMenu(items: MenuEntry[]): void {
  const menu = byId('addon-menu');
  menu.replaceChildren(...menuNodes(items));
  if (items.length === 0)
    menu.append(el('div', { className: 'menu-item muted', text: '(no menu: onOpen added none)' }));
}

function closeMenus(): void {
  byId('extensions-menu').hidden = true;
  byId('addon-menu-row').classList.remove('open');
  byId('menu-extensions').setAttribute('aria-expanded', 'false');
}

function renderUsers(s: PlaygroundState): void {
  const select = byId<HTMLSelectElement>('user');
  if (select.options.length !== s.users.length) {
    select.replaceChildren(...s.users.map((email) => el('option', { text: email, attrs: { value: email } })));
  }
  select.value = s.user;
}

function renderTabs(s: PlaygroundState): void {
  const tabs = s.sheets
    .filter((sheet) => !sheet.hidden)
    .map((sheet) => {
      const tab = el('button', {
        className: 'tab',
        text: sheet.name,
        attrs: { type: 'button', role: 'tab', 'aria-selected': String(sheet.name === s.sheet) },
      });
      tab.addEventListener('click', () => {
        currentSheet = sheet.name;
        currentView = null;
        offset = 0;
        if (currentBook !== null) void refresh();
        else void act(() => api('/api/select', { sheet: sheet.name, a1: 'A1' }));
      });
      return tab;
    });
  byId('tabs').replaceChildren(...tabs);
}

function renderBooks(s: PlaygroundState): void {
  byId('book-picker').hidden = s.spreadsheets.length < 2;
  const select = byId<HTMLSelectElement>('book');
  select.replaceChildren(
    ...s.spreadsheets.map((book) => el('option', { text: book.name, attrs: { value: book.bound ? '' : book.id } })),
  );
  select.value = s.book ?? '';
}

function renderFilterViews(s: PlaygroundState): void {
  const picker = byId('filter-view-picker');
  picker.hidden = s.filterViews.length === 0;
  const select = byId<HTMLSelectElement>('filter-view');
  select.replaceChildren(
    el('option', { text: '(none)', attrs: { value: '' } }),
    ...s.filterViews.map((view) => el('option', { text: view.title, attrs: { value: String(view.id) } })),
  );
  select.value = currentView === null ? '' : String(currentView);
}

function renderPager(s: PlaygroundState): void {
  const pager = byId('pager');
  const g = s.grid;
  if (!g || g.totalRows <= g.limit) {
    pager.replaceChildren(g ? el('span', { className: 'muted', text: `${g.totalRows} rows` }) : '');
    return;
  }
  const label = el('span', {
    className: 'muted',
    text: `rows ${g.offset + 1}–${Math.min(g.totalRows, g.offset + g.limit)} of ${g.totalRows}`,
  });
  const prev = el('button', { text: '‹', attrs: { type: 'button', 'aria-label': 'Previous rows' } });
  const next = el('button', { text: '›', attrs: { type: 'button', 'aria-label': 'Next rows' } });
  prev.disabled = g.offset === 0;
  next.disabled = g.offset + g.limit >= g.totalRows;
  prev.onclick = () => {
    offset = Math.max(0, g.offset - g.limit);
    void refresh();
  };
  next.onclick = () => {
    offset = g.offset + g.limit;
    void refresh();
  };
  pager.replaceChildren(label, prev, next);
}

function renderSidebar(s: PlaygroundState): void {
  const aside = byId('sidebar');
  if (!s.sidebar) {
    aside.hidden = true;
    sidebarSeq = -1;
    return;
  }
  aside.hidden = false;
  setText('sidebar-title', s.sidebar.title);
  if (s.sidebar.seq !== sidebarSeq) {
    sidebarSeq = s.sidebar.seq;
    byId<HTMLIFrameElement>('sidebar-frame').src = `/surface/sidebar?seq=${sidebarSeq}`;
  }
}

function renderDialog(s: PlaygroundState): void {
  const overlay = byId('dialog-overlay');
  if (!s.dialog) {
    overlay.hidden = true;
    dialogSeq = -1;
    return;
  }
  overlay.hidden = false;
  setText('dialog-title', s.dialog.title);
  const box = byId('dialog');
  box.style.width = `${s.dialog.width}px`;
  const frame = byId<HTMLIFrameElement>('dialog-frame');
  if (s.dialog.seq !== dialogSeq) {
    dialogSeq = s.dialog.seq;
    frame.style.height = `${s.dialog.height}px`;
    frame.src = `/surface/dialog?seq=${dialogSeq}`;
  }
}

function renderAlerts(s: PlaygroundState): void {
  if (!byId('alert-overlay').hidden) return;
  // Alerts shown first came first (an OK alert the script showed before its question).
  const alert = s.alerts[0];
  if (alert) {
    showMessage(alert.title, alert.prompt, () => {
      void act(() => api('/api/alert/dismiss', { id: alert.id }));
    });
    return;
  }
  const question = s.question;
  if (question) {
    // The add-on asked and waits: the answer replays its menu function with this button (session.ts).
    showMessage(
      question.title,
      question.prompt,
      (button) => void act(() => api('/api/alert/answer', { id: question.id, button })),
      question.buttons,
    );
  }
}

function renderToasts(s: PlaygroundState): void {
  if (toastsSeen < 0) toastsSeen = s.toasts.total; // toasts from before this page load are old news
  const fresh = s.toasts.total - toastsSeen;
  toastsSeen = s.toasts.total;
  for (const toast of s.toasts.recent.slice(-Math.min(fresh, s.toasts.recent.length))) {
    if (fresh <= 0) break;
    showToast(toast.title, toast.message, Math.min(Math.max(toast.timeoutSeconds, 1), 5));
  }
}

function showToast(title: string, message: string, seconds = 4): void {
  const node = el('div', { className: 'toast', attrs: { role: 'status' } }, [
    ...(title ? [el('strong', { text: title })] : []),
    el('span', { text: message }),
  ]);
  byId('toasts').append(node);
  setTimeout(() => node.remove(), seconds * 1000);
}

async function openOutbox(): Promise<void> {
  const panel = byId('outbox');
  panel.hidden = false;
  const list = byId('outbox-list');
  const frame = byId<HTMLIFrameElement>('outbox-body');
  frame.srcdoc = '';
  const mails = await api<SentMail[]>('/api/outbox');
  list.replaceChildren(
    ...(mails.length === 0 ? [el('li', { className: 'muted', text: 'No mail sent yet.' })] : []),
    ...mails
      .slice()
      .reverse()
      .map((mail) => {
        const item = el('li', {}, [
          el('strong', { text: mail.subject || '(no subject)' }),
          el('div', {
            className: 'muted',
            text: `to ${mail.to.join(', ')} · ${new Date(mail.sentAtMs).toISOString()}`,
          }),
        ]);
        item.addEventListener('click', () => {
          // sandbox="" on the frame: the mail's HTML can't run scripts or reach this page.
          frame.srcdoc =
            mail.htmlBody ?? `<pre style="white-space:pre-wrap;font:13px sans-serif">${escapeText(mail.body)}</pre>`;
        });
        return item;
      }),
  );
}

function escapeText(text: string): string {
  return text.replace(/[&<>"]/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[ch] as string);
}

// ---- wiring ----

byId('menu-extensions').addEventListener('click', (event) => {
  event.stopPropagation();
  const menu = byId('extensions-menu');
  menu.style.left = `${byId('menu-extensions').offsetLeft}px`;
  menu.hidden = !menu.hidden;
  byId('menu-extensions').setAttribute('aria-expanded', String(!menu.hidden));
});
byId('addon-menu-row').addEventListener('click', (event) => {
  if ((event.target as HTMLElement).closest('#addon-menu')) return;
  byId('addon-menu-row').classList.toggle('open');
});
document.addEventListener('click', (event) => {
  if (!(event.target as HTMLElement).closest('#extensions-menu, #menu-extensions')) closeMenus();
});
for (const id of ['advance-1', 'advance-7', 'advance-30']) {
  byId(id).addEventListener('click', () => {
    const days = Number(byId(id).dataset.days);
    void act(async () => {
      const result = await api<{ triggerRuns: { handler: string; ok: boolean; error?: string }[] }>('/api/clock', {
        days,
      });
      const failed = result.triggerRuns.filter((run) => !run.ok);
      showToast(
        `+${days} day${days === 1 ? '' : 's'}`,
        `${result.triggerRuns.length} trigger run(s)${failed.length ? `, ${failed.length} failed: ${failed[0]?.error ?? ''}` : ''}`,
      );
      return result;
    });
  });
}
byId<HTMLSelectElement>('user').addEventListener('change', (event) => {
  void act(() => api('/api/user', { email: (event.target as HTMLSelectElement).value }));
});
byId('demo').addEventListener('click', () => {
  void act(async () => {
    const result = await api<{ report: { rows: Record<string, number> } }>('/api/demo', { customers: 40 });
    // A fresh workbook's Sheet1 is gone after the install: show the customers (the first sheet).
    if (!state?.sheets.some((sheet) => sheet.name === currentSheet) || currentSheet === 'Sheet1') currentSheet = null;
    showToast('Demo data', `${result.report.rows.customers ?? 0} customers loaded`);
    return result;
  });
});
byId('reset').addEventListener('click', () => {
  currentSheet = null;
  currentView = null;
  offset = 0;
  void act(() => api('/api/reset', {}));
});
byId('outbox-button').addEventListener(
  'click',
  () => void openOutbox().catch((error: Error) => showError(error.message)),
);
byId('outbox-close').addEventListener('click', () => {
  byId('outbox').hidden = true;
});
byId<HTMLSelectElement>('book').addEventListener('change', (event) => {
  const value = (event.target as HTMLSelectElement).value;
  currentBook = value === '' ? null : value;
  currentSheet = null;
  currentView = null;
  offset = 0;
  void refresh();
});
byId<HTMLSelectElement>('filter-view').addEventListener('change', (event) => {
  const value = (event.target as HTMLSelectElement).value;
  currentView = value === '' ? null : Number(value);
  offset = 0;
  void refresh();
});
byId('sidebar-close').addEventListener('click', () => void act(() => api('/api/sidebar/close', {})));
byId('dialog-close').addEventListener('click', () => void act(() => api('/api/dialog/close', {})));

/** Messages from the add-on's frames (gas-shim.ts). */
window.addEventListener('message', (event: MessageEvent) => {
  if (event.origin !== window.location.origin) return;
  const data = event.data as { source?: string; type?: string; surface?: string; height?: number } | null;
  if (!data || data.source !== 'gas-playground') return;
  if (data.type === 'ran') void refresh();
  if (data.type === 'close') {
    void act(() => api(data.surface === 'dialog' ? '/api/dialog/close' : '/api/sidebar/close', {}));
  }
  if (data.type === 'setHeight' && data.surface === 'dialog' && typeof data.height === 'number') {
    byId('dialog-frame').style.height = `${data.height}px`;
  }
});

void refresh();
