import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { describe, it } from 'node:test';
import { commands } from '../../src/cli/commands/index.ts';

describe('commands', () => {
  it('names every entry as the command it loads', async () => {
    for (const entry of commands) {
      const command = await entry.load();
      assert.equal(command.name, entry.name, `registry entry ${entry.name}`);
      assert.ok(command.describe.length > 0, `${entry.name} has a description`);
    }
  });

  it('has no two commands with one name', () => {
    const names = commands.map((c) => c.name);
    assert.equal(new Set(names).size, names.length);
  });
});

describe('main', () => {
  it('lists every command in --help and refuses an unknown one', () => {
    const help = spawnSync(process.execPath, ['bin/corroborate.js', '--help'], { encoding: 'utf8' });
    assert.equal(help.status, 0);
    for (const entry of commands) assert.match(help.stdout, new RegExp(`^  ${entry.name} `, 'm'));
    const unknown = spawnSync(process.execPath, ['bin/corroborate.js', 'no-such-command'], { encoding: 'utf8' });
    assert.equal(unknown.status, 2);
    assert.match(unknown.stderr, /unknown command 'no-such-command'/);
  });
});
