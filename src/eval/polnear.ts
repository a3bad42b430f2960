/**
 * Reader of the PolNeAR corpus in brat standoff format (see ../shared/polnear/README.md): one
 * `text/NAME.txt` per article and one or more `attributions/NAME_ANNOTATOR.ann` files, of which the
 * one whose annotator code sorts first is used, so every run scores the same thing.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CorroborateError } from '../errors.ts';

/** A character range `[start, end)` into the article text. */
export type CharRange = readonly [number, number];

/** One gold attribution relation: its cue, source and content fragments, each sorted by start. */
export interface GoldAttribution {
  /** Cue fragments (almost always one). */
  readonly cue: readonly CharRange[];
  /** Source fragments; empty for source-less relations ("it was reported"). */
  readonly sources: readonly CharRange[];
  /** Content fragments of Content and Content2, sorted by start. */
  readonly contents: readonly CharRange[];
}

/** One annotated article. */
export interface PolnearDocument {
  readonly name: string;
  readonly text: string;
  readonly annotator: string;
  readonly attributions: readonly GoldAttribution[];
}

interface TextBound {
  readonly type: string;
  readonly ranges: readonly CharRange[];
}

/**
 * Parses one brat .ann file into attribution relations. `E` lines bind an anchor to Source, Cue,
 * Content and Content2 text-bound spans; Discard and Discuss flags, notes and relations without a
 * cue are ignored.
 */
export function parseAnn(ann: string): GoldAttribution[] {
  const spans = new Map<string, TextBound>();
  const events: string[] = [];
  for (const line of ann.split('\n')) {
    if (line.startsWith('T')) {
      const [id, head] = line.split('\t');
      if (id === undefined || head === undefined) continue;
      const space = head.indexOf(' ');
      if (space < 0) continue;
      const type = head.slice(0, space);
      const ranges: CharRange[] = [];
      for (const part of head.slice(space + 1).split(';')) {
        const [a, b] = part.trim().split(' ');
        const start = Number(a);
        const end = Number(b);
        if (Number.isInteger(start) && Number.isInteger(end) && end > start) ranges.push([start, end]);
      }
      spans.set(id, { type, ranges });
    } else if (line.startsWith('E')) {
      const body = line.split('\t')[1];
      if (body !== undefined) events.push(body);
    }
  }
  const out: GoldAttribution[] = [];
  for (const body of events) {
    const cue: CharRange[] = [];
    const sources: CharRange[] = [];
    const contents: CharRange[] = [];
    for (const arg of body.trim().split(/\s+/)) {
      const colon = arg.indexOf(':');
      if (colon < 0) continue;
      const role = arg.slice(0, colon);
      const span = spans.get(arg.slice(colon + 1));
      if (span === undefined) continue;
      if (role === 'Cue') cue.push(...span.ranges);
      else if (role === 'Source') sources.push(...span.ranges);
      else if (role.startsWith('Content')) contents.push(...span.ranges);
    }
    if (cue.length === 0) continue;
    const byStart = (a: CharRange, b: CharRange): number => a[0] - b[0] || a[1] - b[1];
    out.push({ cue: cue.sort(byStart), sources: sources.sort(byStart), contents: contents.sort(byStart) });
  }
  return out;
}

/**
 * Reads every article of a PolNeAR-format folder (`text/`, `attributions/`), sorted by name.
 * Articles without an annotation file are skipped.
 *
 * @example
 * const docs = readPolnear('../shared/polnear/dev'); // 84 articles
 */
export function readPolnear(dir: string): PolnearDocument[] {
  const textDir = join(dir, 'text');
  const annDir = join(dir, 'attributions');
  if (!existsSync(textDir) || !existsSync(annDir)) {
    throw new CorroborateError('not_found', `${dir}: not a PolNeAR folder (needs text/ and attributions/)`);
  }
  const byArticle = new Map<string, string[]>();
  for (const file of readdirSync(annDir)) {
    const m = /^(.*)_([0-9a-fA-F]{4})\.ann$/.exec(file);
    if (m === null) continue;
    const list = byArticle.get(m[1]!) ?? [];
    list.push(m[2]!);
    byArticle.set(m[1]!, list);
  }
  const docs: PolnearDocument[] = [];
  for (const file of readdirSync(textDir).sort()) {
    if (!file.endsWith('.txt')) continue;
    const name = file.slice(0, -4);
    const annotators = byArticle.get(name);
    if (annotators === undefined) continue;
    const annotator = [...annotators].sort()[0]!;
    const text = readFileSync(join(textDir, file), 'utf8');
    const ann = readFileSync(join(annDir, `${name}_${annotator}.ann`), 'utf8');
    docs.push({ name, text, annotator, attributions: parseAnn(ann) });
  }
  return docs;
}
