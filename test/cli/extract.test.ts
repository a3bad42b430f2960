// The reports below are fictional.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { tempDir } from '../helpers/temp.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const BIN = join(ROOT, 'bin', 'corroborate.js');

interface Run {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

function corroborate(cwd: string, ...args: string[]): Promise<Run> {
  const child = spawn(process.execPath, [BIN, ...args], {
    cwd,
    env: { ...process.env, CORROBORATE_DB: join(cwd, 'never-created.sqlite'), CORROBORATE_HOME: join(cwd, 'home') },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

const dir = tempDir();
const a = join(dir, 'hollin.txt');
const b = join(dir, 'pellan.html');
writeFileSync(a, 'The Hollin district office denied that the grain store was burned on Tuesday, a spokesman said.\n');
writeFileSync(join(dir, 'hollin.json'), JSON.stringify({ published: '2031-03-14' }));
writeFileSync(
  b,
  '<html><head><title>Radio Pellan</title></head><body><article><p>Officials told Radio Pellan they have not confirmed that the grain store burned, according to the station.</p></article></body></html>',
);

describe('corroborate extract', () => {
  it('prints the contract for one file with --json, dated from the sidecar', async () => {
    const run = await corroborate(dir, 'extract', a, '--json');
    assert.equal(run.status, 0, run.stderr);
    const x = JSON.parse(run.stdout) as {
      document: { text: string; published: string };
      attributions: { cue: { start: number; end: number; text: string }; stance: string }[];
    };
    assert.equal(x.document.published, '2031-03-14');
    assert.ok(x.attributions.length >= 1);
    for (const at of x.attributions) assert.equal(x.document.text.slice(at.cue.start, at.cue.end), at.cue.text);
    assert.ok(x.attributions.some((at) => at.stance === 'deny'));
  });

  it('prints one line per file with --jsonl, and --published wins over the sidecar', async () => {
    const run = await corroborate(dir, 'extract', a, b, '--jsonl', '--published', '2031-04-01');
    assert.equal(run.status, 0, run.stderr);
    const lines = run.stdout.trim().split('\n').map((l) => JSON.parse(l) as { file: string; document: { published: string } });
    assert.equal(lines.length, 2);
    assert.ok(lines[0]?.file.endsWith('hollin.txt'));
    assert.ok(lines.every((l) => l.document.published === '2031-04-01'));
  });

  it('reads HTML through capture', async () => {
    const run = await corroborate(dir, 'extract', b, '--json');
    assert.equal(run.status, 0, run.stderr);
    const x = JSON.parse(run.stdout) as { attributions: { stance: string; channel: string | null }[] };
    assert.ok(x.attributions.some((at) => at.stance === 'not_confirmed' && at.channel === 'told Radio Pellan'));
  });

  it('fails with a one-line message for a missing file and a bad date', async () => {
    const missing = await corroborate(dir, 'extract', join(dir, 'nope.txt'));
    assert.equal(missing.status, 1);
    assert.match(missing.stderr, /nope\.txt/);
    const bad = await corroborate(dir, 'extract', a, '--published', 'someday');
    assert.equal(bad.status, 1);
    assert.match(bad.stderr, /--published 'someday' is not a date/);
  });
});
