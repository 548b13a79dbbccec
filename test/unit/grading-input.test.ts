import {
  formatPainPoints,
  formatRole,
  parseAmount,
  parsePainPoints,
  parseRole,
  validateNeedsAnalysis,
} from '../../src/shared/rules/grading-input';

/** The needs-analysis form's rules, shared by the sidebar and saveNeedsAnalysis. */

const form = (overrides: Record<string, unknown> = {}) => ({
  customerId: 'C20240603001',
  painPoints: ['交期太长', '  2. 售后响应慢  '],
  explicitNeeds: '采购办公设备',
  potentialNeeds: '',
  decisionMaker: { who: '王总（总经理）', concern: '价格' },
  influencer: { who: '', concern: '' },
  endUser: { who: '', concern: '操作简单' },
  budgetRange: '30万–50万',
  annualValueEstimate: '50万',
  needClarity: 'explicit',
  budgetFit: 'unconfirmed',
  intentGrade: '',
  ...overrides,
});

describe('needs-analysis cells', () => {
  it('keeps pain points as a numbered, ranked list and reads any numbering back', () => {
    expect(formatPainPoints(['交期太长', '售后响应慢'])).toBe('1. 交期太长\n2. 售后响应慢');
    expect(parsePainPoints('1. 交期太长\n2、售后响应慢\n(3) 价格\n- 培训\n\n')).toEqual([
      '交期太长',
      '售后响应慢',
      '价格',
      '培训',
    ]);
  });

  it('keeps each role as "who — concern"', () => {
    expect(formatRole({ who: '王总', concern: '价格' })).toBe('王总 — 价格');
    expect(formatRole({ who: '', concern: '价格' })).toBe('— 价格');
    expect(formatRole({ who: '王总', concern: '' })).toBe('王总');
    expect(formatRole({ who: '', concern: '' })).toBeNull();
    for (const role of [
      { who: '王总', concern: '价格' },
      { who: '', concern: '价格' },
      { who: '王总', concern: '' },
    ]) {
      expect(parseRole(formatRole(role))).toEqual(role);
    }
    expect(parseRole('李工，关心稳定性')).toEqual({ who: '李工，关心稳定性', concern: '' });
  });

  it.each([
    ['500000', 500000],
    ['500,000', 500000],
    ['¥500000', 500000],
    ['５０万', 500000],
    ['12.5万', 125000],
    ['99.99元', 99.99],
    ['五十万', null],
    ['-5', null],
    ['1,00', null],
  ])('reads the amount %s as %s', (text, value) => {
    expect(parseAmount(text)).toBe(value);
  });
});

describe('validateNeedsAnalysis', () => {
  it('normalizes the answers into the cells, taking the suggestion when no grade was picked', () => {
    const { values, errors } = validateNeedsAnalysis(form());
    expect(errors).toEqual({});
    expect(values).toEqual({
      customerId: 'C20240603001',
      cells: {
        painPoints: '1. 交期太长\n2. 售后响应慢',
        explicitNeeds: '采购办公设备',
        potentialNeeds: null,
        decisionMaker: '王总(总经理) — 价格', // half-width, as every text field is stored
        influencer: null,
        endUser: '— 操作简单',
        budgetRange: '30万–50万',
        annualValueEstimate: 500000,
        intentGrade: 'medium',
      },
      needClarity: 'explicit',
      budgetFit: 'unconfirmed',
    });
  });

  it("keeps the rep's own grade over the suggestion", () => {
    expect(validateNeedsAnalysis(form({ intentGrade: 'high' })).values.cells.intentGrade).toBe('high');
  });

  it('names every bad field', () => {
    expect(
      validateNeedsAnalysis(
        form({
          customerId: 'x',
          annualValueEstimate: 'a lot',
          needClarity: 'certain',
          budgetFit: '',
          intentGrade: '',
          explicitNeeds: 'x'.repeat(10001),
          painPoints: Array.from({ length: 21 }, (_, i) => `p${i}`),
        }),
      ).errors,
    ).toEqual({
      customerId: 'validation.customer',
      annualValueEstimate: 'validation.amount',
      needClarity: 'validation.option',
      intentGrade: 'validation.required',
      explicitNeeds: 'validation.tooLong',
      painPoints: 'validation.tooLong',
    });
    expect(validateNeedsAnalysis(form({ intentGrade: 'urgent' })).errors).toEqual({
      intentGrade: 'validation.option',
    });
    expect(validateNeedsAnalysis(null).errors).toMatchObject({ customerId: 'validation.customer' });
  });
});
