import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/**
 * The repository stands alone (issue 20 item 5): what the code relies on is written up in docs/, so no file
 * may point at material outside it, and every relative link in the Markdown must reach a file in it.
 */
const ROOT = resolve(__dirname, '..', '..');
const tracked = execFileSync('git', ['ls-files'], { cwd: ROOT, encoding: 'utf8' })
  .split('\n')
  .filter((path) => path !== '' && !path.startsWith('node_modules/') && existsSync(join(ROOT, path)));
const textFiles = tracked.filter((path) => /\.(ts|mjs|cjs|js|md|json|html|css|sh)$/.test(path) || path === '.ci/run');

/** Pointers at the reference folder beside the project, which a clone does not have. */
const OUTSIDE = [
  /\.\.\/shared\/(SPEC|DESIGN|STYLE)\.md/,
  /\.\.\/shared\/(seeds|apps-script-facts)\//,
  /apps-script-facts/,
  /\/work\/shared/,
  /\bSPEC(\.md)? ?§/,
  /\b(DESIGN|STYLE)\.md\b/,
];

describe('the repository stands alone', () => {
  it('has files to check', () => {
    expect(textFiles.length).toBeGreaterThan(100);
    expect(textFiles).toContain('README.md');
  });

  it('no file points at references outside the repository', () => {
    const offenders: string[] = [];
    for (const path of textFiles) {
      if (path === 'test/unit/standalone-repository.test.ts') continue;
      const lines = readFileSync(join(ROOT, path), 'utf8').split('\n');
      lines.forEach((line, index) => {
        if (OUTSIDE.some((pattern) => pattern.test(line))) offenders.push(`${path}:${index + 1}: ${line.trim()}`);
      });
    }
    expect(offenders).toEqual([]);
  });

  it('every relative Markdown link reaches a file in the repository', () => {
    const broken: string[] = [];
    for (const path of textFiles.filter((file) => file.endsWith('.md'))) {
      const text = readFileSync(join(ROOT, path), 'utf8');
      for (const match of text.matchAll(/\]\(([^)\s]+)\)/g)) {
        const target = match[1].split('#')[0];
        if (target === '' || /^<?[a-z]+:/i.test(target)) continue;
        const absolute = resolve(ROOT, dirname(path), decodeURIComponent(target));
        if (!absolute.startsWith(ROOT) || !existsSync(absolute)) broken.push(`${path} → ${match[1]}`);
      }
    }
    expect(broken).toEqual([]);
  });
});
