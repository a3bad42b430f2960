/**
 * Cuts a text into runs so that overlapping, nested marks (attribution source/cue/content, facts) can be
 * drawn over it as flat spans: every run is covered by the same set of marks from start to end. Pure and
 * DOM-free, so the reader's core is tested without a browser (test/web/lib/segments.test.ts).
 */

/** What a mark draws. */
export type MarkKind = 'source' | 'cue' | 'content' | 'actor' | 'place' | 'date' | 'figure';

/** One stretch of the text to highlight, end exclusive (UTF-16 offsets, like the extraction contract). */
export interface Mark {
  readonly start: number;
  readonly end: number;
  readonly kind: MarkKind;
  /** Attribution id for source/cue/content; fact index for facts. */
  readonly ref: string;
  /** Nesting depth of the attribution (0 = outermost). */
  readonly depth: number;
}

/** A run of text covered by the same marks throughout. */
export interface Segment {
  readonly start: number;
  readonly end: number;
  readonly text: string;
  readonly marks: readonly Mark[];
}

/** A line-ish block of the text (split on blank lines or single newlines), virtualised by the reader. */
export interface Block {
  readonly start: number;
  readonly end: number;
}

/**
 * Splits `text` into runs between every mark boundary inside `[from, to)`. Marks outside the window or
 * empty are ignored; out-of-range offsets are clamped, so a stale extraction cannot crash the reader.
 *
 * @example
 * segment('Boychenko said it', [{ start: 0, end: 9, kind: 'source', ref: 'a1', depth: 0 }])
 * // → [{ start: 0, end: 9, text: 'Boychenko', marks: [source] }, { start: 9, end: 17, text: ' said it', marks: [] }]
 */
export function segment(
  text: string,
  marks: readonly Mark[],
  from = 0,
  to = text.length,
): readonly Segment[] {
  const lo = Math.max(0, Math.min(from, text.length));
  const hi = Math.max(lo, Math.min(to, text.length));
  const inside = marks
    .map((m) => ({ ...m, start: Math.max(lo, m.start), end: Math.min(hi, m.end) }))
    .filter((m) => m.end > m.start);
  const cuts = new Set<number>([lo, hi]);
  for (const m of inside) {
    cuts.add(m.start);
    cuts.add(m.end);
  }
  const points = [...cuts].sort((a, b) => a - b);
  const segments: Segment[] = [];
  for (let i = 0; i + 1 < points.length; i += 1) {
    const start = points[i] as number;
    const end = points[i + 1] as number;
    if (end <= start) continue;
    const covering = inside.filter((m) => m.start <= start && m.end >= end);
    segments.push({ start, end, text: text.slice(start, end), marks: covering });
  }
  return segments;
}

/**
 * Splits `text` into blocks at newlines, merging short ones so a 200-page source becomes a few thousand
 * rows for the virtual list rather than one enormous DOM node.
 */
export function blocks(text: string, maxChars = 2000): readonly Block[] {
  const out: Block[] = [];
  let start = 0;
  for (let i = 0; i <= text.length; i += 1) {
    const atEnd = i === text.length;
    if (atEnd || text.charCodeAt(i) === 10) {
      const end = atEnd ? i : i + 1;
      if (end > start) {
        // Very long lines are cut at a space near maxChars so rows stay measurable.
        let s = start;
        while (end - s > maxChars) {
          const space = text.lastIndexOf(' ', s + maxChars);
          const cut = space > s ? space + 1 : s + maxChars;
          out.push({ start: s, end: cut });
          s = cut;
        }
        out.push({ start: s, end });
      }
      start = end;
    }
  }
  return out.filter((b) => text.slice(b.start, b.end).trim() !== '' || b.end - b.start > 1);
}

/** Index of the block that contains `offset`, by binary search; -1 when none does. */
export function blockAt(list: readonly Block[], offset: number): number {
  let lo = 0;
  let hi = list.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const b = list[mid] as Block;
    if (offset < b.start) hi = mid - 1;
    else if (offset >= b.end) lo = mid + 1;
    else return mid;
  }
  return -1;
}

/** Nesting depth of each attribution from its `parent` chain (cycles are cut). */
export function depths(
  attributions: readonly { readonly id: string; readonly parent: string | null }[],
): ReadonlyMap<string, number> {
  const parentOf = new Map(attributions.map((a) => [a.id, a.parent]));
  const out = new Map<string, number>();
  for (const a of attributions) {
    let depth = 0;
    let p = a.parent;
    const seen = new Set<string>([a.id]);
    while (p !== null && p !== undefined && !seen.has(p) && parentOf.has(p)) {
      seen.add(p);
      depth += 1;
      p = parentOf.get(p) ?? null;
    }
    out.set(a.id, depth);
  }
  return out;
}

/**
 * Marks grouped by the blocks they overlap (a mark spanning blocks is listed in each), so rendering one
 * block looks only at its own marks: O(marks + overlaps) once, instead of every mark for every block.
 */
export function marksByBlock(list: readonly Block[], marks: readonly Mark[]): readonly (readonly Mark[])[] {
  const out: Mark[][] = list.map(() => []);
  for (const m of marks) {
    if (m.end <= m.start) continue;
    // First block whose end is past the mark's start.
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((list[mid] as Block).end <= m.start) lo = mid + 1;
      else hi = mid;
    }
    for (let i = lo; i < list.length && (list[i] as Block).start < m.end; i += 1) out[i]?.push(m);
  }
  return out;
}
