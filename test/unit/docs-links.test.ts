// The documentation travels with the code: nothing in the repository may send a reader to a folder a
// clone does not have (the sibling `shared` folder the project was planned in), and every relative
// link in README.md and docs/ must reach a file of the repository (and a heading, when it names one).
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, extname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** Folders never scanned when git is not there to list the tracked files. */
const UNTRACKED_DIRS = new Set(['.git', 'node_modules', 'dist', 'data', 'test-results', 'coverage']);
const BINARY = new Set(['.png', '.jpg', '.jpeg', '.gif', '.ico', '.webp', '.woff', '.woff2', '.ttf', '.pdf', '.zip', '.gz', '.wasm', '.data']);

function walk(dir: string, out: string[]): string[] {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.isDirectory()) {
      if (!UNTRACKED_DIRS.has(entry.name) && !(dir === join(ROOT, 'bench') && entry.name === 'results')) walk(join(dir, entry.name), out);
    } else if (entry.isFile()) {
      out.push(relative(ROOT, join(dir, entry.name)).split(sep).join('/'));
    }
  }
  return out;
}

/** The repository's files: git's list when git is available, else a walk of the working tree. */
function repositoryFiles(): string[] {
  try {
    const listed = execFileSync('git', ['ls-files', '-z'], { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, stdio: ['ignore', 'pipe', 'ignore'] });
    const files = listed.split('\0').filter(Boolean);
    if (files.length) return files;
  } catch {
    // no git: fall through
  }
  return walk(ROOT, []);
}

function textOf(file: string): string | null {
  if (BINARY.has(extname(file).toLowerCase())) return null;
  const path = join(ROOT, file);
  if (!existsSync(path) || statSync(path).size > 8 * 1024 * 1024) return null;
  const text = readFileSync(path, 'utf8');
  return text.includes('\0') ? null : text;
}

// Built from parts so this file does not match itself.
const SHARED = ['..', 'shared', ''].join('/');
const SHARED_FOLDERS = ['spec', 'seeds', 'design.md'].map((name) => ['shared', name].join('/'));

/** Lines of `text` that send the reader to the shared folder, as "file:line: text". */
export function sharedReferences(file: string, text: string): string[] {
  const found: string[] = [];
  text.split('\n').forEach((line, index) => {
    if (line.includes(SHARED) || SHARED_FOLDERS.some((folder) => line.includes(folder))) found.push(`${file}:${index + 1}: ${line.trim()}`);
  });
  return found;
}

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces as dashes. */
export function headingAnchor(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/`/g, '')
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');
}

/** The Markdown without fenced code blocks and inline code, where link syntax means nothing. */
function prose(markdown: string): string {
  return markdown
    .replace(/^(```|~~~)[^\n]*\n[\s\S]*?^\1[^\n]*$/gm, '')
    .replace(/`[^`\n]*`/g, '');
}

function anchorsOf(markdown: string): Set<string> {
  const anchors = new Set<string>();
  const counts = new Map<string, number>();
  for (const match of prose(markdown).matchAll(/^#{1,6}\s+(.+?)\s*#*\s*$/gm)) {
    const base = headingAnchor(match[1]!);
    const seen = counts.get(base) ?? 0;
    anchors.add(seen ? `${base}-${seen}` : base);
    counts.set(base, seen + 1);
  }
  for (const match of markdown.matchAll(/<a\s+(?:name|id)="([^"]+)"/g)) anchors.add(match[1]!);
  return anchors;
}

/** Every link target of a Markdown text: inline links, images and reference definitions. */
export function linkTargets(markdown: string): string[] {
  const text = prose(markdown);
  const targets: string[] = [];
  for (const match of text.matchAll(/!?\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)) targets.push(match[1]!);
  for (const match of text.matchAll(/^\s*\[[^\]]+\]:\s+<?(\S+?)>?(?:\s+"[^"]*")?\s*$/gm)) targets.push(match[1]!);
  return targets;
}

/** Problems with the relative links of one Markdown file (empty when every link works). */
export function brokenLinks(file: string, markdown: string, read: (path: string) => string | null = textOf): string[] {
  const problems: string[] = [];
  for (const target of linkTargets(markdown)) {
    if (/^[a-z][a-z0-9+.-]*:/i.test(target)) continue; // http:, https:, mailto:
    const [pathPart, anchor] = target.split('#', 2) as [string, string | undefined];
    const path = decodeURIComponent(pathPart.split('?')[0]!);
    const resolved = path === '' ? file : relative(ROOT, resolve(ROOT, dirname(file), path)).split(sep).join('/');
    if (resolved.startsWith('../') || resolved === '..') {
      problems.push(`${file}: ${target} leaves the repository`);
      continue;
    }
    const absolute = join(ROOT, resolved);
    if (!existsSync(absolute)) {
      problems.push(`${file}: ${target} -> ${resolved} does not exist`);
      continue;
    }
    if (anchor && resolved.endsWith('.md')) {
      const targetText = resolved === file ? markdown : read(resolved);
      if (targetText !== null && !anchorsOf(targetText).has(anchor)) problems.push(`${file}: ${target} -> no heading #${anchor} in ${resolved}`);
    }
  }
  return problems;
}

const files = repositoryFiles();
const markdownFiles = files.filter((file) => file === 'README.md' || (file.startsWith('docs/') && file.endsWith('.md')));

describe('documentation that travels with the code', () => {
  it('has the pages README links to', () => {
    expect(markdownFiles).toContain('README.md');
    for (const page of ['docs/architecture.md', 'docs/dialects/pybossa.md', 'docs/dialects/jsend.md', 'docs/dialects/raceserver.md', 'docs/dialects/opentrack.md', 'docs/dialects/ical.md']) {
      expect(markdownFiles).toContain(page);
    }
  });

  it('never sends a reader to the shared folder outside the repository', () => {
    const found = files.flatMap((file) => {
      const text = textOf(file);
      return text === null ? [] : sharedReferences(file, text);
    });
    expect(found).toEqual([]);
  });

  it('has no relative link in README.md or docs/ that leads nowhere', () => {
    const problems = markdownFiles.flatMap((file) => brokenLinks(file, textOf(file) ?? ''));
    expect(problems).toEqual([]);
  });

  it('notices a shared-folder reference, a missing file, a missing heading and a link out of the repository', () => {
    expect(sharedReferences('src/x.ts', `// see ${SHARED}spec/pybossa.md\nconst a = 1;`)).toEqual([`src/x.ts:1: // see ${SHARED}spec/pybossa.md`]);
    expect(sharedReferences('README.md', `read ${SHARED_FOLDERS[2]}`)).toHaveLength(1);
    expect(brokenLinks('README.md', '[gone](docs/no-such-page.md)')).toEqual(['README.md: docs/no-such-page.md -> docs/no-such-page.md does not exist']);
    expect(brokenLinks('README.md', '[up](../outside.md)')).toEqual(['README.md: ../outside.md leaves the repository']);
    expect(brokenLinks('docs/architecture.md', '[x](dialects/pybossa.md#no-such-heading)')).toEqual([
      'docs/architecture.md: dialects/pybossa.md#no-such-heading -> no heading #no-such-heading in docs/dialects/pybossa.md',
    ]);
    expect(brokenLinks('docs/architecture.md', '[x](dialects/pybossa.md#decisions-and-deviations) [y](https://example.org/a.md) `[z](nowhere.md)`')).toEqual([]);
    expect(brokenLinks('README.md', '```\n[z](nowhere.md)\n```\n![shot](docs/screenshots/projects.png)')).toEqual([]);
  });
});
