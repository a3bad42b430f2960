// Fact extraction speed: gazetteer load time and memory, then tokens per second of extractFacts on the
// fact dev set (eval-data/facts) repeated to about 1 MB, with empty and with synthetic attributions.
// Prints one JSON object. Run: npm run bench:facts
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readFactGold } from '../src/eval/facts.ts';
import { extractAttributions } from '../src/extract/attributions.ts';
import { tokenize } from '../src/text/tokens.ts';
import { extractFacts } from '../src/extract/facts.ts';
import { loadGazetteer } from '../src/extract/gazetteer.ts';
import type { Attribution } from '../src/extract/types.ts';

const docs = readFactGold(new URL('../eval-data/facts', import.meta.url).pathname);
const rssBefore = process.memoryUsage().rss;
const heapBefore = process.memoryUsage().heapUsed;
const t0 = performance.now();
const loadCpu0 = process.cpuUsage();
const gazetteer = loadGazetteer();
const loadCpu = process.cpuUsage(loadCpu0);
const loadMs = performance.now() - t0;
const heapMb = (process.memoryUsage().heapUsed - heapBefore) / 1e6;
const rssMb = (process.memoryUsage().rss - rssBefore) / 1e6;

let text = '';
while (text.length < 1_000_000) text += docs.map((d) => d.text).join('\n\n') + '\n\n';
const tokens = text.match(/[\p{L}\p{N}]+|[^\s\p{L}\p{N}]/gu)?.length ?? 0;

// One attribution per sentence-sized chunk, so speaker resolution and figure linking are exercised.
const attributions: Attribution[] = [];
const re = /([A-Z][a-z]+(?: [A-Z][a-z]+)?) (said|told)/g;
for (let m = re.exec(text); m !== null; m = re.exec(text)) {
  const s = m.index;
  const cueStart = s + (m[1]?.length ?? 0) + 1;
  const end = Math.min(text.length, cueStart + 200);
  attributions.push({ id: `a${attributions.length + 1}`, source: { start: s, end: cueStart - 1, text: m[1] ?? '', actor: null }, cue: { start: cueStart, end: cueStart + (m[2]?.length ?? 0), text: m[2] ?? '' }, content: [{ start: cueStart + 5, end, text: text.slice(cueStart + 5, end) }], stance: 'assert', quote: 'indirect', channel: null, basis: [], parent: null, confidence: 1 });
}

// Wall time and CPU time (user + system): on a shared machine CPU time is the steadier of the two.
function run(atts: readonly Attribution[]): { seconds: number; cpuSeconds: number; tokensPerSecond: number; tokensPerCpuSecond: number } {
  extractFacts(text.slice(0, 20_000), { published: '2023-06-16', attributions: [], gazetteer });
  const start = performance.now();
  const cpu0 = process.cpuUsage();
  extractFacts(text, { published: '2023-06-16', attributions: atts, gazetteer });
  const cpu = process.cpuUsage(cpu0);
  const seconds = (performance.now() - start) / 1000;
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  const r = (x: number): number => Math.round(x * 1000) / 1000;
  return { seconds: r(seconds), cpuSeconds: r(cpuSeconds), tokensPerSecond: Math.round(tokens / seconds), tokensPerCpuSecond: Math.round(tokens / cpuSeconds) };
}

// The share of facts in the whole extraction on the corpus bench:extract uses (PolNeAR dev, when present):
// attributions are extracted first, untimed; then facts alone are timed over every document, five times.
function polnear(): { docs: number; tokens: number; cpuSeconds: number; tokensPerCpuSecond: number } | null {
  const dir = new URL('../../shared/polnear/dev/text', import.meta.url).pathname;
  if (!existsSync(dir)) return null;
  const texts = readdirSync(dir)
    .filter((f) => f.endsWith('.txt'))
    .sort()
    .map((f) => readFileSync(join(dir, f), 'utf8'));
  const atts = texts.map((t) => extractAttributions(t));
  const count = texts.reduce((n, t) => n + tokenize(t).count, 0);
  // Several untimed passes first: after one pass the JIT has not settled and facts look ~2x slower than
  // they are inside bench:extract, which repeats the corpus to 1M tokens.
  const pass = (): void => texts.forEach((t, i) => extractFacts(t, { published: '2016-01-01', attributions: atts[i] ?? [], gazetteer }));
  for (let r = 0; r < 5; r++) pass();
  const passes = 5;
  const cpu0 = process.cpuUsage();
  for (let r = 0; r < passes; r++) pass();
  const cpu = process.cpuUsage(cpu0);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  return { docs: texts.length * passes, tokens: count * passes, cpuSeconds: Math.round(cpuSeconds * 1000) / 1000, tokensPerCpuSecond: Math.round((count * passes) / cpuSeconds) };
}

console.log(
  JSON.stringify({
    bench: 'facts',
    gazetteer: { loadMs: Math.round(loadMs), loadCpuMs: Math.round((loadCpu.user + loadCpu.system) / 1000), heapMb: Math.round(heapMb), rssMb: Math.round(rssMb), names: gazetteer.size },
    chars: text.length,
    tokens,
    withoutAttributions: run([]),
    withAttributions: { attributions: attributions.length, ...run(attributions) },
    polnearDev: polnear(),
  }),
);
