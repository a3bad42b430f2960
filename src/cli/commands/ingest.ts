import {
  captureTarget,
  isSourceKind,
  isUrlInput,
  normalisePublished,
  planTargets,
  SOURCE_KINDS,
  type CaptureOptions,
  type MetadataOverrides,
} from '../../capture/index.ts';
import { CorroborateError, errorMessage, type ItemResult } from '../../errors.ts';
import { createCheckpoint } from '../../store/custody.ts';
import { captureSource, DEFAULT_CASE, ensureCase, type Store } from '../../store/index.ts';
import { queueIngest } from '../../queue/index.ts';
import { parseCommandArgs, withStore } from '../args.ts';
import type { CliDeps, Command } from '../command.ts';
import { createProgress } from '../progress.ts';

/** What one ingested item produced, as printed with --json (the `value` of its {@link ItemResult}). */
export interface IngestedValue {
  readonly sourceId: string;
  readonly captureId: string;
  readonly caseId: string;
  readonly duplicate: boolean;
  readonly sha256: string;
  readonly title: string | null;
  readonly outlet: string | null;
  readonly published: string | null;
  readonly language: string;
  readonly kind: string;
}

/** Options of one ingest run (the parsed command line, or what `demo` passes). */
export interface IngestOptions {
  readonly inputs: readonly string[];
  readonly caseName: string;
  readonly overrides: MetadataOverrides;
  readonly allowPrivate: boolean;
  readonly json: boolean;
  /** Run extraction and clustering on the captured sources (default true; `--capture-only` turns it off). */
  readonly process?: boolean;
}

/** What extraction and clustering did after capture. */
export interface ProcessingSummary {
  /** Sources extracted and attached to allegations. */
  readonly extracted: number;
  /** Sources already extracted by the current extractor version. */
  readonly upToDate: number;
  readonly failed: number;
  readonly attributions: number;
}

/** Totals of one ingest run. */
export interface IngestSummary {
  readonly results: readonly ItemResult<IngestedValue>[];
  readonly captured: number;
  readonly duplicates: number;
  readonly failed: number;
  readonly skipped: number;
  /** Null when processing was turned off or nothing was captured. */
  readonly processing: ProcessingSummary | null;
  readonly seconds: number;
}

const USAGE = `Usage: corroborate ingest PATH|URL... [options]

Captures files (.txt .md .html .pdf .jsonl), folders (recursive; NAME.json sidecars supply metadata)
and http(s) URLs into a case. Originals are kept unchanged; the same original captured again is
recorded as a new capture of the existing source. One line per item, a summary at the end; the exit
code is non-zero when any item failed.

Options:
  --case NAME          case to capture into (default '${DEFAULT_CASE}'; created when new)
  --published DATE     publication date for every item (YYYY-MM-DD)
  --outlet NAME        outlet for every item
  --title T            title for every item
  --url URL            where the items were published
  --kind KIND          ${SOURCE_KINDS.join('|')}
  --allow-private      allow URLs on loopback, private and link-local addresses
  --capture-only       only capture; skip extraction and clustering (a later ingest of the same
                       items, or 'corroborate extract', picks them up)
  --queue              share the work with 'corroborate worker' processes (docs/SCALING.md): files are
                       captured now (originals stored and logged before this returns) and their
                       analysis is queued; URLs are queued to be fetched and captured by a worker
  --db PATH            database file or postgres:// URL (default CORROBORATE_DB or ./corroborate.db)
  --json               print a JSON array of per-item results instead of lines
`;

/** Reads the metadata flags into overrides, refusing bad values with a message naming the flag. */
function flagOverrides(values: {
  published?: string | undefined;
  outlet?: string | undefined;
  title?: string | undefined;
  url?: string | undefined;
  kind?: string | undefined;
}): MetadataOverrides {
  const out: { -readonly [K in keyof MetadataOverrides]: MetadataOverrides[K] } = {};
  if (values.published !== undefined) {
    const published = normalisePublished(values.published);
    if (published === null)
      throw new CorroborateError(
        'bad_request',
        `--published ${values.published}: not a date (use YYYY-MM-DD)`,
      );
    out.published = published;
  }
  if (values.kind !== undefined) {
    if (!isSourceKind(values.kind)) {
      throw new CorroborateError(
        'bad_request',
        `--kind ${values.kind}: must be one of ${SOURCE_KINDS.join(', ')}`,
      );
    }
    out.kind = values.kind;
  }
  if (values.url !== undefined) {
    try {
      new URL(values.url);
    } catch {
      throw new CorroborateError('bad_request', `--url ${values.url}: not a valid URL`);
    }
    out.url = values.url;
  }
  if (values.outlet !== undefined && values.outlet.trim() !== '') out.outlet = values.outlet.trim();
  if (values.title !== undefined && values.title.trim() !== '') out.title = values.title.trim();
  return out;
}

/**
 * Runs one ingest into an open store: plans the targets, captures each (one transaction per source),
 * prints a line per item (or nothing, for --json), then signs one checkpoint over the log. Never
 * stops at a bad item. Shared by `ingest` and `demo`.
 */
export async function runIngest(store: Store, options: IngestOptions, deps: CliDeps): Promise<IngestSummary> {
  const started = performance.now();
  const theCase = await ensureCase(store.db, options.caseName);
  const targets = await planTargets(options.inputs, deps.cwd);
  const captureOptions: CaptureOptions = {
    maxBytes: deps.config.maxBytes,
    overrides: options.overrides,
    allowPrivate: options.allowPrivate,
  };
  const progress = createProgress({
    stdout: deps.stdout,
    stderr: deps.stderr,
    total: targets.length,
    bar: deps.stderr.isTTY === true && targets.length > 1 && !options.json,
    quiet: options.json,
  });
  const results: ItemResult<IngestedValue>[] = [];
  let captured = 0;
  let duplicates = 0;
  let failed = 0;
  let skipped = 0;
  try {
    for (const target of targets) {
      const outcomes = await captureTarget(target, captureOptions);
      for (const outcome of outcomes) {
        if (outcome.kind === 'failed') {
          failed++;
          results.push({ id: outcome.id, status: 'error', error: outcome.error });
          progress.log(`failed     ${outcome.error}`, 'err');
          continue;
        }
        if (outcome.kind === 'skipped') {
          skipped++;
          results.push({ id: outcome.id, status: 'skipped', error: outcome.reason });
          progress.log(`skipped    ${outcome.id}: ${outcome.reason}`);
          continue;
        }
        const { item } = outcome;
        try {
          const stored = await captureSource(store, item, { caseId: theCase.id, actor: deps.config.actor });
          const value: IngestedValue = {
            ...stored,
            sha256: item.sha256,
            title: item.title,
            outlet: item.outlet,
            published: item.published,
            language: item.language,
            kind: item.kind,
          };
          results.push({ id: outcome.id, status: 'ok', value });
          if (stored.duplicate) duplicates++;
          else captured++;
          progress.log(describeItem(outcome.id, value));
        } catch (error) {
          failed++;
          const message = `${outcome.id}: could not be stored: ${errorMessage(error)}`;
          results.push({ id: outcome.id, status: 'error', error: message });
          progress.log(`failed     ${message}`, 'err');
        }
      }
      progress.tick(target.id);
    }
  } finally {
    progress.stop();
  }
  const sourceIds = [...new Set(results.flatMap((r) => (r.value === undefined ? [] : [r.value.sourceId])))];
  let processing: ProcessingSummary | null = null;
  if (options.process !== false && sourceIds.length > 0) {
    processing = await processCaptured(store, sourceIds, deps, options.json);
  }
  // One signed checkpoint covers everything this run appended to the log (captures and extractions).
  if (sourceIds.length > 0) await createCheckpoint(store, deps.config.home);
  return {
    results,
    captured,
    duplicates,
    failed,
    skipped,
    processing,
    seconds: (performance.now() - started) / 1000,
  };
}

/** Runs extraction and clustering on the captured sources; failures are reported per source, never thrown. */
async function processCaptured(
  store: Store,
  sourceIds: readonly string[],
  deps: CliDeps,
  json: boolean,
): Promise<ProcessingSummary> {
  const say = (line: string): void => {
    (json ? deps.stderr : deps.stdout).write(`${line}\n`);
  };
  say(`Extracting and clustering ${sourceIds.length} source${sourceIds.length === 1 ? '' : 's'}…`);
  let results;
  try {
    // Loaded on demand: the extraction models cost start-up time that --capture-only runs never need.
    const { processSources } = await import('../../pipeline/index.ts');
    results = await processSources(store, sourceIds, { actor: deps.config.actor });
  } catch (error) {
    deps.stderr.write(`failed     extraction and clustering: ${errorMessage(error)}\n`);
    return { extracted: 0, upToDate: 0, failed: sourceIds.length, attributions: 0 };
  }
  let extracted = 0;
  let upToDate = 0;
  let failed = 0;
  let attributions = 0;
  for (const result of results) {
    if (result.status === 'ok') {
      extracted++;
      attributions += result.value?.attributions ?? 0;
    } else if (result.status === 'skipped') {
      upToDate++;
    } else {
      failed++;
      deps.stderr.write(`failed     ${result.error ?? result.id}\n`);
    }
  }
  return { extracted, upToDate, failed, attributions };
}

/** One human line for a stored item. */
function describeItem(id: string, value: IngestedValue): string {
  const facts = [value.language, value.published, value.outlet]
    .filter((f) => f !== null && f !== 'und')
    .join(', ');
  const title = value.title === null ? '' : ` "${value.title}"`;
  return value.duplicate
    ? `duplicate  ${id} → ${value.sourceId} (already in the case; new capture ${value.captureId} recorded)`
    : `captured   ${id} → ${value.sourceId}${title}${facts === '' ? '' : ` (${facts})`}`;
}

/** The closing line of an ingest. */
export function summaryLine(summary: IngestSummary, caseName: string, location: string): string {
  const parts = [
    `${summary.captured} new`,
    `${summary.duplicates} already captured`,
    `${summary.failed} failed`,
  ];
  if (summary.skipped > 0) parts.push(`${summary.skipped} skipped`);
  const p = summary.processing;
  const processed =
    p === null
      ? ''
      : `; extracted ${p.extracted} (${p.attributions} attributions)${p.upToDate > 0 ? `, ${p.upToDate} already extracted` : ''}${p.failed > 0 ? `, ${p.failed} extraction failures` : ''}`;
  return `Ingested ${summary.results.length} item${summary.results.length === 1 ? '' : 's'} into case '${caseName}' (${location}): ${parts.join(', ')}${processed} in ${summary.seconds.toFixed(1)} s`;
}

/** `corroborate ingest`: capture files, folders, feeds and URLs into a case. */
export const ingestCommand: Command = {
  name: 'ingest',
  describe: 'capture files, folders, JSONL feeds and URLs into a case',
  usage: USAGE,
  async run(args: readonly string[], deps: CliDeps): Promise<number> {
    const parsed = parseCommandArgs(
      args,
      USAGE,
      {
        case: { type: 'string' },
        published: { type: 'string' },
        outlet: { type: 'string' },
        title: { type: 'string' },
        url: { type: 'string' },
        kind: { type: 'string' },
        'allow-private': { type: 'boolean', default: false },
        'capture-only': { type: 'boolean', default: false },
        queue: { type: 'boolean', default: false },
        db: { type: 'string' },
        json: { type: 'boolean', default: false },
      },
      true,
    );
    const { values, positionals } = parsed;
    if (positionals.length === 0)
      throw new CorroborateError('bad_request', `nothing to ingest: give at least one PATH or URL\n${USAGE}`);
    const options: IngestOptions = {
      inputs: positionals,
      caseName: values.case ?? DEFAULT_CASE,
      overrides: flagOverrides(values),
      allowPrivate: values['allow-private'],
      json: values.json,
      process: !values['capture-only'],
    };
    return withStore(deps, values.db, async (store) => {
      if (values.queue) return await runQueued(store, options, deps);
      const summary = await runIngest(store, options, deps);
      if (options.json) {
        deps.stdout.write(`${JSON.stringify(summary.results, null, 2)}\n`);
        deps.stderr.write(`${summaryLine(summary, options.caseName, store.location)}\n`);
      } else {
        deps.stdout.write(`${summaryLine(summary, options.caseName, store.location)}\n`);
      }
      return failedAny(summary) ? 1 : 0;
    });
  },
};

/** True when any item failed to be captured or extracted: the exit code is then non-zero. */
export function failedAny(summary: IngestSummary): boolean {
  return summary.failed > 0 || (summary.processing?.failed ?? 0) > 0;
}

/** `ingest --queue`: capture the files now without analysing them, then queue their analysis and the URLs. */
async function runQueued(store: Store, options: IngestOptions, deps: CliDeps): Promise<number> {
  const urls = options.inputs.filter(isUrlInput);
  const paths = options.inputs.filter((input) => !isUrlInput(input));
  const summary = await runIngest(store, { ...options, inputs: paths, process: false }, deps);
  const theCase = await ensureCase(store.db, options.caseName);
  const sourceIds = [
    ...new Set(summary.results.flatMap((r) => (r.value === undefined ? [] : [r.value.sourceId]))),
  ];
  const queued = await queueIngest(store, {
    caseId: theCase.id,
    actor: deps.config.actor,
    sourceIds,
    urls,
    overrides: options.overrides,
    allowPrivate: options.allowPrivate,
    analyse: options.process !== false,
  });
  if (options.json) deps.stdout.write(`${JSON.stringify({ results: summary.results, queued }, null, 2)}\n`);
  const line =
    `${summaryLine(summary, options.caseName, store.location)}; queued ${queued.analyse.ids.length} analyses` +
    `${queued.analyse.existing > 0 ? ` (${queued.analyse.existing} already queued)` : ''} and ${queued.capture.ids.length} URL captures for workers`;
  (options.json ? deps.stderr : deps.stdout).write(`${line}\n`);
  return summary.failed > 0 ? 1 : 0;
}
