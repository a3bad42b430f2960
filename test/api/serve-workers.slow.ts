// `corroborate serve --workers 2` as deployed: real server processes (node:cluster) on loopback over one
// SQLite store. Slow (process start-ups, ~10-20 s on two busy CPUs): run with `npm run test:workers`.
// Every request below opens its own connection, which the cluster primary hands to its workers in turn.
import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { createApiToken, createUser, revokeApiToken, setMembership } from '../../src/store/accounts.ts';
import { ensureCase } from '../../src/store/cases.ts';
import { openStore } from '../../src/store/index.ts';
import { tempDir } from '../helpers/temp.ts';
import { TEST_HASH } from './harness.ts';

const BIN = fileURLToPath(new URL('../../bin/corroborate.js', import.meta.url));
const WORKERS = 2;

/** Resolves with the first defined value `read` returns, polling; rejects after `ms`. */
function waitFor<T>(read: () => T | undefined, what: string, ms = 120_000): Promise<T> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const timer = setInterval(() => {
      const value = read();
      if (value !== undefined) {
        clearInterval(timer);
        resolve(value);
      } else if (Date.now() - started > ms) {
        clearInterval(timer);
        reject(new Error(`timed out waiting for ${what}`));
      }
    }, 50);
  });
}

/** Pids of the live child processes of `parent` (Linux /proc). */
function childrenOf(parent: number): number[] {
  const out: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(fields[1]) === parent && fields[0] !== 'Z') out.push(Number(entry));
    } catch {
      // the process ended while we looked
    }
  }
  return out.sort((a, b) => a - b);
}

/** Bytes a process has read through read(2) and friends (sockets included), from /proc/PID/io. */
function bytesRead(pid: number): number {
  const io = readFileSync(`/proc/${pid}/io`, 'utf8');
  return Number(/^rchar: (\d+)$/m.exec(io)?.[1] ?? NaN);
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** GET over a new connection (no keep-alive), so the primary hands each request to a worker afresh. */
function get(url: string, token: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      { agent: false, headers: { authorization: `Bearer ${token}`, connection: 'close' } },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      },
    );
    req.on('error', reject);
    req.end();
  });
}

async function statuses(url: string, token: string, n: number): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < n; i++) out.push((await get(url, token)).status);
  return out;
}

describe(`corroborate serve --workers ${WORKERS}`, () => {
  const dir = tempDir();
  const db = join(dir, 'store.sqlite');
  let caseId = '';
  let userId = '';
  let token = '';
  let tokenId = '';
  let primary: ChildProcess;
  let stderr = '';
  let url = '';

  before(async () => {
    const store = await openStore({ url: db });
    try {
      const kase = await ensureCase(store.db, 'Workers case (fictional)');
      caseId = kase.id;
      const user = await createUser(
        store.db,
        { name: 'reader', password: 'correct horse battery staple 42' },
        { hash: TEST_HASH },
      );
      userId = user.id;
      await setMembership(store.db, { caseId, userId, role: 'viewer' });
      const made = await createApiToken(store.db, {
        userId,
        name: 'script',
        cases: [caseId],
        permission: 'read',
      });
      token = made.token;
      tokenId = made.record.id;
    } finally {
      await store.close();
    }
    primary = spawn(
      process.execPath,
      [BIN, 'serve', '--db', db, '--port', '0', '--workers', String(WORKERS)],
      {
        env: {
          ...process.env,
          CORROBORATE_HOME: join(dir, 'home'),
          CORROBORATE_WEB_ROOT: join(dir, 'home'),
          CORROBORATE_LOG_LEVEL: 'silent',
        },
        stdio: ['ignore', 'ignore', 'pipe'],
      },
    );
    primary.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    const served = await waitFor(
      () => /serving (http:\/\/127\.0\.0\.1:\d+) from (\d+) processes/.exec(stderr) ?? undefined,
      `the server to listen; stderr so far:\n${stderr}`,
    );
    assert.equal(served[2], String(WORKERS));
    url = `${served[1]}/api/cases/${caseId}`;
  });

  after(() => {
    if (primary.exitCode === null && primary.signalCode === null) primary.kill('SIGKILL');
  });

  it('answers from every worker process and each sees a token revoked by another process at once', async () => {
    const workers = childrenOf(primary.pid!);
    assert.equal(workers.length, WORKERS, `worker processes of the primary: ${workers.join(', ')}`);
    const readBefore = workers.map(bytesRead);
    assert.deepEqual(await statuses(url, token, 4 * WORKERS), Array<number>(4 * WORKERS).fill(200));
    const readAfter = workers.map(bytesRead);
    workers.forEach((pid, i) => assert.ok(readAfter[i]! > readBefore[i]!, `worker ${pid} read no request`));
    const page = JSON.parse((await get(url, token)).body) as { id?: string };
    assert.equal(page.id, caseId);

    // Revoked here, in this test's own process: every server process must refuse the token on its next
    // request, whatever it cached about the caller or the response.
    const store = await openStore({ url: db });
    try {
      await revokeApiToken(store.db, tokenId);
    } finally {
      await store.close();
    }
    assert.deepEqual(await statuses(url, token, 4 * WORKERS), Array<number>(4 * WORKERS).fill(401));
  });

  it('replaces a worker process that dies and keeps serving', async () => {
    const store = await openStore({ url: db });
    let fresh = '';
    try {
      fresh = (
        await createApiToken(store.db, { userId, name: 'second', cases: [caseId], permission: 'read' })
      ).token;
    } finally {
      await store.close();
    }
    const [victim, survivor] = childrenOf(primary.pid!);
    assert.ok(victim !== undefined && survivor !== undefined);
    process.kill(victim, 'SIGKILL');
    const replaced = await waitFor(() => {
      const now = childrenOf(primary.pid!);
      return now.length === WORKERS && !now.includes(victim) ? now : undefined;
    }, 'a replacement worker');
    assert.ok(replaced.includes(survivor));
    await waitFor(
      () => (stderr.includes(`server process ${victim} exited`) ? true : undefined),
      'the primary to report the exit',
    );
    // The replacement takes connections once it has opened the store and listens; until then the survivor
    // takes every one. Its start-up reads (modules, the store) stop when it is ready and idle.
    const replacement = replaced.find((pid) => pid !== survivor)!;
    let last = -1;
    let stableSince = Date.now();
    await waitFor(() => {
      const now = bytesRead(replacement);
      if (now !== last) {
        last = now;
        stableSince = Date.now();
      }
      return Date.now() - stableSince >= 2_000 ? true : undefined;
    }, 'the replacement worker to finish starting');
    const readBefore = [survivor, replacement].map(bytesRead);
    assert.deepEqual(await statuses(url, fresh, 4 * WORKERS), Array<number>(4 * WORKERS).fill(200));
    const readAfter = [survivor, replacement].map(bytesRead);
    assert.ok(readAfter[0]! > readBefore[0]! && readAfter[1]! > readBefore[1]!, 'both processes serve');
  });

  it('stops every process on SIGINT and exits 0', async () => {
    const workers = childrenOf(primary.pid!);
    const exited = new Promise<number | null>((resolve) => primary.once('exit', (code) => resolve(code)));
    primary.kill('SIGINT');
    assert.equal(await exited, 0);
    for (const pid of workers) assert.equal(alive(pid), false, `worker ${pid} still running`);
    await assert.rejects(get(url, 'none'), /ECONNREFUSED/);
    assert.ok(existsSync(db));
  });
});
