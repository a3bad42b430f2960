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

/** The id of a Penn tag by name ("NN" → its index in {@link PENN_TAGS} plus one); throws on a typo. */
export function pennTag(name: string): number {
  const id = PENN_ID.get(name);
  if (id === undefined) throw new Error(`unknown Penn tag: ${name}`);
  return id;
}

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

/** The lexicon as columns: per word, its lowercase hash, most frequent tag id and ambiguity class (from 1). */
export interface PosLexicon {
  readonly hashes: Int32Array;
  readonly tags: Uint8Array;
  readonly classes: Uint16Array;
}

/**
 * Reads the lexicon (~80,000 words). Not cached: its one user, the attribution taggers' word table,
 * merges it with the lexicon classes once and keeps only that.
 */
export function readPosLexicon(): PosLexicon {
  const text = gunzipSync(readFileSync(new URL('../../data/pos/lexicon.tsv.gz', import.meta.url))).toString('utf8');
  const lines = text.split('\n').filter((line) => line.indexOf('\t') > 0);
  const hashes = new Int32Array(lines.length);
  const tags = new Uint8Array(lines.length);
  const classes = new Uint16Array(lines.length);
  const classIds = new Map<string, number>();
  for (const [k, line] of lines.entries()) {
    const tab = line.indexOf('\t');
    const list = line.slice(tab + 1);
    let id = classIds.get(list);
    if (id === undefined) {
      id = classIds.size + 1;
      classIds.set(list, id);
    }
    const space = list.indexOf(' ');
    hashes[k] = hashWord(line.slice(0, tab));
    tags[k] = PENN_ID.get((space < 0 ? list : list.slice(0, space)).split('|')[0]!) ?? 0;
    classes[k] = id;
  }
  return { hashes, tags, classes };
}
