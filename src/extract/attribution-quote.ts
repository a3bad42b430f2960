/** Quote kind of an attribution: direct when its content is quoted, indirect when not, mixed otherwise. */
import type { QuoteKind } from './types.ts';
import type { DocContext, TokenRange } from './attribution-features.ts';

/**
 * Classifies the content of an attribution by how much of it lies inside quotation marks (marks
 * themselves not counted): all → direct, none → indirect, some → mixed.
 */
export function quoteKindOf(ctx: DocContext, a: { readonly contents: readonly TokenRange[] }): QuoteKind {
  let quoted = 0;
  let plain = 0;
  for (const [s, e] of a.contents) {
    for (let i = s; i < e; i++) {
      if (ctx.layout.quoteMark[i]! > 0 || ctx.tokens.shape[i] === 6) continue;
      if (ctx.layout.inQuote[i] === 1) quoted++;
      else plain++;
    }
  }
  if (quoted > 0 && plain === 0) return 'direct';
  if (quoted === 0) return 'indirect';
  return plain <= 2 && quoted > 4 * plain ? 'direct' : 'mixed';
}
