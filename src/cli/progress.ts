import cliProgress from 'cli-progress';

/** Reports progress of a batch: a bar on a terminal, nothing extra otherwise; item lines either way. */
export interface Progress {
  /** Prints one line (without its newline) above the bar, or plainly when there is no bar. */
  log(line: string, stream?: 'out' | 'err'): void;
  /** Marks one more unit of work done, naming what was just finished. */
  tick(label: string): void;
  /** Removes the bar. Call once at the end. */
  stop(): void;
}

/** Where and how progress is shown. */
export interface ProgressOptions {
  readonly stdout: NodeJS.WritableStream & { isTTY?: boolean };
  readonly stderr: NodeJS.WritableStream & { isTTY?: boolean };
  /** Units of work in the batch. */
  readonly total: number;
  /** Show a bar (the caller decides: a TTY, more than one item, not --json). */
  readonly bar: boolean;
  /** Suppress item lines entirely (e.g. --json output goes elsewhere). */
  readonly quiet?: boolean;
}

/**
 * Creates the progress reporter for a batch command. With `bar` the bar is drawn on stderr (so stdout
 * stays clean for pipes) and item lines are printed above it; without it, item lines are printed
 * plainly — one per item, nothing redrawn — which suits logs and non-TTY pipes.
 */
export function createProgress(options: ProgressOptions): Progress {
  const write = (line: string, stream: 'out' | 'err'): void => {
    if (options.quiet === true) return;
    (stream === 'err' ? options.stderr : options.stdout).write(`${line}\n`);
  };
  if (!options.bar) {
    return { log: (line, stream = 'out') => write(line, stream), tick: () => undefined, stop: () => undefined };
  }
  const multi = new cliProgress.MultiBar(
    {
      stream: options.stderr,
      format: ' {bar} {percentage}% | {value}/{total} | {item}',
      hideCursor: true,
      clearOnComplete: true,
      stopOnComplete: false,
      barsize: 30,
    },
    cliProgress.Presets.shades_classic,
  );
  const bar = multi.create(options.total, 0, { item: '' });
  return {
    log(line) {
      if (options.quiet !== true) multi.log(`${line}\n`);
    },
    tick(label) {
      bar.increment(1, { item: label.length > 50 ? `…${label.slice(-49)}` : label });
    },
    stop() {
      // Lines logged since the last redraw are only written on a redraw: flush them before stopping.
      multi.update();
      multi.stop();
    },
  };
}
