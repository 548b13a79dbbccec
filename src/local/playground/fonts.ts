import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';

/**
 * Self-hosted Chinese web fonts for the playground only: Noto Sans SC and Noto Sans TC from the dev
 * dependencies @fontsource/noto-sans-sc and @fontsource/noto-sans-tc (woff2, sliced by unicode-range, so a
 * page downloads only the slices its text uses). The server links {@link FONT_STYLESHEET} into the page
 * and into every sidebar and dialog it serves, so Chinese renders on a machine without CJK system fonts
 * (a bare CI machine, the packaged test browser). dist/ is not touched: in Google Sheets the sidebars keep
 * their own font stacks and load nothing remote.
 *
 * The sidebars' and the page's stacks already name 'Noto Sans SC' after their Latin fonts; the stylesheet
 * adds one rule so that text in a zh-TW document (`<html lang="zh-TW">`, set by the sidebars) prefers the
 * Traditional forms of Noto Sans TC. The Noto Sans SC/TC slices lack a few symbols the pages use (▾ ▸ ✕),
 * although their unicode-ranges claim them: the symbols slice of @fontsource/noto-sans-symbols-2 joins
 * both families at each weight (declared first, so the CJK faces keep every glyph they have and Chromium
 * falls back to it for the rest).
 */
export const FONT_STYLESHEET = '/fonts/noto-sans.css';

/** The weights the pages use: 400, 500 (headings, labels) and 700 (bold; 600 resolves to it). */
const WEIGHTS = [400, 500, 700] as const;
const FAMILIES = [
  { package: '@fontsource/noto-sans-sc', slug: 'noto-sans-sc', name: 'Noto Sans SC' },
  { package: '@fontsource/noto-sans-tc', slug: 'noto-sans-tc', name: 'Noto Sans TC' },
] as const;

/** The symbols slice of Noto Sans Symbols 2 (one weight), added to both families at every weight. */
const SYMBOLS = { package: '@fontsource/noto-sans-symbols-2', slug: 'noto-sans-symbols-2', css: '400.css' };

export interface FontAssets {
  /** The stylesheet served at FONT_STYLESHEET. */
  css: string;
  /** URL path (/fonts/<slug>/<file>.woff2) → the file on disk; only these are served. */
  files: ReadonlyMap<string, string>;
}

/** Reads the packages' @font-face rules, keeps the woff2 sources only and points them at this server. */
export async function loadFontAssets(root: string): Promise<FontAssets> {
  const requireFromRoot = createRequire(path.join(root, 'package.json'));
  const files = new Map<string, string>();
  /** One package stylesheet with its woff2 sources only, pointed at this server. */
  async function faces(
    packageName: string,
    slug: string,
    cssName: string,
    pick: (css: string) => string = (css) => css,
  ): Promise<string> {
    const cssFile = requireFromRoot.resolve(`${packageName}/${cssName}`);
    const css = pick(await readFile(cssFile, 'utf8'));
    return css.replace(/src:\s*([^;]+);/g, (_rule, sources: string) => {
      const woff2 = /url\(\.\/files\/([a-z0-9-]+\.woff2)\)\s*format\('woff2'\)/.exec(sources);
      if (!woff2) throw new Error(`playground fonts: no woff2 source in ${cssFile}`);
      const urlPath = `/fonts/${slug}/${woff2[1]}`;
      files.set(urlPath, path.join(path.dirname(cssFile), 'files', woff2[1]));
      return `src: url(${urlPath}) format('woff2');`;
    });
  }
  // The symbols slice's own @font-face in 400.css (the per-subset stylesheets carry no unicode-range).
  const symbols = await faces(
    SYMBOLS.package,
    SYMBOLS.slug,
    SYMBOLS.css,
    (css) => /@font-face\s*{[^}]*symbols-2-symbols-400-normal\.woff2[^}]*}/.exec(css)?.[0] ?? '',
  );
  if (!/font-family: 'Noto Sans Symbols 2';[^}]*font-weight: 400;[^}]*unicode-range: /.test(symbols)) {
    throw new Error(`playground fonts: no symbols face in ${SYMBOLS.package}/${SYMBOLS.css}`);
  }
  const parts: string[] = [];
  for (const family of FAMILIES) {
    for (const weight of WEIGHTS) {
      // Chromium falls back glyph by glyph only among faces with the same descriptors: the symbols face is
      // declared for each weight, before the CJK slices (the faces declared last are tried first).
      parts.push(
        symbols
          .replace(/font-family: 'Noto Sans Symbols 2';/, `font-family: '${family.name}';`)
          .replace(/font-weight: 400;/, `font-weight: ${weight};`)
          // Symbols only: not the control characters the slice also claims.
          .replace(/unicode-range: ([^;]+);/, (_rule, ranges: string) => {
            const kept = ranges.split(',').filter((range) => parseInt(range.trim().slice(2), 16) >= 0x2000);
            return `unicode-range: ${kept.join(',')};`;
          }),
      );
      parts.push(await faces(family.package, family.slug, `${weight}.css`));
    }
  }
  parts.push(
    `/* Traditional Chinese documents: Noto Sans TC's forms first. */\n` +
      `:root:lang(zh-TW) body { font-family: Arial, 'Noto Sans TC', 'Noto Sans SC', sans-serif; }\n`,
  );
  return { css: parts.join('\n'), files };
}

/** Links the font stylesheet into an HTML document, at the start of its <head> (or before everything). */
export function withFonts(html: string): string {
  const link = `<link rel="stylesheet" href="${FONT_STYLESHEET}" />`;
  const head = /<head[^>]*>/i.exec(html);
  if (head) return html.slice(0, head.index + head[0].length) + link + html.slice(head.index + head[0].length);
  return link + html;
}
