import { CorroborateError } from '../errors.ts';
import type { ParsedDocument } from './item.ts';
import { normalisePublished } from './metadata.ts';
import { normaliseText } from './normalise.ts';
import type { PageSpan } from './types.ts';

/** The subset of pdfjs-dist's text-content items used here. */
interface TextItem {
  readonly str: string;
  readonly hasEOL: boolean;
}

/**
 * Reads the text layer of a PDF with pdfjs-dist (legacy build, for Node). Pages are separated by a
 * blank line and their offsets in the normalised text kept as `[{ page, start, end }]`. Title,
 * author and creation date come from the PDF's info dictionary. Refuses files that are not PDFs,
 * are truncated or malformed beyond repair, are encrypted, or have no text layer (scans need OCR).
 */
export async function parsePdf(bytes: Uint8Array, label: string): Promise<ParsedDocument> {
  if (bytes.length === 0) throw new CorroborateError('empty_input', `${label}: empty file`);
  if (Buffer.from(bytes.subarray(0, 1024)).indexOf('%PDF-') < 0) {
    throw new CorroborateError('malformed', `${label}: not a PDF (no %PDF- header)`);
  }
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  // pdfjs takes ownership of (and may detach) the buffer it is given, so it gets a copy.
  const task = pdfjs.getDocument({
    data: new Uint8Array(bytes),
    verbosity: 0,
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    stopAtErrors: false,
  });
  let doc: Awaited<typeof task.promise>;
  try {
    doc = await task.promise;
  } catch (error) {
    await task.destroy();
    const reason = error instanceof Error ? error.message : String(error);
    if (/password/i.test(reason)) throw new CorroborateError('malformed', `${label}: encrypted PDF`);
    throw new CorroborateError('malformed', `${label}: truncated or malformed PDF (${reason})`);
  }
  try {
    const pages: PageSpan[] = [];
    let text = '';
    for (let number = 1; number <= doc.numPages; number++) {
      let pageText = '';
      try {
        const page = await doc.getPage(number);
        const content = await page.getTextContent();
        for (const item of content.items as readonly Partial<TextItem>[]) {
          if (typeof item.str !== 'string') continue;
          pageText += item.str + (item.hasEOL === true ? '\n' : '');
        }
        page.cleanup();
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        throw new CorroborateError('malformed', `${label}: page ${number} is unreadable (${reason})`);
      }
      const normalised = normaliseText(pageText.replace(/[ \t]{2,}/g, ' '));
      if (normalised !== '' && text !== '') text += '\n\n';
      const start = text.length;
      text += normalised;
      pages.push({ page: number, start, end: text.length });
    }
    if (text.trim() === '') throw new CorroborateError('malformed', `${label}: PDF has no text layer (scanned images need OCR)`);
    const info = await doc.getMetadata().catch(() => null);
    const dict = (info?.info ?? {}) as Record<string, unknown>;
    const title = typeof dict.Title === 'string' && dict.Title.trim() !== '' ? dict.Title.trim() : null;
    const author = typeof dict.Author === 'string' && dict.Author.trim() !== '' ? dict.Author.trim() : null;
    const created = typeof dict.CreationDate === 'string' ? pdfDate(dict.CreationDate) : null;
    return {
      text,
      pages,
      metadata: { title, byline: author },
      extra: { pageCount: doc.numPages, ...(created === null ? {} : { pdfCreated: created }) },
    };
  } finally {
    await doc.destroy();
  }
}

/** A PDF date string (`D:20220408120000Z`) as an ISO date, or null. */
function pdfDate(value: string): string | null {
  const match = /^D:(\d{4})(\d{2})?(\d{2})?/.exec(value);
  if (match === null) return null;
  return normalisePublished(`${match[1]}-${match[2] ?? '01'}-${match[3] ?? '01'}`);
}
