/**
 * Human agreement on PolNeAR under the evaluator's own metrics: for every article annotated by
 * several annotators, each other annotator's relations are scored against the reference annotation
 * (the annotator code that sorts first, as `corroborate eval attribution` uses), and the model is
 * scored against the same reference and against the other annotators. Prints one JSON object.
 * Usage: node --import tsx scripts/attribution-agreement.ts [--data DIR]...
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { addDocumentCounts, emptyCounts, parseAnn, scores, type CitronCounts, type ScoredAttribution } from '../src/eval/index.ts';
import { documentContext } from '../src/extract/attribution-features.ts';
import { extractAttributions } from '../src/extract/attributions.ts';
import { tokenize } from '../src/text/tokens.ts';

const { values } = parseArgs({
  options: { data: { type: 'string', multiple: true, default: ['../shared/polnear/train', '../shared/polnear/dev'] } },
});

function predict(text: string): ScoredAttribution[] {
  return extractAttributions(text, { context: documentContext(text) }).map((a) => ({
    cue: [[a.cue.start, a.cue.end] as const],
    sources: a.source === null ? [] : [[a.source.start, a.source.end] as const],
    contents: a.content.map((c) => [c.start, c.end] as const),
  }));
}

const summary = (c: CitronCounts): Record<string, string> => {
  const s = scores(c);
  const out: Record<string, string> = {};
  for (const part of ['cue', 'source', 'content', 'all'] as const) {
    out[part] = `exact ${(100 * s[part].exact.f1).toFixed(1)} / overlap ${(100 * s[part].overlap.f1).toFixed(1)}`;
  }
  return out;
};

const report: Record<string, unknown> = {};
for (const dir of values.data.map((d) => resolve(d))) {
  const annDir = join(dir, 'attributions');
  const byArticle = new Map<string, string[]>();
  for (const file of readdirSync(annDir).sort()) {
    const m = /^(.*)_([0-9a-fA-F]{4})\.ann$/.exec(file);
    if (m !== null) byArticle.set(m[1]!, [...(byArticle.get(m[1]!) ?? []), m[2]!]);
  }
  // human vs reference; model vs reference; model vs each other annotator (same pairs as the humans)
  const human = emptyCounts();
  const modelRef = emptyCounts();
  const modelOthers = emptyCounts();
  let articles = 0;
  let pairs = 0;
  for (const [name, codes] of byArticle) {
    if (codes.length < 2) continue;
    articles++;
    const text = readFileSync(join(dir, 'text', `${name}.txt`), 'utf8');
    const tokens = tokenize(text);
    const anns = codes.sort().map((code) => parseAnn(readFileSync(join(annDir, `${name}_${code}.ann`), 'utf8')));
    const predicted = predict(text);
    const reference = anns[0]!;
    addDocumentCounts(modelRef, text, predicted, reference, tokens);
    for (const other of anns.slice(1)) {
      pairs++;
      addDocumentCounts(human, text, other, reference, tokens);
      addDocumentCounts(modelOthers, text, predicted, other, tokens);
    }
  }
  report[dir] = {
    articles,
    pairs,
    'other annotator vs reference': summary(human),
    'model vs reference': summary(modelRef),
    'model vs other annotators': summary(modelOthers),
  };
}
process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
