import {
  changedContactKeys,
  editFormValues,
  editedFields,
  planCustomerEdit,
} from '../../src/shared/rules/customer-edit';
import { fixedOffsetZone } from '../../src/shared/time/zone';

const ZONE = fixedOffsetZone('Asia/Shanghai', 480);

const ROW = {
  id: 'C20240603001',
  customerType: 'enterprise',
  name: '深圳市星河科技有限公司',
  industry: '制造业',
  contactName: '李雷',
  phone: '138 0013 8000',
  email: 'li.lei@example.com',
  source: 'tradeShow',
  needs: '采购办公设备',
  owner: 'boss@example.com',
  intentGrade: 'high',
  birthday: new Date('1990-05-01T00:00:00+08:00'),
  doNotContact: null,
};

describe('edit-customer rules', () => {
  it('shows a row as the form does: dates as local dates, empty cells as "", the checkbox as a boolean', () => {
    const values = editFormValues(ROW, ZONE);
    expect(values).toMatchObject({ birthday: '1990-05-01', phone: '138 0013 8000', notes: '', doNotContact: false });
  });

  it('counts only what the rep changed, normalized like intake', () => {
    const loaded = editFormValues(ROW, ZONE);
    expect(editedFields(loaded, { ...loaded, phone: '13800138000', name: ' 深圳市星河科技有限公司 ' })).toEqual([]);
    expect(editedFields(loaded, { ...loaded, phone: '139 1234 5678', doNotContact: true })).toEqual([
      'phone',
      'doNotContact',
    ]);
  });

  it('writes a change only where the sheet differs, and calls a field changed by someone else a conflict', () => {
    const loaded = editFormValues(ROW, ZONE);
    const team = ['boss@example.com'];
    const same = planCustomerEdit(loaded, { ...loaded, notes: '备注' }, { ...loaded, notes: '备注' }, team);
    expect(same.changes).toEqual([]);
    const other = planCustomerEdit(loaded, { ...loaded, phone: '13912345678' }, { ...loaded, phone: '137' }, team);
    expect(other.conflicts).toEqual(['phone']);
    const fine = planCustomerEdit(loaded, { ...loaded, tags: 'VIP' }, { ...loaded, phone: '137' }, team);
    expect(fine).toMatchObject({ conflicts: [], changes: [{ key: 'tags', before: '', after: 'VIP' }] });
    expect(planCustomerEdit(loaded, { ...loaded, owner: 'x@y.cn' }, loaded, team).errors).toEqual({
      owner: 'validation.owner',
    });
  });

  it('looks for duplicates only by the contact keys the rep changed', () => {
    const loaded = editFormValues(ROW, ZONE);
    const values = planCustomerEdit(loaded, { ...loaded, phone: '139 1234 5678' }, loaded, null).values;
    expect(changedContactKeys(values, ['phone'])).toEqual({
      customerType: 'enterprise',
      name: null,
      phone: '13912345678',
      email: null,
    });
    expect(changedContactKeys(values, ['notes'])).toBeNull();
    expect(changedContactKeys(values, ['customerType'])?.name).toBe('深圳市星河科技有限公司');
  });
});
