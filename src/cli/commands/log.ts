import { CorroborateError } from '../../errors.ts';
import { listCustody, type ListCustodyOptions } from '../../store/custody.ts';
import { requireCase } from '../../store/index.ts';
import { parseCommandArgs, withStore } from '../args.ts';
import type { CliDeps, Command } from '../command.ts';

const USAGE = `Usage: corroborate log [options]

Lists custody log entries in order: seq, time, actor, action, object and payload hash.

Options:
  --db PATH        database (default CORROBORATE_DB or ./corroborate.db)
  --case NAME      only entries of this case
  --object ID      only entries about this object (a source id, capture id, …)
  --type TYPE      only entries about objects of this type (source, capture, attribution, …)
  --after SEQ      start after this entry (for paging)
  --limit N        at most N entries (default 100, at most 10000)
  --json           one JSON object per line, with the payload
`;

/** `corroborate log`: list custody log entries. */
export const logCommand: Command = {
  name: 'log',
  describe: 'list custody log entries',
  usage: USAGE,
  async run(args: readonly string[], deps: CliDeps): Promise<number> {
    const { values } = parseCommandArgs(args, USAGE, {
      db: { type: 'string' },
      case: { type: 'string' },
      object: { type: 'string' },
      type: { type: 'string' },
      after: { type: 'string' },
      limit: { type: 'string', default: '100' },
      json: { type: 'boolean', default: false },
    });
    for (const [name, value] of [
      ['--after', values.after],
      ['--limit', values.limit],
    ] as const) {
      if (value !== undefined && !/^\d+$/.test(value)) {
        throw new CorroborateError('bad_request', `${name} ${value} is not a whole number`);
      }
    }
    return withStore(deps, values.db, async (store) => {
      const caseId = values.case === undefined ? undefined : (await requireCase(store.db, values.case)).id;
      const options: ListCustodyOptions = {
        limit: Number(values.limit),
        ...(values.after === undefined ? {} : { afterSeq: Number(values.after) }),
        ...(caseId === undefined ? {} : { caseId }),
        ...(values.object === undefined ? {} : { objectId: values.object }),
        ...(values.type === undefined ? {} : { objectType: values.type }),
      };
      const entries = await listCustody(store.db, options);
      for (const e of entries) {
        if (values.json) {
          deps.stdout.write(`${JSON.stringify(e)}\n`);
        } else {
          deps.stdout.write(
            `${e.seq}\t${e.at}\t${e.actor}\t${e.action}\t${e.objectType} ${e.objectId}\t${e.payloadSha256.slice(0, 16)}\n`,
          );
        }
      }
      if (!values.json && entries.length === 0) deps.stderr.write('no custody log entries match\n');
      return 0;
    });
  },
};
