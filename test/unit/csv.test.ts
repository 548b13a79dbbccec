import iconv from 'iconv-lite';
import { decodeCsvBytes, type DecoderFactory } from '../../src/shared/csv/decode';
import { fieldForHeader, mapRecord, proposeMapping, sanitizeMapping } from '../../src/shared/csv/mapping';
import { detectDelimiter, parseCsv } from '../../src/shared/csv/parse';
import { rowProblems } from '../../src/shared/csv/report';
import { DuplicateIndex, fileDuplicates, markIdCollisions, prepareRow } from '../../src/shared/csv/rows';
import { tableRows } from '../../src/shared/csv/table';
import { CSV_BOM, guardCell, isFormulaLike, toCsv, unguardCell } from '../../src/shared/csv/write';
import { translatorFor } from '../../src/shared/i18n/translate';
import { TEMPLATES } from '../../src/shared/schema/templates';
import { fixedOffsetZone } from '../../src/shared/time/zone';

const decoder: DecoderFactory = (label, fatal) => new TextDecoder(label, { fatal });
const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);

describe('decoding', () => {
  it('reads UTF-8 with a BOM, strips the BOM and says so', () => {
    const decoded = decodeCsvBytes(utf8(`${CSV_BOM}名称,电话\r\n`), decoder);
    expect(decoded).toEqual({ text: '名称,电话\r\n', encoding: 'utf-8', bom: true });
  });

  it('reads UTF-8 without a BOM', () => {
    expect(decodeCsvBytes(utf8('客户名称,地址\n星河,深圳'), decoder)).toEqual({
      text: '客户名称,地址\n星河,深圳',
      encoding: 'utf-8',
      bom: false,
    });
  });

  it('falls back to GB18030 for GBK bytes (invalid as UTF-8)', () => {
    const bytes = iconv.encode('客户名称,地址\r\n深圳市星河科技有限公司,广东省深圳市南山区\r\n', 'gbk');
    // 客 is C0 CD in GBK: not a valid UTF-8 sequence, so strict UTF-8 fails.
    expect(Array.from(bytes.subarray(0, 2))).toEqual([0xbf, 0xcd]);
    expect(decodeCsvBytes(new Uint8Array(bytes), decoder)).toEqual({
      text: '客户名称,地址\r\n深圳市星河科技有限公司,广东省深圳市南山区\r\n',
      encoding: 'gb18030',
      bom: false,
    });
  });

  it('reads UTF-16LE with BOM (Excel "Unicode text")', () => {
    const bytes = new Uint8Array([0xff, 0xfe, ...Buffer.from('名\t电', 'utf16le')]);
    expect(decodeCsvBytes(bytes, decoder)).toEqual({ text: '名\t电', encoding: 'utf-16le', bom: true });
  });
});

describe('parsing', () => {
  it('handles quotes, doubled quotes, delimiters and line breaks inside quotes, and reports start lines', () => {
    const text = 'a,b,c\r\n"x, y","say ""hi""","line1\r\nline2\nline3"\r\n\r\nplain,,end\n';
    const parsed = parseCsv(text, ',');
    expect(parsed.unterminatedQuote).toBe(false);
    expect(parsed.records).toEqual([
      { line: 1, cells: ['a', 'b', 'c'] },
      { line: 2, cells: ['x, y', 'say "hi"', 'line1\nline2\nline3'] },
      // Line 5 is blank (skipped); the next record starts on line 6.
      { line: 6, cells: ['plain', '', 'end'] },
    ]);
  });

  it('keeps a last line without line end, and flags an unterminated quote', () => {
    expect(parseCsv('a;b\n1;2', ';').records).toEqual([
      { line: 1, cells: ['a', 'b'] },
      { line: 2, cells: ['1', '2'] },
    ]);
    const open = parseCsv('a,b\n"oops,1\n2,3', ',');
    expect(open.unterminatedQuote).toBe(true);
    expect(open.records[1]).toEqual({ line: 2, cells: ['oops,1\n2,3'] });
  });

  it.each([
    ['comma', 'name,phone,email\nA,1,a@x\nB,2,b@x\n', ','],
    ['semicolon with commas in values', 'name;needs;phone\n"A";"x, y, z";1\nB;p,q;2\n', ';'],
    ['tab', 'name\tphone\nA\t1\nB\t2\n', '\t'],
    ['one column', 'name\nA\nB\n', ','],
    ['semicolon with quoted comma headers', '"a,b";c;d\n1;2;3\n', ';'],
  ])('detects the %s delimiter', (_label, text, expected) => {
    expect(detectDelimiter(text)).toBe(expected);
  });
});

describe('writing', () => {
  it('quotes only what needs it, CRLF line ends, guards formula-like cells', () => {
    expect(toCsv([['a', 'b,c', 'say "hi"', 'two\nlines', ' pad', '=1+2', '+86 138 0013 8000', '-5', '@x', '+x']])).toBe(
      `a,"b,c","say ""hi""","two\nlines"," pad",'=1+2,+86 138 0013 8000,-5,'@x,'+x\r\n`,
    );
  });

  it('guards and unguards symmetrically', () => {
    for (const cell of ['=cmd|" /C calc"!A0', '@SUM(A1)', '+总监', '-urgent', 'plain', "'quoted", '+8613800138000'])
      expect(unguardCell(guardCell(cell))).toBe(cell);
    expect(isFormulaLike('-12.5')).toBe(false);
    expect(isFormulaLike('\tx')).toBe(true);
  });

  it('round-trips through the parser', () => {
    const rows = [
      ['名称', '备注'],
      ['星河, "科技"', '第一行\n第二行'],
    ];
    expect(parseCsv(toCsv(rows), ',').records.map((record) => record.cells)).toEqual(rows);
  });
});

describe('mapping', () => {
  it('proposes fields from labels in any language, keys and synonyms; a field is used once', () => {
    expect(
      proposeMapping([
        '公司名称',
        'Contact name',
        '手机',
        'E-mail',
        '联系人',
        '聯絡電話',
        '地址',
        '备注',
        'Unknown',
        '客户来源',
        'owner',
      ]),
    ).toEqual([
      'name',
      'contactName',
      'phone',
      'email',
      null, // contactName already taken by column 2
      null, // phone already taken
      'address',
      'notes',
      null,
      'source',
      'owner',
    ]);
    expect(['Customer name', '客戶名稱', 'Company', 'Mobile', '邮箱', '负责人'].map(fieldForHeader)).toEqual([
      'name',
      'name',
      'name',
      'phone',
      'email',
      'owner',
    ]);
  });

  it('sanitizes a mapping from outside and maps records', () => {
    expect(sanitizeMapping(['name', 'bogus', 'name', 'phone'], 5)).toEqual(['name', null, null, 'phone', null]);
    expect(mapRecord(['A', 'x', '1'], ['name', null, 'phone'])).toEqual({ name: 'A', phone: '1' });
  });
});

const team = [
  { email: 'boss@example.com', name: '王经理' },
  { email: 'rep@example.com', name: 'Li Lei' },
];
const rules = { team, defaults: { owner: 'boss@example.com', needs: '导入' } };
const good = {
  name: '深圳市星河科技有限公司',
  customerType: '企业客户',
  industry: '制造业',
  contactName: '李雷',
  phone: '138 0013 8000',
  email: 'Li@X.cn',
  source: 'Trade show',
};

describe('rows', () => {
  it('converts labels in any language, owner names, defaults and booleans, with the intake rules', () => {
    const row = prepareRow(7, { ...good, owner: 'li lei', doNotContact: '是', intentGrade: '高' }, rules);
    expect(row.errors).toEqual({});
    expect(row.id).toBeNull();
    expect(row.values).toMatchObject({
      customerType: 'enterprise',
      source: 'tradeShow',
      owner: 'rep@example.com',
      phone: '13800138000',
      email: 'li@x.cn',
      needs: '导入',
      intentGrade: 'high',
      doNotContact: true,
    });
  });

  it('reports the same errors as the intake form, plus bad ids', () => {
    const row = prepareRow(3, { ...good, phone: '12', email: '', source: 'TV', owner: 'nobody', id: 'C 1' }, rules);
    expect(row.errors).toEqual({
      phone: 'validation.phone',
      source: 'validation.option',
      owner: 'validation.owner',
      id: 'import.badId',
    });
  });

  it('finds duplicates within the file (first kept) and id collisions', () => {
    const rows = [
      prepareRow(2, { ...good, id: 'X-1' }, rules),
      prepareRow(3, { ...good, name: '别家', phone: '+86 13800138000', email: 'a@b.cn' }, rules),
      prepareRow(4, { ...good, name: '深圳市 星河科技', phone: '13911112222', email: 'c@d.cn', id: 'X-1' }, rules),
      prepareRow(
        5,
        { ...good, name: '个人', customerType: 'individual', phone: '13700000000', email: 'LI@x.cn' },
        rules,
      ),
      prepareRow(6, { ...good, name: '新公司', phone: '13600000000', email: 'new@x.cn' }, rules),
    ];
    markIdCollisions(rows, new Set(['Y-9']));
    expect(rows[2]?.errors).toEqual({ id: 'import.idTaken' });
    const duplicates = fileDuplicates(rows);
    expect([...duplicates.keys()]).toEqual([3, 5]);
    expect(duplicates.get(3)?.map((match) => [match.row, match.reasons])).toEqual([[2, ['phone']]]);
    expect(duplicates.get(5)?.map((match) => [match.row, match.reasons])).toEqual([[2, ['email']]]);
    const t = translatorFor('en');
    const problems = rowProblems(rows, duplicates, 'file', (field) => field, t);
    expect(problems).toEqual([
      {
        line: 3,
        kind: 'duplicate',
        messages: ['Same customer as line 2 (same phone).'],
        duplicates: [{ id: '', row: null, line: 2, name: '深圳市星河科技有限公司', reasons: ['same phone'] }],
      },
      { line: 4, kind: 'invalid', messages: ['id: This id is already used.'], duplicates: [] },
      {
        line: 5,
        kind: 'duplicate',
        messages: ['Same customer as line 2 (same e-mail).'],
        duplicates: [{ id: '', row: null, line: 2, name: '深圳市星河科技有限公司', reasons: ['same e-mail'] }],
      },
    ]);
  });

  it('indexes thousands of customers and still reports every reason', () => {
    const existing = Array.from({ length: 5000 }, (_, i) => ({
      id: `C${i}`,
      row: i + 2,
      customerType: 'enterprise',
      name: `公司${i}`,
      phone: `1380000${String(i).padStart(4, '0')}`,
      email: `c${i}@x.cn`,
      contactName: '',
      owner: '',
    }));
    const index = new DuplicateIndex(existing);
    const matches = index.find({
      ...existing[0]!,
      id: '',
      name: '公司4321有限公司',
      phone: '+86 138 0000 4321',
      email: 'C4321@X.CN',
    });
    expect(matches.map((match) => [match.id, match.reasons])).toEqual([['C4321', ['phone', 'email', 'company']]]);
  });
});

describe('export rows', () => {
  it('writes labels in the workbook language, local dates, TRUE/FALSE, and leaves hidden columns out', () => {
    const zone = fixedOffsetZone('Asia/Shanghai', 480);
    const rows = tableRows(
      TEMPLATES.customers,
      [
        {
          values: {
            id: 'C20240603001',
            name: '星河',
            customerType: 'enterprise',
            source: 'tradeShow',
            doNotContact: false,
            createdAt: new Date('2024-06-03T01:00:00Z'),
            birthday: '1990-05-01',
            requestId: 'secret',
          },
        },
      ],
      'zh-CN',
      zone,
    );
    const header = rows[0] as string[];
    const cell = (label: string): string | undefined => rows[1]?.[header.indexOf(label)];
    expect(header).not.toContain('requestId');
    expect(header.length).toBe(TEMPLATES.customers.columns.filter((column) => !column.hidden).length);
    expect([cell('编号'), cell('客户类型'), cell('客户来源'), cell('请勿打扰'), cell('生日')]).toEqual([
      'C20240603001',
      '企业客户',
      '行业展会',
      'FALSE',
      '1990-05-01',
    ]);
    expect(rows[1]?.includes('2024-06-03 09:00')).toBe(true);
  });
});
