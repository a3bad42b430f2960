// Generates short FICTIONAL news reports for the queue tests and bench/workers.ts. Every town, outlet,
// person and organisation named here is invented; no report describes a real event or quotes a real person.

const TOWNS = [
  'Varnholm',
  'Ostrel',
  'Hollin',
  'Pellan',
  'Dravik',
  'Sorrow Bay',
  'Kettlemere',
  'Ansel',
  'Brightwater',
  'Lorne',
  'Tessaly',
  'Quarrow',
];
const OUTLETS = [
  'Ostrel Courier',
  'Radio Pellan',
  'The Hollin Ledger',
  'Northern Wire',
  'Valley Post',
  'Harbour Times',
];
const SPEAKERS = [
  'Mayor Irena Kovalde',
  'the regional council',
  'local volunteer Tomas Brell',
  'the Fictional Human Rights Watchers group',
  'a spokesperson for the provincial governor',
  'the harbour police chief, Anna Sveld',
];
const EVENTS = [
  (n: number, town: string) => `at least ${n} civilians were killed when shells hit the market in ${town}`,
  (n: number, town: string) =>
    `${n} people were detained at a checkpoint outside ${town} and have not been seen since`,
  (n: number, town: string) =>
    `the grain store in ${town} was burned on purpose, destroying ${n} tonnes of wheat`,
  (n: number, town: string) => `soldiers blocked an aid convoy of ${n} trucks from reaching ${town}`,
];

const FILLER = [
  'an old mill',
  'a closed school',
  'two farms',
  'a bus depot',
  'the river ford',
  'a pine wood',
  'a petrol station',
];

/** One generated report: a file name and its text. */
export interface FictionalReport {
  readonly name: string;
  readonly text: string;
}

/**
 * `count` fictional reports, deterministic for a given count: each tells one of a dozen invented events
 * (town × kind) through a different outlet, speaker and stance, so several reports share an allegation.
 */
export function fictionalReports(count: number, words = 0): FictionalReport[] {
  const out: FictionalReport[] = [];
  for (let i = 0; i < count; i++) {
    const town = TOWNS[i % TOWNS.length] as string;
    const event = EVENTS[Math.floor(i / TOWNS.length) % EVENTS.length] as (n: number, town: string) => string;
    const outlet = OUTLETS[i % OUTLETS.length] as string;
    const speaker = SPEAKERS[(i * 7) % SPEAKERS.length] as string;
    const figure = 10 + ((i * 13) % 90);
    const day = 1 + (i % 27);
    const claim = event(figure, town);
    const lines = [
      `FICTIONAL REPORT ${i + 1}. ${outlet}, March ${day}, 2031.`,
      `${capitalise(speaker)} said on Tuesday that ${claim}, citing eyewitness accounts.`,
      `"We saw it with our own eyes," a resident of ${town} told the ${outlet}.`,
      i % 3 === 0
        ? `Officials in the capital have not confirmed the account.`
        : i % 3 === 1
          ? `The defence ministry denied that its forces were involved.`
          : `Investigators from the Fictional Commission said they would examine the reports.`,
    ];
    let text = lines.join(' ');
    while (text.split(/\s+/).length < words) {
      // Neutral narrative filler (no reported speech), so longer reports do not multiply attributions.
      text += ` The road from ${town} to the coast runs past ${FILLER[(text.length + i) % FILLER.length] as string} near kilometre ${(text.length % 97) + 1}.`;
    }
    out.push({ name: `report-${String(i + 1).padStart(4, '0')}.txt`, text: `${text}\n` });
  }
  return out;
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
