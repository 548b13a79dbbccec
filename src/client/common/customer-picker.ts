import type { CustomerSummary } from '../../shared/rpc/contract';
import { byId, el, setText } from './dom';
import { callServer } from './rpc';
import './customer-picker.css';

/**
 * The customer field of the sidebars that work on one customer (follow-up, ticket, survey, transaction…):
 * the selected row's customer, or one found by name,
 * phone or id with the existing searchCustomers. Expects #customer-chosen, #search and #matches.
 */
export interface CustomerPicker {
  current(): CustomerSummary | null;
  /** Shows `summary` as the chosen customer; `notify` false when the page itself set it (no onChange). */
  choose(summary: CustomerSummary | null, notify?: boolean): void;
}

export function customerLine(summary: CustomerSummary): string {
  return `${summary.id} · ${summary.name} · ${summary.contactName} ${summary.phone}`.trim();
}

export function customerPicker(
  noMatches: () => string,
  onError: (message: string) => void,
  onChange: (summary: CustomerSummary | null) => void,
): CustomerPicker {
  let customer: CustomerSummary | null = null;
  let timer: number | undefined;
  const list = byId('matches');
  const choose = (summary: CustomerSummary | null, notify = true): void => {
    customer = summary;
    const chosen = byId('customer-chosen');
    chosen.hidden = summary === null;
    setText(chosen, summary ? customerLine(summary) : '');
    list.replaceChildren();
    if (notify) onChange(summary);
  };
  const search = async (query: string): Promise<void> => {
    if (query.trim() === '') return list.replaceChildren();
    const result = await callServer('searchCustomers', query);
    if (!result.ok) return onError(result.error.message);
    if (result.value.length === 0) return list.replaceChildren(el('li', { className: 'muted', text: noMatches() }));
    list.replaceChildren(
      ...result.value.map((summary) => {
        const button = el('button', { text: customerLine(summary), attrs: { type: 'button' } });
        button.addEventListener('click', () => choose(summary));
        return el('li', {}, [button]);
      }),
    );
  };
  byId<HTMLInputElement>('search').addEventListener('input', (event) => {
    const query = (event.target as HTMLInputElement).value;
    window.clearTimeout(timer);
    timer = window.setTimeout(() => void search(query), 250);
  });
  return { current: () => customer, choose };
}
