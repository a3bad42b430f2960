import { arr, bool, child, list, num, obj, str, strings, type Json } from './read.ts';
import type {
  Actor,
  AllegationAttribution,
  AllegationDetail,
  AllegationSummary,
  Attribution,
  Basis,
  CaseSummary,
  Checkpoint,
  CustodyEntry,
  DateFact,
  ExtractionState,
  FigureFact,
  OriginGroup,
  Page,
  PlaceFact,
  PlacePoint,
  RegistryActor,
  ReviewState,
  Role,
  SearchHit,
  Session,
  SourceDetail,
  SourceSummary,
  Stance,
  StatusReason,
  TextSpan,
  VerifyResult,
} from './types.ts';

/**
 * Pure functions turning server JSON into the workspace's view types. Kept apart from the HTTP code so
 * they can be tested without a browser (test/web/api/present.test.ts).
 */

const STANCES: readonly Stance[] = ['assert', 'allege', 'confirm', 'not_confirmed', 'deny', 'hedge'];
const ROLES: readonly Role[] = ['viewer', 'analyst', 'lead', 'admin'];
const REVIEWS: readonly ReviewState[] = ['proposed', 'accepted', 'edited', 'rejected'];

function stance(value: string | null): Stance {
  return STANCES.find((s) => s === value) ?? 'assert';
}

function mentions(o: Json): readonly (readonly [number, number])[] {
  return list(o, 'mentions')
    .map((m) => arr(m))
    .filter((m) => typeof m[0] === 'number' && typeof m[1] === 'number')
    .map((m) => [m[0] as number, m[1] as number] as const);
}

function span(value: unknown): TextSpan | null {
  const o = obj(value);
  const start = num(o, 'start');
  const end = num(o, 'end');
  if (start === null || end === null) return null;
  return { start, end, text: str(o, 'text') ?? '' };
}

function page<T>(value: unknown, item: (v: unknown) => T): Page<T> {
  const o = obj(value);
  const items = Array.isArray(value) ? value : list(o, 'items', 'data', 'results', 'hits');
  return {
    items: items.map(item),
    next: str(o, 'next', 'nextCursor', 'next_cursor', 'cursor'),
    total: num(o, 'total', 'count'),
  };
}

function session(value: unknown): Session {
  const o = obj(value);
  const user = child(o, 'user');
  const u = Object.keys(user).length > 0 ? user : o;
  return {
    user: {
      id: str(u, 'id', 'userId', 'user_id') ?? '',
      name: str(u, 'name', 'username') ?? '',
      admin: bool(u, false, 'admin', 'isAdmin', 'is_admin'),
    },
    csrfToken: str(o, 'csrfToken', 'csrf_token', 'csrf'),
    roles: Object.fromEntries(
      list(o, 'memberships')
        .map((m) => obj(m))
        .map(
          (m) =>
            [str(m, 'caseId', 'case_id') ?? '', ROLES.find((r) => r === str(m, 'role')) ?? 'viewer'] as const,
        )
        .filter(([id]) => id !== ''),
    ),
  };
}

function caseSummary(value: unknown): CaseSummary {
  const o = obj(value);
  const role = str(o, 'role', 'myRole');
  return {
    id: str(o, 'id') ?? '',
    name: str(o, 'name') ?? '(unnamed case)',
    description: str(o, 'description'),
    region: str(o, 'region'),
    createdAt: str(o, 'createdAt', 'created_at'),
    role: ROLES.find((r) => r === role) ?? null,
    sources: num(o, 'sources', 'sourceCount', 'source_count'),
    allegations: num(o, 'allegations', 'allegationCount', 'allegation_count'),
  };
}

function extractionState(o: Json): ExtractionState {
  const raw =
    str(o, 'extractionState', 'extraction_state', 'extractionStatus', 'state') ??
    str(child(o, 'extraction'), 'state', 'status');
  if (raw === 'pending' || raw === 'queued') return 'pending';
  if (raw === 'running' || raw === 'processing') return 'running';
  if (raw === 'done' || raw === 'ok' || raw === 'extracted' || raw === 'complete') return 'done';
  if (raw === 'failed' || raw === 'error') return 'failed';
  return 'unknown';
}

function sourceSummary(value: unknown): SourceSummary {
  const o = obj(value);
  return {
    id: str(o, 'id', 'sourceId', 'source_id') ?? '',
    title: str(o, 'title'),
    outlet: str(o, 'outlet'),
    language: str(o, 'language', 'lang'),
    kind: str(o, 'kind'),
    mediaType: str(o, 'mediaType', 'media_type'),
    capturedAt:
      str(o, 'capturedAt', 'captured_at') ??
      str(obj(list(o, 'captures')[0]), 'capturedAt', 'captured_at') ??
      str(o, 'createdAt', 'created_at'),
    published: str(o, 'published'),
    url: str(o, 'url', 'canonicalUrl'),
    extraction: extractionState(o),
    attributions: num(o, 'attributions', 'attributionCount', 'attribution_count'),
    protected: bool(o, false, 'protected'),
  };
}

function review(o: Json): ReviewState {
  const raw = str(o, 'review', 'reviewState', 'review_state', 'state');
  return REVIEWS.find((r) => r === raw) ?? 'proposed';
}

function attribution(value: unknown): Attribution {
  const o = obj(value);
  const src = o.source === null ? null : span(o.source);
  return {
    id: str(o, 'id') ?? '',
    source: src === null ? null : { ...src, actor: str(obj(o.source), 'actor') },
    cue: span(o.cue) ?? { start: 0, end: 0, text: '' },
    content: list(o, 'content')
      .map(span)
      .filter((s): s is TextSpan => s !== null),
    stance: stance(str(o, 'stance')),
    quote: str(o, 'quote') ?? 'indirect',
    channel: str(o, 'channel'),
    basis: strings(o, 'basis') as Basis[],
    parent: str(o, 'parent'),
    confidence: num(o, 'confidence') ?? 0,
    review: review(o),
    storeId: str(o, 'storeId', 'attributionId') ?? str(o, 'id') ?? '',
    allegation: str(o, 'allegation', 'allegationId', 'allegation_id'),
  };
}

function actor(value: unknown): Actor {
  const o = obj(value);
  return {
    id: str(o, 'id') ?? '',
    caseActor: str(o, 'caseActor', 'caseActorId', 'case_actor_id'),
    name: str(o, 'name') ?? '',
    type: str(o, 'type') ?? 'person',
    role: str(o, 'role'),
    affiliation: str(o, 'affiliation'),
    mentions: mentions(o),
  };
}

function placeFact(value: unknown): PlaceFact {
  const o = obj(value);
  return {
    name: str(o, 'name') ?? '',
    lat: num(o, 'lat'),
    lon: num(o, 'lon'),
    country: str(o, 'country'),
    mentions: mentions(o),
  };
}

function dateFact(value: unknown): DateFact {
  const o = obj(value);
  return { text: str(o, 'text') ?? '', start: str(o, 'start'), end: str(o, 'end'), mentions: mentions(o) };
}

function figureFact(value: unknown): FigureFact {
  const o = obj(value);
  return {
    start: num(o, 'start') ?? 0,
    end: num(o, 'end') ?? 0,
    text: str(o, 'text') ?? '',
    min: num(o, 'min'),
    max: num(o, 'max'),
    approx: bool(o, false, 'approx'),
    counts: str(o, 'counts'),
    place: str(o, 'place'),
    attribution: str(o, 'attribution'),
  };
}

function sourceDetail(value: unknown, extraction: unknown, stored: readonly unknown[] = []): SourceDetail {
  const o = obj(value);
  const summary = sourceSummary(o);
  const ex = extraction === null || extraction === undefined ? child(o, 'extraction') : obj(extraction);
  const doc = child(ex, 'document');
  const text = str(o, 'text') ?? str(doc, 'text') ?? '';
  const pages = list(o, 'pages')
    .map((p) => obj(p))
    .map((p) => ({ page: num(p, 'page') ?? 0, start: num(p, 'start') ?? 0, end: num(p, 'end') ?? 0 }));
  const storeIds = new Map(
    stored.map((v) => obj(v)).map((v) => [str(v, 'localId', 'local_id') ?? '', str(v, 'id') ?? ''] as const),
  );
  const attributions = list(ex, 'attributions')
    .map(attribution)
    .map((a) => ({ ...a, storeId: storeIds.get(a.id) ?? a.storeId }));
  return {
    ...summary,
    extraction: attributions.length > 0 ? 'done' : summary.extraction,
    text,
    sha256: str(o, 'sha256'),
    pages: pages.length > 0 ? pages : null,
    attributions: attributions.length,
    extractionResult: {
      attributions,
      actors: list(ex, 'actors').map(actor),
      places: list(ex, 'places').map(placeFact),
      dates: list(ex, 'dates').map(dateFact),
      figures: list(ex, 'figures').map(figureFact),
    },
  };
}

/** A denying member: role `deny`, or a general denial attached as context. */
function isDenial(m: Json): boolean {
  return str(m, 'role') === 'deny' || (bool(m, false, 'general') && str(m, 'stance') === 'deny');
}

/** The status field as a string: either a plain code, or the assessment's `{ level, disputed, … }`. */
function statusOf(o: Json): string {
  if (typeof o.status === 'string') return o.status;
  return str(child(o, 'status'), 'level', 'code', 'status') ?? 'unverified';
}

/** A reason as text: a plain string, or `{ code, text }`. */
function reasonText(value: unknown): string | null {
  if (value === undefined || value === null) return null;
  return typeof value === 'string' ? value : str(obj(value), 'text', 'message');
}

/** Actor names from strings or `{ id, name }` objects. */
function actorNames(o: Json): string[] {
  return list(o, 'actors')
    .map((a) => (typeof a === 'string' ? a : str(obj(a), 'name')))
    .filter((n): n is string => n !== null && n !== '');
}

function allegationSummary(value: unknown): AllegationSummary {
  const o = obj(value);
  const counts = child(o, 'counts');
  const reasons = list(o, 'reasons').length > 0 ? list(o, 'reasons') : list(child(o, 'status'), 'reasons');
  const groups = list(o, 'groups', 'originGroups', 'origin_groups');
  const members = list(o, 'members');
  const figures = o.figures !== null && typeof o.figures === 'object' && !Array.isArray(o.figures) ? obj(o.figures) : null;
  return {
    id: str(o, 'id') ?? '',
    statement: str(o, 'statement', 'canonicalStatement', 'canonical_statement', 'canonical', 'label') ?? '',
    status: statusOf(o),
    topReason: reasonText(o.topReason ?? o.top_reason) ?? str(o, 'reason') ?? reasonText(reasons[0]),
    decision:
      str(o, 'decision', 'analystDecision', 'analyst_decision') ??
      str(child(o, 'decision'), 'decision') ??
      str(obj(list(o, 'decisions').at(-1)), 'decision') ??
      'none',
    eventType: str(o, 'eventType', 'event_type', 'event'),
    places: strings(o, 'places'),
    actors: actorNames(o),
    origins:
      num(o, 'independentOrigins', 'origins', 'independent_origins') ??
      num(counts, 'origins', 'independentOrigins') ??
      groups.length,
    echoes:
      num(o, 'echoes') ??
      num(counts, 'echoes') ??
      groups.reduce<number>((n, g) => n + (num(obj(g), 'echoes') ?? 0), 0),
    denials:
      num(o, 'denials') ??
      num(counts, 'denials') ??
      (members.length > 0 ? members.filter((m) => isDenial(obj(m))).length : null),
    notConfirmingCount:
      num(o, 'notConfirming', 'not_confirming') ??
      num(counts, 'notConfirming', 'not_confirming') ??
      (members.length > 0 ? members.filter((m) => str(obj(m), 'role') === 'not_confirmed').length : null),
    disputed: bool(o, false, 'disputed') || bool(child(o, 'status'), false, 'disputed'),
    notConfirmed:
      bool(o, false, 'notConfirmed', 'not_confirmed') || bool(child(o, 'status'), false, 'notConfirmed'),
    sources: num(o, 'sources', 'sourceCount') ?? (list(o, 'sources').length || null),
    firstSeen: str(o, 'firstSeen', 'first_seen') ?? str(child(o, 'window'), 'start'),
    lastActivity:
      str(o, 'lastActivity', 'last_activity', 'updatedAt', 'updated_at') ?? str(child(o, 'window'), 'end'),
    figureSpread: num(o, 'figureSpread', 'figure_spread') ?? (figures === null ? null : num(figures, 'spread')),
    figureRange:
      figures === null ? null : { counts: str(figures, 'counts'), min: num(figures, 'min'), max: num(figures, 'max') },
  };
}

function registryActor(value: unknown): RegistryActor {
  const o = obj(value);
  return {
    id: str(o, 'id') ?? '',
    name: str(o, 'name') ?? '',
    attributions: num(o, 'attributionCount', 'attributions') ?? 0,
  };
}

function allegationAttribution(value: unknown): AllegationAttribution {
  const o = obj(value);
  return {
    id: str(o, 'attributionId', 'attribution_id', 'id') ?? '',
    sourceId: str(o, 'sourceId', 'source_id') ?? str(child(o, 'source'), 'id') ?? '',
    sourceTitle: str(o, 'sourceTitle', 'source_title', 'title'),
    outlet: str(o, 'outlet'),
    speaker: str(o, 'speaker', 'actorName', 'actor') ?? str(child(o, 'source'), 'text'),
    stance: stance(str(o, 'stance')),
    text:
      str(o, 'text', 'content') ??
      list(o, 'content')
        .map((c) => str(obj(c), 'text') ?? '')
        .join(' … '),
    published: str(o, 'published'),
    basis: strings(o, 'basis') as Basis[],
    general: bool(o, false, 'general'),
  };
}

function reason(value: unknown): StatusReason {
  if (typeof value === 'string') return { code: '', text: value, attributions: [] };
  const o = obj(value);
  return {
    code: str(o, 'code') ?? '',
    text: str(o, 'text', 'message') ?? '',
    attributions: list(o, 'attributions', 'evidence', 'spans').map((a) => {
      const r = obj(a);
      return typeof a === 'string'
        ? { id: a, sourceId: '', start: null }
        : {
            id: str(r, 'attributionId', 'attribution_id', 'id') ?? '',
            sourceId: str(r, 'sourceId', 'source_id') ?? '',
            start: num(r, 'start'),
          };
    }),
  };
}

function custodyEntry(value: unknown): CustodyEntry {
  const o = obj(value);
  return {
    seq: num(o, 'seq') ?? 0,
    at: str(o, 'at') ?? '',
    actor: str(o, 'actor') ?? '',
    action: str(o, 'action') ?? '',
    objectType: str(o, 'objectType', 'object_type') ?? '',
    objectId: str(o, 'objectId', 'object_id') ?? '',
    leafHash: str(o, 'leafHash', 'leaf_hash'),
  };
}

function originGroup(value: unknown): OriginGroup {
  const o = obj(value);
  return {
    origin: str(o, 'origin', 'label', 'name') ?? str(child(o, 'origin'), 'name') ?? '(unknown origin)',
    attributions: list(o, 'attributions', 'members', 'supporting').map(allegationAttribution),
  };
}

/** A figure row: a flat figure, or each figure of a `{ counts, place, figures: [...] }` comparison. */
function figureRows(value: unknown): AllegationDetail['figures'] {
  const o = obj(value);
  const inner = list(o, 'figures');
  const rows =
    inner.length > 0
      ? inner.map((f) => ({
          ...obj(f),
          counts: str(obj(f), 'counts') ?? str(o, 'counts'),
          place: str(obj(f), 'place') ?? str(o, 'place'),
        }))
      : [o];
  return rows.map((f) => ({
    ...figureFact(f),
    sourceId: str(f, 'sourceId', 'source_id') ?? str(child(f, 'span'), 'sourceId') ?? '',
    outlet: str(f, 'outlet', 'speaker'),
  }));
}

function allegationDetail(value: unknown): AllegationDetail {
  const o = obj(value);
  const summary = allegationSummary(o);
  const figures = list(o, 'figures').flatMap(figureRows);
  const reasons = (
    list(o, 'reasons').length > 0 ? list(o, 'reasons') : list(child(o, 'status'), 'reasons')
  ).map(reason);
  const members = list(o, 'members').map((m) => obj(m));
  const byRole = (role: string) => members.filter((m) => str(m, 'role') === role).map(allegationAttribution);
  const explicitGroups = list(o, 'originGroups', 'origin_groups');
  const groups =
    explicitGroups.length > 0
      ? explicitGroups.map(originGroup)
      : list(o, 'groups').map((g) => {
          const go = obj(g);
          const id = str(go, 'id');
          const inGroup = members.filter((m) => id !== null && str(m, 'originGroup', 'origin_group') === id);
          return {
            origin: str(go, 'label', 'origin', 'name') ?? '(unknown origin)',
            attributions: (inGroup.length > 0
              ? inGroup
              : list(go, 'attributions', 'members').map((m) => obj(m))
            ).map(allegationAttribution),
          };
        });
  return {
    ...summary,
    topReason: summary.topReason ?? reasons[0]?.text ?? null,
    reasons,
    originGroups: groups,
    confirming:
      list(o, 'confirming').length > 0
        ? list(o, 'confirming').map(allegationAttribution)
        : byRole('confirm').filter(
            (a) =>
              !groups.some((g) => g.attributions.some((x) => x.id === a.id && x.sourceId === a.sourceId)),
          ),
    notConfirming:
      list(o, 'notConfirming', 'not_confirming', 'notConfirmed').length > 0
        ? list(o, 'notConfirming', 'not_confirming', 'notConfirmed').map(allegationAttribution)
        : byRole('not_confirmed'),
    denying:
      list(o, 'denying', 'denials_detail').length > 0
        ? list(o, 'denying', 'denials_detail').map(allegationAttribution)
        : members.filter(isDenial).map(allegationAttribution),
    figures,
    decisionRationale:
      str(o, 'decisionRationale', 'rationale') ??
      str(child(o, 'decision'), 'rationale') ??
      str(obj(list(o, 'decisions').at(-1)), 'rationale'),
    custody:
      list(o, 'custody', 'custodyEntries').length > 0
        ? list(o, 'custody', 'custodyEntries').map(custodyEntry)
        : list(o, 'decisions').map((d) => {
            const r = obj(d);
            return {
              seq: num(r, 'custodySeq', 'custody_seq') ?? 0,
              at: str(r, 'createdAt', 'at') ?? '',
              actor: str(r, 'actor') ?? '',
              action: `decision: ${str(r, 'decision') ?? '?'}${str(r, 'rationale') !== null ? ` — “${str(r, 'rationale')}”` : ''}`,
              objectType: 'allegation',
              objectId: str(r, 'allegationId') ?? '',
              leafHash: null,
            };
          }),
  };
}

/** Folds a place name for matching: lower case, no diacritics. */
function foldName(name: string): string {
  return name.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().trim();
}

/**
 * Map points from place facts (one per source mention, or already aggregated with a count) merged by name,
 * each counted against the allegations whose places name it.
 */
function places(
  facts: readonly unknown[],
  allegations: readonly AllegationSummary[] = [],
): readonly PlacePoint[] {
  const byName = new Map<
    string,
    { name: string; lat: number; lon: number; country: string | null; given: number | null }
  >();
  for (const f of facts) {
    const o = obj(f);
    const name = str(o, 'name');
    const lat = num(o, 'lat');
    const lon = num(o, 'lon');
    if (name === null || lat === null || lon === null) continue;
    const key = foldName(name);
    if (!byName.has(key))
      byName.set(key, { name, lat, lon, country: str(o, 'country'), given: num(o, 'allegations') });
  }
  const counts = new Map<string, number>();
  for (const a of allegations) {
    for (const p of new Set(a.places.map(foldName))) counts.set(p, (counts.get(p) ?? 0) + 1);
  }
  return [...byName.entries()].map(([key, p]) => ({
    name: p.name,
    lat: p.lat,
    lon: p.lon,
    country: p.country,
    allegations: p.given ?? counts.get(key) ?? 0,
  }));
}

function searchHit(value: unknown): SearchHit {
  const o = obj(value);
  const kind = str(o, 'kind', 'type') === 'attribution' ? 'attribution' : 'source';
  const raw = str(o, 'snippet', 'highlight') ?? '';
  const explicit = list(o, 'highlights')
    .map((h) => arr(h))
    .filter((h) => typeof h[0] === 'number' && typeof h[1] === 'number')
    .map((h) => [h[0] as number, h[1] as number] as const);
  const marked = explicit.length > 0 ? { snippet: raw, highlights: explicit } : parseMarks(raw);
  return {
    kind,
    id: str(o, 'id') ?? '',
    sourceId: str(o, 'sourceId', 'source_id') ?? (kind === 'source' ? (str(o, 'id') ?? '') : ''),
    title: str(o, 'title', 'sourceTitle'),
    snippet: marked.snippet,
    highlights: marked.highlights,
  };
}

/**
 * Splits a snippet carrying `<mark>`…`</mark>` markers into plain text plus highlight
 * offsets, so the snippet is rendered as text and never parsed as HTML.
 */
export function parseMarks(snippet: string): {
  snippet: string;
  highlights: readonly (readonly [number, number])[];
} {
  const pattern = /<mark>|<\/mark>|\[\[|\]\]/g;
  let out = '';
  let last = 0;
  let open: number | null = null;
  const highlights: (readonly [number, number])[] = [];
  for (const match of snippet.matchAll(pattern)) {
    out += snippet.slice(last, match.index);
    last = match.index + match[0].length;
    const opening = match[0] === '<mark>' || match[0] === '[[';
    if (opening) open = out.length;
    else if (open !== null) {
      highlights.push([open, out.length]);
      open = null;
    }
  }
  out += snippet.slice(last);
  return { snippet: out, highlights };
}

function checkpoint(value: unknown): Checkpoint | null {
  const o = child(obj(value), 'checkpoint');
  const c = Object.keys(o).length > 0 ? o : obj(value);
  const root = str(c, 'rootHash', 'root_hash', 'root');
  if (root === null) return null;
  return {
    treeSize: num(c, 'treeSize', 'tree_size', 'size') ?? 0,
    rootHash: root,
    at: str(c, 'at', 'signedAt', 'timestamp') ?? '',
    keyId: str(c, 'keyId', 'key_id') ?? '',
    signature: str(c, 'signature') ?? '',
  };
}

function verify(value: unknown): VerifyResult {
  const o = obj(value);
  const ok = bool(o, false, 'ok', 'valid', 'verified');
  const counts = child(o, 'counts');
  const entries = num(o, 'treeSize', 'tree_size', 'entries', 'size') ?? num(counts, 'entries');
  const problems = num(o, 'problemCount') ?? list(o, 'problems').length;
  const unsigned = num(o, 'unsigned');
  const detail = [
    num(counts, 'originals') !== null ? `${num(counts, 'originals')} originals re-hashed` : null,
    num(counts, 'checkpoints') !== null
      ? `${num(counts, 'checkpoints')} checkpoint signatures checked`
      : null,
    unsigned !== null && unsigned > 0
      ? `${unsigned} entries after the latest checkpoint (not yet signed)`
      : null,
  ].filter((x) => x !== null);
  return {
    ok,
    treeSize: entries,
    message:
      str(o, 'message', 'error') ??
      (ok
        ? `The log and originals verify. ${detail.join('; ')}.`
        : `${problems} ${problems === 1 ? 'problem' : 'problems'} found. ${detail.join('; ')}.`),
  };
}

/** Server-JSON → view-type presenters, one per resource. */
export const present = {
  page,
  session,
  caseSummary,
  sourceSummary,
  sourceDetail,
  attribution,
  allegationSummary,
  allegationDetail,
  registryActor,
  places,
  searchHit,
  custodyEntry,
  checkpoint,
  verify,
  ingest(
    name: string,
    status: number,
    body: unknown,
  ): { name: string; status: 'ok' | 'error' | 'skipped'; sourceId: string | null; error: string | null } {
    const o = obj(body);
    const err = child(o, 'error');
    if (status < 200 || status >= 300) {
      return { name, status: 'error', sourceId: null, error: str(err, 'message') ?? `HTTP ${status}` };
    }
    const first = obj(list(o, 'items', 'results')[0]);
    const item = Object.keys(first).length > 0 ? first : o;
    const itemStatus = str(item, 'status');
    return {
      name,
      status:
        itemStatus === 'error'
          ? 'error'
          : itemStatus === 'skipped' || bool(child(item, 'value'), false, 'duplicate')
            ? 'skipped'
            : 'ok',
      sourceId: str(child(item, 'value'), 'sourceId', 'source_id') ?? str(item, 'sourceId', 'source_id'),
      error: str(item, 'error'),
    };
  },
};
