import type { Language } from '../i18n/language';
import { translatorFor, type MessageKey, type Translator } from '../i18n/translate';
import type { FieldValue } from '../schema/cells';
import { formatLocal, localDate } from '../time/local';
import type { Zone } from '../time/zone';
import { archiveMenuPath, formatCellCount, formatShare, projectionText, type CapacityFigures } from './capacity';
import { buildMyDay, type MyDayEntry } from './my-day';
import type { SettingsValues } from './settings';

/**
 * The daily digest (docs/product-rules.md §5, issue 7): one mail per active team member with only their own items —
 * overdue, due today, sleeping, churn risk, breached tickets — in the workbook's language, HTML with a
 * plain-text alternative; nothing for someone with no items; do-not-contact customers left out. Managers
 * also get a team summary with counts per rep (no customer details). Pure: records in, mails out.
 */
type Values = Readonly<Record<string, FieldValue | undefined>>;

export interface DigestMember {
  name: string;
  email: string;
  role: 'rep' | 'manager';
}

export interface DigestItem {
  id: string;
  title: string;
  detail: string;
  when: string;
}

export interface DigestSection {
  key: 'overdue' | 'dueToday' | 'sleeping' | 'churnRisk' | 'breachedTickets';
  items: DigestItem[];
}

export interface MemberDigest {
  member: DigestMember;
  sections: DigestSection[];
  total: number;
}

export interface DigestInput {
  customers: readonly Values[];
  followUps: readonly Values[];
  tickets: readonly Values[];
  nowMs: number;
  zone: Zone;
  settings: SettingsValues;
}

function text(value: FieldValue | undefined): string {
  return value === null || value === undefined ? '' : String(value);
}

function ms(value: FieldValue | undefined): number | null {
  return Object.prototype.toString.call(value) === '[object Date]' ? (value as Date).getTime() : null;
}

export function memberDigest(member: DigestMember, input: DigestInput): MemberDigest {
  const { zone } = input;
  const blocked = new Set(
    input.customers.filter((customer) => customer.doNotContact === true).map((customer) => text(customer.id)),
  );
  const contactable = input.customers.filter((customer) => !blocked.has(text(customer.id)));
  const followUps = input.followUps.filter((followUp) => !blocked.has(text(followUp.customerId)));
  const day = buildMyDay({
    email: member.email,
    customers: contactable,
    followUps,
    tickets: [],
    nowMs: input.nowMs,
    zone,
    settings: input.settings,
  });
  const item = (entry: MyDayEntry): DigestItem => ({
    id: entry.id,
    title: entry.title,
    detail: entry.detail,
    when: entry.at === null ? '' : formatLocal(entry.at, zone, 'datetime'),
  });
  const mine = (value: FieldValue | undefined): boolean => text(value).toLowerCase() === member.email;
  const churn = contactable
    .filter((customer) => customer.churnRisk === true && (mine(customer.owner) || mine(customer.coOwner)))
    .map((customer) => ({
      id: text(customer.id),
      title: text(customer.name),
      detail: customer.churnEscalated === true ? 'escalated' : '',
      when:
        ms(customer.churnRiskSince) === null ? '' : formatLocal(ms(customer.churnRiskSince) as number, zone, 'date'),
    }));
  const breached = input.tickets
    .filter((ticket) => ticket.slaBreached === true && mine(ticket.assignee) && ms(ticket.archivedAt) === null)
    .filter((ticket) => ticket.status === 'pending' || ticket.status === 'inProgress')
    .map((ticket) => ({
      id: text(ticket.id),
      title: text(ticket.customerName),
      detail: text(ticket.description),
      when: ms(ticket.resolutionDue) === null ? '' : formatLocal(ms(ticket.resolutionDue) as number, zone, 'datetime'),
    }));
  const sections: DigestSection[] = [
    { key: 'overdue', items: [...day.overdue, ...day.pastNextFollowUp].map(item) },
    { key: 'dueToday', items: day.dueToday.map(item) },
    { key: 'sleeping', items: day.sleeping.map(item) },
    { key: 'churnRisk', items: churn },
    { key: 'breachedTickets', items: breached },
  ];
  return { member, sections, total: sections.reduce((sum, section) => sum + section.items.length, 0) };
}

export interface TeamSummaryRow {
  name: string;
  overdue: number;
  sleeping: number;
  breached: number;
}

export function teamSummary(digests: readonly MemberDigest[]): TeamSummaryRow[] {
  const count = (digest: MemberDigest, key: DigestSection['key']): number =>
    digest.sections.find((section) => section.key === key)?.items.length ?? 0;
  return digests.map((digest) => ({
    name: digest.member.name,
    overdue: count(digest, 'overdue'),
    sleeping: count(digest, 'sleeping'),
    breached: count(digest, 'breachedTickets'),
  }));
}

const SECTION_TITLES: Record<DigestSection['key'], MessageKey> = {
  overdue: 'myDay.overdue',
  dueToday: 'myDay.dueToday',
  sleeping: 'myDay.sleeping',
  churnRisk: 'digest.churnRisk',
  breachedTickets: 'digest.breachedTickets',
};

/** Items listed per section; the rest are counted. Keeps even a manager's mail far below 200 KB. */
export const MAX_ITEMS_PER_SECTION = 50;
/** A very long title or detail (a pasted paragraph) is shortened in the mail. */
const MAX_PART_CHARS = 200;

function escapeHtml(value: string): string {
  return value.replace(
    /[&<>"']/g,
    (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch] as string,
  );
}

/** The digest's capacity line: cells used of the limit, the share, the projection and the menu item to run. */
export function capacityWarning(figures: CapacityFigures, t: Translator): string {
  return t('digest.capacity.warning', {
    cells: formatCellCount(figures.cells),
    limit: formatCellCount(figures.limit),
    share: formatShare(figures.share),
    percent: figures.warningPercent,
    projected: projectionText(figures.projection, t),
    menu: archiveMenuPath(t),
  });
}

export interface RenderedMail {
  to: string;
  subject: string;
  body: string;
  htmlBody: string;
}

/** The mail for one member; managers' mails carry the team summary (counts only) and duplicate reports. */
export function renderDigest(
  digest: MemberDigest,
  options: {
    language: Language;
    spreadsheetUrl: string;
    nowMs: number;
    zone: Zone;
    sleepingDays: number;
    summary: TeamSummaryRow[] | null;
    duplicateIds: string[];
    /** Managers only: the workbook's capacity when it reached the warning threshold (issue 20 item 3). */
    capacity?: CapacityFigures | null;
  },
): RenderedMail {
  const t = translatorFor(options.language);
  const date = localDate(options.nowMs, options.zone);
  const title = (key: DigestSection['key']): string =>
    key === 'sleeping' ? t('myDay.sleeping', { days: options.sleepingDays }) : t(SECTION_TITLES[key]);
  const detailOf = (section: DigestSection, item: DigestItem): string =>
    section.key === 'churnRisk' && item.detail === 'escalated' ? t('digest.churnEscalated') : item.detail;
  const lines: string[] = [t('digest.greeting', { name: digest.member.name, date }), ''];
  const html: string[] = [`<p>${escapeHtml(t('digest.greeting', { name: digest.member.name, date }))}</p>`];
  // The capacity warning comes first, once: what every manager must act on before the workbook fills.
  if (options.capacity?.warn) {
    const warning = capacityWarning(options.capacity, t);
    lines.push(t('digest.capacity.title'), warning, '');
    html.push(`<h3>${escapeHtml(t('digest.capacity.title'))}</h3>`);
    html.push(`<p style="color:#cc0000">${escapeHtml(warning)}</p>`);
  }
  for (const section of digest.sections) {
    if (section.items.length === 0) continue;
    lines.push(`${title(section.key)} (${section.items.length})`);
    html.push(`<h3>${escapeHtml(title(section.key))} (${section.items.length})</h3><ul>`);
    // A long list is cut: MailApp refuses bodies over 200 KB ("Limit exceeded: Email Body Size."), and a
    // mail is the wrong place for hundreds of rows anyway — the filter views and My day hold them all.
    for (const item of section.items.slice(0, MAX_ITEMS_PER_SECTION)) {
      const parts = [item.id, item.title, detailOf(section, item), item.when]
        .filter((part) => part !== '')
        .map((part) => (part.length > MAX_PART_CHARS ? `${part.slice(0, MAX_PART_CHARS - 1)}…` : part));
      lines.push(`- ${parts.join(' · ')}`);
      html.push(`<li>${parts.map(escapeHtml).join(' · ')}</li>`);
    }
    const hidden = section.items.length - MAX_ITEMS_PER_SECTION;
    if (hidden > 0) {
      lines.push(t('digest.more', { count: hidden }));
      html.push(`<li>${escapeHtml(t('digest.more', { count: hidden }))}</li>`);
    }
    lines.push('');
    html.push('</ul>');
  }
  if (options.summary) {
    lines.push(t('digest.teamSummary'));
    html.push(`<h3>${escapeHtml(t('digest.teamSummary'))}</h3><table border="1" cellpadding="4" cellspacing="0">`);
    const head = [
      t('digest.teamSummary.rep'),
      t('digest.teamSummary.overdue'),
      t('digest.teamSummary.sleeping'),
      t('digest.teamSummary.breached'),
    ];
    html.push(`<tr>${head.map((cell) => `<th>${escapeHtml(cell)}</th>`).join('')}</tr>`);
    for (const row of options.summary) {
      const cells = [row.name, String(row.overdue), String(row.sleeping), String(row.breached)];
      lines.push(`- ${cells.join(' · ')}`);
      html.push(`<tr>${cells.map((cell) => `<td>${escapeHtml(cell)}</td>`).join('')}</tr>`);
    }
    html.push('</table>');
    if (options.duplicateIds.length > 0) {
      const note = t('digest.teamSummary.duplicates', { ids: options.duplicateIds.join(', ') });
      lines.push(note);
      html.push(`<p>${escapeHtml(note)}</p>`);
    }
    lines.push('');
  }
  lines.push(`${t('digest.open')}: ${options.spreadsheetUrl}`, '', t('digest.footer'));
  html.push(`<p><a href="${escapeHtml(options.spreadsheetUrl)}">${escapeHtml(t('digest.open'))}</a></p>`);
  html.push(`<p style="color:#5f6368;font-size:12px">${escapeHtml(t('digest.footer'))}</p>`);
  return {
    to: digest.member.email,
    subject: t('digest.subject', { count: digest.total }),
    body: lines.join('\n'),
    htmlBody: html.join('\n'),
  };
}
