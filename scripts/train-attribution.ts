/**
 * Trains the attribution taggers (cue, then source/content per cue) on PolNeAR train and writes
 * models/attribution/model.bin.gz. Deterministic: fixed epochs, a seeded shuffle, no clock or
 * randomness elsewhere. Usage: npm run train:attribution [-- --data DIR --out FILE --epochs N]
 */
import { mkdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { readPolnear } from '../src/eval/polnear.ts';
import {
  CueTag,
  RoleTag,
  cuePrefix,
  documentContext,
  roleWindow,
  tagCues,
  tagRoles,
  type DocContext,
  type TokenRange,
} from '../src/extract/attribution-features.ts';
import { decodeModels, encodeModels, PerceptronTrainer } from '../src/extract/attribution-model.ts';
import type { AttributionModels } from '../src/extract/attribution-weights.ts';
import { LEX_CLASS, LexClass } from '../src/text/lexicon.ts';
import { tokenAtOrAfter, tokenBefore, type TokenTable } from '../src/text/tokens.ts';

/** Bits of the hashed feature tables (2^bits buckets). */
export const CUE_BITS = 19;
export const ROLE_BITS = 19;

interface Example {
  readonly ctx: DocContext;
  readonly cueGold: Uint8Array;
  readonly cues: readonly TokenRange[];
  readonly roles: readonly { readonly cue: TokenRange; readonly gold: Uint8Array }[];
  readonly prefix: Int32Array;
}

function toTok(tokens: TokenTable, start: number, end: number): TokenRange | null {
  const a = tokenAtOrAfter(tokens, start);
  const b = tokenBefore(tokens, end) + 1;
  return b > a ? [a, b] : null;
}

function prepare(dir: string): Example[] {
  return readPolnear(dir).map((doc) => {
    const ctx = documentContext(doc.text);
    const tokens = ctx.tokens;
    const cueGold = new Uint8Array(tokens.count);
    const cues: TokenRange[] = [];
    const roles: { cue: TokenRange; gold: Uint8Array }[] = [];
    for (const a of doc.attributions) {
      const cue = toTok(tokens, a.cue[0]![0], a.cue[a.cue.length - 1]![1]);
      if (cue === null) continue;
      cues.push(cue);
      cueGold[cue[0]] = CueTag.B;
      for (let i = cue[0] + 1; i < cue[1]; i++) cueGold[i] = CueTag.I;
    }
    for (const a of doc.attributions) {
      const cue = toTok(tokens, a.cue[0]![0], a.cue[a.cue.length - 1]![1]);
      if (cue === null) continue;
      const [ws, we] = roleWindow(ctx, cue);
      const gold = new Uint8Array(we - ws);
      const paint = (r: TokenRange | null, b: number, inside: number): void => {
        if (r === null) return;
        for (let i = Math.max(r[0], ws); i < Math.min(r[1], we); i++) {
          if (i >= cue[0] && i < cue[1]) continue;
          gold[i - ws] = i === r[0] || (i === ws && r[0] < ws) || i === cue[1] ? b : inside;
        }
      };
      for (const c of a.contents) paint(toTok(tokens, c[0], c[1]), RoleTag.CB, RoleTag.CI);
      for (const s of a.sources) paint(toTok(tokens, s[0], s[1]), RoleTag.SB, RoleTag.SI);
      roles.push({ cue, gold });
    }
    return { ctx, cueGold, cues, roles, prefix: cuePrefix(cues, tokens.count) };
  });
}

function shuffled<T>(items: readonly T[], seed: number): T[] {
  const out = [...items];
  let s = seed >>> 0;
  for (let i = out.length - 1; i > 0; i--) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/** Training settings. */
export interface TrainOptions {
  readonly data: string;
  readonly epochs: number;
  readonly bias: number;
  /** Least share of a word's occurrences that open a cue for it to be scored as an opener. */
  readonly minRatio: number;
  /** Hash-table sizes (2^bits buckets); default {@link CUE_BITS} and {@link ROLE_BITS}. */
  readonly cueBits?: number;
  readonly roleBits?: number;
  readonly log?: (line: string) => void;
}

/** Trains both taggers; returns the models as `loadAttributionModels` would. Deterministic. */
export function train(options: TrainOptions): AttributionModels & { readonly encoded: Buffer } {
  const t0 = performance.now();
  const examples = prepare(resolve(options.data));
  // the only tokens the cue tagger scores as openers: reporting verbs and cue nouns of the lexicon,
  // and words that open gold cues often enough relative to how often they occur
  const opened = new Map<number, number>();
  const seen = new Map<number, number>();
  for (const ex of examples) {
    for (const [a] of ex.cues) opened.set(ex.ctx.tokens.lower[a]!, (opened.get(ex.ctx.tokens.lower[a]!) ?? 0) + 1);
    for (const w of ex.ctx.tokens.lower) seen.set(w, (seen.get(w) ?? 0) + 1);
  }
  const starts = new Set<number>();
  for (const [w, cls] of LEX_CLASS) if (cls === LexClass.reportingVerb || cls === LexClass.cueNoun) starts.add(w);
  for (const [w, k] of opened) if (k / (seen.get(w) ?? 1) >= options.minRatio) starts.add(w);
  const cueTrainer = new PerceptronTrainer(options.cueBits ?? CUE_BITS, 3);
  const roleTrainer = new PerceptronTrainer(options.roleBits ?? ROLE_BITS, 5);
  const cueUpdate = {
    update: (f: Int32Array, n: number, g: number, p: number): void => {
      cueTrainer.tick();
      cueTrainer.update(f, n, g, p);
    },
  };
  const roleUpdate = {
    update: (f: Int32Array, n: number, g: number, p: number): void => {
      roleTrainer.tick();
      roleTrainer.update(f, n, g, p);
    },
  };
  for (let epoch = 0; epoch < options.epochs; epoch++) {
    for (const ex of shuffled(examples, 17 + epoch)) {
      tagCues(cueTrainer.model, ex.ctx, starts, { gold: ex.cueGold, ...cueUpdate });
      for (const r of ex.roles) tagRoles(roleTrainer.model, ex.ctx, r.cue, ex.prefix, { gold: r.gold, ...roleUpdate });
    }
    options.log?.(`epoch ${epoch + 1}/${options.epochs} done at ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  }
  const cue = cueTrainer.finish();
  const role = roleTrainer.finish();
  const sortedStarts = Int32Array.from([...starts].sort((a, b) => a - b));
  const encoded = encodeModels([cue, role], [sortedStarts, Int32Array.from([Math.round(options.bias * 1000)])]);
  // the models as loading would give them (16-bit weights), so in-memory use matches the file
  const loaded = decodeModels(encoded).models;
  return { cue: loaded[0]!, role: loaded[1]!, cueStarts: starts, cueBias: options.bias, encoded };
}

function main(): void {
  const { values } = parseArgs({
    options: {
      data: { type: 'string', default: '../shared/polnear/train' },
      out: { type: 'string', default: 'models/attribution/model.bin.gz' },
      epochs: { type: 'string', default: '10' },
      bias: { type: 'string', default: '18' },
      'min-ratio': { type: 'string', default: '0.002' },
      'cue-bits': { type: 'string', default: String(CUE_BITS) },
      'role-bits': { type: 'string', default: String(ROLE_BITS) },
    },
  });
  const t0 = performance.now();
  const epochs = Number(values.epochs);
  const result = train({
    data: values.data,
    epochs,
    bias: Number(values.bias),
    minRatio: Number(values['min-ratio']),
    cueBits: Number(values['cue-bits']),
    roleBits: Number(values['role-bits']),
    log: (line) => process.stderr.write(`${line}\n`),
  });
  mkdirSync(dirname(values.out), { recursive: true });
  writeFileSync(values.out, result.encoded);
  const size = statSync(values.out).size;
  process.stdout.write(
    `${JSON.stringify({ out: values.out, bytes: size, epochs, seconds: (performance.now() - t0) / 1000 })}\n`,
  );
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) main();
