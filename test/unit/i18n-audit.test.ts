import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { LANGUAGES } from '../../src/shared/i18n/language';
import { en } from '../../src/shared/i18n/messages.en';
import { catalogue } from '../../src/shared/i18n/translate';
import { TEMPLATES } from '../../src/shared/schema/templates';

/**
 * Localization audit (issue 11): every text users see exists in en, zh-CN and zh-TW; no catalogue key is
 * dead; no user-visible text is hard-coded in sidebars or server actions.
 */
const ROOT = path.resolve(__dirname, '../..');
const SRC = path.join(ROOT, 'src');
const CATALOGUES = /src\/shared\/i18n\/messages\.[\w-]+\.ts$/;

function filesUnder(dir: string, ext: RegExp): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) out.push(...filesUnder(full, ext));
    else if (ext.test(name)) out.push(full);
  }
  return out;
}

/** Product code (not the local runtime or playground, which are developer tools). */
const productFiles = ['server', 'client', 'shared']
  .flatMap((dir) => filesUnder(path.join(SRC, dir), /\.(ts|html)$/))
  .filter((file) => !CATALOGUES.test(file.split(path.sep).join('/')));
const productText = productFiles.map((file) => readFileSync(file, 'utf8')).join('\n');

/**
 * Keys built at run time from a prefix and a value (`intake.duplicateReason.${reason}`). A prefix is only
 * accepted while the source really builds keys from it: see the last test.
 */
const DYNAMIC_PREFIXES = [
  'intake.duplicateReason.',
  'import.encoding.',
  'import.delimiter.',
  'myDay.',
  'needsAnalysis.need.',
  'needsAnalysis.budget.',
  'ticket.action.',
  'dashboard.status.',
];

/**
 * Keys found unused by this audit, kept for now and reported to the coordinator (delete or use them). The
 * list may only shrink: a key here that becomes used fails the test too, so it is taken off.
 */
const KNOWN_UNUSED: string[] = [];

describe('catalogues', () => {
  it.each(LANGUAGES)('%s has exactly the English keys, each with a text', (language) => {
    const messages = catalogue(language) as Record<string, string>;
    expect(Object.keys(messages).sort()).toEqual(Object.keys(en).sort());
    for (const [key, text] of Object.entries(messages))
      expect({ key, empty: text.trim() === '' }).toEqual({ key, empty: false });
  });

  it('Chinese catalogues are translated (no English sentence copied over)', () => {
    for (const language of ['zh-CN', 'zh-TW'] as const) {
      const messages = catalogue(language) as Record<string, string>;
      const untranslated = Object.keys(en).filter((key) => {
        const text = messages[key] as string;
        return text === (en as Record<string, string>)[key] && /[a-z]{3,} [a-z]{3,}/i.test(text);
      });
      expect({ language, untranslated }).toEqual({ language, untranslated: [] });
    }
  });
});

describe('templates', () => {
  it('name every sheet, header, enum option and setting in the three languages', () => {
    const missing: string[] = [];
    const check = (where: string, labels: Record<string, string> | undefined) => {
      for (const language of LANGUAGES) if (!labels?.[language]?.trim()) missing.push(`${where} [${language}]`);
    };
    for (const template of Object.values(TEMPLATES)) {
      check(`${template.table} sheet name`, template.sheetName);
      for (const column of template.columns) {
        check(`${template.table}.${column.key}`, column.label);
        if (column.help) check(`${template.table}.${column.key} help`, column.help);
        for (const option of column.options ?? []) check(`${template.table}.${column.key}=${option.key}`, option.label);
      }
      for (const setting of template.settings ?? []) {
        check(`setting ${setting.key}`, setting.label);
        check(`setting ${setting.key} description`, setting.description);
        if (setting.unit) check(`setting ${setting.key} unit`, setting.unit);
      }
    }
    expect(missing).toEqual([]);
  });
});

describe('unused catalogue keys', () => {
  it('every key is used somewhere in src (quoted), or is built from an allowed dynamic prefix', () => {
    const unused = Object.keys(en).filter(
      (key) =>
        !productText.includes(`'${key}'`) &&
        !productText.includes(`"${key}"`) &&
        !productText.includes(`\`${key}\``) &&
        !DYNAMIC_PREFIXES.some((prefix) => key.startsWith(prefix)),
    );
    expect(unused).toEqual(KNOWN_UNUSED);
  });

  it('each allowed dynamic prefix is really used to build keys', () => {
    for (const prefix of DYNAMIC_PREFIXES) {
      expect({ prefix, used: productText.includes(`\`${prefix}\${`) }).toEqual({ prefix, used: true });
    }
  });

  it('the check itself finds an unused key (it can fail)', () => {
    expect(productText.includes(`'no.such.key.anywhere'`)).toBe(false);
  });
});

/** User-visible-looking literals: CJK text, or a capitalised English phrase of three words or more. */
const CJK = /[\u3400-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef]/;
const ENGLISH_SENTENCE = /^[A-Z][a-z]+(?:[ ,'’-]+[A-Za-z]+){2,}/;
/** Each language's name in itself (the language pickers): deliberately the same in every workbook. */
const ENDONYMS = new Set(['English', '简体中文', '繁體中文']);

export function hardCodedStrings(file: string, source: string): string[] {
  const sf = ts.createSourceFile(file, source, ts.ScriptTarget.ES2020, true);
  const found: string[] = [];
  const isDeveloperText = (node: ts.Node): boolean => {
    for (let up: ts.Node | undefined = node.parent; up; up = up.parent) {
      if (ts.isImportDeclaration(up) || ts.isExportDeclaration(up)) return true;
      // Bugs throw with developer messages ("only bugs throw"); those are not shown as product text.
      if (ts.isNewExpression(up) && /Error$/.test(up.expression.getText(sf))) return true;
      if (ts.isThrowStatement(up)) return true;
      // Lines for the executions log (console.*) are read by whoever maintains the script, not by users.
      if (ts.isCallExpression(up) && /^console\.(log|info|warn|error)$/.test(up.expression.getText(sf))) return true;
      // Look-up tables of what users may type (synonyms, words for a language) are input, not output.
      if (ts.isPropertyAssignment(up) && up.name === node) return true;
    }
    return false;
  };
  const visit = (node: ts.Node): void => {
    let text: string | null = null;
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) text = node.text;
    else if (ts.isTemplateHead(node) || ts.isTemplateMiddle(node) || ts.isTemplateTail(node)) text = node.text;
    if (
      text !== null &&
      !ENDONYMS.has(text) &&
      (CJK.test(text) || ENGLISH_SENTENCE.test(text.trim())) &&
      !isDeveloperText(node)
    ) {
      found.push(`${path.relative(ROOT, file)}:${sf.getLineAndCharacterOfPosition(node.getStart()).line + 1} ${text}`);
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return found;
}

describe('no hard-coded user-visible text', () => {
  const clientAndActions = [
    ...filesUnder(path.join(SRC, 'client'), /\.ts$/),
    ...filesUnder(path.join(SRC, 'server/actions'), /\.ts$/),
  ];

  it('in sidebars and server actions: all of it comes from the catalogues or the templates', () => {
    const found = clientAndActions.flatMap((file) => hardCodedStrings(file, readFileSync(file, 'utf8')));
    expect(found).toEqual([]);
  });

  it('in sidebar pages: the HTML carries no text of its own (it is filled in from the catalogues)', () => {
    const found: string[] = [];
    for (const file of filesUnder(path.join(SRC, 'client'), /\.html$/)) {
      const text = readFileSync(file, 'utf8')
        .replace(/<!--[\s\S]*?-->/g, '')
        .replace(/<(script|style)[\s\S]*?<\/\1>/g, '')
        .replace(/<[^>]+>/g, ' ')
        .replace(/&[a-z]+;|[\s…·|*]/g, '');
      if (text !== '') found.push(`${path.relative(ROOT, file)}: ${text}`);
    }
    expect(found).toEqual([]);
  });

  it('the heuristic catches CJK and English sentences, and lets developer errors and imports through', () => {
    const sample = [
      "import x from './Some Module Name';",
      "const a = '保存成功';",
      'const b = `Saved as customer ${id} today`;',
      "const c = 'Please try again later';",
      "throw new Error('This should never happen here');",
      "const d = 'busy';",
      "const e = { 公司: 'enterprise' };",
    ].join('\n');
    expect(hardCodedStrings('/x/sample.ts', sample).map((line) => line.replace(/^.*?:\d+ /, ''))).toEqual([
      '保存成功',
      'Saved as customer ',
      'Please try again later',
    ]);
  });
});
