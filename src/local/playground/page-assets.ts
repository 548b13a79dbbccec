import { readFile } from 'node:fs/promises';
import path from 'node:path';
import * as esbuild from 'esbuild';

/**
 * The playground page and the google.script shim, built in memory with esbuild when the server starts
 * (the page is TypeScript like the sidebars). Everything is inlined into one HTML document: the page
 * makes no request but to its own server, so it works offline.
 */
export interface PageAssets {
  pageHtml: string;
  shimJs: string;
}

async function bundle(entry: string): Promise<{ js: string; css: string }> {
  const result = await esbuild.build({
    entryPoints: [entry],
    bundle: true,
    format: 'iife',
    write: false,
    outdir: path.join(path.dirname(entry), '.out'),
    target: 'es2020',
    charset: 'utf8',
    loader: { '.css': 'css' },
    logLevel: 'silent',
  });
  const js = result.outputFiles.find((file) => file.path.endsWith('.js'))?.text ?? '';
  const css = result.outputFiles.find((file) => file.path.endsWith('.css'))?.text ?? '';
  return { js, css };
}

/** Keeps inlined code from closing its own element early. */
export function inlineSafe(code: string, tag: 'script' | 'style'): string {
  return code.replace(new RegExp(`</${tag}`, 'gi'), `<\\/${tag}`).replace(/<!--/g, '<\\!--');
}

export async function buildPageAssets(pageDir: string): Promise<PageAssets> {
  const [page, shim, template] = await Promise.all([
    bundle(path.join(pageDir, 'main.ts')),
    bundle(path.join(pageDir, 'gas-shim.ts')),
    readFile(path.join(pageDir, 'index.html'), 'utf8'),
  ]);
  const pageHtml = template
    .replace('<!-- inline:css -->', () => `<style>${inlineSafe(page.css, 'style')}</style>`)
    .replace('<!-- inline:js -->', () => `<script>${inlineSafe(page.js, 'script')}</script>`);
  return { pageHtml, shimJs: shim.js };
}

/**
 * A sidebar or dialog page as the add-on produced it, with the shim placed before any of its own
 * scripts, so `google.script` exists when they run (as Apps Script's iframe provides it).
 */
export function withShim(html: string, shimJs: string, surface: 'sidebar' | 'dialog'): string {
  const shim =
    `<script>window.__PLAYGROUND_SURFACE__=${JSON.stringify(surface)};</script>` +
    `<script>${inlineSafe(shimJs, 'script')}</script>`;
  const head = /<head[^>]*>/i.exec(html);
  if (head) return html.slice(0, head.index + head[0].length) + shim + html.slice(head.index + head[0].length);
  return shim + html;
}
