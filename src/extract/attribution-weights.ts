/**
 * Loads the committed attribution weights (models/attribution/model.bin.gz, written by
 * `npm run train:attribution`). Read once per process on first use; nothing is fetched.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { CorroborateError } from '../errors.ts';
import { decodeModels, type LinearModel } from './attribution-model.ts';

/** The two taggers attribution extraction runs. */
export interface AttributionModels {
  readonly cue: LinearModel;
  readonly role: LinearModel;
  /** Lowercase hashes of the words that may open a cue. */
  readonly cueStarts: ReadonlySet<number>;
  /** Added to the cue-opening score at inference (tuned on train; > 0 favours recall). */
  readonly cueBias: number;
}

/** Where the committed weights live. */
export const DEFAULT_MODEL_PATH = fileURLToPath(new URL('../../models/attribution/model.bin.gz', import.meta.url));

/** Reads and decodes a weights file. Throws `not_found` or `malformed` with the path in the message. */
export function loadAttributionModels(path: string = DEFAULT_MODEL_PATH): AttributionModels {
  let data: Buffer;
  try {
    data = readFileSync(path);
  } catch {
    throw new CorroborateError('not_found', `${path}: attribution model missing (run npm run train:attribution)`);
  }
  const { models, sets } = decodeModels(data);
  const [cue, role] = models;
  const [starts, params] = sets;
  if (cue === undefined || role === undefined || cue.tags !== 3 || role.tags !== 5 || starts === undefined) {
    throw new CorroborateError('malformed', `${path}: not an attribution model`);
  }
  return { cue, role, cueStarts: new Set(starts), cueBias: (params?.[0] ?? 0) / 1000 };
}

const memo = new Map<string, AttributionModels>();

/** The default models, decoded on first call and shared afterwards (immutable once loaded). */
export function defaultAttributionModels(): AttributionModels {
  let models = memo.get(DEFAULT_MODEL_PATH);
  if (models === undefined) {
    models = loadAttributionModels(DEFAULT_MODEL_PATH);
    memo.set(DEFAULT_MODEL_PATH, models);
  }
  return models;
}
