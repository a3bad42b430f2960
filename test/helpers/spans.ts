/**
 * Token ranges of substrings in a fresh DocContext, for unit tests of the per-attribution rules (stance,
 * basis, channel): `at(text, cue, content)` gives the context and an attribution-like object whose cue
 * and one content fragment are the first occurrences of those substrings.
 */
import assert from 'node:assert/strict';
import { documentContext, type DocContext, type TokenRange } from '../../src/extract/attribution-features.ts';
import { tokenAtOrAfter, tokenBefore } from '../../src/text/tokens.ts';

/** The token range of the first occurrence of `needle` in `text`. */
export function spanOf(ctx: DocContext, text: string, needle: string): TokenRange {
  const s = text.indexOf(needle);
  assert.ok(s >= 0, needle);
  return [tokenAtOrAfter(ctx.tokens, s), tokenBefore(ctx.tokens, s + needle.length) + 1];
}

export function at(text: string, cue: string, content: string): { ctx: DocContext; a: { cue: TokenRange; contents: TokenRange[] } } {
  const ctx = documentContext(text);
  return { ctx, a: { cue: spanOf(ctx, text, cue), contents: [spanOf(ctx, text, content)] } };
}
