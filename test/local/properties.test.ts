import { RuntimeContext, type LocalUser } from '../../src/local/core/context';
import { createPropertiesService } from '../../src/local/services/properties';
import { errorOf } from '../support/errors';

/* Facts: docs/apps-script/services.md §4 (PropertiesService). */

const OWNER: LocalUser = { email: 'owner@example.com', locale: 'zh_CN' };
const OTHER: LocalUser = { email: 'other@example.com', locale: 'en' };
const QUOTA = 'You have exceeded the property storage quota. Please remove some properties and try again.';

/* eslint-disable @typescript-eslint/no-explicit-any -- scripts call the runtime untyped */
function setup(documentId?: string | null) {
  const ctx = new RuntimeContext({ startMs: 0, user: OWNER });
  const made = createPropertiesService(ctx, documentId === undefined ? {} : { documentId });
  return { ctx, PropertiesService: made.PropertiesService as any, state: made.state };
}

describe('PropertiesService stores', () => {
  test('getDocumentProperties is null without a document; script and user stores always exist', () => {
    const { PropertiesService } = setup(null);
    expect(PropertiesService.getDocumentProperties()).toBeNull();
    expect(String(PropertiesService.getScriptProperties())).toBe('Properties');
    expect(String(PropertiesService.getUserProperties())).toBe('Properties');
  });

  test('user properties are per effective user; script and document properties are shared', () => {
    const { ctx, PropertiesService } = setup();
    PropertiesService.getUserProperties().setProperty('lang', 'zh');
    PropertiesService.getDocumentProperties().setProperty('schema', '3');
    ctx.runExecution({ user: OTHER, label: 'other' }, () => {
      expect(PropertiesService.getUserProperties().getProperty('lang')).toBeNull();
      expect(PropertiesService.getDocumentProperties().getProperty('schema')).toBe('3');
    });
    // An installable trigger runs as its owner: the owner's user store.
    ctx.runExecution({ user: OTHER, effectiveUser: OWNER, label: 'trigger' }, () => {
      expect(PropertiesService.getUserProperties().getProperty('lang')).toBe('zh');
    });
  });

  test('needs LIMITED, CUSTOM_FUNCTION or FULL: AuthMode.NONE is refused', () => {
    const { ctx, PropertiesService } = setup();
    ctx.runExecution({ authMode: 'NONE', label: 'onOpen' }, () => {
      expect(errorOf(() => PropertiesService.getDocumentProperties())).toEqual({
        name: 'Exception',
        message: 'You do not have permission to call PropertiesService.getDocumentProperties. (AuthMode.NONE)',
      });
    });
    ctx.runExecution({ authMode: 'LIMITED', label: 'onOpen' }, () => {
      expect(PropertiesService.getDocumentProperties().getProperty('x')).toBeNull();
    });
  });
});

describe('Properties behaviour (reference/properties/properties)', () => {
  test('values are stored as strings; absent keys give null; setters chain', () => {
    const { PropertiesService } = setup();
    const props = PropertiesService.getScriptProperties();
    expect(props.setProperty('n', 42).setProperty('b', true).setProperty('o', { a: 1 })).toBe(props);
    expect(props.getProperty('n')).toBe('42');
    expect(props.getProperty('b')).toBe('true');
    expect(props.getProperty('o')).toBe('[object Object]');
    expect(props.getProperty('missing')).toBeNull();
    expect(props.getKeys()).toEqual(['n', 'b', 'o']);
  });

  test('getProperties returns a copy, not a live view', () => {
    const { PropertiesService } = setup();
    const props = PropertiesService.getScriptProperties();
    props.setProperty('a', '1');
    const copy = props.getProperties();
    copy.a = 'changed';
    copy.b = 'new';
    expect(props.getProperties()).toEqual({ a: '1' });
    props.setProperty('c', '3');
    expect(copy).toEqual({ a: 'changed', b: 'new' });
  });

  test('setProperties merges, or replaces everything with deleteAllOthers; deletes chain', () => {
    const { PropertiesService } = setup();
    const props = PropertiesService.getDocumentProperties();
    props.setProperties({ a: 1, b: 2 });
    props.setProperties({ c: 3 });
    expect(props.getProperties()).toEqual({ a: '1', b: '2', c: '3' });
    props.setProperties({ d: 4 }, true);
    expect(props.getProperties()).toEqual({ d: '4' });
    expect(props.deleteProperty('d').setProperty('e', 'x').deleteAllProperties()).toBe(props);
    expect(props.getKeys()).toEqual([]);
  });

  test('wrong argument counts do not match the signature', () => {
    const { PropertiesService } = setup();
    expect(errorOf(() => PropertiesService.getScriptProperties().setProperty('only-key')).message).toBe(
      "The parameters (String) don't match the method signature for PropertiesService.Properties.setProperty.",
    );
  });
});

describe('limits (quota table: 9 KB per value, 500 KB per store; FIELD message)', () => {
  test('a value over 9 * 1024 UTF-8 bytes is refused; exactly 9 KB is accepted', () => {
    const { PropertiesService } = setup();
    const props = PropertiesService.getScriptProperties();
    props.setProperty('ok', 'x'.repeat(9 * 1024));
    expect(errorOf(() => props.setProperty('big', 'x'.repeat(9 * 1024 + 1)))).toEqual({
      name: 'Exception',
      message: QUOTA,
    });
    // 3 bytes per CJK character: 3073 characters are 9219 bytes.
    expect(errorOf(() => props.setProperty('cjk', '客'.repeat(3073))).message).toBe(QUOTA);
    expect(props.getProperty('big')).toBeNull();
  });

  test('the store total (keys + values) may not pass 500 KB; a failed setProperties changes nothing', () => {
    const { PropertiesService } = setup();
    const props = PropertiesService.getUserProperties();
    const value = 'v'.repeat(9000);
    // 56 properties of a 3-byte key and a 9000-byte value: 56 * 9003 = 504,168 bytes ≤ 512,000.
    const batch: Record<string, string> = {};
    for (let i = 10; i < 66; i += 1) batch[`k${i}`] = value;
    props.setProperties(batch);
    expect(props.getKeys()).toHaveLength(56);
    // One more 9003-byte property (plus 'small') would pass 512,000 bytes.
    expect(errorOf(() => props.setProperties({ k99: value, small: 'x' })).message).toBe(QUOTA);
    expect(props.getProperty('small')).toBeNull();
    // Replacing an existing value does not double count it.
    props.setProperty('k10', value);
    // Freeing space makes room again.
    props.deleteProperty('k10');
    props.setProperty('k99', value);
    expect(props.getKeys()).toHaveLength(56);
  });
});

describe('state and metering', () => {
  test('save/load round-trips every store', () => {
    const a = setup();
    a.PropertiesService.getScriptProperties().setProperty('s', '1');
    a.PropertiesService.getDocumentProperties().setProperty('d', '2');
    a.PropertiesService.getUserProperties().setProperty('u', '3');
    const b = setup();
    b.state.restore(JSON.parse(JSON.stringify(a.state.serialize())));
    expect(b.PropertiesService.getScriptProperties().getProperties()).toEqual({ s: '1' });
    expect(b.PropertiesService.getDocumentProperties().getProperties()).toEqual({ d: '2' });
    expect(b.PropertiesService.getUserProperties().getProperties()).toEqual({ u: '3' });
  });

  test('each call is metered once under PropertiesService', () => {
    const { ctx, PropertiesService } = setup();
    const { cost } = ctx.meter.measure(() =>
      PropertiesService.getScriptProperties().setProperty('a', 'b').getProperty('a'),
    );
    expect(cost.byMethod).toEqual({
      'PropertiesService.PropertiesService.getScriptProperties': 1,
      'PropertiesService.Properties.setProperty': 1,
      'PropertiesService.Properties.getProperty': 1,
    });
  });
});
