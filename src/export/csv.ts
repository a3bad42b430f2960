import { stringify } from 'csv-stringify/sync';
import type { StoredAttribution } from '../store/extractions.ts';
import type { CaseBundle } from './bundle.ts';

/** Columns of the attributions CSV, in order. */
export const CSV_COLUMNS = [
  'attribution_id',
  'source_id',
  'source_title',
  'outlet',
  'published',
  'source_sha256',
  'speaker',
  'case_actor',
  'case_actor_id',
  'cue',
  'stance',
  'quote',
  'channel',
  'basis',
  'content',
  'content_start',
  'content_end',
  'confidence',
  'review_status',
] as const;

/**
 * Neutralises spreadsheet formulas: a cell starting with `=`, `+`, `-`, `@`, tab or CR gets a leading
 * apostrophe (OWASP CSV injection advice) — captured text is untrusted and legal teams open CSVs in Excel.
 */
export function safeCell(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

function row(a: StoredAttribution, bundle: CaseBundle, names: ReadonlyMap<string, string>): string[] {
  const source = bundle.sources.find((s) => s.id === a.sourceId);
  const cells = [
    a.id,
    a.sourceId,
    source?.title ?? '',
    source?.outlet ?? '',
    source?.published ?? '',
    source?.sha256 ?? '',
    a.source?.text ?? '',
    a.caseActorId === null ? '' : (names.get(a.caseActorId) ?? ''),
    a.caseActorId ?? '',
    a.cue.text,
    a.stance,
    a.quote,
    a.channel ?? '',
    a.basis.join(';'),
    a.content.map((s) => s.text).join(' … '),
    String(a.content[0]?.start ?? ''),
    String(a.content[a.content.length - 1]?.end ?? ''),
    a.confidence.toFixed(3),
    a.reviewStatus,
  ];
  return cells.map(safeCell);
}

/**
 * The case's current attributions as RFC 4180 CSV with a header row, one attribution per line, ordered by
 * source then position; rejected attributions are kept (their `review_status` says so).
 */
export function renderCsv(bundle: CaseBundle): string {
  const names = new Map(bundle.actors.map((a) => [a.id, a.name]));
  const sorted = [...bundle.attributions].sort(
    (x, y) => x.sourceId.localeCompare(y.sourceId) || x.cue.start - y.cue.start || x.id.localeCompare(y.id),
  );
  return stringify([[...CSV_COLUMNS], ...sorted.map((a) => row(a, bundle, names))], {
    record_delimiter: 'windows',
  });
}
