import type { CaseBundle } from './bundle.ts';

/** The whole case bundle as pretty-printed JSON (stable key order as built), newline-terminated. */
export function renderJson(bundle: CaseBundle): string {
  return `${JSON.stringify(bundle, null, 2)}\n`;
}
