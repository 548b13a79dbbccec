import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { RuntimeContext } from '../core/context';
import { gasError, notSupported, signatureError } from '../core/errors';
import { defineGasClass, gasEnum, GasEnumValue, GasObject } from '../core/gas-object';
import { encodeString } from './charsets';
import { Blob } from './utilities-blob';

/**
 * HtmlService and HtmlOutput (reference/html/html-service, reference/html/html-output; docs/apps-script/services.md §9).
 * The add-on serves prebuilt single-file pages with createHtmlOutputFromFile, so templates (createTemplate*,
 * asTemplate) are not modelled and throw "not supported".
 */
const SandboxMode = gasEnum('SandboxMode', ['EMULATED', 'IFRAME', 'NATIVE'] as const);
const XFrameOptionsMode = gasEnum('XFrameOptionsMode', ['ALLOWALL', 'DEFAULT'] as const);

/**
 * Default dialog size when setWidth/setHeight were not called ("null results in a default value"). The
 * numbers are UNCONFIRMED; 600×450 is what gas-fakes (src/services/html/htmloutput.js) assumes.
 */
export const DEFAULT_DIALOG_WIDTH = 600;
export const DEFAULT_DIALOG_HEIGHT = 450;

/** addMetaTag: "Only the following meta tags are supported" (reference/html/html-output#addMetaTag). */
const SUPPORTED_META_TAGS = new Set(['apple-mobile-web-app-capable', 'mobile-web-app-capable', 'viewport']);

/** What Ui needs to show an HtmlOutput (plain data, read without metered calls). */
export interface HtmlOutputSnapshot {
  title: string;
  html: string;
  width: number;
  height: number;
}

export class HtmlOutputMetaTag extends GasObject {
  constructor(
    ctx: RuntimeContext,
    private readonly name: string,
    private readonly content: string,
  ) {
    super(ctx);
  }
  getName(): string {
    return this.name;
  }
  getContent(): string {
    return this.content;
  }
}
defineGasClass(HtmlOutputMetaTag, 'HtmlService', 'HtmlOutputMetaTag');

export class HtmlOutput extends GasObject {
  private content: string;
  private title = '';
  private width: number | null = null;
  private height: number | null = null;
  private faviconUrl: string | null = null;
  private xFrameOptionsMode: GasEnumValue = XFrameOptionsMode.DEFAULT;
  private readonly metaTags: { name: string; content: string }[] = [];

  constructor(ctx: RuntimeContext, content: string) {
    super(ctx);
    this.content = content;
  }

  getContent(): string {
    return this.content;
  }

  setContent(content: unknown): HtmlOutput {
    if (typeof content !== 'string') throw signatureError([content], 'HtmlOutput.setContent');
    this.content = content;
    return this;
  }

  append(addedContent: unknown): HtmlOutput {
    if (typeof addedContent !== 'string') throw signatureError([addedContent], 'HtmlOutput.append');
    this.content += addedContent;
    return this;
  }

  /** "Appends new content … using contextual escaping": text is HTML-escaped so it cannot add markup. */
  appendUntrusted(addedContent: unknown): HtmlOutput {
    if (typeof addedContent !== 'string') throw signatureError([addedContent], 'HtmlOutput.appendUntrusted');
    this.content += escapeHtml(addedContent);
    return this;
  }

  clear(): HtmlOutput {
    this.content = '';
    return this;
  }

  getTitle(): string {
    return this.title;
  }

  /** "for HtmlOutput shown in Google Sheets, this is the dialog title" (docs/apps-script/services.md §9). */
  setTitle(title: unknown): HtmlOutput {
    if (typeof title !== 'string') throw signatureError([title], 'HtmlOutput.setTitle');
    this.title = title;
    return this;
  }

  getWidth(): number {
    return this.width ?? DEFAULT_DIALOG_WIDTH;
  }

  setWidth(width: unknown): HtmlOutput {
    this.width = this._dimension(width, 'HtmlOutput.setWidth');
    return this;
  }

  getHeight(): number {
    return this.height ?? DEFAULT_DIALOG_HEIGHT;
  }

  setHeight(height: unknown): HtmlOutput {
    this.height = this._dimension(height, 'HtmlOutput.setHeight');
    return this;
  }

  /**
   * "Only IFRAME mode is currently supported"; NATIVE and EMULATED were sunset and every page runs as IFRAME
   * regardless (reference/html/sandbox-mode), so any SandboxMode value is accepted and nothing changes.
   */
  setSandboxMode(mode: unknown): HtmlOutput {
    if (!(mode instanceof GasEnumValue) || mode.enumName !== 'SandboxMode') {
      throw signatureError([mode], 'HtmlOutput.setSandboxMode');
    }
    return this;
  }

  setXFrameOptionsMode(mode: unknown): HtmlOutput {
    if (!(mode instanceof GasEnumValue) || mode.enumName !== 'XFrameOptionsMode') {
      throw signatureError([mode], 'HtmlOutput.setXFrameOptionsMode');
    }
    this.xFrameOptionsMode = mode;
    return this;
  }

  addMetaTag(name: unknown, content: unknown): HtmlOutput {
    if (typeof name !== 'string' || typeof content !== 'string') {
      throw signatureError([name, content], 'HtmlOutput.addMetaTag');
    }
    // Wording UNCONFIRMED: the docs only say other names are not supported.
    if (!SUPPORTED_META_TAGS.has(name)) throw gasError(`Meta tag "${name}" is not supported.`);
    this.metaTags.push({ name, content });
    return this;
  }

  getMetaTags(): HtmlOutputMetaTag[] {
    return this.metaTags.map((tag) => new HtmlOutputMetaTag(this.ctx, tag.name, tag.content));
  }

  setFaviconUrl(url: unknown): HtmlOutput {
    if (typeof url !== 'string') throw signatureError([url], 'HtmlOutput.setFaviconUrl');
    this.faviconUrl = url;
    return this;
  }

  getFaviconUrl(): string | null {
    return this.faviconUrl;
  }

  /** The page as a text/html Blob named after the title. */
  getBlob(): Blob {
    return new Blob(this.ctx, encodeString(this.content), 'text/html', `${this.title || 'output'}.html`);
  }

  getAs(contentType: unknown): never {
    throw notSupported(`HtmlOutput.getAs(${String(contentType)})`);
  }

  asTemplate(): never {
    throw notSupported('HtmlOutput.asTemplate');
  }

  _snapshot(): HtmlOutputSnapshot {
    return {
      title: this.title,
      html: this.content,
      width: this.width ?? DEFAULT_DIALOG_WIDTH,
      height: this.height ?? DEFAULT_DIALOG_HEIGHT,
    };
  }

  _xFrameOptionsMode(): string {
    return this.xFrameOptionsMode.key;
  }

  _dimension(value: unknown, method: string): number | null {
    if (value === null) return null;
    if (typeof value !== 'number' || !Number.isFinite(value)) throw signatureError([value], method);
    return Math.trunc(value);
  }
}
defineGasClass(HtmlOutput, 'HtmlService', 'HtmlOutput');

export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

class HtmlServiceFacade extends GasObject {
  readonly SandboxMode = SandboxMode;
  readonly XFrameOptionsMode = XFrameOptionsMode;

  constructor(
    ctx: RuntimeContext,
    private readonly htmlDir: string,
  ) {
    super(ctx);
  }

  /** createHtmlOutput(), createHtmlOutput(html: String) or createHtmlOutput(blob: BlobSource). */
  createHtmlOutput(...args: unknown[]): HtmlOutput {
    const [source] = args;
    if (args.length === 0 || source === undefined) return new HtmlOutput(this.ctx, '');
    if (args.length === 1 && typeof source === 'string') return new HtmlOutput(this.ctx, source);
    if (args.length === 1 && source instanceof Blob) {
      return new HtmlOutput(this.ctx, new TextDecoder('utf-8').decode(source._rawBytes()));
    }
    throw signatureError(args, 'HtmlService.createHtmlOutput');
  }

  /**
   * createHtmlOutputFromFile('Sidebar') reads Sidebar.html of the project; 'Sidebar.html' is accepted too
   * (widespread in add-on code, UNCONFIRMED officially: docs/apps-script/services.md §9). A missing file throws "No HTML file
   * named <name> was found." (the docs say "Error if the file wasn't found"; that exact text is what
   * gas-fakes src/services/html/htmlservice.js throws, UNCONFIRMED against Apps Script).
   */
  createHtmlOutputFromFile(...args: unknown[]): HtmlOutput {
    const [filename] = args;
    if (args.length !== 1 || typeof filename !== 'string')
      throw signatureError(args, 'HtmlService.createHtmlOutputFromFile');
    const base = filename.endsWith('.html') ? filename.slice(0, -'.html'.length) : filename;
    // Apps Script file names are flat; refuse paths so a script cannot read outside htmlDir.
    const file = path.join(this.htmlDir, `${base}.html`);
    if (base === '' || base.includes('..') || path.isAbsolute(base) || !existsSync(file)) {
      throw gasError(`No HTML file named ${filename} was found.`);
    }
    return new HtmlOutput(this.ctx, readFileSync(file, 'utf8'));
  }

  createTemplate(): never {
    throw notSupported('HtmlService.createTemplate');
  }

  createTemplateFromFile(): never {
    throw notSupported('HtmlService.createTemplateFromFile');
  }

  getUserAgent(): never {
    throw notSupported('HtmlService.getUserAgent');
  }
}
defineGasClass(HtmlServiceFacade, 'HtmlService', 'HtmlService');

export function createHtmlService(ctx: RuntimeContext, options: { htmlDir: string }): { HtmlService: unknown } {
  return { HtmlService: new HtmlServiceFacade(ctx, options.htmlDir) };
}
