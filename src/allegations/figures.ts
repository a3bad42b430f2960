import { fold } from './text.ts';
import type { ComparedFigure, FigureComparison, Unit } from './types.ts';

/**
 * Figures across sources: every figure of an allegation's members, grouped by (what is counted, place,
 * period), with speaker, date and qualifier, the range, the latest figure and contradictions — figure
 * intervals that cannot both hold ("14 killed" against "nine killed"; "at least 9" and "14" agree).
 */

/** Relative tolerance on approximate figures ("about 5,000" covers 4,500–5,500). */
export const APPROX_TOLERANCE = 0.1;

/**
 * What is counted, as a few comparable classes. Synonyms of one count map to one class, so that the
 * figures of every source about the same thing are compared (docs/ALLEGATIONS.md, "Figures"):
 * `deaths` (killed, dead, died, deaths, death toll, fatalities, bodies, remains, corpses, exhumed, buried,
 * executed, victims, tués, morts, corps, enterrés), `injuries` (injured, wounded, hurt, blessés), `missing`, `detained` (detained, arrested,
 * abducted, held captive), `displaced` (displaced, fled, refugees, evacuated), `interviewed` (interviews,
 * witnesses, testimonies). Order matters: "killed and 22 injured" is read on the figure's own words first.
 */
const COUNT_CLASSES: readonly (readonly [string, RegExp])[] = [
  ['injuries', /\b(injur\w*|wound\w*|bless[ée]s?|hurt)\b/iu],
  [
    'deaths',
    /\b(kill\w*|dead|deaths?|death toll|died|fatalit\w*|bod(y|ies)|remains|corpses?|cadavres?|corps|exhum\w*|buried|burials?|enterr[ée]s?|executed|tu[ée]s?|morts?|victims?)\b/iu,
  ],
  ['missing', /\b(missing|disappeared|disparus?)\b/iu],
  ['detained', /\b(detain\w*|arrest\w*|abduct\w*|captiv\w*)\b/iu],
  ['displaced', /\b(displac\w*|fled|refugees?|evacuat\w*)\b/iu],
  ['interviewed', /\b(interview\w*|witness\w*|testimon\w*)\b/iu],
];

/** Classes whose figures are compared for contradictions (an unspecified count is never contradicted). */
const UNSPECIFIED = 'unspecified';

/**
 * What is counted, normalised to a class ("civilians killed", "bodies", "death toll" → `deaths`): the
 * figure's own words first ("22 injured" in "nine killed and 22 injured"), then what the extractor says
 * it counts, else the extractor's words folded, else `unspecified`.
 */
export function countClass(counts: string | null, text: string): string {
  for (const source of [text, counts ?? '']) {
    for (const [name, re] of COUNT_CLASSES) if (re.test(source)) return name;
  }
  return counts === null ? UNSPECIFIED : fold(counts).trim();
}

function interval(f: { min: number | null; max: number | null; approx: boolean }): [number, number] {
  const lo = f.min ?? 0;
  const hi = f.max ?? (f.min === null ? Number.POSITIVE_INFINITY : (f.max ?? Number.POSITIVE_INFINITY));
  const tol = f.approx ? APPROX_TOLERANCE : 0;
  return [lo * (1 - tol), hi === Number.POSITIVE_INFINITY ? hi : hi * (1 + tol)];
}

/** Whether two figures' intervals are disjoint. */
export function contradicts(
  a: { min: number | null; max: number | null; approx: boolean },
  b: { min: number | null; max: number | null; approx: boolean },
): boolean {
  const [a0, a1] = interval(a);
  const [b0, b1] = interval(b);
  return a1 < b0 || b1 < a0;
}

/**
 * Compares the figures of an allegation's members. `fallbackPlace` is used for figures with no place of
 * their own; `isCopy` marks figures from near-duplicate copies (shown, but they cannot contradict).
 */
export function compareFigures(
  units: readonly Unit[],
  fallbackPlace: string | null,
  isCopy: (sourceId: string) => boolean,
): FigureComparison[] {
  const groups = new Map<
    string,
    {
      counts: string;
      place: string | null;
      period: string | null;
      items: { f: ComparedFigure; order: string }[];
    }
  >();
  const seen = new Set<string>();
  for (const u of units) {
    for (const f of u.figures) {
      if (f.min === null && f.max === null) continue;
      const dedupe = `${u.sourceId}:${f.start}:${f.end}`;
      if (seen.has(dedupe)) continue;
      seen.add(dedupe);
      const counts = countClass(f.counts, f.text);
      const place = f.place !== null ? fold(f.place) : fallbackPlace;
      // Grouped by what is counted and where; the period is shown when every figure states the same one.
      const key = `${counts}|${place ?? ''}`;
      const group = groups.get(key) ?? { counts, place, period: f.date, items: [] };
      if (group.period !== f.date) group.period = null;
      groups.set(key, group);
      group.items.push({
        order: u.order,
        f: {
          sourceId: u.sourceId,
          span: { sourceId: u.sourceId, start: f.start, end: f.end },
          text: f.text,
          min: f.min,
          max: f.max,
          approx: f.approx,
          qualifier: f.qualifier,
          speaker: u.speaker.name ?? [...u.chain].reverse().find((c) => c.name !== null)?.name ?? null,
          date: f.date ?? u.reported,
          copy: isCopy(u.sourceId),
        },
      });
    }
  }
  const out: FigureComparison[] = [];
  for (const g of [...groups.values()].sort((a, b) =>
    a.counts + (a.place ?? '') < b.counts + (b.place ?? '') ? -1 : 1,
  )) {
    const items = g.items.sort((a, b) =>
      a.order < b.order ? -1 : a.order > b.order ? 1 : a.f.span.start - b.f.span.start,
    );
    const figures = items.map((i) => i.f);
    let min: number | null = null;
    let max: number | null = null;
    let open = false;
    for (const f of figures) {
      const lo = f.min ?? f.max;
      if (lo !== null && (min === null || lo < min)) min = lo;
      if (f.max === null) open = true;
      else if (max === null || f.max > max) max = f.max;
      if (f.min !== null && f.max === null && (max === null || f.min > max)) max = f.min;
    }
    let latest = 0;
    figures.forEach((f, i) => {
      const cur = figures[latest] as ComparedFigure;
      if ((f.date ?? '') >= (cur.date ?? '')) latest = i;
    });
    const contradictions: [number, number][] = [];
    for (let i = 0; i < figures.length; i++) {
      for (let j = i + 1; j < figures.length; j++) {
        const a = figures[i] as ComparedFigure;
        const b = figures[j] as ComparedFigure;
        if (a.copy || b.copy || g.counts === UNSPECIFIED) continue;
        if (contradicts(a, b)) contradictions.push([i, j]);
      }
    }
    out.push({
      counts: g.counts,
      place: g.place,
      period: g.period,
      figures,
      range: { min, max: open && figures.every((f) => f.max === null) ? null : max },
      latest,
      contradictions,
    });
  }
  return out;
}
