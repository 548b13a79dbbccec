import type { MessageKey } from '../../shared/i18n/translate';
import type { ActionError } from '../../shared/rpc/result';
import { byId, el } from './dom';
import type { PageText } from './page';
import { callServer } from './rpc';

/**
 * The possible-duplicates box of the forms with the customer fields (new customer, edit customer): #duplicates-box
 * shown when the server answered with duplicates, each in #duplicates with why it matches, its owner and an
 * "open existing" button that selects its row. Text only (textContent), never HTML.
 */
export function showDuplicates(error: ActionError, m: PageText): void {
  const box = byId('duplicates-box');
  box.hidden = !error.duplicates;
  if (!error.duplicates) return;
  byId('duplicates').replaceChildren(
    ...error.duplicates.map((match) => {
      const reasons = match.reasons.map((reason) => m(`intake.duplicateReason.${reason}` as MessageKey)).join(', ');
      const open = el('button', { text: m('intake.openExisting'), attrs: { type: 'button' } });
      open.addEventListener('click', () => void callServer('openRecord', { table: 'customers', id: match.id }));
      return el('li', {}, [
        el('div', { text: `${match.id} · ${match.name}` }),
        el('div', {
          className: 'meta',
          text: `${match.contactName} · ${reasons} · ${m('intake.ownedBy', { owner: match.owner })}`,
        }),
        open,
      ]);
    }),
  );
}
