import { catalogue, type MessageKey } from '../../shared/i18n/translate';
import type { MyDaySection, MyDayView, PageMessages } from '../../shared/rpc/contract';
import { fail, ok, type ActionResult } from '../../shared/rpc/result';
import { buildMyDay, type MyDay } from '../../shared/rules/my-day';
import { TEMPLATES } from '../../shared/schema/templates';
import { formatLocal } from '../../shared/time/local';
import { readSettings } from '../workbook/settings';
import { readTable } from '../workbook/table';
import { showSidebar } from '../ui/sidebar';
import { actionContext, asActionFailure, ensureInstalled } from './context';
import { withDocumentLock } from '../workbook/lock';

const SECTIONS: readonly (keyof MyDay)[] = ['overdue', 'dueToday', 'pastNextFollowUp', 'sleeping', 'openTickets'];
const PAGE_MESSAGES: readonly MessageKey[] = ['myDay.title', 'myDay.empty', 'myDay.refresh', 'common.loading'];

/** Menu: My day. */
export function showMyDay(): void {
  showSidebar('my-day', actionContext().t('myDay.title'));
}

/** google.script.run: the current rep's lists, read in one pass over customers, follow-ups and tickets. */
export function getMyDay(): ActionResult<MyDayView> {
  const context = actionContext();
  const { t, zone, nowMs, spreadsheet, properties } = context;
  if (!context.userEmail) return fail('forbidden', t('myDay.unknownUser'));
  try {
    withDocumentLock(() => ensureInstalled(context));
    const settings = readSettings(properties, spreadsheet, zone).values;
    const values = (table: keyof typeof TEMPLATES) =>
      readTable(TEMPLATES[table], properties, spreadsheet).records.map((record) => record.values);
    const day = buildMyDay({
      email: context.userEmail,
      customers: values('customers'),
      followUps: values('followUps'),
      tickets: values('tickets'),
      nowMs,
      zone,
      settings,
    });
    const sections: MyDaySection[] = SECTIONS.map((key) => ({
      key,
      title:
        key === 'sleeping' ? t('myDay.sleeping', { days: settings.sleepingDays }) : t(`myDay.${key}` as MessageKey),
      items: day[key].map((entry) => ({
        table: entry.table,
        id: entry.id,
        title: entry.title,
        detail: entry.detail,
        when: entry.at === null ? '' : formatLocal(entry.at, zone, 'datetime'),
      })),
    }));
    const all = catalogue(context.language);
    const messages: PageMessages = {};
    for (const key of PAGE_MESSAGES) messages[key] = all[key];
    return ok({
      language: context.language,
      email: context.userEmail,
      asOf: t('myDay.asOf', { time: formatLocal(nowMs, zone, 'datetime') }),
      sections,
      messages,
    });
  } catch (error) {
    return asActionFailure(error, t);
  }
}
