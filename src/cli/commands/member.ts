import { CorroborateError } from '../../errors.ts';
import {
  isCaseRole,
  listMemberships,
  removeMembership,
  requireUser,
  setClearance,
  setMembership,
} from '../../store/accounts.ts';
import { requireCase } from '../../store/cases.ts';
import { appendCustody } from '../../store/custody.ts';
import { parseCommandArgs, withStore } from '../args.ts';
import type { CliDeps, Command } from '../command.ts';

const USAGE = `Usage: corroborate member add CASE USER ROLE [--cleared] [--db PATH]
       corroborate member remove CASE USER [--db PATH]
       corroborate member clear CASE USER | unclear CASE USER [--db PATH]
       corroborate member list CASE [--json] [--db PATH]

Gives USER a ROLE (viewer, analyst or lead) on CASE (id or name). --cleared / clear grants clearance to
see protected material on that case. Every change is recorded in the custody log.
`;

/** `corroborate member`: case membership, roles and clearance. */
export const memberCommand: Command = {
  name: 'member',
  describe: 'give users roles (viewer, analyst, lead) and clearance on a case',
  usage: USAGE,
  async run(args: readonly string[], deps: CliDeps): Promise<number> {
    const parsed = parseCommandArgs(
      args,
      USAGE,
      {
        cleared: { type: 'boolean', default: false },
        json: { type: 'boolean', default: false },
        db: { type: 'string' },
      },
      true,
    );
    const { values, positionals } = parsed;
    const [action, caseRef, userRef, role] = positionals;
    if (action === undefined || caseRef === undefined)
      throw new CorroborateError('bad_request', `member: say what to do\n${USAGE}`);
    return withStore(deps, values.db, async (store) => {
      const kase = await requireCase(store.db, caseRef);
      const log = async (what: string, user: string, payload: Record<string, unknown>) => {
        await appendCustody(store.db, store.dialect, {
          actor: deps.config.actor,
          action: what,
          objectType: 'membership',
          objectId: `${kase.id}/${user}`,
          caseId: kase.id,
          payload,
        });
      };
      if (action === 'list') {
        const members = await listMemberships(store.db, kase.id);
        if (values.json) deps.stdout.write(`${JSON.stringify(members, null, 2)}\n`);
        else
          for (const m of members)
            deps.stdout.write(`${m.userName}  ${m.role}${m.cleared ? '  cleared' : ''}\n`);
        return 0;
      }
      if (userRef === undefined)
        throw new CorroborateError('bad_request', `member ${action}: name a user\n${USAGE}`);
      const user = await requireUser(store.db, userRef);
      switch (action) {
        case 'add': {
          if (!isCaseRole(role))
            throw new CorroborateError('invalid_input', `role '${role ?? ''}': use viewer, analyst or lead`);
          const m = await setMembership(store.db, {
            caseId: kase.id,
            userId: user.id,
            role,
            ...(values.cleared ? { cleared: true } : {}),
          });
          await log('member.set', user.id, { user: user.name, role: m.role, cleared: m.cleared });
          deps.stdout.write(`${user.name} is ${m.role}${m.cleared ? ' (cleared)' : ''} on ${kase.name}\n`);
          return 0;
        }
        case 'remove':
          await removeMembership(store.db, kase.id, user.id);
          await log('member.remove', user.id, { user: user.name });
          deps.stdout.write(`${user.name} removed from ${kase.name}\n`);
          return 0;
        case 'clear':
        case 'unclear': {
          const m = await setClearance(store.db, kase.id, user.id, action === 'clear');
          await log('member.set', user.id, { user: user.name, role: m.role, cleared: m.cleared });
          deps.stdout.write(`${user.name} ${m.cleared ? 'cleared' : 'no longer cleared'} on ${kase.name}\n`);
          return 0;
        }
        default:
          throw new CorroborateError('bad_request', `member ${action}: unknown action\n${USAGE}`);
      }
    });
  },
};
