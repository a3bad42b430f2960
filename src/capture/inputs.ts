import { readdir, stat } from 'node:fs/promises';
import { basename, dirname, extname, join, relative, resolve } from 'node:path';
import { errorMessage } from '../errors.ts';

/** File extensions capture reads, with the reader each one goes to. */
export const READERS = {
  '.txt': 'text',
  '.text': 'text',
  '.md': 'markdown',
  '.markdown': 'markdown',
  '.html': 'html',
  '.htm': 'html',
  '.xhtml': 'html',
  '.pdf': 'pdf',
  '.jsonl': 'jsonl',
  '.ndjson': 'jsonl',
} as const satisfies Record<string, string>;

/** Which reader handles a file. */
export type ReaderName = (typeof READERS)[keyof typeof READERS];

/** One thing to capture, after directories are expanded and duplicates found. */
export type CaptureTarget =
  | {
      readonly kind: 'file';
      readonly id: string;
      readonly path: string;
      readonly reader: ReaderName;
      /** False when the folder walk saw no NAME.json sidecar next to the file (saves a failed read). */
      readonly sidecar?: boolean;
    }
  | { readonly kind: 'url'; readonly id: string; readonly url: string }
  | { readonly kind: 'invalid'; readonly id: string; readonly error: string; readonly code: string };

/** True when an argument is an http(s) URL rather than a path. */
export function isUrlInput(input: string): boolean {
  return /^https?:\/\//i.test(input);
}

/** The reader for a path by extension, or null when capture does not read that kind of file. */
export function readerFor(path: string): ReaderName | null {
  const ext = extname(path).toLowerCase();
  return Object.hasOwn(READERS, ext) ? READERS[ext as keyof typeof READERS] : null;
}

/** The sidecar metadata file of a document: NAME.json next to NAME.ext. */
export function sidecarPath(path: string): string {
  return join(dirname(path), `${basename(path, extname(path))}.json`);
}

/**
 * Expands command-line inputs into capture targets, in order: URLs as they are; files; directories
 * walked recursively in sorted order (hidden entries, sidecar `.json` files, README/LICENSE notes and
 * files capture cannot read are left out). A path given twice (or reached twice through directories) and a missing
 * path become `invalid` targets, so each is reported as one failed item and the rest go on.
 */
export async function planTargets(inputs: readonly string[], cwd: string): Promise<CaptureTarget[]> {
  const targets: CaptureTarget[] = [];
  const seen = new Map<string, string>();
  const addFile = (id: string, absolute: string, reader: ReaderName, sidecar?: boolean): void => {
    const earlier = seen.get(absolute);
    if (earlier !== undefined) {
      targets.push({ kind: 'invalid', id, code: 'invalid_input', error: `${id}: duplicate path (already given as ${earlier})` });
      return;
    }
    seen.set(absolute, id);
    targets.push({ kind: 'file', id, path: absolute, reader, ...(sidecar === undefined ? {} : { sidecar }) });
  };
  for (const input of inputs) {
    if (isUrlInput(input)) {
      const earlier = seen.get(input);
      if (earlier !== undefined) {
        targets.push({ kind: 'invalid', id: input, code: 'invalid_input', error: `${input}: duplicate URL in this command` });
      } else {
        seen.set(input, input);
        targets.push({ kind: 'url', id: input, url: input });
      }
      continue;
    }
    const absolute = resolve(cwd, input);
    let info;
    try {
      info = await stat(absolute);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      const reason = code === 'ENOENT' ? 'no such file or directory' : code === 'EACCES' ? 'permission denied' : errorMessage(error);
      targets.push({ kind: 'invalid', id: input, code: 'not_found', error: `${input}: ${reason}` });
      continue;
    }
    if (info.isDirectory()) {
      const files = await walk(absolute);
      if (files.length === 0) {
        targets.push({
          kind: 'invalid',
          id: input,
          code: 'empty_input',
          error: `${input}: folder holds no file capture can read (${Object.keys(READERS).join(', ')})`,
        });
      }
      for (const { path, sidecar } of files) {
        addFile(join(input, relative(absolute, path)), path, readerFor(path) as ReaderName, sidecar);
      }
      continue;
    }
    const reader = readerFor(absolute);
    if (reader === null) {
      targets.push({
        kind: 'invalid',
        id: input,
        code: 'unsupported_type',
        error: `${input}: unsupported file type '${extname(input) || 'none'}' (expected ${Object.keys(READERS).join(', ')})`,
      });
      continue;
    }
    addFile(input, absolute, reader);
  }
  return targets;
}

/** Notes about a folder itself (README, LICENSE, CHANGELOG), not documents in it: left out of folder walks. */
const FOLDER_NOTES = /^(readme|license|licence|changelog)(\.[a-z]+)?$/i;

/** Readable files under a directory, recursively, sorted by path; sidecars and hidden entries left out. */
async function walk(dir: string): Promise<{ path: string; sidecar: boolean }[]> {
  const entries = (await readdir(dir, { withFileTypes: true })).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const names = new Set(entries.map((e) => e.name));
  const out: { path: string; sidecar: boolean }[] = [];
  for (const entry of entries) {
    if (entry.name.startsWith('.') || FOLDER_NOTES.test(entry.name)) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      out.push(...(await walk(path)));
      continue;
    }
    if (!entry.isFile()) continue;
    // Sidecar .json files (and anything else capture cannot read) have no reader, so they are left out.
    if (readerFor(entry.name) === null) continue;
    out.push({ path, sidecar: names.has(basename(sidecarPath(path))) });
  }
  return out;
}
