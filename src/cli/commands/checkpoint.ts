import { createCheckpoint } from '../../store/custody.ts';
import { parseCommandArgs, withStore } from '../args.ts';
import type { CliDeps, Command } from '../command.ts';

const USAGE = `Usage: corroborate checkpoint [--db PATH] [--json]

Signs the current custody log: stores a checkpoint of its size and Merkle root, signed with the
Ed25519 key in CORROBORATE_HOME (created on first use). Ingest does this at the end of every run;
when the newest checkpoint already covers the whole log it is shown instead.
`;

/** `corroborate checkpoint`: sign the current state of the custody log. */
export const checkpointCommand: Command = {
  name: 'checkpoint',
  describe: 'sign a checkpoint of the custody log now',
  usage: USAGE,
  async run(args: readonly string[], deps: CliDeps): Promise<number> {
    const { values } = parseCommandArgs(args, USAGE, {
      db: { type: 'string' },
      json: { type: 'boolean', default: false },
    });
    return withStore(deps, values.db, async (store) => {
      const checkpoint = await createCheckpoint(store, deps.config.home);
      if (values.json) {
        deps.stdout.write(`${JSON.stringify(checkpoint, null, 2)}\n`);
      } else {
        deps.stdout.write(
          `checkpoint ${checkpoint.id}: ${checkpoint.treeSize} entries, root ${checkpoint.rootHash}, signed by key ${checkpoint.keyId} at ${checkpoint.at}\n`,
        );
      }
      return 0;
    });
  },
};
