import type { Language } from '../i18n/language';
import type { Translator } from '../i18n/translate';
import type { TableTemplate } from '../schema/template-types';
import { columnOf, enumLabel, TEMPLATES } from '../schema/templates';

/**
 * Manager filter views (docs/product-rules.md §4, issue 6): which views exist, with which criteria, and how to bring the
 * spreadsheet's views to that set with one batchUpdate. Pure: the caller reads the layouts (where the
 * columns are NOW), the team and the existing views, and sends the requests.
 *
 * The JSON follows the Sheets API v4 (docs/apps-script/filter-views-and-charts.md §1–2). Only condition
 * types valid in filters are used: TEXT_EQ (enum labels as stored in the workbook language, e-mails, and
 * "TRUE" for the TRUE/FALSE flag cells), BLANK, and hiddenValues where a column must be "one of" a closed
 * set of dropdown labels. Ranges cover the whole sheet from the header row down, with no endRowIndex, so
 * rows added later are included.
 */

/** Every view we own starts with this, whatever the language: how a re-run recognises its own views. */
export const VIEW_TITLE_PREFIX = 'CRM · ';

export type ViewTable = 'customers' | 'followUps' | 'tickets';
export const VIEW_TABLES: readonly ViewTable[] = ['customers', 'followUps', 'tickets'];

export interface GridRangeJson {
  sheetId?: number;
  startRowIndex?: number;
  endRowIndex?: number;
  startColumnIndex?: number;
  endColumnIndex?: number;
}

export interface ConditionValueJson {
  userEnteredValue?: string;
  relativeDate?: string;
}

export interface FilterCriteriaJson {
  hiddenValues?: string[];
  condition?: { type: string; values?: ConditionValueJson[] };
  [other: string]: unknown;
}

export interface FilterSpecJson {
  columnIndex?: number;
  filterCriteria?: FilterCriteriaJson;
}

export interface SortSpecJson {
  dimensionIndex?: number;
  sortOrder?: 'ASCENDING' | 'DESCENDING';
  [other: string]: unknown;
}

export interface FilterViewJson {
  filterViewId?: number;
  title?: string;
  range?: GridRangeJson;
  filterSpecs?: FilterSpecJson[];
  /** Deprecated map form (column index → criteria); responses carry it next to filterSpecs. */
  criteria?: Record<string, FilterCriteriaJson>;
  sortSpecs?: SortSpecJson[];
  [other: string]: unknown;
}

/** Where a table is now: its sheet and the 1-based column of each column key (TableLayout's shape). */
export interface ViewLayout {
  sheetId: number;
  columns: Readonly<Record<string, number>>;
}

export interface ViewMember {
  name: string;
  email: string;
  active: boolean;
}

export interface ViewsInput {
  language: Language;
  t: Translator;
  layouts: Readonly<Record<ViewTable, ViewLayout>>;
  team: readonly ViewMember[];
}

export interface ViewSpec {
  /** Stable identity within one build, e.g. "tier.strategic", "owner.li@x.cn". */
  key: string;
  table: ViewTable;
  title: string;
  /** The view as sent in addFilterView / updateFilterView (no filterViewId). */
  filter: FilterViewJson;
}

interface Rule {
  column: string;
  criteria: FilterCriteriaJson;
  /** Left out when its column is not on the sheet, instead of leaving out the whole view. */
  optional?: boolean;
}

/**
 * Customers' views hide rows merged into another customer (Merge duplicates: the row stays for the record, with
 * `mergedInto` set; the kept customer carries the business). Optional: a sheet without the column (before its
 * repair) keeps its views.
 */
const notMerged: Rule = { column: 'mergedInto', criteria: { condition: { type: 'BLANK' } }, optional: true };

interface Definition {
  key: string;
  table: ViewTable;
  title: string;
  rules: Rule[];
  sort?: { column: string; order: 'ASCENDING' | 'DESCENDING' };
}

const textEquals = (text: string): FilterCriteriaJson => ({
  condition: { type: 'TEXT_EQ', values: [{ userEnteredValue: text }] },
});
/** Flag columns hold TRUE/FALSE cells (boolean type, automatic format): they display as "TRUE". */
const isTrue = (): FilterCriteriaJson => textEquals('TRUE');
const isBlank = (): FilterCriteriaJson => ({ condition: { type: 'BLANK' } });

function label(template: TableTemplate, column: string, option: string, language: Language): string {
  const text = enumLabel(columnOf(template, column), option, language);
  if (text === null) throw new Error(`${template.table}.${column} has no option "${option}"`);
  return text;
}

function optionKeys(template: TableTemplate, column: string): string[] {
  return (columnOf(template, column).options ?? []).map((option) => option.key);
}

/** One owner view per active member (deduplicated by e-mail); same-named members are told apart by e-mail. */
function ownerDefinitions(team: readonly ViewMember[], t: Translator): Definition[] {
  const members: ViewMember[] = [];
  const seen = new Set<string>();
  for (const member of team) {
    const email = member.email.trim().toLowerCase();
    if (!member.active || email === '' || seen.has(email)) continue;
    seen.add(email);
    members.push({ ...member, email, name: member.name.trim() || email });
  }
  const nameCounts = new Map<string, number>();
  for (const member of members) nameCounts.set(member.name, (nameCounts.get(member.name) ?? 0) + 1);
  return members.map((member) => {
    const name =
      (nameCounts.get(member.name) ?? 0) > 1 && member.name !== member.email
        ? `${member.name} <${member.email}>`
        : member.name;
    return {
      key: `owner.${member.email}`,
      table: 'customers',
      title: t('views.name.owner', { name }),
      rules: [{ column: 'owner', criteria: textEquals(member.email) }, notMerged],
      sort: { column: 'nextFollowUpDue', order: 'ASCENDING' },
    };
  });
}

function definitions(input: ViewsInput): Definition[] {
  const { language, t } = input;
  const customers = TEMPLATES.customers;
  const followUps = TEMPLATES.followUps;
  const tickets = TEMPLATES.tickets;
  const out: Definition[] = [];
  for (const tier of optionKeys(customers, 'valueTier')) {
    const text = label(customers, 'valueTier', tier, language);
    out.push({
      key: `tier.${tier}`,
      table: 'customers',
      title: t('views.name.tier', { tier: text }),
      rules: [{ column: 'valueTier', criteria: textEquals(text) }, notMerged],
      sort: { column: 'annualValue', order: 'DESCENDING' },
    });
  }
  for (const segment of optionKeys(customers, 'segment')) {
    const text = label(customers, 'segment', segment, language);
    out.push({
      key: `segment.${segment}`,
      table: 'customers',
      title: t('views.name.segment', { segment: text }),
      rules: [{ column: 'segment', criteria: textEquals(text) }, notMerged],
      sort: { column: 'annualValue', order: 'DESCENDING' },
    });
  }
  out.push({
    key: 'sleeping',
    table: 'customers',
    title: t('views.name.sleeping'),
    rules: [{ column: 'sleeping', criteria: isTrue() }, notMerged],
    sort: { column: 'lastContactAt', order: 'ASCENDING' },
  });
  out.push({
    key: 'churnRisk',
    table: 'customers',
    title: t('views.name.churnRisk'),
    rules: [{ column: 'churnRisk', criteria: isTrue() }, notMerged],
    sort: { column: 'churnRiskSince', order: 'ASCENDING' },
  });
  // docs/product-rules.md §2: "overdue when it is open and its due date has passed"; the flag is kept by the daily scan and
  // the status condition drops an action closed since the last scan.
  out.push({
    key: 'overdueFollowUps',
    table: 'followUps',
    title: t('views.name.overdueFollowUps'),
    rules: [
      { column: 'overdue', criteria: isTrue() },
      { column: 'status', criteria: textEquals(label(followUps, 'status', 'open', language)) },
    ],
    sort: { column: 'nextActionDue', order: 'ASCENDING' },
  });
  // Open = pending or in progress. Filters have no "one of" condition, so the two closed statuses are hidden
  // by value: the status column is a closed dropdown, so no other value can appear later.
  const notOpen = ['resolved', 'closed'].map((status) => label(tickets, 'status', status, language));
  for (const priority of optionKeys(tickets, 'priority')) {
    out.push({
      key: `openTickets.${priority}`,
      table: 'tickets',
      title: t('views.name.openTickets', { priority: label(tickets, 'priority', priority, language) }),
      rules: [
        { column: 'priority', criteria: textEquals(label(tickets, 'priority', priority, language)) },
        { column: 'status', criteria: { hiddenValues: notOpen } },
        // docs/product-rules.md §2: "views hide archived tickets".
        { column: 'archivedAt', criteria: isBlank() },
      ],
      sort: { column: 'resolutionDue', order: 'ASCENDING' },
    });
  }
  out.push({
    key: 'slaBreaches',
    table: 'tickets',
    title: t('views.name.slaBreaches'),
    rules: [
      { column: 'slaBreached', criteria: isTrue() },
      { column: 'archivedAt', criteria: isBlank() },
    ],
    sort: { column: 'resolutionDue', order: 'ASCENDING' },
  });
  out.push(...ownerDefinitions(input.team, t));
  return out;
}

/**
 * The views the CRM wants, titled in the workbook language, with column indexes from where the columns
 * are now (1-based layout → 0-based columnIndex). A view whose filter column is not on the sheet is left
 * out (install/repair restores missing columns); a missing optional rule's column drops only that rule, a
 * missing sort column only the sort.
 */
export function managerViewSpecs(input: ViewsInput): ViewSpec[] {
  const specs: ViewSpec[] = [];
  for (const definition of definitions(input)) {
    const layout = input.layouts[definition.table];
    const at = (column: string): number | null => {
      const position = layout.columns[column];
      return typeof position === 'number' && position >= 1 ? position - 1 : null;
    };
    const filterSpecs: FilterSpecJson[] = [];
    let complete = true;
    for (const rule of definition.rules) {
      const columnIndex = at(rule.column);
      if (columnIndex !== null) filterSpecs.push({ columnIndex, filterCriteria: rule.criteria });
      else if (!rule.optional) complete = false;
    }
    if (!complete) continue;
    const title = VIEW_TITLE_PREFIX + definition.title;
    const filter: FilterViewJson = {
      title,
      range: { sheetId: layout.sheetId, startRowIndex: 0, startColumnIndex: 0 },
      filterSpecs,
    };
    const sortIndex = definition.sort ? at(definition.sort.column) : null;
    if (definition.sort && sortIndex !== null)
      filter.sortSpecs = [{ dimensionIndex: sortIndex, sortOrder: definition.sort.order }];
    specs.push({ key: definition.key, table: definition.table, title, filter });
  }
  return specs;
}

/** One sheet's views, as spreadsheets.get returns them (filterViews absent when there are none). */
export interface SheetViews {
  sheetId: number;
  filterViews: readonly FilterViewJson[];
}

export type ViewRequest =
  | { addFilterView: { filter: FilterViewJson } }
  | { updateFilterView: { filter: FilterViewJson; fields: string } }
  | { deleteFilterView: { filterId: number } };

export interface ViewPlan {
  /** For ONE batchUpdate, deletes first; empty when everything is up to date. */
  requests: ViewRequest[];
  created: string[];
  updated: string[];
  deleted: string[];
  unchanged: string[];
}

/** What updateFilterView rewrites: everything we define (the root `filter` is implied). */
export const UPDATE_FIELDS = 'title,range,filterSpecs,sortSpecs';

export function isOwnView(view: FilterViewJson): boolean {
  return typeof view.title === 'string' && view.title.startsWith(VIEW_TITLE_PREFIX);
}

/** Keys sorted at every level, so equal JSON compares equal whatever order the API used. */
function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

function canonicalCriteria(criteria: FilterCriteriaJson): unknown {
  const { hiddenValues, condition, ...rest } = criteria;
  const out: Record<string, unknown> = { ...rest };
  if (Array.isArray(hiddenValues) && hiddenValues.length > 0) out.hiddenValues = [...hiddenValues].map(String).sort();
  if (condition) {
    const raw = condition.values as unknown;
    const values = raw === undefined ? [] : Array.isArray(raw) ? raw : [raw];
    out.condition = { type: condition.type, values };
  }
  return out;
}

/**
 * A view as a comparable string: the API leaves zero indexes and empty lists out and answers with both
 * filterSpecs and the deprecated criteria map (§1–2), so both sides are reduced to the same form.
 */
export function canonicalView(view: FilterViewJson): string {
  const range = view.range ?? {};
  const specs: { column: number; criteria: unknown }[] = [];
  if (Array.isArray(view.filterSpecs) && view.filterSpecs.length > 0) {
    for (const spec of view.filterSpecs)
      specs.push({ column: spec.columnIndex ?? 0, criteria: canonicalCriteria(spec.filterCriteria ?? {}) });
  } else if (view.criteria) {
    for (const [column, criteria] of Object.entries(view.criteria))
      specs.push({ column: Number(column), criteria: canonicalCriteria(criteria) });
  }
  specs.sort((a, b) => a.column - b.column);
  return stableJson({
    title: view.title ?? '',
    range: {
      sheetId: range.sheetId ?? 0,
      startRowIndex: range.startRowIndex ?? 0,
      endRowIndex: range.endRowIndex,
      startColumnIndex: range.startColumnIndex ?? 0,
      endColumnIndex: range.endColumnIndex,
    },
    specs,
    sorts: (view.sortSpecs ?? []).map((sort) => ({ ...sort, dimensionIndex: sort.dimensionIndex ?? 0 })),
  });
}

/**
 * Creates, updates or deletes BY TITLE, only among our own views (title prefix) on the CRM's sheets:
 * a wanted view that exists is updated in place (same filterViewId) when it differs and left alone when
 * it doesn't; a missing one is added; one of ours no longer wanted (an inactive member, a second copy
 * of the same title) is deleted. Users' own views and views on other sheets are never touched.
 */
export function planViewSync(
  specs: readonly ViewSpec[],
  sheets: readonly SheetViews[],
  managedSheetIds: readonly number[],
): ViewPlan {
  const managed = new Set(managedSheetIds);
  const owned: { sheetId: number; view: FilterViewJson }[] = [];
  for (const sheet of sheets) {
    if (!managed.has(sheet.sheetId)) continue;
    for (const view of sheet.filterViews)
      if (isOwnView(view) && typeof view.filterViewId === 'number') owned.push({ sheetId: sheet.sheetId, view });
  }
  const used = new Set<number>();
  const plan: ViewPlan = { requests: [], created: [], updated: [], deleted: [], unchanged: [] };
  const updates: ViewRequest[] = [];
  const adds: ViewRequest[] = [];
  for (const spec of specs) {
    const sameTitle = owned.filter(
      (entry) => entry.view.title === spec.title && !used.has(entry.view.filterViewId as number),
    );
    const target = spec.filter.range?.sheetId ?? 0;
    const match = sameTitle.find((entry) => entry.sheetId === target) ?? sameTitle[0];
    if (!match) {
      adds.push({ addFilterView: { filter: spec.filter } });
      plan.created.push(spec.title);
      continue;
    }
    const id = match.view.filterViewId as number;
    used.add(id);
    if (canonicalView(match.view) === canonicalView(spec.filter)) {
      plan.unchanged.push(spec.title);
      continue;
    }
    updates.push({ updateFilterView: { filter: { ...spec.filter, filterViewId: id }, fields: UPDATE_FIELDS } });
    plan.updated.push(spec.title);
  }
  for (const entry of owned) {
    const id = entry.view.filterViewId as number;
    if (used.has(id)) continue;
    plan.requests.push({ deleteFilterView: { filterId: id } });
    plan.deleted.push(entry.view.title as string);
  }
  plan.requests.push(...updates, ...adds);
  return plan;
}
