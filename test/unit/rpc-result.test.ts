import { fail, ok } from '../../src/shared/rpc/result';

describe('action results', () => {
  it('carries a value on success', () => {
    expect(ok({ id: 'C20240603001' })).toEqual({ ok: true, value: { id: 'C20240603001' } });
  });

  it('carries a kind, a localized message and optional field errors on failure', () => {
    expect(fail('busy', '请稍后再试')).toEqual({ ok: false, error: { kind: 'busy', message: '请稍后再试' } });
    expect(fail('validation', 'bad', { phone: 'too short' })).toEqual({
      ok: false,
      error: { kind: 'validation', message: 'bad', fields: { phone: 'too short' } },
    });
  });

  it('survives the google.script.run JSON copy unchanged', () => {
    const result = fail('duplicate', 'dup', { email: 'exists' });
    expect(JSON.parse(JSON.stringify(result))).toEqual(result);
  });
});
