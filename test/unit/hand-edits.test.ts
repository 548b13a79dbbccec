import { checkCustomerRow, normalizedContact, rowCheckText } from '../../src/shared/rules/hand-edits';

/** The pure rules behind the onEdit trigger (issue 19 item 8): what is normalized, what is marked. */
const VALID = {
  id: 'C20240603001',
  name: '深圳市星河科技有限公司',
  customerType: '企业客户',
  industry: '制造业',
  contactName: '李雷',
  phone: '13800138000',
  email: 'li.lei@example.com',
  source: '行业展会',
  needs: '采购办公设备',
  owner: 'boss@example.com',
};

describe('normalizedContact', () => {
  it('stores valid phones and e-mails as intake does', () => {
    expect(normalizedContact('phone', '138 0013 8000')).toBe('13800138000');
    expect(normalizedContact('phone', '＋８６ １３８-００１３-８０００')).toBe('+8613800138000');
    expect(normalizedContact('phone', 13800138000)).toBe('13800138000');
    expect(normalizedContact('email', ' Li.Lei@Example.COM ')).toBe('li.lei@example.com');
  });

  it('leaves what it cannot read alone (null = keep as typed)', () => {
    expect(normalizedContact('phone', 'call reception')).toBeNull();
    expect(normalizedContact('phone', '12345')).toBeNull();
    expect(normalizedContact('email', 'li.lei at example')).toBeNull();
    expect(normalizedContact('email', null)).toBeNull();
    expect(normalizedContact('phone', new Date(0))).toBeNull();
  });
});

describe('checkCustomerRow', () => {
  it('finds nothing wrong with a complete row, in any of the three languages’ labels', () => {
    expect(checkCustomerRow(VALID)).toEqual([]);
    expect(checkCustomerRow({ ...VALID, customerType: 'Enterprise', source: '行業展會' })).toEqual([]);
    expect(checkCustomerRow({ ...VALID, customerType: 'individual', industry: '' })).toEqual([]);
  });

  it('lists required fields, dropdown values, contacts, owners and dates, in column order', () => {
    expect(
      checkCustomerRow({
        ...VALID,
        name: ' ',
        industry: '',
        source: 'VIP',
        phone: '',
        email: '',
        owner: 'boss',
        birthday: 'next spring',
        intentGrade: 'hot',
      }),
    ).toEqual([
      { key: 'name', message: 'validation.required' },
      { key: 'industry', message: 'validation.industryRequired' },
      { key: 'phone', message: 'validation.contactRequired' },
      { key: 'source', message: 'validation.option' },
      { key: 'owner', message: 'validation.owner' },
      { key: 'intentGrade', message: 'validation.option' },
      { key: 'birthday', message: 'validation.date' },
    ]);
    expect(checkCustomerRow({ ...VALID, phone: 'abc', email: 'x@' })).toEqual([
      { key: 'phone', message: 'validation.phone' },
      { key: 'email', message: 'validation.email' },
    ]);
    expect(checkCustomerRow({ ...VALID, birthday: new Date(2000, 0, 1) })).toEqual([]);
  });
});

describe('rowCheckText', () => {
  const problems = [
    { key: 'contactName', message: 'validation.required' as const },
    { key: 'source', message: 'validation.option' as const },
  ];

  it('names the column and the problem in the workbook’s language', () => {
    expect(rowCheckText(problems, 'zh-CN')).toBe('联系人姓名：必填。客户来源：请从列表中选择。');
    expect(rowCheckText(problems, 'en')).toBe('Contact name: Required. Source: Pick one of the listed values.');
    expect(rowCheckText(problems, 'zh-TW')).toMatch(/^聯絡人姓名：/);
    expect(rowCheckText([], 'en')).toBe('');
  });
});
