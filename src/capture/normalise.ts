import { createHash } from 'node:crypto';

/** SHA-256 of bytes or of a string's UTF-8 encoding, as lowercase hex. */
export function sha256Hex(data: Uint8Array | string): string {
  return createHash('sha256').update(data).digest('hex');
}

/**
 * Normalises derived text so that the same document always yields the same text and hash:
 * Unicode NFC, `\n` line endings, no trailing spaces or tabs, at most one blank line in a row,
 * no leading or trailing blank lines. Pure and idempotent.
 *
 * @example
 * normaliseText('Title  \r\n\r\n\r\nBody\u00a0 ') // 'Title\n\nBody'
 */
export function normaliseText(text: string): string {
  return text
    .normalize('NFC')
    .replace(/\r\n?|[\u2028\u2029\u0085]/g, '\n')
    .replace(/[ \t\f\v\u00a0\u200b\ufeff]+$/gm, '')
    .replace(/\n{3,}/g, '\n\n')
    .replace(/^\n+|\n+$/g, '');
}
