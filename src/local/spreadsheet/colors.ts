import { defineGasClass, GasObject } from '../core/gas-object';
import type { RuntimeContext } from '../core/context';
import { ColorType } from './enums';

/**
 * Colours as Sheets stores them: lower-case "#rrggbb" (docs/apps-script/filter-views-and-charts.md §6: setBackground("#FF0000")
 * reads back as "#ff0000"). CSS names in common use are translated; anything else is kept lower-cased.
 */
const NAMED: Record<string, string> = {
  black: '#000000',
  white: '#ffffff',
  red: '#ff0000',
  green: '#008000',
  lime: '#00ff00',
  blue: '#0000ff',
  yellow: '#ffff00',
  orange: '#ffa500',
  gray: '#808080',
  grey: '#808080',
  purple: '#800080',
  cyan: '#00ffff',
  magenta: '#ff00ff',
};

export function normalizeColor(color: string | null | undefined): string | null {
  if (color === null || color === undefined || color === '') return null;
  const text = String(color).trim().toLowerCase();
  if (NAMED[text]) return NAMED[text] as string;
  const short = /^#([0-9a-f])([0-9a-f])([0-9a-f])$/.exec(text);
  if (short) return `#${short[1]}${short[1]}${short[2]}${short[2]}${short[3]}${short[3]}`;
  return text;
}

export class RgbColor extends GasObject {
  constructor(
    ctx: RuntimeContext,
    private readonly hex: string,
  ) {
    super(ctx);
  }
  asHexString(): string {
    return this.hex;
  }
  getRed(): number {
    return parseInt(this.hex.slice(1, 3), 16);
  }
  getGreen(): number {
    return parseInt(this.hex.slice(3, 5), 16);
  }
  getBlue(): number {
    return parseInt(this.hex.slice(5, 7), 16);
  }
  getColorType(): unknown {
    return ColorType.RGB;
  }
}
defineGasClass(RgbColor, 'SpreadsheetApp', 'RgbColor');

export class Color extends GasObject {
  constructor(
    ctx: RuntimeContext,
    private readonly hex: string,
  ) {
    super(ctx);
  }
  asRgbColor(): RgbColor {
    return new RgbColor(this.ctx, this.hex);
  }
  getColorType(): unknown {
    return ColorType.RGB;
  }
}
defineGasClass(Color, 'SpreadsheetApp', 'Color');
