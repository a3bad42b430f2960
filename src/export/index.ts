import { CorroborateError } from '../errors.ts';
import { getAllegation } from '../store/allegations.ts';
import type { Store } from '../store/database.ts';
import { type CaseBundle, loadCaseBundle } from './bundle.ts';
import { renderCsv } from './csv.ts';
import { buildDossier, type DossierScope, renderDossierMarkdown } from './dossier.ts';
import { renderGeoJson } from './geojson.ts';
import { renderJson } from './json.ts';

export { loadCaseBundle } from './bundle.ts';
export type { BundleSource, CaseBundle, LoadBundleOptions } from './bundle.ts';
export { renderCsv, safeCell, CSV_COLUMNS } from './csv.ts';
export { buildDossier, renderDossierMarkdown, escapeMarkdown } from './dossier.ts';
export type { Dossier, DossierAttribution, DossierScope, DossierSource, CustodyCitation } from './dossier.ts';
export { buildPlacesGeoJson, renderGeoJson } from './geojson.ts';
export type { PlaceFeature, PlacesGeoJson } from './geojson.ts';
export { renderJson } from './json.ts';

/** Every export format: the case bundle as JSON, attributions as CSV, places as GeoJSON, and the dossier. */
export type ExportFormat = 'json' | 'csv' | 'geojson' | 'dossier' | 'dossier-md';

/** The formats, in the order `corroborate export --help` lists them. */
export const EXPORT_FORMATS: readonly ExportFormat[] = ['json', 'csv', 'geojson', 'dossier', 'dossier-md'];

/** What to export. */
export interface ExportRequest {
  /** Case id or name. */
  readonly caseRef: string;
  readonly format: ExportFormat;
  /** Key folder, so dossier proofs embed the checkpoint's public key. */
  readonly keyDir?: string;
  /** Include source texts in the JSON bundle (default false: hashes only). */
  readonly includeText?: boolean;
  /** Dossiers only: restrict to these attributions. */
  readonly scope?: DossierScope;
  /** Dossiers only: the dossier of one allegation of the case (its attributions, sources and assessment). */
  readonly allegationId?: string;
  /**
   * Rewrites the bundle before rendering — the API passes its redaction for users without clearance so
   * protected material never reaches any format.
   */
  readonly transform?: (bundle: CaseBundle) => CaseBundle;
}

/** A rendered export. */
export interface ExportResult {
  readonly body: string;
  readonly mediaType: string;
  /** Suggested file extension, without the dot. */
  readonly extension: string;
}

/** True when `value` names an export format. */
export function isExportFormat(value: string): value is ExportFormat {
  return (EXPORT_FORMATS as readonly string[]).includes(value);
}

/**
 * Exports one case in one format. Loads the case bundle (with inclusion proofs for dossiers), applies the
 * caller's transform, renders. Throws `not_found` for an unknown case.
 *
 * @example
 * const { body } = await exportCase(store, { caseRef: 'Kestrava 2025', format: 'geojson' });
 */
export async function exportCase(store: Store, request: ExportRequest): Promise<ExportResult> {
  if (!isExportFormat(request.format)) {
    throw new CorroborateError(
      'invalid_input',
      `export format ${String(request.format)}: use one of ${EXPORT_FORMATS.join(', ')}`,
    );
  }
  const dossier = request.format === 'dossier' || request.format === 'dossier-md';
  const loaded = await loadCaseBundle(store, request.caseRef, {
    includeText: request.includeText === true && request.format === 'json',
    proofs: dossier,
    keyDir: request.keyDir,
  });
  const bundle = request.transform === undefined ? loaded : request.transform(loaded);
  let scope = request.scope;
  if (request.allegationId !== undefined) {
    if (!dossier) {
      throw new CorroborateError(
        'invalid_input',
        `allegation ${request.allegationId}: only dossiers can be made of one allegation`,
      );
    }
    scope = await allegationScope(store, bundle, request.allegationId);
  }
  switch (request.format) {
    case 'json':
      return { body: renderJson(bundle), mediaType: 'application/json', extension: 'json' };
    case 'csv':
      return { body: renderCsv(bundle), mediaType: 'text/csv; charset=utf-8', extension: 'csv' };
    case 'geojson':
      return { body: renderGeoJson(bundle), mediaType: 'application/geo+json', extension: 'geojson' };
    case 'dossier':
      return {
        body: `${JSON.stringify(buildDossier(bundle, scope), null, 2)}\n`,
        mediaType: 'application/json',
        extension: 'dossier.json',
      };
    case 'dossier-md':
      return {
        body: renderDossierMarkdown(buildDossier(bundle, scope)),
        mediaType: 'text/markdown; charset=utf-8',
        extension: 'md',
      };
  }
}

/** The dossier scope of one allegation: its members mapped to the stored (current) attributions. */
async function allegationScope(
  store: Store,
  bundle: CaseBundle,
  allegationId: string,
): Promise<DossierScope> {
  const allegation = await getAllegation(store.db, allegationId);
  if (allegation === null || allegation.caseId !== bundle.case.id) {
    throw new CorroborateError(
      'not_found',
      `allegation ${allegationId}: no such allegation in case '${bundle.case.name}'`,
    );
  }
  const byLocal = new Map(bundle.attributions.map((a) => [`${a.sourceId}\u0000${a.localId}`, a.id]));
  const attributionIds = allegation.members
    .map((m) => byLocal.get(`${m.sourceId}\u0000${m.attributionId}`))
    .filter((id): id is string => id !== undefined);
  return { label: `allegation ${allegation.id}: ${allegation.statement}`, attributionIds, allegation };
}
