import type { Localized } from '../../src/shared/schema/template-types';
import { TEMPLATES, columnOf, templateFor, type RecordTable, type TableKey } from '../../src/shared/schema/templates';

/** docs/product-rules.md §1: the columns of each table, user-edited and computed (*). */
const SPEC_COLUMNS: Record<RecordTableOrTeam, { edited: string[]; computed: string[] }> = {
  customers: {
    edited: [
      'name',
      'customerType',
      'industry',
      'size',
      'contactName',
      'contactTitle',
      'phone',
      'email',
      'address',
      'source',
      'needs',
      'needKeywords',
      'tags',
      'owner',
      'coOwner',
      'stage',
      'status',
      'intentGrade',
      'painPoints',
      'explicitNeeds',
      'potentialNeeds',
      'decisionMaker',
      'influencer',
      'endUser',
      'budgetRange',
      'annualValueEstimate',
      'birthday',
      'anniversary',
      'doNotContact',
    ],
    computed: [
      'annualValue',
      'valueTier',
      'segment',
      'firstPurchaseAt',
      'lastPurchaseAt',
      'averageOrderValue',
      'spendLast6Months',
      'purchaseActivity',
      'categoryPreference',
      'preferredChannel',
      'lastContactAt',
      'nextFollowUpDue',
      'needsAnalysisDue',
      'sleeping',
      'churnRisk',
      'satisfactionScore',
      'corePool',
    ],
  },
  followUps: {
    edited: [
      'customerId',
      'at',
      'direction',
      'channel',
      'participants',
      'topic',
      'content',
      'responded',
      'feedback',
      'mood',
      'milestone',
      'nextAction',
      'nextActionDue',
      'owner',
      'status',
    ],
    computed: ['overdue'],
  },
  tickets: {
    edited: [
      'customerId',
      'ticketType',
      'category',
      'description',
      'priority',
      'assignee',
      'status',
      'firstResponseAt',
      'resolution',
      'resolvedAt',
      'confirmation',
      'score',
    ],
    computed: ['firstResponseDue', 'resolutionDue', 'slaBreached', 'archivedAt'],
  },
  satisfaction: {
    edited: [
      'customerId',
      'ticketId',
      'date',
      'productQuality',
      'responseSpeed',
      'communication',
      'problemSolving',
      'overall',
      'nps',
      'comments',
      'suggestions',
      'suggestionAnsweredAt',
    ],
    computed: ['score', 'followUpId'],
  },
  transactions: {
    edited: [
      'customerId',
      'date',
      'product',
      'category',
      'quantity',
      'amount',
      'refund',
      'owner',
      'followUpId',
      'notes',
    ],
    computed: [],
  },
  team: { edited: ['name', 'email', 'role', 'active', 'phone'], computed: [] },
};
type RecordTableOrTeam = RecordTable | 'team';

describe('docs/product-rules.md §1 columns', () => {
  it.each(Object.entries(SPEC_COLUMNS))(
    '%s declares every SPEC column, computed ones marked computed',
    (table, spec) => {
      const template = templateFor(table);
      for (const key of spec.edited)
        expect({ key, computed: columnOf(template, key).computed ?? false }).toEqual({ key, computed: false });
      for (const key of spec.computed)
        expect({ key, computed: columnOf(template, key).computed }).toEqual({ key, computed: true });
    },
  );

  it('columns have precise types', () => {
    const types = (table: TableKey, keys: string[]): string[] =>
      keys.map((key) => columnOf(TEMPLATES[table], key).type);
    expect(
      types('customers', [
        'phone',
        'email',
        'owner',
        'coOwner',
        'needs',
        'annualValueEstimate',
        'annualValue',
        'birthday',
        'doNotContact',
        'satisfactionScore',
        'churnRiskReasons',
      ]),
    ).toEqual([
      'phone',
      'email',
      'user',
      'user',
      'longtext',
      'money',
      'money',
      'date',
      'boolean',
      'score',
      'multienum',
    ]);
    expect(types('followUps', ['customerId', 'at', 'channel', 'content', 'nextActionDue', 'overdue'])).toEqual([
      'ref',
      'datetime',
      'enum',
      'longtext',
      'datetime',
      'boolean',
    ]);
    expect(types('tickets', ['assignee', 'firstResponseDue', 'slaBreached', 'score'])).toEqual([
      'user',
      'datetime',
      'boolean',
      'score',
    ]);
    expect(types('transactions', ['amount', 'quantity', 'refund', 'followUpId'])).toEqual([
      'money',
      'number',
      'boolean',
      'ref',
    ]);
    expect(types('team', ['email', 'role', 'active', 'phone'])).toEqual(['email', 'enum', 'boolean', 'phone']);
  });

  it('required on input: the intake fields of docs/product-rules.md §2 and the core of each record', () => {
    const required = (table: TableKey): string[] =>
      TEMPLATES[table].columns.filter((column) => column.required).map((column) => column.key);
    expect(required('customers')).toEqual(['name', 'customerType', 'contactName', 'source', 'needs', 'owner']);
    expect(required('followUps')).toEqual(
      expect.arrayContaining(['customerId', 'at', 'channel', 'content', 'owner', 'status']),
    );
    expect(required('tickets')).toEqual(
      expect.arrayContaining(['customerId', 'ticketType', 'description', 'priority', 'assignee']),
    );
    expect(required('transactions')).toEqual(expect.arrayContaining(['customerId', 'date', 'product', 'amount']));
    expect(required('team')).toEqual(['name', 'email', 'role']);
    // Phone and e-mail: at least one, checked by the rules module, so neither is required alone.
    expect(columnOf(TEMPLATES.customers, 'phone').required).toBeUndefined();
    expect(columnOf(TEMPLATES.customers, 'email').required).toBeUndefined();
  });

  it("enum options follow the spec, with the seeds' Chinese wording", () => {
    const keys = (table: TableKey, column: string): string[] =>
      (columnOf(TEMPLATES[table], column).options ?? []).map((o) => o.key);
    const labels = (table: TableKey, column: string, language: 'zh-CN' | 'zh-TW'): string[] =>
      (columnOf(TEMPLATES[table], column).options ?? []).map((o) => o.label[language]);
    expect(labels('customers', 'stage', 'zh-CN')).toEqual(['初期接触', '需求分析', '方案确认', '成交']);
    expect(labels('customers', 'stage', 'zh-TW')).toEqual(['初期接觸', '需求分析', '方案確認', '成交']);
    expect(labels('tickets', 'ticketType', 'zh-CN')).toEqual(['咨询', '技术支持', '投诉', '建议', '售后']);
    expect(labels('followUps', 'channel', 'zh-CN')).toEqual([
      '电话',
      '微信',
      '短信',
      '企业群',
      '拜访',
      '邮件',
      '视频',
      '其他',
    ]);
    expect(labels('customers', 'intentGrade', 'zh-CN')).toEqual(['高意向', '中意向', '低意向']);
    expect(labels('followUps', 'mood', 'zh-CN')).toEqual(['满意', '一般', '不满', '愤怒']);
    expect(keys('customers', 'status')).toEqual(['active', 'won', 'lost', 'churned']);
    expect(keys('customers', 'source')).toEqual(['websiteForm', 'tradeShow', 'referral', 'coldCall', 'other']);
    expect(keys('customers', 'valueTier')).toEqual(['strategic', 'key', 'standard']);
    expect(keys('customers', 'segment')).toEqual(['highValue', 'growth', 'dormant', 'regular']);
    expect(keys('followUps', 'direction')).toEqual(['outbound', 'inbound']);
    expect(keys('followUps', 'responded')).toEqual(['yes', 'no', 'pending']);
    expect(keys('followUps', 'milestone')).toEqual([
      'none',
      'needsInterview',
      'proposalSent',
      'objection',
      'contractSigned',
      'handover',
      'deliveryUpdate',
      'delivered',
      'accepted',
      'survey',
      'revisit',
    ]);
    expect(keys('followUps', 'status')).toEqual(['open', 'done']);
    expect(keys('tickets', 'category')).toEqual(['product', 'service', 'other']);
    expect(keys('tickets', 'priority')).toEqual(['high', 'medium', 'low']);
    expect(keys('tickets', 'status')).toEqual(['pending', 'inProgress', 'resolved', 'closed']);
    expect(keys('tickets', 'confirmation')).toEqual(['satisfied', 'needsImprovement']);
    expect(keys('team', 'role')).toEqual(['rep', 'manager']);
    expect(keys('customers', 'preferredChannel')).toEqual(keys('followUps', 'channel'));
  });

  it('the sleeping flag and the dormant segment never share a name (docs/product-rules.md §2)', () => {
    const sleeping = columnOf(TEMPLATES.customers, 'sleeping').label;
    const dormant = columnOf(TEMPLATES.customers, 'segment').options?.find((o) => o.key === 'dormant')
      ?.label as Localized;
    expect(sleeping.en).toMatch(/sleeping/i);
    expect(dormant.en).not.toMatch(/sleeping/i);
    expect(sleeping['zh-CN']).toContain('沉默');
    expect(dormant['zh-CN']).toContain('沉睡');
    expect(sleeping['zh-CN']).not.toContain('沉睡');
    expect(sleeping['zh-TW']).not.toContain('沉睡');
  });

  it('settings, team and log sheets have the columns their writers use', () => {
    expect(TEMPLATES.settings.columns.map((c) => c.key)).toEqual(['key', 'setting', 'value', 'unit', 'description']);
    expect(TEMPLATES.team.columns.map((c) => c.key)).toEqual(['name', 'email', 'role', 'active', 'phone']);
    expect(TEMPLATES.log.columns.map((c) => c.key)).toEqual([
      'time',
      'action',
      'user',
      'rowsExamined',
      'rowsChanged',
      'durationMs',
      'result',
      'details',
    ]);
    expect(columnOf(TEMPLATES.settings, 'value').computed).toBeUndefined();
  });
});
