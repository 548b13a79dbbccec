import { isValidEmail, isValidPhone, validateCustomerInput } from '../../src/shared/rules/customer-input';
import { findDuplicates } from '../../src/shared/rules/duplicates';
import { parseLocalDateTime, validateFollowUpInput } from '../../src/shared/rules/follow-up-input';

const TEAM = ['rep@x.cn', 'boss@x.cn'];
const valid = {
  customerType: 'enterprise',
  name: '深圳市星河科技有限公司',
  industry: '制造业',
  contactName: '李雷',
  phone: '138 0013 8000',
  source: 'referral',
  needs: '采购办公设备',
  owner: 'rep@x.cn',
};

describe('phone and e-mail formats (docs/product-rules.md §2)', () => {
  it.each([
    '123456',
    '+86 138 0013 8000',
    '010-5678 1234',
    '(021) 6234 5678',
    '１３８００１３８０００',
    '12345678901234567890',
  ])('accepts the phone %p', (phone) => expect(isValidPhone(phone)).toBe(true));
  it.each(['12345', '123456789012345678901', '138abc0000', '++86 138', '138 0013 8000 ext 5', ''])(
    'rejects the phone %p',
    (phone) => expect(isValidPhone(phone)).toBe(false),
  );
  it.each(['li@example.com', 'Li.Lei+crm@mail.example.cn', 'ｌｉ＠ｅｘａｍｐｌｅ．ｃｏｍ'])(
    'accepts the e-mail %p',
    (email) => expect(isValidEmail(email)).toBe(true),
  );
  it.each(['li@', '@example.com', 'li@@example.com', 'li example@x.cn', 'li@example', 'li@.com'])(
    'rejects the e-mail %p',
    (email) => expect(isValidEmail(email)).toBe(false),
  );
});

describe('validateCustomerInput', () => {
  it('normalizes a valid submission', () => {
    const { values, errors } = validateCustomerInput(
      {
        ...valid,
        name: '  深圳市星河科技有限公司 ',
        phone: '＋８６ １３８ ００１３ ８０００',
        email: ' Li@Example.COM ',
        owner: 'REP@x.cn',
        birthday: '1990/1/2',
      },
      TEAM,
    );
    expect(errors).toEqual({});
    expect(values).toMatchObject({
      name: '深圳市星河科技有限公司',
      phone: '+8613800138000',
      email: 'li@example.com',
      owner: 'rep@x.cn',
      birthday: '1990-01-02',
      doNotContact: false,
    });
  });

  it('requires name, contact, source, needs, owner, a phone or e-mail, and industry for enterprises', () => {
    const { errors } = validateCustomerInput({ customerType: 'enterprise' }, TEAM);
    expect(errors).toEqual({
      name: 'validation.required',
      contactName: 'validation.required',
      source: 'validation.required',
      needs: 'validation.required',
      owner: 'validation.required',
      industry: 'validation.industryRequired',
      phone: 'validation.contactRequired',
      email: 'validation.contactRequired',
    });
    expect(validateCustomerInput({ ...valid, customerType: 'individual', industry: '' }, TEAM).errors).toEqual({});
  });

  it('checks options, the team list, co-owner, dates and lengths', () => {
    const { errors } = validateCustomerInput(
      {
        ...valid,
        source: 'tv',
        size: 'huge',
        owner: 'nobody@x.cn',
        coOwner: 'rep@x.cn',
        anniversary: '2024-02-30',
        notes: 'x'.repeat(10001),
      },
      TEAM,
    );
    expect(errors).toEqual({
      source: 'validation.option',
      size: 'validation.option',
      owner: 'validation.owner',
      anniversary: 'validation.date',
      notes: 'validation.tooLong',
    });
    expect(validateCustomerInput({ ...valid, coOwner: 'rep@x.cn' }, TEAM).errors).toEqual({
      coOwner: 'validation.coOwnerSame',
    });
    // The client does not know the team: skip that check there.
    expect(validateCustomerInput({ ...valid, owner: 'nobody@x.cn' }, null).errors).toEqual({});
  });

  it('treats non-objects as empty submissions', () => {
    expect(Object.keys(validateCustomerInput('nonsense', TEAM).errors)).toContain('name');
    expect(Object.keys(validateCustomerInput(null, TEAM).errors)).toContain('owner');
  });
});

describe('findDuplicates', () => {
  const existing = [
    {
      id: 'C1',
      row: 2,
      customerType: 'enterprise',
      name: '深圳市星河科技有限公司',
      phone: '+8613800138000',
      email: 'li@example.com',
      contactName: '李雷',
      owner: 'rep@x.cn',
    },
    {
      id: 'C2',
      row: 3,
      customerType: 'individual',
      name: '王芳',
      phone: '010-56781234',
      email: '',
      contactName: '王芳',
      owner: 'boss@x.cn',
    },
  ];
  it('matches by phone key, e-mail and company key, and lists every reason', () => {
    expect(
      findDuplicates(
        { customerType: 'enterprise', name: '深圳市星河科技', phone: '13800138000', email: 'LI@example.com' },
        existing,
      ),
    ).toEqual([
      {
        id: 'C1',
        row: 2,
        name: '深圳市星河科技有限公司',
        contactName: '李雷',
        owner: 'rep@x.cn',
        reasons: ['phone', 'email', 'company'],
      },
    ]);
    expect(
      findDuplicates({ customerType: 'individual', name: '某', phone: '01056781234', email: null }, existing).map(
        (m) => m.id,
      ),
    ).toEqual(['C2']);
  });
  it('matches nothing on empty or short values, or individuals by name', () => {
    expect(findDuplicates({ customerType: 'individual', name: '王芳', phone: null, email: null }, existing)).toEqual(
      [],
    );
    expect(findDuplicates({ customerType: 'enterprise', name: '', phone: '', email: '' }, existing)).toEqual([]);
  });
});

describe('follow-up input', () => {
  it('parses datetime-local values and rejects impossible ones', () => {
    expect(parseLocalDateTime('2024-06-03T09:30')).toEqual({ date: '2024-06-03', minutes: 570 });
    expect(parseLocalDateTime('2024-06-03 23:59:00')).toEqual({ date: '2024-06-03', minutes: 1439 });
    expect(parseLocalDateTime('2024-02-30T10:00')).toBeNull();
    expect(parseLocalDateTime('2024-06-03T24:00')).toBeNull();
    expect(parseLocalDateTime(20240603)).toBeNull();
  });

  it('requires customer, time, direction, channel and content; a next action needs a due date not before the contact', () => {
    const { errors } = validateFollowUpInput({ customerId: 'x', fields: { nextAction: '报价' } });
    expect(errors).toEqual({
      customerId: 'validation.customer',
      at: 'validation.required',
      direction: 'validation.required',
      channel: 'validation.required',
      content: 'validation.required',
      nextActionDue: 'validation.dueRequired',
    });
    const early = validateFollowUpInput({
      customerId: 'C20240603001',
      fields: {
        at: '2024-06-03T10:00',
        direction: 'outbound',
        channel: 'phone',
        content: 'x',
        nextAction: 'y',
        nextActionDue: '2024-06-03T09:00',
      },
    });
    expect(early.errors).toEqual({ nextActionDue: 'validation.dueBeforeContact' });
  });

  it('checks enum options, the stage and the mark-done flag', () => {
    const result = validateFollowUpInput({
      customerId: 'C20240603001',
      fields: { at: '2024-06-03T10:00', direction: 'sideways', channel: 'phone', content: 'x', mood: 'ecstatic' },
      stageAfter: 'celebration',
      markEarlierDone: 'yes',
    });
    expect(result.errors).toEqual({
      direction: 'validation.option',
      mood: 'validation.option',
      stageAfter: 'validation.option',
    });
    expect(result.values.markEarlierDone).toBe(false);
  });
});
