import type { GridCell, GridView } from './client';
import { el } from './dom';

/**
 * The sheet grid: a table with column letters and row numbers, the frozen rows sticky under the
 * letters, hidden columns left out, widths from the sheet, and per cell the runtime's display value
 * with its fonts, colours and conditional-format paint. Cells with a list validation get a dropdown
 * arrow, checkbox cells a checkbox. A double-click, Enter or typing opens an editor; committing goes to
 * the server as a user edit (typed input, validation enforced there).
 */
export interface GridHandlers {
  select(a1: string, display: string): void;
  edit(a1: string, text: string): Promise<void>;
}

const NUMBER_LIKE = /^[-+(¥$€]?[\d,.]+%?\)?$/;

export class GridRenderer {
  private view: GridView | null = null;
  private selected: HTMLTableCellElement | null = null;
  private editor: HTMLInputElement | null = null;
  private menu: HTMLElement | null = null;

  constructor(
    private readonly table: HTMLTableElement,
    private readonly wrap: HTMLElement,
    private readonly handlers: GridHandlers,
  ) {
    table.addEventListener('click', (event) => this.onClick(event));
    table.addEventListener('dblclick', (event) => {
      const cell = (event.target as HTMLElement).closest('td');
      if (cell && !cell.classList.contains('checkbox')) this.openEditor(cell, null);
    });
    document.addEventListener('keydown', (event) => this.onKey(event));
    document.addEventListener('mousedown', (event) => {
      if (this.menu && !this.menu.contains(event.target as Node)) this.closeMenu();
    });
  }

  render(view: GridView, selection: string | null): void {
    this.closeEditor();
    this.closeMenu();
    this.view = view;
    const visible = view.columns.filter((column) => !column.hidden);
    const colgroup = el('colgroup', {}, [
      el('col', { attrs: { style: 'width:46px' } }),
      ...visible.map((column) => el('col', { attrs: { style: `width:${column.width}px` } })),
    ]);
    const head = el('thead', {}, [
      el('tr', {}, [
        el('th', { className: 'row-header' }),
        ...visible.map((column) => el('th', { text: column.letter, attrs: { 'data-col': String(column.col) } })),
      ]),
    ]);
    const body = el('tbody');
    // A whole-row selection comes back as a block spanning the columns (A3:BF3): highlight those rows.
    const selectedRow = /^A(\d+):[A-Z]+(\d+)$/.exec(selection ?? '');
    for (const row of view.rows) {
      const frozen = row.row <= view.frozenRows;
      const tr = el('tr', { attrs: { 'data-row': String(row.row) } });
      if (frozen) tr.classList.add('frozen');
      if (frozen && row.row === view.frozenRows) tr.classList.add('last-frozen');
      if (selectedRow && Number(selectedRow[1]) <= row.row && row.row <= Number(selectedRow[2])) {
        tr.classList.add('selected-row');
      }
      tr.append(el('th', { className: 'row-header', text: String(row.row) }));
      for (const column of visible) {
        const cell = row.cells[column.col - 1] ?? { v: '' };
        const a1 = `${column.letter}${row.row}`;
        const td = this.renderCell(cell, a1);
        if (selection === a1) {
          td.classList.add('selected');
          this.selected = td;
        }
        tr.append(td);
      }
      body.append(tr);
    }
    this.table.replaceChildren(colgroup, head, body);
    // Width must be set for table-layout: fixed to honour the column widths.
    const total = 46 + visible.reduce((sum, column) => sum + column.width, 0);
    this.table.style.width = `${total}px`;
  }

  private renderCell(cell: GridCell, a1: string): HTMLTableCellElement {
    const td = el('td', { attrs: { 'data-a1': a1 } });
    td.dataset.value = cell.v;
    if (cell.cb !== undefined) {
      td.classList.add('checkbox');
      const box = el('input', { attrs: { type: 'checkbox', 'aria-label': a1 } });
      box.checked = cell.cb;
      td.append(box);
    } else {
      td.textContent = cell.v;
    }
    if (cell.bg) td.style.backgroundColor = cell.bg;
    if (cell.fc) td.style.color = cell.fc;
    if (cell.b) td.style.fontWeight = 'bold';
    if (cell.i) td.style.fontStyle = 'italic';
    if (cell.s) td.style.textDecoration = 'line-through';
    if (cell.wrap) td.classList.add('wrap');
    if (cell.note) td.title = cell.note;
    const align = cell.al?.toLowerCase();
    if (align === 'center' || align === 'right' || align === 'left') td.style.textAlign = align;
    else if (NUMBER_LIKE.test(cell.v)) td.classList.add('num');
    if (cell.list !== undefined) {
      td.classList.add('has-list');
      td.dataset.list = String(cell.list);
      td.append(el('span', { className: 'dropdown-arrow', text: '▾', attrs: { 'aria-label': 'Show options' } }));
    }
    return td;
  }

  private onClick(event: MouseEvent): void {
    const target = event.target as HTMLElement;
    const rowHeader = target.closest('tbody .row-header');
    if (rowHeader) {
      const tr = rowHeader.parentElement as HTMLTableRowElement;
      const row = tr.getAttribute('data-row');
      if (!row) return;
      this.selected?.classList.remove('selected');
      this.selected = null;
      for (const other of this.table.querySelectorAll('tr.selected-row')) other.classList.remove('selected-row');
      tr.classList.add('selected-row');
      this.handlers.select(`${row}:${row}`, '');
      return;
    }
    const td = target.closest('td');
    if (!td) return;
    this.selectCell(td);
    if (target.matches('input[type=checkbox]')) {
      void this.handlers.edit(td.dataset.a1 as string, (target as HTMLInputElement).checked ? 'TRUE' : 'FALSE');
    } else if (target.classList.contains('dropdown-arrow')) {
      this.openMenu(td);
    }
  }

  private selectCell(td: HTMLTableCellElement): void {
    for (const other of this.table.querySelectorAll('tr.selected-row')) other.classList.remove('selected-row');
    this.selected?.classList.remove('selected');
    this.selected = td;
    td.classList.add('selected');
    this.handlers.select(td.dataset.a1 as string, td.dataset.value ?? '');
  }

  private onKey(event: KeyboardEvent): void {
    if (this.editor || !this.selected || document.activeElement !== document.body) return;
    if (event.key === 'Enter' || event.key === 'F2') {
      event.preventDefault();
      this.openEditor(this.selected, null);
    } else if (event.key.length === 1 && !event.ctrlKey && !event.metaKey && !event.altKey) {
      event.preventDefault();
      this.openEditor(this.selected, event.key);
    } else if (event.key === 'Delete' || event.key === 'Backspace') {
      void this.handlers.edit(this.selected.dataset.a1 as string, '');
    }
  }

  private place(node: HTMLElement, td: HTMLElement, below: boolean): void {
    const cellBox = td.getBoundingClientRect();
    const wrapBox = this.wrap.getBoundingClientRect();
    node.style.left = `${cellBox.left - wrapBox.left + this.wrap.scrollLeft}px`;
    node.style.top = `${cellBox.top - wrapBox.top + this.wrap.scrollTop + (below ? cellBox.height : 0)}px`;
    node.style.minWidth = `${cellBox.width}px`;
    if (!below) node.style.height = `${cellBox.height}px`;
  }

  openEditor(td: HTMLTableCellElement, initial: string | null): void {
    this.closeEditor();
    this.closeMenu();
    const input = el('input', { className: 'cell-editor', attrs: { type: 'text', 'aria-label': 'Cell editor' } });
    input.value = initial ?? td.dataset.value ?? '';
    this.place(input, td, false);
    this.wrap.append(input);
    this.editor = input;
    input.focus();
    input.addEventListener('keydown', (event) => {
      if (event.key === 'Enter') {
        event.preventDefault();
        const text = input.value;
        this.closeEditor();
        void this.handlers.edit(td.dataset.a1 as string, text);
      } else if (event.key === 'Escape') {
        this.closeEditor();
      }
    });
    input.addEventListener('blur', () => {
      if (this.editor === input) this.closeEditor();
    });
  }

  private closeEditor(): void {
    const editor = this.editor;
    this.editor = null;
    editor?.remove();
  }

  private openMenu(td: HTMLTableCellElement): void {
    this.closeMenu();
    const options = this.view?.lists[Number(td.dataset.list)] ?? [];
    const menu = el('div', { className: 'dropdown-menu', attrs: { role: 'listbox' } });
    for (const option of options) {
      const button = el('button', { text: option, attrs: { type: 'button', role: 'option' } });
      button.addEventListener('click', () => {
        this.closeMenu();
        void this.handlers.edit(td.dataset.a1 as string, option);
      });
      menu.append(button);
    }
    this.place(menu, td, true);
    this.wrap.append(menu);
    this.menu = menu;
  }

  private closeMenu(): void {
    this.menu?.remove();
    this.menu = null;
  }
}
