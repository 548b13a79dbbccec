import path from 'node:path';
import { loadAddon, type AddonHost } from '../../src/local/harness/addon-host';
import { createLocalRuntime, type LocalRuntime, type LocalRuntimeOptions } from '../../src/local/runtime';

export const DIST_DIR = path.resolve(__dirname, '../../dist');

/** A fresh local runtime with the built add-on loaded into it, as integration tests start every case. */
export function startAddon(options: LocalRuntimeOptions = {}): { runtime: LocalRuntime; host: AddonHost } {
  const runtime = createLocalRuntime({ htmlDir: DIST_DIR, ...options });
  const host = loadAddon(runtime, DIST_DIR);
  return { runtime, host };
}
