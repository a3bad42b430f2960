import type { Command } from '../command.ts';

/** A command as the registry knows it: its name, and how to load it only when it runs. */
export interface CommandEntry {
  readonly name: string;
  load(): Promise<Command>;
}

/**
 * Every CLI command, in the order `corroborate --help` lists them. Each is imported only when it runs, so
 * `corroborate verify` does not pay for the HTTP server or the extraction models. Add one entry per command;
 * the entry's name must equal the command's own `name` (a test checks it).
 */
export const commands: readonly CommandEntry[] = [
  { name: 'demo', load: async () => (await import('./demo.ts')).demoCommand },
  { name: 'ingest', load: async () => (await import('./ingest.ts')).ingestCommand },
  { name: 'cases', load: async () => (await import('./cases.ts')).casesCommand },
  { name: 'sources', load: async () => (await import('./sources.ts')).sourcesCommand },
  { name: 'verify', load: async () => (await import('./verify.ts')).verifyCommand },
  { name: 'proof', load: async () => (await import('./proof.ts')).proofCommand },
  { name: 'log', load: async () => (await import('./log.ts')).logCommand },
  { name: 'checkpoint', load: async () => (await import('./checkpoint.ts')).checkpointCommand },
  { name: 'key', load: async () => (await import('./key.ts')).keyCommand },
  { name: 'extract', load: async () => (await import('./extract.ts')).extractCommand },
  { name: 'eval', load: async () => (await import('./eval.ts')).evalCommand },
  { name: 'reextract', load: async () => (await import('./reextract.ts')).reextractCommand },
  { name: 'actors', load: async () => (await import('./actors.ts')).actorsCommand },
  { name: 'review', load: async () => (await import('./review.ts')).reviewCommand },
  { name: 'search', load: async () => (await import('./search.ts')).searchCommand },
  { name: 'export', load: async () => (await import('./export.ts')).exportCommand },
  { name: 'allegations', load: async () => (await import('./allegations.ts')).allegationsCommand },
  { name: 'allegation', load: async () => (await import('./allegation.ts')).allegationCommand },
  { name: 'serve', load: async () => (await import('./serve.ts')).serveCommand },
  { name: 'user', load: async () => (await import('./user.ts')).userCommand },
  { name: 'member', load: async () => (await import('./member.ts')).memberCommand },
  { name: 'token', load: async () => (await import('./token.ts')).tokenCommand },
  { name: 'worker', load: async () => (await import('./worker.ts')).workerCommand },
  { name: 'jobs', load: async () => (await import('./jobs.ts')).jobsCommand },
];
