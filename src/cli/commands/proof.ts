import { CorroborateError } from '../../errors.ts';
import {
  createCheckpoint,
  findCaptureEntry,
  inclusionProofFor,
  latestCheckpoint,
} from '../../store/custody.ts';
import { parseCommandArgs, withStore } from '../args.ts';
import type { CliDeps, Command } from '../command.ts';

const USAGE = `Usage: corroborate proof SOURCE_ID|SHA256 [--db PATH]
       corroborate proof --seq N [--db PATH]

Prints, as JSON, the inclusion proof of the custody log entry that recorded a source's capture (or of
entry N): the entry's leaf fields and payload, its leaf index, the tree size, the audit path and the
newest signed checkpoint with its public key. docs/CUSTODY.md describes how to check it offline with
a few lines of any language. When no checkpoint covers the entry yet, one is signed first.
`;

/** `corroborate proof`: inclusion proof of a source's capture entry against a signed checkpoint. */
export const proofCommand: Command = {
  name: 'proof',
  describe: "print an offline-verifiable inclusion proof for a source's capture",
  usage: USAGE,
  async run(args: readonly string[], deps: CliDeps): Promise<number> {
    const parsed = parseCommandArgs(args, USAGE, { db: { type: 'string' }, seq: { type: 'string' } }, true);
    const { values, positionals } = parsed;
    if ((positionals.length === 1) === (values.seq !== undefined) || positionals.length > 1) {
      throw new CorroborateError('bad_request', `give one SOURCE_ID or SHA256, or --seq N\n${USAGE}`);
    }
    if (values.seq !== undefined && !/^\d+$/.test(values.seq)) {
      throw new CorroborateError('bad_request', `--seq ${values.seq} is not a log entry number`);
    }
    return withStore(deps, values.db, async (store) => {
      const [wanted] = positionals;
      const entry = wanted === undefined ? undefined : await findCaptureEntry(store.db, wanted);
      const seq = entry?.seq ?? Number(values.seq);
      const latest = await latestCheckpoint(store.db);
      if (latest === undefined || latest.treeSize <= seq) {
        const made = await createCheckpoint(store, deps.config.home);
        deps.stderr.write(`signed checkpoint ${made.id} covering ${made.treeSize} entries\n`);
      }
      const proof = await inclusionProofFor(store, seq, deps.config.home);
      const source =
        entry === undefined
          ? undefined
          : { id: wanted, object_type: entry.objectType, object_id: entry.objectId };
      deps.stdout.write(
        `${JSON.stringify(source === undefined ? proof : { ...proof, query: source }, null, 2)}\n`,
      );
      return 0;
    });
  },
};
