/**
 * Nesting of attributions: an attribution whose cue lies inside another's content is reported by
 * that other one (the outlet reports that the council said that witnesses saw). The innermost
 * enclosing content wins, so chains resolve to their nearest reporter.
 */
import type { Attribution } from './types.ts';
import { WINDOW_AFTER, WINDOW_BEFORE } from './attribution-features.ts';

/** Contents lie within their cue's window, so at most this many cues away an enclosing one can be. */
const REACH = WINDOW_BEFORE + WINDOW_AFTER;

/**
 * Returns the attributions (in cue order) with `parent` set to the id of the innermost enclosing
 * attribution. Looks only at attributions whose cues lie within one role window, so time stays
 * linear in the number of attributions.
 */
export function nest(attributions: readonly Attribution[]): Attribution[] {
  const nested = attributions.map((a, k) => {
    let parent: string | null = null;
    let size = Infinity;
    const lo = Math.max(0, k - REACH);
    const hi = Math.min(attributions.length, k + REACH + 1);
    for (let j = lo; j < hi; j++) {
      const b = attributions[j]!;
      if (b === a) continue;
      for (const c of b.content) {
        if (c.start <= a.cue.start && a.cue.end <= c.end && c.end - c.start < size) {
          parent = b.id;
          size = c.end - c.start;
        }
      }
    }
    return parent === a.parent ? a : { ...a, parent };
  });
  return withoutCycles(nested);
}

/**
 * Breaks any cycle of parents (contents that enclose each other's cues, which extraction avoids for
 * pairs but cannot rule out for longer chains): the first attribution of a cycle loses its parent.
 */
function withoutCycles(list: Attribution[]): Attribution[] {
  const index = new Map(list.map((a, k) => [a.id, k]));
  // 0 unvisited, 1 on the current walk, 2 done
  const state = new Uint8Array(list.length);
  for (let k = 0; k < list.length; k++) {
    const walk: number[] = [];
    let at: number | undefined = k;
    while (at !== undefined && state[at] === 0) {
      state[at] = 1;
      walk.push(at);
      const parent: string | null = list[at]!.parent;
      at = parent === null ? undefined : index.get(parent);
    }
    if (at !== undefined && state[at] === 1) {
      const cycle = walk.slice(walk.indexOf(at));
      const first = Math.min(...cycle);
      list[first] = { ...list[first]!, parent: null };
    }
    for (const w of walk) state[w] = 2;
  }
  return list;
}
