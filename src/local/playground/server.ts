import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { handleApi } from './api';
import { FONT_STYLESHEET, loadFontAssets, withFonts } from './fonts';
import { buildPageAssets, withShim } from './page-assets';
import { PlaygroundError, PlaygroundSession } from './session';

/**
 * The playground's HTTP server (Node's http module, loopback only): the page at `/`, the add-on's open
 * sidebar and dialog at `/surface/<sidebar|dialog>` (the real dist/<page>.html the runtime served, with
 * the google.script shim), the JSON API under `/api/`, and the self-hosted Chinese web fonts under
 * `/fonts/` (linked into the page and the surfaces only here, see fonts.ts). A bad request gets a 4xx JSON
 * `{ error: message }`; an unexpected failure a 500; the server never stops on either.
 */
export interface PlaygroundServerOptions {
  /** 0 = any free port. Default 8080. */
  port?: number;
  host?: string;
  /** Project root (holds package.json, dist/ and src/local/playground/page). Default: found upwards. */
  root?: string;
  distDir?: string;
  /** Default <root>/.playground/state.json; null = don't save. */
  stateFile?: string | null;
}

export interface RunningPlayground {
  url: string;
  port: number;
  session: PlaygroundSession;
  close(): Promise<void>;
}

const MAX_BODY_BYTES = 1_000_000;

export function findProjectRoot(from: string = __dirname): string {
  let dir = from;
  while (!existsSync(path.join(dir, 'package.json')) || !existsSync(path.join(dir, 'src/local/playground'))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`playground: no project root above ${from}`);
    dir = parent;
  }
  return dir;
}

function send(
  response: http.ServerResponse,
  status: number,
  body: string | Buffer,
  type: string,
  cacheControl = 'no-store',
): void {
  response.writeHead(status, {
    'content-type': type,
    'cache-control': cacheControl,
    // The page and its frames only ever talk to this server.
    'content-security-policy':
      "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; frame-src 'self'",
  });
  response.end(body);
}

function sendJson(response: http.ServerResponse, status: number, value: unknown): void {
  send(response, status, JSON.stringify(value === undefined ? null : value), 'application/json; charset=utf-8');
}

function readBody(request: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new PlaygroundError(413, 'Request body too large'));
        request.destroy();
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

async function parseJsonBody(request: http.IncomingMessage): Promise<unknown> {
  if (request.method !== 'POST') return null;
  const text = await readBody(request);
  if (text.trim() === '') return {};
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new PlaygroundError(400, 'Malformed JSON body');
  }
}

export async function startPlayground(options: PlaygroundServerOptions = {}): Promise<RunningPlayground> {
  const root = options.root ?? findProjectRoot();
  const distDir = options.distDir ?? path.join(root, 'dist');
  const stateFile =
    options.stateFile === null ? undefined : (options.stateFile ?? path.join(root, '.playground/state.json'));
  const [assets, fonts] = await Promise.all([
    buildPageAssets(path.join(root, 'src/local/playground/page')),
    loadFontAssets(root),
  ]);
  const pageHtml = withFonts(assets.pageHtml);
  const session = new PlaygroundSession({ distDir, stateFile });

  const server = http.createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://playground.local');
    void (async () => {
      try {
        if (url.pathname.startsWith('/api/')) {
          const body = await parseJsonBody(request);
          const result = handleApi(session, {
            method: request.method ?? 'GET',
            path: url.pathname,
            query: url.searchParams,
            body,
          });
          sendJson(response, 200, result);
          return;
        }
        if (request.method !== 'GET') throw new PlaygroundError(405, `Method ${request.method} not allowed`);
        if (url.pathname === '/' || url.pathname === '/index.html') {
          send(response, 200, pageHtml, 'text/html; charset=utf-8');
        } else if (url.pathname === '/surface/sidebar' || url.pathname === '/surface/dialog') {
          const surface = url.pathname === '/surface/sidebar' ? 'sidebar' : 'dialog';
          const html = surface === 'sidebar' ? session.runtime.ui.sidebar?.html : session.dialog?.record.html;
          if (html === undefined) throw new PlaygroundError(404, `No ${surface} is open`);
          send(response, 200, withFonts(withShim(html, assets.shimJs, surface)), 'text/html; charset=utf-8');
        } else if (url.pathname === FONT_STYLESHEET) {
          send(response, 200, fonts.css, 'text/css; charset=utf-8', 'max-age=3600');
        } else if (fonts.files.has(url.pathname)) {
          const file = await readFile(fonts.files.get(url.pathname) ?? '');
          send(response, 200, file, 'font/woff2', 'max-age=3600');
        } else if (url.pathname === '/favicon.ico') {
          send(response, 204, '', 'image/x-icon');
        } else {
          throw new PlaygroundError(404, `Unknown route GET ${url.pathname}`);
        }
      } catch (error) {
        if (response.headersSent) return;
        if (error instanceof PlaygroundError) {
          sendJson(response, error.status, { error: error.message });
        } else {
          console.error('playground: unexpected error', error);
          sendJson(response, 500, { error: `Internal error: ${(error as Error).message ?? String(error)}` });
        }
      }
    })();
  });

  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 8080, host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://${host}:${port}`,
    port,
    session,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
