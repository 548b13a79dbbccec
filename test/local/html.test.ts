import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { RuntimeContext } from '../../src/local/core/context';
import { createHtmlService } from '../../src/local/services/html';

/** HtmlService / HtmlOutput (docs/apps-script/services.md §9; reference/html/html-service, html-output). */
type Output = {
  getContent(): string;
  setContent(c: unknown): Output;
  append(c: unknown): Output;
  appendUntrusted(c: unknown): Output;
  clear(): Output;
  getTitle(): string;
  setTitle(t: unknown): Output;
  getWidth(): number;
  setWidth(w: unknown): Output;
  getHeight(): number;
  setHeight(h: unknown): Output;
  setSandboxMode(m: unknown): Output;
  setXFrameOptionsMode(m: unknown): Output;
  addMetaTag(n: unknown, c: unknown): Output;
  getMetaTags(): { getName(): string; getContent(): string }[];
  setFaviconUrl(u: unknown): Output;
  getFaviconUrl(): string | null;
  getBlob(): { getContentType(): string; getName(): string; getDataAsString(): string };
  asTemplate(): unknown;
};
type Service = {
  SandboxMode: Record<string, unknown>;
  XFrameOptionsMode: Record<string, unknown>;
  createHtmlOutput(...args: unknown[]): Output;
  createHtmlOutputFromFile(...args: unknown[]): Output;
  createTemplateFromFile(name: string): unknown;
  createTemplate(html: string): unknown;
};

function setup(): { ctx: RuntimeContext; html: Service; dir: string } {
  const dir = mkdtempSync(path.join(tmpdir(), 'html-service-'));
  writeFileSync(path.join(dir, 'Sidebar.html'), '<!DOCTYPE html><p>客户</p>');
  writeFileSync(path.join(dir, 'secret.txt'), 'not html');
  const ctx = new RuntimeContext({ startMs: 0, user: { email: 'owner@example.com', locale: 'en' } });
  return { ctx, html: createHtmlService(ctx, { htmlDir: dir }).HtmlService as Service, dir };
}

describe('createHtmlOutputFromFile', () => {
  test('reads <name>.html from the html folder, with or without the extension', () => {
    const { html } = setup();
    expect(html.createHtmlOutputFromFile('Sidebar').getContent()).toBe('<!DOCTYPE html><p>客户</p>');
    expect(html.createHtmlOutputFromFile('Sidebar.html').getContent()).toBe('<!DOCTYPE html><p>客户</p>');
  });

  test('a missing file throws "No HTML file named <name> was found." (UNCONFIRMED text, as gas-fakes)', () => {
    const { html } = setup();
    expect(() => html.createHtmlOutputFromFile('Dialog')).toThrow('No HTML file named Dialog was found.');
    expect(() => html.createHtmlOutputFromFile('sidebar')).toThrow('No HTML file named sidebar was found.');
    expect(() => html.createHtmlOutputFromFile('../etc/passwd')).toThrow('No HTML file named ../etc/passwd was found.');
    expect(() => html.createHtmlOutputFromFile('secret.txt')).toThrow('No HTML file named secret.txt was found.');
  });

  test('non-string names are signature errors', () => {
    const { html } = setup();
    expect(() => html.createHtmlOutputFromFile(3)).toThrow(
      "The parameters (number) don't match the method signature for HtmlService.createHtmlOutputFromFile.",
    );
  });
});

describe('HtmlOutput', () => {
  test('content: createHtmlOutput(html), append, appendUntrusted escapes, setContent, clear', () => {
    const { html } = setup();
    const out = html.createHtmlOutput('<b>Hi</b>');
    expect(out.append(' <i>x</i>').getContent()).toBe('<b>Hi</b> <i>x</i>');
    out.appendUntrusted(`<script>alert("x")</script>&'`);
    expect(out.getContent()).toBe('<b>Hi</b> <i>x</i>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&amp;&#39;');
    expect(out.setContent('new').getContent()).toBe('new');
    expect(out.clear().getContent()).toBe('');
    expect(html.createHtmlOutput().getContent()).toBe('');
  });

  test('title, width and height with defaults (600×450 UNCONFIRMED) and null → default', () => {
    const { html } = setup();
    const out = html.createHtmlOutput('x');
    expect([out.getTitle(), out.getWidth(), out.getHeight()]).toEqual(['', 600, 450]);
    out.setTitle('Customers').setWidth(800).setHeight(500);
    expect([out.getTitle(), out.getWidth(), out.getHeight()]).toEqual(['Customers', 800, 500]);
    expect(out.setWidth(null).getWidth()).toBe(600);
    expect(() => out.setWidth('wide')).toThrow(
      "The parameters (String) don't match the method signature for HtmlOutput.setWidth.",
    );
  });

  test('sandbox mode: any SandboxMode is accepted (everything runs as IFRAME); x-frame option; favicon', () => {
    const { html } = setup();
    const out = html.createHtmlOutput('x');
    expect(out.setSandboxMode(html.SandboxMode.IFRAME)).toBe(out);
    expect(out.setSandboxMode(html.SandboxMode.NATIVE)).toBe(out);
    expect(() => out.setSandboxMode('IFRAME')).toThrow(
      "The parameters (String) don't match the method signature for HtmlOutput.setSandboxMode.",
    );
    expect(out.setXFrameOptionsMode(html.XFrameOptionsMode.ALLOWALL)).toBe(out);
    expect(out.setFaviconUrl('https://example.com/f.png').getFaviconUrl()).toBe('https://example.com/f.png');
    expect(String(html.SandboxMode.IFRAME)).toBe('IFRAME');
  });

  test('meta tags: only the documented names', () => {
    const { html } = setup();
    const out = html.createHtmlOutput('x').addMetaTag('viewport', 'width=device-width');
    expect(out.getMetaTags().map((t) => [t.getName(), t.getContent()])).toEqual([['viewport', 'width=device-width']]);
    expect(() => out.addMetaTag('description', 'x')).toThrow('Meta tag "description" is not supported.');
  });

  test('getBlob gives the page as text/html', () => {
    const { html } = setup();
    const blob = html.createHtmlOutput('<p>é</p>').setTitle('Page').getBlob();
    expect([blob.getContentType(), blob.getName(), blob.getDataAsString()]).toEqual([
      'text/html',
      'Page.html',
      '<p>é</p>',
    ]);
  });

  test('templates are not modelled', () => {
    const { html } = setup();
    expect(() => html.createTemplateFromFile('Sidebar')).toThrow(
      'not supported by the local runtime: HtmlService.createTemplateFromFile',
    );
    expect(() => html.createTemplate('<?= 1 ?>')).toThrow(
      'not supported by the local runtime: HtmlService.createTemplate',
    );
    expect(() => html.createHtmlOutput('x').asTemplate()).toThrow(
      'not supported by the local runtime: HtmlOutput.asTemplate',
    );
  });

  test('calls are metered as HtmlService.*', () => {
    const { html, ctx } = setup();
    const { cost } = ctx.meter.measure(() => html.createHtmlOutputFromFile('Sidebar').setTitle('t'));
    expect(cost.byMethod).toEqual({
      'HtmlService.HtmlService.createHtmlOutputFromFile': 1,
      'HtmlService.HtmlOutput.setTitle': 1,
    });
  });
});
