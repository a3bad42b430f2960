/** `corroborate eval facts --gold DIR [--json]`: per-type span P/R/F1 of the facts extractor on a gold folder. */
import { parseArgs } from 'node:util';
import { resolve } from 'node:path';
import { CorroborateError, errorMessage } from '../../errors.ts';
import { evaluateFacts, readFactGold, FACT_SPAN_TYPES, type FactReport } from '../../eval/facts.ts';
import { extractFacts } from '../../extract/facts.ts';
import { extractAttributions } from '../../extract/attributions.ts';
import { loadGazetteer } from '../../extract/gazetteer.ts';
import type { Attribution } from '../../extract/types.ts';
import type { EvalSubcommand } from './types.ts';

function table(r: FactReport): string {
  const pct = (x: number): string => (100 * x).toFixed(1).padStart(5);
  const lines = ['type            P      R      F1    gold  pred  values ok'];
  for (const t of FACT_SPAN_TYPES) {
    const s = r.types[t];
    lines.push(
      `${t.padEnd(13)} ${pct(s.p)}  ${pct(s.r)}  ${pct(s.f1)}  ${String(s.gold).padStart(5)} ${String(s.predicted).padStart(5)}  ${s.valueCorrect}/${s.valued}`,
    );
  }
  lines.push(
    `${'micro'.padEnd(13)} ${pct(r.micro.p)}  ${pct(r.micro.r)}  ${pct(r.micro.f1)}  ${String(r.micro.gold).padStart(5)} ${String(r.micro.predicted).padStart(5)}`,
  );
  lines.push(`${r.docs} documents, ${r.seconds} s of extraction`);
  return `${lines.join('\n')}\n`;
}

/** The facts evaluation subcommand. */
export const factsEval: EvalSubcommand = {
  name: 'facts',
  describe: 'score fact extraction (people, organisations, places, dates, figures) on a gold folder',
  usage: `Usage: corroborate eval facts --gold DIR [--json]

Reads DIR/*.json gold files (format: docs/FACTS.md), runs attribution and fact extraction on each text
and prints precision, recall and F1 per span type (Person, Organisation, Location, Temporal, Quantity)
by one-to-one span overlap, plus how many matched spans carry the gold normalised value.
  --json   one JSON object: types ({p,r,f1,tp,gold,predicted,valued,valueCorrect} per type), micro, docs, seconds`,
  run(args, deps) {
    const { values } = parseArgs({
      args: [...args],
      options: { gold: { type: 'string' }, json: { type: 'boolean', default: false } },
      strict: true,
    });
    if (values.gold === undefined)
      throw new CorroborateError('bad_request', 'eval facts: --gold DIR is required');
    const docs = readFactGold(resolve(deps.cwd, values.gold));
    const gazetteer = loadGazetteer();
    const report = evaluateFacts(docs, (doc) => {
      let attributions: Attribution[] = [];
      try {
        attributions = extractAttributions(doc.text);
      } catch (error) {
        deps.stderr.write(
          `eval facts: ${doc.id}: attribution extraction failed (${errorMessage(error)}); scoring facts without attributions\n`,
        );
      }
      return extractFacts(doc.text, {
        published: doc.published,
        attributions,
        caseRegion: doc.caseRegion,
        gazetteer,
      });
    });
    deps.stdout.write(values.json ? `${JSON.stringify(report)}\n` : table(report));
    return Promise.resolve(0);
  },
};
