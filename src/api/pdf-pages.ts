import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** How many pages the sanitised view of a PDF shows as images (the rest: download the original). */
export const PDF_VIEW_PAGES = 20;

/** The rendered pages of one PDF, as PNG data, and how many pages it has. */
export interface RenderedPdf {
  readonly pages: readonly Buffer[];
  readonly pageCount: number;
}

const cache = new Map<string, Promise<RenderedPdf | null>>();
const CACHE_ENTRIES = 16;

/**
 * Renders the first {@link PDF_VIEW_PAGES} pages of a PDF as PNG images with poppler's `pdftoppm`
 * (a Debian package, installed by .ci/run), in a private temporary folder removed afterwards. Images
 * carry no script, link or form of the PDF, so they are the PDF's "sanitised page". Null when poppler
 * is missing or the file cannot be rendered: callers fall back to the extracted text. Results are kept
 * per SHA-256 for the last few originals (an original never changes).
 */
export function renderPdfPages(sha256: string, bytes: Uint8Array): Promise<RenderedPdf | null> {
  const hit = cache.get(sha256);
  if (hit !== undefined) return hit;
  const rendered = render(bytes);
  cache.set(sha256, rendered);
  if (cache.size > CACHE_ENTRIES) cache.delete(cache.keys().next().value as string);
  return rendered;
}

async function render(bytes: Uint8Array): Promise<RenderedPdf | null> {
  const dir = await mkdtemp(join(tmpdir(), 'corroborate-pdf-'));
  try {
    const input = join(dir, 'original.pdf');
    await writeFile(input, bytes, { mode: 0o600 });
    const info = await run('pdfinfo', [input], { timeout: 10_000 });
    const pageCount = Number(/^Pages:\s+(\d+)/m.exec(info.stdout)?.[1] ?? 0);
    if (pageCount < 1) return null;
    const last = Math.min(pageCount, PDF_VIEW_PAGES);
    await run('pdftoppm', ['-png', '-r', '96', '-f', '1', '-l', String(last), input, join(dir, 'page')], {
      timeout: 60_000,
    });
    const files = (await readdir(dir)).filter((f) => f.startsWith('page') && f.endsWith('.png')).sort();
    const pages = await Promise.all(files.map((f) => readFile(join(dir, f))));
    return pages.length === 0 ? null : { pages, pageCount };
  } catch {
    return null;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
