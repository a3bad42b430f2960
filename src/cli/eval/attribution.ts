/** `corroborate eval attribution --polnear DIR [--json]`: Citron span metrics on a PolNeAR folder. */
import { parseArgs } from 'node:util';
import { resolve } from 'node:path';
import { CorroborateError } from '../../errors.ts';
import { evaluateAttributions, type AttributionReport } from '../../eval/index.ts';
import { extractAttributions } from '../../extract/attributions.ts';
import { documentContext } from '../../extract/attribution-features.ts';
import type { EvalSubcommand } from './types.ts';

function table(r: AttributionReport): string {
  const pct = (x: number): string => (100 * x).toFixed(1).padStart(5);
  const lines = ['part      exact P  exact R  exact F1   overlap P  overlap R  overlap F1'];
  for (const part of ['cue', 'source', 'content', 'all'] as const) {
    const { exact: e, overlap: o } = r[part];
    lines.push(
      `${part.padEnd(8)}  ${pct(e.p)}    ${pct(e.r)}    ${pct(e.f1)}      ${pct(o.p)}      ${pct(o.r)}      ${pct(o.f1)}`,
    );
  }
  lines.push(`${r.docs} documents, ${r.tokens} tokens, ${r.seconds} s of extraction`);
  return `${lines.join('\n')}\n`;
}

/** The attribution evaluation subcommand. */
export const attributionEval: EvalSubcommand = {
  name: 'attribution',
  describe: 'score attribution extraction (cue, source, content) on a PolNeAR folder',
  usage: `Usage: corroborate eval attribution --polnear DIR [--json]

Reads DIR/text/*.txt and DIR/attributions/*.ann (the annotator code that sorts first per article),
extracts attributions and prints Citron exact and overlap precision, recall and F1 for cue, source,
content and whole attributions (definitions: docs/EVALUATION.md).
  --json   one JSON object: cue, source, content, all ({exact:{p,r,f1}, overlap:{p,r,f1}}), docs, tokens, seconds`,
  run(args, deps) {
    const { values } = parseArgs({
      args: [...args],
      options: { polnear: { type: 'string' }, json: { type: 'boolean', default: false } },
      strict: true,
    });
    if (values.polnear === undefined)
      throw new CorroborateError('bad_request', 'attribution: --polnear DIR is required');
    const dir = resolve(deps.cwd, values.polnear);
    const report = evaluateAttributions(dir, (text) => {
      const context = documentContext(text);
      return extractAttributions(text, { context }).map((a) => ({
        cue: [[a.cue.start, a.cue.end] as const],
        sources: a.source === null ? [] : [[a.source.start, a.source.end] as const],
        contents: a.content.map((c) => [c.start, c.end] as const),
      }));
    });
    deps.stdout.write(values.json ? `${JSON.stringify(report)}\n` : table(report));
    return Promise.resolve(0);
  },
};
