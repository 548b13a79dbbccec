import { translatorFor } from '../../src/shared/i18n/translate';
import type { Language } from '../../src/shared/i18n/language';
import {
  canonicalView,
  managerViewSpecs,
  planViewSync,
  UPDATE_FIELDS,
  VIEW_TITLE_PREFIX,
  type FilterViewJson,
  type ViewLayout,
  type ViewMember,
  type ViewSpec,
  type ViewTable,
} from '../../src/shared/rules/views';
import { TEMPLATES } from '../../src/shared/schema/templates';

/** Template order (column n of the template at 1-based column n), with some columns moved. */
function layoutOf(table: ViewTable, sheetId: number, moved: Record<string, number> = {}): ViewLayout {
  const columns: Record<string, number> = {};
  TEMPLATES[table].columns.forEach((column, index) => (columns[column.key] = index + 1));
  return { sheetId, columns: { ...columns, ...moved } };
}

const LAYOUTS = {
  customers: layoutOf('customers', 0, { valueTier: 3, owner: 40 }),
  followUps: layoutOf('followUps', 11),
  tickets: layoutOf('tickets', 22),
};
const TEAM: ViewMember[] = [
  { name: '王芳', email: 'wang@x.cn', active: true },
  { name: '李雷', email: 'li@x.cn', active: false },
  { name: 'Boss', email: 'boss@x.cn', active: true },
];

function specs(language: Language = 'zh-CN', team: ViewMember[] = TEAM, layouts = LAYOUTS): ViewSpec[] {
  return managerViewSpecs({ language, t: translatorFor(language), layouts, team });
}

const byKey = (list: ViewSpec[], key: string): ViewSpec => {
  const found = list.find((spec) => spec.key === key);
  if (!found) throw new Error(`no view ${key}`);
  return found;
};

const column = (table: ViewTable, key: string, layouts = LAYOUTS): number =>
  (layouts[table].columns[key] as number) - 1;

describe('managerViewSpecs', () => {
  it('wants 3 tiers + 4 segments + sleeping + churn risk, overdue follow-ups, 3 ticket priorities + SLA, and one view per active member', () => {
    const list = specs();
    expect(list.map((spec) => spec.title)).toEqual([
      'CRM · 战略客户',
      'CRM · 重点客户',
      'CRM · 普通客户',
      'CRM · 高价值活跃客户',
      'CRM · 潜力成长客户',
      'CRM · 沉睡客户',
      'CRM · 一般客户',
      'CRM · 沉默客户',
      'CRM · 流失风险客户',
      'CRM · 逾期跟进',
      'CRM · 未结工单 · 高优先级',
      'CRM · 未结工单 · 中优先级',
      'CRM · 未结工单 · 低优先级',
      'CRM · SLA 超时工单',
      'CRM · 负责人：王芳',
      'CRM · 负责人：Boss',
    ]);
    expect(list.filter((spec) => spec.table === 'customers')).toHaveLength(11);
    expect(new Set(list.map((spec) => spec.title)).size).toBe(list.length);
  });

  it('titles follow the workbook language with the same prefix', () => {
    expect(specs('en').map((spec) => spec.title)).toEqual(
      expect.arrayContaining([
        'CRM · Strategic customers',
        'CRM · High-value active customers',
        'CRM · Sleeping customers',
        'CRM · Open tickets · High priority',
        'CRM · Owner: Boss',
      ]),
    );
    expect(specs('zh-TW').map((spec) => spec.title)).toEqual(
      expect.arrayContaining(['CRM · 戰略客戶', 'CRM · 未結工單 · 高優先級', 'CRM · 負責人：王芳']),
    );
    for (const language of ['en', 'zh-CN', 'zh-TW'] as const)
      for (const spec of specs(language)) expect(spec.title.startsWith(VIEW_TITLE_PREFIX)).toBe(true);
  });

  it('filters a tier on its label in the workbook language, at the column where it is now (1-based 3 → index 2)', () => {
    const strategic = byKey(specs(), 'tier.strategic');
    expect(strategic.filter).toEqual({
      title: 'CRM · 战略客户',
      range: { sheetId: 0, startRowIndex: 0, startColumnIndex: 0 },
      filterSpecs: [
        {
          columnIndex: 2,
          filterCriteria: { condition: { type: 'TEXT_EQ', values: [{ userEnteredValue: '战略客户' }] } },
        },
        { columnIndex: column('customers', 'mergedInto'), filterCriteria: { condition: { type: 'BLANK' } } },
      ],
      sortSpecs: [{ dimensionIndex: column('customers', 'annualValue'), sortOrder: 'DESCENDING' }],
    });
    expect(byKey(specs('en'), 'tier.key').filter.filterSpecs?.[0]?.filterCriteria?.condition?.values).toEqual([
      { userEnteredValue: 'Key' },
    ]);
  });

  it('uses only condition types valid in filters and never bounds the rows', () => {
    const allowed = new Set(['TEXT_EQ', 'BLANK']);
    for (const spec of specs()) {
      expect(spec.filter.range).not.toHaveProperty('endRowIndex');
      expect(spec.filter.range?.startRowIndex).toBe(0);
      for (const filterSpec of spec.filter.filterSpecs ?? []) {
        const type = filterSpec.filterCriteria?.condition?.type;
        if (type !== undefined) expect(allowed.has(type)).toBe(true);
      }
    }
  });

  it('flags are TRUE/FALSE cells: sleeping and churn risk filter on TEXT_EQ "TRUE"', () => {
    const list = specs();
    expect(byKey(list, 'sleeping').filter.filterSpecs).toEqual([
      {
        columnIndex: column('customers', 'sleeping'),
        filterCriteria: { condition: { type: 'TEXT_EQ', values: [{ userEnteredValue: 'TRUE' }] } },
      },
      { columnIndex: column('customers', 'mergedInto'), filterCriteria: { condition: { type: 'BLANK' } } },
    ]);
    expect(byKey(list, 'churnRisk').filter.filterSpecs?.[0]?.columnIndex).toBe(column('customers', 'churnRisk'));
  });

  it('overdue follow-ups: flag TRUE and status "待办", on the follow-ups sheet', () => {
    const overdue = byKey(specs(), 'overdueFollowUps');
    expect(overdue.filter.range).toEqual({ sheetId: 11, startRowIndex: 0, startColumnIndex: 0 });
    expect(overdue.filter.filterSpecs).toEqual([
      {
        columnIndex: column('followUps', 'overdue'),
        filterCriteria: { condition: { type: 'TEXT_EQ', values: [{ userEnteredValue: 'TRUE' }] } },
      },
      {
        columnIndex: column('followUps', 'status'),
        filterCriteria: { condition: { type: 'TEXT_EQ', values: [{ userEnteredValue: '待办' }] } },
      },
    ]);
  });

  it('open tickets: priority label, resolved/closed hidden by value, not archived, sorted by resolution due', () => {
    const high = byKey(specs(), 'openTickets.high');
    expect(high.filter.range?.sheetId).toBe(22);
    expect(high.filter.filterSpecs).toEqual([
      {
        columnIndex: column('tickets', 'priority'),
        filterCriteria: { condition: { type: 'TEXT_EQ', values: [{ userEnteredValue: '高' }] } },
      },
      { columnIndex: column('tickets', 'status'), filterCriteria: { hiddenValues: ['已解决', '已关闭'] } },
      { columnIndex: column('tickets', 'archivedAt'), filterCriteria: { condition: { type: 'BLANK' } } },
    ]);
    expect(high.filter.sortSpecs).toEqual([
      { dimensionIndex: column('tickets', 'resolutionDue'), sortOrder: 'ASCENDING' },
    ]);
    const breaches = byKey(specs(), 'slaBreaches');
    expect(breaches.filter.filterSpecs?.map((spec) => spec.columnIndex)).toEqual([
      column('tickets', 'slaBreached'),
      column('tickets', 'archivedAt'),
    ]);
  });

  it('owner views: active members only, once per e-mail, same names told apart by e-mail', () => {
    const list = specs('zh-CN', [
      { name: '张伟', email: 'Zhang.A@x.cn', active: true },
      { name: '张伟', email: 'zhang.b@x.cn', active: true },
      { name: '张伟', email: 'zhang.a@x.cn', active: true },
      { name: '', email: 'nameless@x.cn', active: true },
      { name: '离职', email: 'gone@x.cn', active: false },
    ]);
    const owners = list.filter((spec) => spec.key.startsWith('owner.'));
    expect(owners.map((spec) => spec.title)).toEqual([
      'CRM · 负责人：张伟 <zhang.a@x.cn>',
      'CRM · 负责人：张伟 <zhang.b@x.cn>',
      'CRM · 负责人：nameless@x.cn',
    ]);
    expect(owners[0]?.filter.filterSpecs).toEqual([
      {
        columnIndex: 39, // owner moved to column 40
        filterCriteria: { condition: { type: 'TEXT_EQ', values: [{ userEnteredValue: 'zhang.a@x.cn' }] } },
      },
      { columnIndex: column('customers', 'mergedInto'), filterCriteria: { condition: { type: 'BLANK' } } },
    ]);
  });

  it("customers' views hide merged rows; a sheet without the mergedInto column keeps them without that rule", () => {
    const customerViews = specs().filter((spec) => spec.table === 'customers');
    expect(customerViews).toHaveLength(3 + 4 + 2 + 2);
    for (const spec of customerViews) {
      expect({ title: spec.title, last: spec.filter.filterSpecs?.at(-1) }).toEqual({
        title: spec.title,
        last: { columnIndex: column('customers', 'mergedInto'), filterCriteria: { condition: { type: 'BLANK' } } },
      });
    }
    const columns: Record<string, number> = { ...LAYOUTS.customers.columns };
    delete columns.mergedInto;
    const older = specs('zh-CN', TEAM, { ...LAYOUTS, customers: { sheetId: 0, columns } });
    expect(older.map((spec) => spec.title)).toEqual(specs().map((spec) => spec.title));
    expect(byKey(older, 'tier.strategic').filter.filterSpecs).toHaveLength(1);
  });

  it('leaves out a view whose filter column is missing, and only the sort when the sort column is', () => {
    const columns = { ...LAYOUTS.customers.columns };
    delete columns.sleeping;
    delete columns.annualValue;
    const list = specs('zh-CN', TEAM, { ...LAYOUTS, customers: { sheetId: 0, columns } });
    expect(list.some((spec) => spec.key === 'sleeping')).toBe(false);
    expect(byKey(list, 'tier.strategic').filter).not.toHaveProperty('sortSpecs');
    expect(list).toHaveLength(specs().length - 1);
  });
});

describe('planViewSync', () => {
  const wanted = specs();
  const strategic = byKey(wanted, 'tier.strategic');
  const managed = [0, 11, 22];

  /** The views as the API would list them after adding `list` (ids from 100 on, defaults left out). */
  function asStored(list: ViewSpec[]): { sheetId: number; filterViews: FilterViewJson[] }[] {
    const bySheet = new Map<number, FilterViewJson[]>([
      [0, []],
      [11, []],
      [22, []],
    ]);
    list.forEach((spec, index) => {
      const sheetId = spec.filter.range?.sheetId ?? 0;
      const range = sheetId === 0 ? {} : { sheetId };
      const filterSpecs = (spec.filter.filterSpecs ?? []).map((s) => (s.columnIndex === 0 ? { ...s } : s));
      bySheet.get(sheetId)?.push({
        filterViewId: 100 + index,
        title: spec.title,
        range,
        filterSpecs,
        criteria: Object.fromEntries(filterSpecs.map((s) => [String(s.columnIndex), s.filterCriteria ?? {}])),
        ...(spec.filter.sortSpecs ? { sortSpecs: spec.filter.sortSpecs } : {}),
      });
    });
    return [...bySheet].map(([sheetId, filterViews]) => ({ sheetId, filterViews }));
  }

  it('adds every view to an empty workbook in one list of requests', () => {
    const plan = planViewSync(wanted, [{ sheetId: 0, filterViews: [] }], managed);
    expect(plan.requests).toHaveLength(16);
    expect(plan.requests.every((request) => 'addFilterView' in request)).toBe(true);
    expect(plan.created).toEqual(wanted.map((spec) => spec.title));
    expect(plan.updated).toEqual([]);
  });

  it('changes nothing when the API lists exactly what we want (zero indexes and sheetId 0 left out)', () => {
    const plan = planViewSync(wanted, asStored(wanted), managed);
    expect(plan.requests).toEqual([]);
    expect(plan.unchanged).toHaveLength(16);
  });

  it('updates a changed view in place, keeping its id, and deletes ours that are no longer wanted', () => {
    const stored = asStored(wanted);
    const customers = stored[0]?.filterViews as FilterViewJson[];
    // A user narrowed our strategic view; an owner view of someone now inactive; a user's own view.
    customers[0] = { ...customers[0], filterSpecs: [], criteria: { '5': { hiddenValues: ['x'] } } };
    customers.push({ filterViewId: 900, title: 'CRM · 负责人：李雷', range: {} });
    customers.push({ filterViewId: 901, title: '我的客户', range: {} });
    // Another sheet of the workbook (not a CRM table) keeps its views, even with our prefix.
    stored.push({ sheetId: 55, filterViews: [{ filterViewId: 902, title: 'CRM · 战略客户', range: { sheetId: 55 } }] });
    const plan = planViewSync(wanted, stored, managed);
    expect(plan.requests).toEqual([
      { deleteFilterView: { filterId: 900 } },
      { updateFilterView: { filter: { ...strategic.filter, filterViewId: 100 }, fields: UPDATE_FIELDS } },
    ]);
    expect(plan.updated).toEqual(['CRM · 战略客户']);
    expect(plan.deleted).toEqual(['CRM · 负责人：李雷']);
    expect(plan.created).toEqual([]);
  });

  it('keeps one view per title: a second copy of ours is deleted', () => {
    const stored = asStored(wanted);
    const copy = { ...(stored[0]?.filterViews[0] as FilterViewJson), filterViewId: 777 };
    stored[0]?.filterViews.push(copy);
    const plan = planViewSync(wanted, stored, managed);
    expect(plan.requests).toEqual([{ deleteFilterView: { filterId: 777 } }]);
  });

  it('after a language change, the old titles go and the new ones come', () => {
    const plan = planViewSync(specs('en'), asStored(wanted), managed);
    expect(plan.deleted).toHaveLength(16);
    expect(plan.created).toHaveLength(16);
    expect(plan.requests.slice(0, 16).every((request) => 'deleteFilterView' in request)).toBe(true);
  });

  it('canonicalView sees through the API echo but not through a moved column', () => {
    const echoed: FilterViewJson = {
      filterViewId: 5,
      title: strategic.title,
      range: {},
      criteria: {
        '2': { condition: { type: 'TEXT_EQ', values: [{ userEnteredValue: '战略客户' }] } },
        [String(column('customers', 'mergedInto'))]: { condition: { type: 'BLANK' } },
      },
      sortSpecs: strategic.filter.sortSpecs,
    };
    expect(canonicalView(echoed)).toBe(canonicalView(strategic.filter));
    const moved = { ...echoed, criteria: { '3': echoed.criteria?.['2'] ?? {} } };
    expect(canonicalView(moved)).not.toBe(canonicalView(strategic.filter));
    expect(canonicalView({ ...echoed, range: { endRowIndex: 1000 } })).not.toBe(canonicalView(strategic.filter));
  });
});
