import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';

/**
 * Which Chromium the browser tests drive, and how it is started. Playwright-core never downloads a browser:
 *
 *  - by default the build that the dev dependency @sparticuz/chromium ships inside its npm package,
 *    unpacked once into node_modules/.cache/ (about 2 s; `npm ci` starts over), with the libraries and the
 *    fontconfig file a bare machine lacks (see unpack-chromium.mjs): `npm ci && npm test` needs nothing
 *    but Node;
 *  - `CHROMIUM_PATH=/usr/bin/chromium` (any Chromium or Chrome binary) drives that browser instead, with the
 *    system's own libraries and fonts.
 */
export interface BrowserChoice {
  /** What the tests report: "@sparticuz/chromium 153.0.0" or "CHROMIUM_PATH=/usr/bin/chromium". */
  label: string;
  /** Why no browser can run, when none can. */
  missing?: string;
  /** Unpacks the packaged browser if needed; the executable and the environment to start it with. */
  prepare(): { executablePath: string; env: Record<string, string> };
}

const ROOT = path.resolve(__dirname, '../..');
const PACKAGE = '@sparticuz/chromium';

function systemChoice(executable: string): BrowserChoice {
  return {
    label: `CHROMIUM_PATH=${executable}`,
    missing: existsSync(executable) ? undefined : `CHROMIUM_PATH names ${executable}, which does not exist`,
    prepare: () => ({ executablePath: executable, env: processEnv() }),
  };
}

function processEnv(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) if (value !== undefined) env[key] = value;
  return env;
}

function packagedChoice(): BrowserChoice {
  let entry: string;
  try {
    entry = require.resolve(PACKAGE, { paths: [ROOT] });
  } catch {
    return {
      label: PACKAGE,
      missing: `${PACKAGE} is not installed: run npm ci (or set CHROMIUM_PATH to a Chromium binary)`,
      prepare: () => {
        throw new Error(`${PACKAGE} is not installed`);
      },
    };
  }
  const packageDir = path.resolve(path.dirname(entry), '..');
  const version = (JSON.parse(readFileSync(path.join(packageDir, 'package.json'), 'utf8')) as { version: string })
    .version;
  const dir = path.join(ROOT, 'node_modules/.cache/crm-e2e-chromium', version);
  let prepared: { executablePath: string; env: Record<string, string> } | undefined;
  return {
    label: `${PACKAGE} ${version}`,
    prepare() {
      if (prepared) return prepared;
      if (!existsSync(dir)) {
        mkdirSync(path.dirname(dir), { recursive: true });
        const staging = mkdtempSync(`${dir}-staging-`);
        try {
          execFileSync(process.execPath, [path.join(__dirname, 'unpack-chromium.mjs'), dir, staging], {
            cwd: ROOT,
            env: { ...processEnv(), TMPDIR: staging },
            stdio: ['ignore', 'ignore', 'pipe'],
          });
        } finally {
          rmSync(staging, { recursive: true, force: true });
        }
      }
      const env = processEnv();
      const libs = path.join(dir, 'al2023/lib');
      env.LD_LIBRARY_PATH = env.LD_LIBRARY_PATH ? `${libs}:${env.LD_LIBRARY_PATH}` : libs;
      env.FONTCONFIG_FILE = path.join(dir, 'fonts.conf');
      delete env.FONTCONFIG_PATH;
      prepared = { executablePath: path.join(dir, 'chromium'), env };
      return prepared;
    },
  };
}

export function chooseBrowser(): BrowserChoice {
  const override = process.env.CHROMIUM_PATH?.trim();
  return override ? systemChoice(override) : packagedChoice();
}
