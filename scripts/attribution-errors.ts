/**
 * Error analysis of attribution extraction on a PolNeAR folder (dev by default): which gold cues get
 * no prediction at all and what they look like, which predicted cues are wrong, and how source and
 * content boundaries differ from gold for matched cues. Prints a plain-text report.
 * Usage: node --import tsx scripts/attribution-errors.ts [--data DIR] [--top N]
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { readPolnear } from '../src/eval/polnear.ts';
import { documentContext, type DocContext, type TokenRange } from '../src/extract/attribution-features.ts';
import { findAttributions } from '../src/extract/attributions.ts';
import { defaultAttributionModels } from '../src/extract/attribution-weights.ts';
import { tokenAtOrAfter, tokenBefore } from '../src/text/tokens.ts';

const { values } = parseArgs({
  options: {
    data: { type: 'string', default: '../shared/polnear/dev' },
    top: { type: 'string', default: '40' },
  },
});
const top = Number(values.top);
const models = defaultAttributionModels();

const counts = new Map<string, Map<string, number>>();
const bump = (table: string, key: string, by = 1): void => {
  const m = counts.get(table) ?? new Map<string, number>();
  m.set(key, (m.get(key) ?? 0) + by);
  counts.set(table, m);
};
const words = (ctx: DocContext, r: TokenRange): string =>
  ctx.tokens.text.slice(ctx.tokens.start[r[0]], ctx.tokens.end[r[1] - 1]);
const tok = (ctx: DocContext, s: number, e: number): TokenRange | null => {
  const a = tokenAtOrAfter(ctx.tokens, s);
  const b = tokenBefore(ctx.tokens, e) + 1;
  return b > a ? [a, b] : null;
};
const samples: string[] = [];

for (const doc of readPolnear(resolve(values.data))) {
  const ctx = documentContext(doc.text);
  const pred = findAttributions(ctx, models);
  const predCues = pred.map((p) => p.cue);
  for (const g of doc.attributions) {
    const cue = tok(ctx, g.cue[0]![0], g.cue[g.cue.length - 1]![1]);
    if (cue === null) continue;
    const len = cue[1] - cue[0];
    const exact = pred.find((p) => p.cue[0] === cue[0] && p.cue[1] === cue[1]);
    const over = pred.find((p) => p.cue[0] < cue[1] && p.cue[1] > cue[0]);
    const first = ctx.tokens.text.slice(ctx.tokens.start[cue[0]], ctx.tokens.end[cue[0]]).toLowerCase();
    const lowered = words(ctx, cue).toLowerCase();
    const kind =
      g.cue.length > 1 ? 'discontinuous' : len === 1 ? 'one token' : len <= 3 ? '2-3 tokens' : '4+ tokens';
    bump('gold cue length', kind);
    if (exact !== undefined) {
      bump('cue outcome', 'exact');
    } else if (over !== undefined) {
      bump('cue outcome', 'boundary (overlapping prediction)');
      bump('boundary pairs gold -> predicted', `${lowered} -> ${words(ctx, over.cue).toLowerCase()}`);
      const p = over.cue;
      bump(
        'boundary kind',
        p[0] === cue[0]
          ? p[1] < cue[1]
            ? 'same start, predicted shorter'
            : 'same start, predicted longer'
          : p[1] === cue[1]
            ? p[0] > cue[0]
              ? 'same end, predicted starts later'
              : 'same end, predicted starts earlier'
            : 'both ends differ',
      );
    } else {
      bump('cue outcome', 'missed (no overlapping prediction)');
      bump('missed cue length', kind);
      bump('missed cue first word', first);
      bump('missed cue text', lowered);
      const lexClass = ctx.lex[cue[0]]!;
      bump('missed cue first-token lexicon class', String(lexClass));
      bump('missed cue candidate opener', models.cueStarts.has(ctx.tokens.lower[cue[0]]!) ? 'yes' : 'no');
      bump('missed cue has source', g.sources.length > 0 ? 'yes' : 'no');
      bump('missed cue in quotation', ctx.layout.inQuote[cue[0]] === 1 ? 'yes' : 'no');
      if (samples.length < top)
        samples.push(
          `${doc.name}: [${lowered}] … ${doc.text.slice(Math.max(0, g.cue[0]![0] - 80), g.cue[0]![1] + 60).replace(/\s+/g, ' ')}`,
        );
    }
    // roles of the matched prediction
    const m = exact ?? over;
    if (m !== undefined) {
      const gs = g.sources.map((s) => tok(ctx, s[0], s[1])).filter((x): x is TokenRange => x !== null);
      const ps = m.sources;
      if (gs.length === 0 && ps.length === 0) bump('source', 'both none');
      else if (gs.length === 0) bump('source', 'predicted, gold none');
      else if (ps.length === 0) bump('source', 'gold, predicted none');
      else if (gs.length > 1) bump('source', 'gold discontinuous');
      else {
        const [a, b] = [gs[0]!, ps[0]!];
        if (a[0] === b[0] && a[1] === b[1]) bump('source', 'exact');
        else if (a[1] <= b[0] || b[1] <= a[0]) bump('source', 'disjoint');
        else {
          bump('source', 'boundary');
          if (a[0] !== b[0])
            bump(
              'source start',
              b[0] < a[0]
                ? `predicted earlier by ${Math.min(5, a[0] - b[0])}`
                : `predicted later by ${Math.min(5, b[0] - a[0])}`,
            );
          if (a[1] !== b[1])
            bump(
              'source end',
              b[1] > a[1]
                ? `predicted later by ${Math.min(5, b[1] - a[1])}`
                : `predicted earlier by ${Math.min(5, a[1] - b[1])}`,
            );
          if (a[0] !== b[0])
            bump(
              'source start tokens (gold..pred)',
              words(ctx, [Math.min(a[0], b[0]), Math.max(a[0], b[0])]).toLowerCase(),
            );
        }
      }
      const gc = g.contents.map((s) => tok(ctx, s[0], s[1])).filter((x): x is TokenRange => x !== null);
      const pc = m.contents;
      if (gc.length !== pc.length)
        bump('content', `fragments gold ${Math.min(gc.length, 3)} predicted ${Math.min(pc.length, 3)}`);
      else {
        const ok = gc.every((c, i) => c[0] === pc[i]![0] && c[1] === pc[i]![1]);
        if (ok) bump('content', 'exact');
        else {
          bump('content', 'same count, boundary');
          for (let i = 0; i < gc.length; i++) {
            const [a, b] = [gc[i]!, pc[i]!];
            if (a[0] !== b[0]) {
              bump('content start', b[0] < a[0] ? 'predicted earlier' : 'predicted later');
              if (Math.abs(a[0] - b[0]) <= 3)
                bump(
                  'content start diff tokens',
                  (b[0] < a[0] ? '+' : '-') +
                    words(ctx, [Math.min(a[0], b[0]), Math.max(a[0], b[0])]).toLowerCase(),
                );
              else bump('content start diff tokens', b[0] < a[0] ? '+many' : '-many');
            }
            if (a[1] !== b[1]) {
              bump('content end', b[1] > a[1] ? 'predicted later' : 'predicted earlier');
              if (Math.abs(a[1] - b[1]) <= 3)
                bump(
                  'content end diff tokens',
                  (b[1] > a[1] ? '+' : '-') +
                    words(ctx, [Math.min(a[1], b[1]), Math.max(a[1], b[1])]).toLowerCase(),
                );
              else bump('content end diff tokens', b[1] > a[1] ? '+many' : '-many');
            }
          }
        }
      }
    }
  }
  for (const p of pred) {
    const hit = doc.attributions.some((g) => {
      const c = tok(ctx, g.cue[0]![0], g.cue[g.cue.length - 1]![1]);
      return c !== null && c[0] < p.cue[1] && c[1] > p.cue[0];
    });
    if (!hit) bump('false cue (no overlapping gold)', words(ctx, p.cue).toLowerCase());
  }
  void predCues;
}

for (const [table, m] of counts) {
  const total = [...m.values()].reduce((a, b) => a + b, 0);
  const rows = [...m].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, top);
  process.stdout.write(`\n## ${table} (total ${total}, ${m.size} distinct)\n`);
  for (const [k, v] of rows)
    process.stdout.write(`${String(v).padStart(6)} ${((100 * v) / total).toFixed(1).padStart(5)}%  ${k}\n`);
}
process.stdout.write(`\n## missed samples\n${samples.join('\n')}\n`);
