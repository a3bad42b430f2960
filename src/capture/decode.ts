import { CorroborateError } from '../errors.ts';

/** How far into a file binary content is looked for (NUL bytes and control characters). */
const SNIFF_BYTES = 8192;

/**
 * True when bytes look like binary data rather than text: a NUL byte (outside UTF-16 text) or many
 * C0 control characters in the first few kilobytes.
 */
export function looksBinary(bytes: Uint8Array): boolean {
  if (hasUtf16Bom(bytes)) return false;
  const end = Math.min(bytes.length, SNIFF_BYTES);
  let controls = 0;
  for (let i = 0; i < end; i++) {
    const b = bytes[i] as number;
    if (b === 0) return true;
    if (b < 32 && b !== 9 && b !== 10 && b !== 12 && b !== 13 && b !== 27) controls++;
  }
  return end > 0 && controls / end > 0.1;
}

function hasUtf16Bom(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff));
}

/**
 * Decodes text bytes. A byte-order mark (UTF-8, UTF-16LE/BE) wins, then a declared charset (HTTP
 * Content-Type or HTML meta), else the bytes must be valid UTF-8: anything else is refused with
 * 'not valid UTF-8' rather than guessed, so stored text is never silently garbled.
 *
 * @param label names the item in error messages.
 * @param charset a declared charset, e.g. from `Content-Type: text/html; charset=windows-1251`.
 */
export function decodeText(bytes: Uint8Array, label: string, charset?: string | null): string {
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return strictDecode('utf-8', bytes.subarray(3), label);
  }
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return strictDecode('utf-16le', bytes.subarray(2), label);
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) return strictDecode('utf-16be', bytes.subarray(2), label);
  const declared = charset?.trim().toLowerCase();
  if (declared !== undefined && declared !== '' && declared !== 'utf-8' && declared !== 'utf8') {
    let decoder: TextDecoder;
    try {
      decoder = new TextDecoder(declared, { fatal: true });
    } catch {
      throw new CorroborateError('encoding', `${label}: unknown charset '${charset ?? ''}'`);
    }
    try {
      return decoder.decode(bytes);
    } catch {
      throw new CorroborateError('encoding', `${label}: not valid ${declared}`);
    }
  }
  return strictDecode('utf-8', bytes, label);
}

function strictDecode(encoding: string, bytes: Uint8Array, label: string): string {
  try {
    return new TextDecoder(encoding, { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    throw new CorroborateError('encoding', `${label}: not valid ${encoding === 'utf-8' ? 'UTF-8' : encoding.toUpperCase()}`);
  }
}

/** Finds the charset an HTML document declares in its first kilobytes (`<meta charset>` or http-equiv). */
export function sniffHtmlCharset(bytes: Uint8Array): string | null {
  const head = Buffer.from(bytes.subarray(0, 4096)).toString('latin1');
  const match =
    /<meta[^>]+charset\s*=\s*["']?([\w.:-]+)/i.exec(head) ?? /<meta[^>]+content\s*=\s*["'][^"']*charset=([\w.:-]+)/i.exec(head);
  return match?.[1] ?? null;
}

/** The charset parameter of a Content-Type header value, or null. */
export function charsetOf(contentType: string | null | undefined): string | null {
  if (contentType === null || contentType === undefined) return null;
  const match = /;\s*charset\s*=\s*"?([\w.:-]+)"?/i.exec(contentType);
  return match?.[1] ?? null;
}
