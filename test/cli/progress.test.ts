import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { describe, it } from 'node:test';
import { createProgress } from '../../src/cli/progress.ts';

class Collect extends Writable {
  text = '';
  constructor(readonly isTTY: boolean) {
    super();
  }
  override _write(chunk: Buffer, _enc: string, done: () => void): void {
    this.text += chunk.toString('utf8');
    done();
  }
}

describe('createProgress', () => {
  it('prints plain lines and no bar when there is no terminal', () => {
    const out = new Collect(false);
    const err = new Collect(false);
    const progress = createProgress({ stdout: out, stderr: err, total: 2, bar: false });
    progress.log('captured   a.txt');
    progress.tick('a.txt');
    progress.log('failed     b.txt: empty file', 'err');
    progress.tick('b.txt');
    progress.stop();
    assert.equal(out.text, 'captured   a.txt\n');
    assert.equal(err.text, 'failed     b.txt: empty file\n');
  });

  it('draws a bar on the terminal stream with the item lines above it', () => {
    const out = new Collect(true);
    const err = new Collect(true);
    const progress = createProgress({ stdout: out, stderr: err, total: 2, bar: true });
    progress.log('captured   a.txt');
    progress.tick('a.txt');
    progress.tick('b.txt');
    progress.stop();
    assert.equal(out.text, '');
    assert.match(err.text, /captured {3}a\.txt\n/);
    assert.match(err.text, /\d+% \| \d\/2 \| /);
  });

  it('stays silent when quiet', () => {
    const out = new Collect(false);
    const err = new Collect(false);
    const progress = createProgress({ stdout: out, stderr: err, total: 1, bar: false, quiet: true });
    progress.log('captured   a.txt');
    progress.log('failed     a.txt', 'err');
    progress.stop();
    assert.equal(out.text + err.text, '');
  });
});
