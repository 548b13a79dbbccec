import type { RuntimeContext } from '../core/context';
import { notSupported, signatureError } from '../core/errors';
import { defineGasClass, GasObject } from '../core/gas-object';
import { decodeBytes, encodeString, fromByteArray, isByteArray, resolveCharset, toSignedBytes } from './charsets';

/**
 * Blob (reference/base/blob; docs/apps-script/services.md §8). Bytes are held as a Uint8Array and handed to scripts as
 * Java byte[] (signed numbers). getDataAsString() decodes UTF-8, getDataAsString(charset) "the specified
 * encoding" (charsets.ts). Format conversion (getAs to PDF/PNG…) is not modelled and throws "not supported".
 */
export class Blob extends GasObject {
  private bytes: Uint8Array;
  private contentType: string | null;
  private name: string | null;

  constructor(ctx: RuntimeContext, bytes: Uint8Array, contentType: string | null, name: string | null) {
    super(ctx);
    this.bytes = bytes;
    this.contentType = contentType;
    this.name = name;
  }

  getBytes(): number[] {
    return toSignedBytes(this.bytes);
  }

  setBytes(data: unknown): Blob {
    if (!isByteArray(data)) throw signatureError([data], 'Blob.setBytes');
    this.bytes = fromByteArray(data);
    return this;
  }

  getDataAsString(charset?: unknown): string {
    if (charset === undefined) return decodeBytes(this.bytes, 'UTF-8');
    if (typeof charset !== 'string') throw signatureError([charset], 'Blob.getDataAsString');
    return decodeBytes(this.bytes, charset);
  }

  /** "Sets the data of this blob from a string with encoding UTF-8", or with the given charset name. */
  setDataFromString(text: unknown, charset?: unknown): Blob {
    if (typeof text !== 'string' || (charset !== undefined && typeof charset !== 'string')) {
      throw signatureError(charset === undefined ? [text] : [text, charset], 'Blob.setDataFromString');
    }
    this.bytes = encodeString(text, charset === undefined ? 'UTF-8' : resolveCharset(charset).name);
    return this;
  }

  getContentType(): string | null {
    return this.contentType;
  }

  setContentType(contentType: unknown): Blob {
    if (contentType !== null && typeof contentType !== 'string')
      throw signatureError([contentType], 'Blob.setContentType');
    this.contentType = contentType;
    return this;
  }

  getName(): string | null {
    return this.name;
  }

  setName(name: unknown): Blob {
    if (name !== null && typeof name !== 'string') throw signatureError([name], 'Blob.setName');
    this.name = name;
    return this;
  }

  copyBlob(): Blob {
    return new Blob(this.ctx, this.bytes.slice(), this.contentType, this.name);
  }

  /** A Blob is its own BlobSource. */
  getBlob(): Blob {
    return this;
  }

  /** Google Workspace file types are "application/vnd.google-apps.*"; script-made blobs never are. */
  isGoogleType(): boolean {
    return (this.contentType ?? '').startsWith('application/vnd.google-apps.');
  }

  getAs(contentType: unknown): never {
    throw notSupported(`Blob.getAs(${String(contentType)})`);
  }

  /** For other runtime services (MailApp attachments, HtmlService): the raw bytes, unmetered. */
  _rawBytes(): Uint8Array {
    return this.bytes;
  }
}
defineGasClass(Blob, 'Base', 'Blob');

/**
 * Utilities.newBlob(data[, contentType[, name]]) with data a string or Byte[]. A string blob's content type
 * defaults to "text/plain" and a byte blob's to null (gas-fakes fakeblob.js makes the same choice;
 * UNCONFIRMED against Apps Script). Name defaults to null.
 */
export function newBlob(ctx: RuntimeContext, args: readonly unknown[]): Blob {
  const [data, contentType, name] = args;
  const optionalString = (value: unknown): value is string | null | undefined =>
    value === undefined || value === null || typeof value === 'string';
  const validData = typeof data === 'string' || isByteArray(data);
  if (args.length < 1 || args.length > 3 || !validData || !optionalString(contentType) || !optionalString(name)) {
    throw signatureError(args, 'Utilities.newBlob');
  }
  const bytes = typeof data === 'string' ? encodeString(data, 'UTF-8') : fromByteArray(data as number[]);
  const type = contentType ?? (typeof data === 'string' ? 'text/plain' : null);
  return new Blob(ctx, bytes, type, name ?? null);
}
