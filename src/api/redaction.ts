/**
 * The redaction engine: pure functions that hide protected material from users without clearance.
 * It runs once per response in the API finalizer (JSON walked structurally, other text by terms), so no
 * handler can forget it; the same functions serve exports and search snippets because those are responses too.
 * Masking keeps string lengths (one `█` per UTF-16 code unit) so offsets into redacted text stay valid.
 */

/** One protection as the engine needs it (see `store/protection.ts`). */
export interface PolicyProtection {
  readonly id: string;
  readonly kind: 'source' | 'actor' | 'span';
  readonly objectId: string;
  readonly span: { readonly start: number; readonly end: number } | null;
  readonly terms: readonly string[];
}

/** A case's protections compiled for fast matching. */
export interface RedactionPolicy {
  readonly protections: readonly PolicyProtection[];
  /** Protected source ids → protection id. */
  readonly sources: ReadonlyMap<string, string>;
  /** Protected actor ids → protection id. */
  readonly actors: ReadonlyMap<string, string>;
  /** Protected spans by source id. */
  readonly spans: ReadonlyMap<string, readonly { readonly start: number; readonly end: number; readonly id: string }[]>;
  /** Lower-cased, space-collapsed term → protection ids. */
  readonly termIds: ReadonlyMap<string, readonly string[]>;
  /** Every term, longest first, as one case-insensitive pattern; null when there are none. */
  readonly pattern: RegExp | null;
}

/** The mask character: one per UTF-16 code unit of hidden text. */
export const MASK = '\u2588';

/** A policy that hides nothing. */
export const EMPTY_POLICY: RedactionPolicy = buildPolicy([]);

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function termKey(text: string): string {
  return text.toLowerCase().replace(/\s+/g, ' ');
}

/** Compiles protections into a {@link RedactionPolicy}. */
export function buildPolicy(protections: readonly PolicyProtection[]): RedactionPolicy {
  const sources = new Map<string, string>();
  const actors = new Map<string, string>();
  const spans = new Map<string, { start: number; end: number; id: string }[]>();
  const termIds = new Map<string, string[]>();
  for (const p of protections) {
    if (p.kind === 'source') sources.set(p.objectId, p.id);
    if (p.kind === 'actor') actors.set(p.objectId, p.id);
    if (p.kind === 'span' && p.span !== null) {
      const list = spans.get(p.objectId) ?? [];
      list.push({ ...p.span, id: p.id });
      spans.set(p.objectId, list);
    }
    for (const term of p.terms) {
      if (term.trim().length < 3) continue;
      const key = termKey(term.trim());
      const ids = termIds.get(key) ?? [];
      if (!ids.includes(p.id)) ids.push(p.id);
      termIds.set(key, ids);
    }
  }
  const terms = [...termIds.keys()].sort((a, b) => b.length - a.length);
  const pattern =
    terms.length === 0
      ? null
      : new RegExp(terms.map((t) => escapeRegExp(t).replace(/ /g, '\\s+')).join('|'), 'giu');
  return { protections, sources, actors, spans, termIds, pattern };
}

/** True when the policy hides nothing. */
export function isEmptyPolicy(policy: RedactionPolicy): boolean {
  return policy.protections.length === 0;
}

/** Same-length mask of `text`. */
export function mask(text: string): string {
  return MASK.repeat(text.length);
}

/**
 * Masks every protected term in `text`, adding the ids of the protections that matched to `hits`.
 *
 * @example
 * redactString('Witness Olena K. said', policy, new Set()) // 'Witness ████████ said'
 */
export function redactString(text: string, policy: RedactionPolicy, hits: Set<string>): string {
  const pattern = policy.pattern;
  if (pattern === null || text.length < 3) return text;
  pattern.lastIndex = 0;
  return text.replace(pattern, (match) => {
    for (const id of policy.termIds.get(termKey(match)) ?? []) hits.add(id);
    return mask(match);
  });
}

/** Masks the given `[start, end)` ranges of `text` (offsets kept). */
export function maskRanges(text: string, ranges: readonly { readonly start: number; readonly end: number }[]): string {
  let out = text;
  for (const { start, end } of ranges) {
    const s = Math.max(0, Math.min(start, out.length));
    const e = Math.max(s, Math.min(end, out.length));
    if (e > s) out = out.slice(0, s) + MASK.repeat(e - s) + out.slice(e);
  }
  return out;
}

// Keys whose values identify or classify rather than reveal content; kept on protected objects.
const KEEP = new Set([
  'id',
  'kind',
  'status',
  'stance',
  'quote',
  'language',
  'mediaType',
  'type',
  'action',
  'role',
  'decision',
  'extractionState',
  'reviewStatus',
  'review',
  'granularity',
]);

function keepKey(key: string): boolean {
  return KEEP.has(key) || /Id$|Ids$|At$/.test(key);
}

function maskAll(value: unknown): unknown {
  if (typeof value === 'string') return mask(value);
  if (Array.isArray(value)) return value.map(maskAll);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = keepKey(k) ? v : maskAll(v);
    return out;
  }
  return value;
}

function asString(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/**
 * Redacts a JSON value for a user without clearance. Rules, applied to every object:
 * an object that is or belongs to a protected source (`id` / `sourceId`) or is or names a protected
 * actor (`id` / `actorId` / `actor`) has its content strings masked and gains `redacted: true`; a source
 * object with protected spans has those offsets masked in its `text`; every remaining string has
 * protected terms masked. Returns the redacted value and the ids of the protections it touched.
 */
export function redactJson(value: unknown, policy: RedactionPolicy): { value: unknown; hits: Set<string> } {
  const hits = new Set<string>();
  if (isEmptyPolicy(policy)) return { value, hits };
  const walk = (node: unknown): unknown => {
    if (typeof node === 'string') return redactString(node, policy, hits);
    if (Array.isArray(node)) return node.map(walk);
    if (node === null || typeof node !== 'object') return node;
    const obj = node as Record<string, unknown>;
    const ownId = asString(obj.id);
    const sourceId = asString(obj.sourceId);
    const actorId = asString(obj.actorId) ?? asString(obj.actor);
    const whole =
      (ownId === undefined ? undefined : (policy.sources.get(ownId) ?? policy.actors.get(ownId))) ??
      (sourceId === undefined ? undefined : policy.sources.get(sourceId)) ??
      (actorId === undefined ? undefined : policy.actors.get(actorId));
    if (whole !== undefined) {
      hits.add(whole);
      return { ...(maskAll(obj) as Record<string, unknown>), redacted: true };
    }
    const out: Record<string, unknown> = {};
    const spans = ownId !== undefined ? policy.spans.get(ownId) : undefined;
    for (const [key, child] of Object.entries(obj)) {
      if (key === 'text' && typeof child === 'string' && spans !== undefined) {
        for (const s of spans) hits.add(s.id);
        out[key] = redactString(maskRanges(child, spans), policy, hits);
      } else {
        out[key] = walk(child);
      }
    }
    return out;
  };
  return { value: walk(value), hits };
}

/** Redacts plain text (CSV, HTML, text originals): protected terms are masked. */
export function redactText(text: string, policy: RedactionPolicy): { text: string; hits: Set<string> } {
  const hits = new Set<string>();
  return { text: redactString(text, policy, hits), hits };
}

/**
 * Which protections a value touches, without changing it: used to log reads of protected material by
 * cleared users in the custody log.
 */
export function protectedHits(value: unknown, policy: RedactionPolicy): ReadonlySet<string> {
  return redactJson(value, policy).hits;
}

/**
 * Search terms an uncleared user may not probe with: true when the query names protected material,
 * so results cannot confirm that a protected name occurs in the case.
 */
export function queryTouchesProtected(query: string, policy: RedactionPolicy): boolean {
  const q = termKey(query.trim());
  if (q.length < 3) return false;
  for (const term of policy.termIds.keys()) {
    if (term.includes(q) || q.includes(term)) return true;
    const words = q.split(/[^\p{L}\p{N}]+/u).filter((w) => w.length >= 3);
    if (words.some((w) => term.split(/[^\p{L}\p{N}]+/u).includes(w))) return true;
  }
  return false;
}
