import { CorroborateError } from '../errors.ts';
import { decodeText, looksBinary } from './decode.ts';
import type { ParsedDocument } from './item.ts';

/**
 * Reads a plain-text or Markdown document: refuses binary content and invalid UTF-8 (unless a BOM
 * or declared charset says otherwise). A Markdown document's first `# ` heading becomes its title.
 */
export function parseText(
  bytes: Uint8Array,
  label: string,
  options: { readonly markdown?: boolean; readonly charset?: string | null } = {},
): ParsedDocument {
  if (bytes.length === 0) throw new CorroborateError('empty_input', `${label}: empty file`);
  if (looksBinary(bytes)) throw new CorroborateError('malformed', `${label}: binary content, not text`);
  const text = decodeText(bytes, label, options.charset);
  if (options.markdown === true) {
    const heading = /^#\s+(.+?)\s*#*\s*$/m.exec(text);
    if (heading?.[1] !== undefined) return { text, metadata: { title: heading[1] } };
  }
  return { text };
}
