// Unpacks the Chromium that the npm package @sparticuz/chromium ships (a headless-shell build, brotli-packed
// inside the package: nothing is downloaded) into the directory argv[2], by way of the empty staging
// directory argv[3] (which must also be this process's TMPDIR).
// Run by test/e2e/browser.ts in a child process, because the package is ES-module only.
//
// The package unpacks into os.tmpdir() (and trusts whatever /tmp/chromium it finds there), so the parent
// points TMPDIR at a fresh staging directory; this script then adds what a bare Debian machine lacks:
//   al2023/lib    libexpat and NSS, shipped in the package for Amazon Linux 2023 (the browser needs both;
//                 the parent puts them on LD_LIBRARY_PATH),
//   fonts.conf    a fontconfig file naming only the package's fonts (Open Sans), so text renders the same
//                 with or without system fonts; CJK comes from the pages' own web fonts.
// and finally renames the staging directory to argv[2], so a half-unpacked browser is never used.
import chromium, { inflate } from '@sparticuz/chromium';
import { existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import process from 'node:process';

const [target, staging] = process.argv.slice(2);
if (!target || !staging || path.resolve(os.tmpdir()) !== path.resolve(staging)) {
  throw new Error('usage: TMPDIR=<staging> node unpack-chromium.mjs <target directory> <staging>');
}
const bin = path.join(path.dirname(createRequire(import.meta.url).resolve('@sparticuz/chromium')), '../bin');

// The tests run with --disable-gpu: the SwiftShader (WebGL) libraries are not needed.
chromium.setGraphicsMode = false;
const executable = await chromium.executablePath(bin);
const libs = path.join(await inflate(path.join(bin, 'al2023.tar.br')), 'lib');
const fonts = path.join(staging, 'fonts/fonts');
if (!existsSync(executable) || !existsSync(path.join(libs, 'libnss3.so')) || !existsSync(fonts)) {
  throw new Error(`unpack-chromium: the package did not unpack as expected into ${staging}`);
}
mkdirSync(path.join(staging, 'fontconfig-cache'), { recursive: true });
const relocate = (file) => path.join(target, path.relative(staging, file));
writeFileSync(
  path.join(staging, 'fonts.conf'),
  [
    '<?xml version="1.0"?>',
    '<!DOCTYPE fontconfig SYSTEM "fonts.dtd">',
    '<fontconfig>',
    `  <dir>${relocate(fonts)}</dir>`,
    `  <cachedir>${relocate(path.join(staging, 'fontconfig-cache'))}</cachedir>`,
    '</fontconfig>',
    '',
  ].join('\n'),
);

mkdirSync(path.dirname(target), { recursive: true });
try {
  renameSync(staging, target);
} catch (error) {
  // Another test worker finished first: its copy is complete, drop ours.
  if (!existsSync(target)) throw error;
  rmSync(staging, { recursive: true, force: true });
}
