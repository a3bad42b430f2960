import type { Command } from '../command.ts';
import { casesCommand } from './cases.ts';
import { demoCommand } from './demo.ts';
import { ingestCommand } from './ingest.ts';
import { sourcesCommand } from './sources.ts';
import { checkpointCommand } from './checkpoint.ts';
import { keyCommand } from './key.ts';
import { logCommand } from './log.ts';
import { proofCommand } from './proof.ts';
import { verifyCommand } from './verify.ts';
import { extractCommand } from './extract.ts';
import { evalCommand } from './eval.ts';
import { reextractCommand } from './reextract.ts';
import { actorsCommand } from './actors.ts';
import { reviewCommand } from './review.ts';
import { searchCommand } from './search.ts';
import { exportCommand } from './export.ts';
import { allegationsCommand } from './allegations.ts';
import { allegationCommand } from './allegation.ts';
import { serveCommand } from './serve.ts';
import { userCommand } from './user.ts';
import { memberCommand } from './member.ts';
import { tokenCommand } from './token.ts';
import { workerCommand } from './worker.ts';
import { jobsCommand } from './jobs.ts';

/** Every CLI command, in the order `corroborate --help` lists them. Add one import and one entry per command. */
export const commands: readonly Command[] = [
  demoCommand,
  ingestCommand,
  casesCommand,
  sourcesCommand,
  verifyCommand,
  proofCommand,
  logCommand,
  checkpointCommand,
  keyCommand,
  extractCommand,
  evalCommand,
  reextractCommand,
  actorsCommand,
  reviewCommand,
  searchCommand,
  exportCommand,
  allegationsCommand,
  allegationCommand,
  serveCommand,
  userCommand,
  memberCommand,
  tokenCommand,
  workerCommand,
  jobsCommand,
];
