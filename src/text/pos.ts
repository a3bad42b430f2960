/**
 * Part-of-speech classes of words from the Brill tagger's lexicon (`data/pos/lexicon.tsv.gz`, built
 * from the `brill` package by scripts/build-pos-lexicon.ts: 79,977 lowercase English words with the
 * Penn Treebank tags they take, most frequent first). No tagging is run: each word gets its most
 * frequent tag and its ambiguity class (the whole list), which is what a feature-based tagger needs to
 * generalise from seen words to unseen ones ("warned" looks like "said"). Unknown words get a tag
 * guessed from their shape and ending (in src/extract/attribution-features.ts).
 */
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { hashWord } from './tokens.ts';

/** Penn Treebank tags; a tag id is its index here plus one (0: none, as for punctuation). */
export const PENN_TAGS: readonly string[] = [
  'CC', 'CD', 'DT', 'EX', 'FW', 'IN', 'JJ', 'JJR', 'JJS', 'LS', 'MD', 'NN', 'NNP', 'NNPS', 'NNS', 'PDT',
  'POS', 'PRP', 'PRP$', 'RB', 'RBR', 'RBS', 'RP', 'SYM', 'TO', 'UH', 'VB', 'VBD', 'VBG', 'VBN', 'VBP',
  'VBZ', 'WDT', 'WP', 'WP$', 'WRB',
];
const PENN_ID = new Map(PENN_TAGS.map((t, i) => [t, i + 1]));

/** Tag ids (1-based into the Penn list; 0 unknown) of the guesses for words outside the lexicon. */
export const PosGuess = {
  properNoun: PENN_ID.get('NNP')!,
  number: PENN_ID.get('CD')!,
  adverb: PENN_ID.get('RB')!,
  pastVerb: PENN_ID.get('VBD')!,
  gerund: PENN_ID.get('VBG')!,
  plural: PENN_ID.get('NNS')!,
  noun: PENN_ID.get('NN')!,
} as const;

/** Lowercase word hash → ambiguity-class id × 64 + most frequent tag id (one lookup per token). */
type PosTable = Map<number, number>;

let table: PosTable | null = null;

/** The lexicon table, read on first use (~80,000 entries, a few MB). */
export function posTable(): PosTable {
  if (table !== null) return table;
  const out: PosTable = new Map();
  const classes = new Map<string, number>();
  const text = gunzipSync(readFileSync(new URL('../../data/pos/lexicon.tsv.gz', import.meta.url))).toString('utf8');
  for (const line of text.split('\n')) {
    const tab = line.indexOf('\t');
    if (tab <= 0) continue;
    const tags = line.slice(tab + 1);
    let id = classes.get(tags);
    if (id === undefined) {
      id = classes.size + 1;
      classes.set(tags, id);
    }
    const space = tags.indexOf(' ');
    const first = (space < 0 ? tags : tags.slice(0, space)).split('|')[0]!;
    out.set(hashWord(line.slice(0, tab)), id * 64 + (PENN_ID.get(first) ?? 0));
  }
  table = out;
  return table;
}
