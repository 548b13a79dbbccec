/**
 * Which CSV column feeds which customer field: proposed from the header row (a template label in any of
 * the three languages, the column key, or a common synonym such as 公司名称 / Customer name / 手机 /
 * E-mail / 联系人), then adjusted by the rep in the sidebar.
 */
import { INTAKE_FIELDS } from '../rules/customer-input';
import { findColumnByHeader, normalizeLabel, TEMPLATES } from '../schema/templates';

/** Customer fields a CSV may fill: the intake form's fields and the id (kept when unique, docs/product-rules.md §1). */
export const IMPORT_FIELDS = ['id', ...INTAKE_FIELDS] as const;
export type ImportField = (typeof IMPORT_FIELDS)[number];

export function isImportField(value: unknown): value is ImportField {
  return typeof value === 'string' && (IMPORT_FIELDS as readonly string[]).includes(value);
}

/** One entry per CSV column: the field it feeds, or null (ignored). */
export type ColumnMapping = (ImportField | null)[];

/** Headers seen in CRM and Excel exports that are not a template label. Compared normalized. */
const SYNONYMS: Readonly<Partial<Record<ImportField, readonly string[]>>> = {
  id: ['客户编号', '客戶編號', 'Customer ID', 'Customer no', 'No.', '编号'],
  name: [
    '公司名称',
    '公司名稱',
    '公司',
    '公司全称',
    '企业名称',
    '企業名稱',
    '单位名称',
    '客户',
    '客戶',
    '客户名',
    'Company',
    'Company name',
    'Customer',
    'Customer name',
    'Account',
    'Account name',
    'Organization',
  ],
  customerType: ['类型', '類型', '客户类别', 'Type', 'Customer type'],
  industry: ['行业', '行業', 'Sector'],
  size: ['规模', '規模', '公司规模', 'Size', 'Employees'],
  contactName: ['联系人', '聯絡人', '联络人', '联系人姓名', 'Contact', 'Contact person', 'Contact name'],
  contactTitle: ['职务', '職務', '职位', '職位', 'Title', 'Job title', 'Position'],
  phone: [
    '手机',
    '手機',
    '手机号',
    '手机号码',
    '手機號碼',
    '电话',
    '電話',
    '联系电话',
    '聯繫電話',
    '联系方式',
    'Mobile',
    'Mobile phone',
    'Cell',
    'Tel',
    'Telephone',
    'Phone number',
  ],
  email: ['E-mail', 'Email', 'Email address', 'Mail', '邮箱', '郵箱', '电子邮件', '電子郵件', '电子邮箱', '电邮'],
  address: ['地址', '公司地址', '通讯地址', '通訊地址', '联系地址', 'Address', 'Street address'],
  source: ['来源', '來源', '客户来源', '渠道', 'Source', 'Lead source', 'Channel'],
  needs: ['需求', '需求描述', '客户需求', 'Needs', 'Requirement', 'Requirements', 'Description'],
  needKeywords: ['关键词', '關鍵詞', 'Keywords'],
  tags: ['标签', '標籤', 'Tags', 'Tag'],
  intentGrade: ['意向', '意向等级', '意向等級', 'Intent', 'Grade', 'Rating'],
  owner: ['负责人', '負責人', '销售', '業務', '业务员', '销售负责人', 'Owner', 'Sales rep', 'Rep', 'Account owner'],
  coOwner: ['协办人', '協辦人', 'Co-owner'],
  birthday: ['生日', 'Birthday', 'Date of birth'],
  anniversary: ['合作纪念日', '合作紀念日', 'Anniversary'],
  doNotContact: ['勿扰', '勿擾', '请勿联系', '請勿聯絡', 'Do not contact', 'DNC'],
  notes: ['备注', '備註', '說明', 'Notes', 'Note', 'Remark', 'Remarks', 'Comment', 'Comments'],
};

let synonymIndex: Map<string, ImportField> | null = null;

function synonymOf(header: string): ImportField | null {
  if (!synonymIndex) {
    synonymIndex = new Map();
    for (const [field, words] of Object.entries(SYNONYMS) as [ImportField, readonly string[]][]) {
      for (const word of words)
        if (!synonymIndex.has(normalizeLabel(word))) synonymIndex.set(normalizeLabel(word), field);
    }
  }
  return synonymIndex.get(normalizeLabel(header)) ?? null;
}

/** The field a header names: a template label (any language) or key first, then a synonym. */
export function fieldForHeader(header: string): ImportField | null {
  const column = findColumnByHeader(TEMPLATES.customers, header);
  if (column && isImportField(column.key)) return column.key;
  return synonymOf(header);
}

/** A proposed mapping: each field fed by at most one column (the first header naming it). */
export function proposeMapping(headers: readonly string[]): ColumnMapping {
  const used = new Set<ImportField>();
  return headers.map((header) => {
    const field = fieldForHeader(header.trim());
    if (!field || used.has(field)) return null;
    used.add(field);
    return field;
  });
}

/** Cleans a mapping that came from outside: unknown fields and second uses of a field become null. */
export function sanitizeMapping(raw: unknown, width: number): ColumnMapping {
  return sanitizeMappingOf(raw, width, isImportField);
}

/** sanitizeMapping for any table's fields (the transactions import uses it with its own field guard). */
export function sanitizeMappingOf<F extends string>(
  raw: unknown,
  width: number,
  isField: (value: unknown) => value is F,
): (F | null)[] {
  const list = Array.isArray(raw) ? (raw as unknown[]) : [];
  const used = new Set<F>();
  const mapping: (F | null)[] = [];
  for (let index = 0; index < width; index++) {
    const field = list[index];
    if (isField(field) && !used.has(field)) {
      used.add(field);
      mapping.push(field);
    } else mapping.push(null);
  }
  return mapping;
}

/** The cells of one record as field → raw text, by the mapping (unmapped columns ignored). */
export function mapRecord(cells: readonly string[], mapping: ColumnMapping): Partial<Record<ImportField, string>> {
  const out: Partial<Record<ImportField, string>> = {};
  mapping.forEach((field, index) => {
    if (field) out[field] = cells[index] ?? '';
  });
  return out;
}
