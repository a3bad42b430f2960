// Builds data/pos/lexicon.tsv.gz from the Brill tagger's English lexicon (the `brill` package, MIT,
// words/brill): one line per lowercase word, `word<TAB>TAG TAG …`, tags most frequent first. Where a
// word appears in several capitalisations, the lowercase entry wins ("may" the modal, not the month)
// and capitalised ones only fill gaps ("clinton"). Run: npx tsx scripts/build-pos-lexicon.ts
// (dev dependencies only; the output is committed, and src/text/pos.ts reads it).
import { writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { brill } from 'brill';

const entries = Object.entries(brill as Record<string, readonly string[]>);
const ordered = [...entries.filter(([w]) => w === w.toLowerCase()), ...entries.filter(([w]) => w !== w.toLowerCase())];
const seen = new Set<string>();
const lines: string[] = [];
for (const [word, tags] of ordered) {
  const lower = word.toLowerCase();
  if (seen.has(lower) || /[\t\n]/.test(lower)) continue;
  seen.add(lower);
  lines.push(`${lower}\t${tags.join(' ')}`);
}
const out = new URL('../data/pos/lexicon.tsv.gz', import.meta.url);
writeFileSync(out, gzipSync(`${lines.join('\n')}\n`, { level: 9 }));
process.stdout.write(`${JSON.stringify({ words: lines.length, out: out.pathname })}\n`);
