/**
 * Benchmark of the whole `extract()` (attributions + facts) on one core: PolNeAR dev repeated until
 * at least 1M tokens have been processed. Prints one JSON object: tokens/s and documents/s by wall
 * time and by CPU time, peak RSS, the core it ran on and the machine load.
 * One core: unless already pinned, the benchmark re-runs itself under `taskset -c CPU` (default 0)
 * when taskset exists, so V8's helper threads (GC, compiler) share that core and their CPU time is
 * counted; without taskset it runs unpinned and says so (`pinned: null`).
 * `--part attributions` times attribution extraction alone (no facts). The headline figure
 * (tokensPerCpuSecond) covers every pass; the first pass over the corpus, which pays most of the
 * JIT's compiling, is also reported apart (firstPassCpuSeconds, laterPassesTokensPerCpuSecond).
 * Usage: npm run bench:extract [-- --data DIR --min-tokens N --cpu N --part all|attributions]
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { extract, extractAttributions } from '../src/extract/index.ts';
import { tokenize } from '../src/text/tokens.ts';

const PINNED_ENV = 'CORROBORATE_BENCH_PINNED_CPU';

/** Re-runs this benchmark pinned to `cpu` under taskset; returns its exit status, or null without taskset. */
function runPinned(cpu: string): number | null {
  const child = spawnSync('taskset', ['-c', cpu, process.execPath, ...process.execArgv, ...process.argv.slice(1)], {
    stdio: 'inherit',
    env: { ...process.env, [PINNED_ENV]: cpu },
  });
  if (child.error !== undefined) return null;
  return child.status ?? 1;
}

function main(): void {
  const { values } = parseArgs({
    options: {
      data: { type: 'string', default: '../shared/polnear/dev' },
      'min-tokens': { type: 'string', default: '1000000' },
      cpu: { type: 'string', default: '0' },
      part: { type: 'string', default: 'all' },
    },
  });
  if (process.env[PINNED_ENV] === undefined) {
    const status = runPinned(values.cpu);
    if (status !== null) {
      process.exitCode = status;
      return;
    }
  }
  const load = loadavg().map((x) => Math.round(x * 100) / 100);
  const dir = join(resolve(values.data), 'text');
  const texts = readdirSync(dir)
    .filter((f) => f.endsWith('.txt'))
    .sort()
    .map((f) => readFileSync(join(dir, f), 'utf8'));
  const tokensOf = texts.map((t) => tokenize(t).count);
  const run =
    values.part === 'attributions'
      ? (t: string): unknown => extractAttributions(t)
      : (t: string): unknown => extract(t, { published: '2016-01-01' });
  // warm-up: loads the model and gazetteer and lets the JIT settle; not timed
  for (const t of texts.slice(0, 10)) run(t);
  const minTokens = Number(values['min-tokens']);
  let tokens = 0;
  let docs = 0;
  let peakRss = process.memoryUsage().rss;
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  const cpuNow = (): number => {
    const c = process.cpuUsage(cpu0);
    return (c.user + c.system) / 1e6;
  };
  // the first pass over the corpus pays most of the JIT's compiling; reported apart, not left out
  let firstPass: { tokens: number; cpuSeconds: number } | null = null;
  while (tokens < minTokens) {
    for (let i = 0; i < texts.length; i++) {
      run(texts[i]!);
      tokens += tokensOf[i]!;
      docs++;
    }
    firstPass ??= { tokens, cpuSeconds: cpuNow() };
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
  }
  const seconds = (performance.now() - t0) / 1000;
  // CPU time of this process: on a busy machine wall time overstates the cost, CPU time does not
  const cpuSeconds = cpuNow();
  const later = firstPass === null || tokens === firstPass.tokens ? null : (tokens - firstPass.tokens) / (cpuSeconds - firstPass.cpuSeconds);
  const report = {
    benchmark: values.part === 'attributions' ? 'extract (attributions only)' : 'extract',
    corpus: values.data,
    docs,
    tokens,
    seconds: Math.round(seconds * 1000) / 1000,
    tokensPerSecond: Math.round(tokens / seconds),
    documentsPerSecond: Math.round((docs / seconds) * 10) / 10,
    cpuSeconds: Math.round(cpuSeconds * 1000) / 1000,
    tokensPerCpuSecond: Math.round(tokens / cpuSeconds),
    documentsPerCpuSecond: Math.round((docs / cpuSeconds) * 10) / 10,
    firstPassCpuSeconds: firstPass === null ? null : Math.round(firstPass.cpuSeconds * 1000) / 1000,
    laterPassesTokensPerCpuSecond: later === null ? null : Math.round(later),
    peakRssMB: Math.round((Math.max(peakRss, process.resourceUsage().maxRSS * 1024) / 1024 / 1024) * 10) / 10,
    pinned: process.env[PINNED_ENV] ?? null,
    loadAverage: load,
  };
  process.stdout.write(`${JSON.stringify(report)}\n`);
}

main();
