import { readFileSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';
import { gzipSync } from 'node:zlib';

export interface Size {
  file: string;
  bytes: number;
  gzip: number;
}

function sizeOf(root: string, file: string): Size {
  const body = readFileSync(join(root, file));
  return { file, bytes: body.length, gzip: gzipSync(body, { level: 9 }).length };
}

// Static imports between built chunks: `from"./x.js"`, `import"/chunks/y.js"`. Dynamic imports load later and are
// left out on purpose: they are not part of what the panel needs to show its first card.
const IMPORT = /(?:\bfrom|\bimport)\s*["']([^"']+\.js)["']/g;

function withImports(root: string, entry: string, into = new Set<string>()): Set<string> {
  if (into.has(entry)) return into;
  into.add(entry);
  const code = readFileSync(join(root, entry), 'utf8');
  for (const [, spec] of code.matchAll(IMPORT)) {
    const next = spec!.startsWith('/') ? spec!.slice(1) : normalize(join(dirname(entry), spec!));
    withImports(root, next, into);
  }
  return into;
}

/** The files an extension page loads up front: the HTML, its scripts with their static imports, its stylesheets. */
export function pageFiles(root: string, html: string): string[] {
  const text = readFileSync(join(root, html), 'utf8');
  const refs = [...text.matchAll(/(?:src|href)="\/?([^"]+\.(?:js|css))"/g)].map((m) => m[1]!);
  const files = new Set<string>([html]);
  for (const ref of refs) {
    if (ref.endsWith('.js')) withImports(root, ref, files);
    else files.add(ref);
  }
  return [...files];
}

/** Sizes of the content script and of the review panel page (all it loads up front), raw and gzip -9. */
export function extensionSizes(root: string) {
  const content = sizeOf(root, 'content-scripts/crm.js');
  const panelFiles = pageFiles(root, 'review-panel.html').map((f) => sizeOf(root, f));
  const sum = (key: 'bytes' | 'gzip') => panelFiles.reduce((n, s) => n + s[key], 0);
  return { content, panel: { files: panelFiles, bytes: sum('bytes'), gzip: sum('gzip') } };
}
