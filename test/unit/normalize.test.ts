import { customerMatchKeys, matchKeysPattern } from '../../src/shared/rules/duplicates';
import {
  cleanText,
  companyMatchKey,
  normalizeEmail,
  phoneDigits,
  phoneMatchKey,
  toHalfWidth,
} from '../../src/shared/rules/normalize';

describe('toHalfWidth / cleanText', () => {
  it('turns full-width digits, letters and punctuation into half-width', () => {
    expect(toHalfWidth('１３８００１３８０００')).toBe('13800138000');
    expect(toHalfWidth('ＡＢＣ＠ｅｘａｍｐｌｅ．ｃｏｍ')).toBe('ABC@example.com');
    expect(toHalfWidth('＋８６　１３８')).toBe('+86 138');
  });

  it('trims and folds inner white space, keeping Chinese text as is', () => {
    expect(cleanText('  深圳市  某某科技\u3000有限公司 ')).toBe('深圳市 某某科技 有限公司');
  });
});

describe('phones', () => {
  it('keeps digits and a leading plus', () => {
    expect(phoneDigits('+86 138-0013-8000')).toBe('+8613800138000');
    expect(phoneDigits('010-5678 1234')).toBe('01056781234');
    expect(phoneDigits('（０２１）６２３４５６７８')).toBe('02162345678');
  });

  it.each([
    ['13800138000'],
    ['+86 138 0013 8000'],
    ['+8613800138000'],
    ['0086 13800138000'],
    ['8613800138000'],
    ['１３８００１３８０００'],
    ['138-0013-8000'],
  ])('recognises the mainland mobile in %p', (input) => {
    expect(phoneMatchKey(input)).toBe('13800138000');
  });

  it('leaves landlines and foreign numbers as their digits', () => {
    expect(phoneMatchKey('010-56781234')).toBe('01056781234');
    expect(phoneMatchKey('+1 415 555 0100')).toBe('14155550100');
    expect(phoneMatchKey('12345678901234')).toBe('12345678901234');
  });
});

describe('e-mail', () => {
  it('lower-cases and half-widths', () => {
    expect(normalizeEmail('  Li.Lei@Example.COM ')).toBe('li.lei@example.com');
    expect(normalizeEmail('ｌｉ＠ｅｘａｍｐｌｅ．ｃｏｍ')).toBe('li@example.com');
  });
});

describe('company names', () => {
  it.each([
    ['深圳市某某科技有限公司', '深圳市某某科技'],
    ['深圳市 某某科技 有限公司', '深圳市某某科技'],
    ['深圳市某某科技股份有限公司', '深圳市某某科技'],
    ['深圳市某某科技（有限公司）', '深圳市某某科技'],
    ['台北某某科技有限責任公司', '台北某某科技'],
    ['Acme Co., Ltd.', 'acme'],
    ['ACME Inc', 'acme'],
    ['Acme Company Limited', 'acme'],
    ['Ａｃｍｅ', 'acme'],
  ])('reduces %p to %p', (input, key) => {
    expect(companyMatchKey(input)).toBe(key);
  });

  it('does not strip a name down to nothing or eat part of a word', () => {
    expect(companyMatchKey('公司')).toBe('公司');
    expect(companyMatchKey('Costco')).toBe('costco');
    expect(companyMatchKey('Ltd')).toBe('ltd');
  });
});

describe('customer match keys (issue 18)', () => {
  const base = { customerType: 'enterprise', name: '深圳市星河科技有限公司', phone: '138 0013 8000', email: 'Li@X.cn' };

  it('keys phones, e-mails and companies as the duplicate rules compare them', () => {
    expect(customerMatchKeys(base, 'req-12345678')).toBe(
      `|p:13800138000|e:li@x.cn|c:${companyMatchKey(base.name)}|r:req-12345678|`,
    );
    expect(customerMatchKeys({ ...base, phone: '+86 １３８００１３８０００' })).toContain('|p:13800138000|');
    expect(customerMatchKeys({ customerType: 'individual', name: '王芳', phone: null, email: null })).toBe('');
  });

  it('builds one regular expression that finds a stored key of any part, and nothing else', () => {
    const pattern = new RegExp(matchKeysPattern({ ...base, phone: '0086-13800138000' }, 'req-x1234567') ?? '', 'i');
    expect(pattern.test(customerMatchKeys(base))).toBe(true);
    expect(pattern.test('|p:13800138001|')).toBe(false);
    expect(pattern.test('|r:req-x1234567|')).toBe(true);
    expect(
      new RegExp(matchKeysPattern({ ...base, email: 'a.b+c@x.cn', phone: null, name: null }) ?? '').test(
        '|e:aXb+c@x.cn|',
      ),
    ).toBe(false);
    expect(matchKeysPattern({ customerType: 'individual', name: 'x', phone: null, email: null })).toBeNull();
  });
});
