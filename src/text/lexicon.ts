/**
 * Word lists the extractors use as features and rules: reporting verbs (all inflections), and the
 * cue words that signal stance, basis and channel. Hand-written; English only.
 */
import { hashWord } from './tokens.ts';

/** Irregular past forms of reporting verbs; regular ones are generated. */
const IRREGULAR: Readonly<Record<string, readonly string[]>> = {
  say: ['said'],
  tell: ['told'],
  write: ['wrote', 'written'],
  think: ['thought'],
  find: ['found'],
  show: ['shown'],
  speak: ['spoke', 'spoken'],
  hear: ['heard'],
  feel: ['felt'],
  know: ['knew', 'known'],
  see: ['saw', 'seen'],
  teach: ['taught'],
  give: ['gave', 'given'],
  put: ['put'],
  read: ['read'],
  swear: ['swore', 'sworn'],
  foresee: ['foresaw', 'foreseen'],
  predict: [],
};

/** Base forms of verbs that introduce reported speech, thought or claims. */
const REPORTING_BASES: readonly string[] = [
  'say', 'tell', 'write', 'think', 'find', 'show', 'speak', 'hear', 'feel', 'know', 'see', 'swear', 'read',
  'add', 'note', 'claim', 'allege', 'deny', 'confirm', 'report', 'announce', 'state', 'tweet', 'argue',
  'explain', 'insist', 'suggest', 'warn', 'acknowledge', 'admit', 'believe', 'ask', 'call', 'accuse',
  'describe', 'declare', 'testify', 'estimate', 'indicate', 'reveal', 'disclose', 'assert', 'contend',
  'maintain', 'predict', 'promise', 'vow', 'pledge', 'urge', 'demand', 'criticize', 'criticise', 'praise',
  'recall', 'remark', 'reply', 'respond', 'answer', 'concede', 'conclude', 'cite', 'quote', 'mention',
  'emphasize', 'stress', 'point', 'observe', 'comment', 'charge', 'complain', 'question', 'doubt', 'hope',
  'fear', 'worry', 'expect', 'agree', 'disagree', 'dispute', 'reject', 'dismiss', 'refuse', 'decline',
  'recommend', 'propose', 'proclaim', 'boast', 'joke', 'quip', 'shout', 'yell', 'scream', 'whisper',
  'post', 'blog', 'email', 'text', 'message', 'publish', 'broadcast', 'air', 'inform', 'notify', 'brief',
  'caution', 'threaten', 'signal', 'imply', 'hint', 'guess', 'assume', 'suspect', 'speculate', 'wonder',
  'acknowledge', 'affirm', 'reaffirm', 'reiterate', 'repeat', 'continue', 'counter', 'rebut', 'retort',
  'insinuate', 'estimate', 'calculate', 'forecast', 'project', 'conclude', 'determine', 'rule', 'judge',
  'endorse', 'support', 'oppose', 'condemn', 'blame', 'attack', 'slam', 'blast', 'defend', 'backtrack',
  'describe', 'label', 'dub', 'term', 'brand', 'characterize', 'portray', 'depict', 'frame', 'seem',
  'appear', 'want', 'wish', 'need', 'plan', 'intend', 'seek', 'try', 'recognize', 'realize', 'understand',
  'learn', 'discover', 'notice', 'detail', 'document', 'record', 'list', 'tout', 'highlight', 'underscore',
  'assure', 'reassure', 'convince', 'persuade', 'advise', 'instruct', 'order', 'direct', 'request', 'plead',
  'appeal', 'implore', 'beg', 'invite', 'challenge', 'dare', 'mock', 'ridicule', 'lament', 'regret',
  'apologize', 'thank', 'congratulate', 'welcome', 'celebrate', 'hail', 'applaud', 'lambaste', 'chide',
  'scold', 'rebuke', 'denounce', 'decry', 'deplore', 'protest', 'object', 'contest', 'refute', 'contradict',
  'verify', 'corroborate', 'substantiate', 'prove', 'demonstrate', 'establish', 'attest', 'certify',
  'guarantee', 'pronounce', 'opine', 'posit', 'theorize', 'hypothesize', 'reason', 'figure', 'believe',
];

function inflect(base: string): string[] {
  const forms = [base];
  const irregular = IRREGULAR[base];
  const consonantY = base.endsWith('y') && !/[aeiou]y$/.test(base);
  const third = consonantY ? `${base.slice(0, -1)}ies` : /(s|x|z|ch|sh)$/.test(base) ? `${base}es` : `${base}s`;
  forms.push(third);
  const stem = base.endsWith('e') && base !== 'see' ? base.slice(0, -1) : base;
  forms.push(`${stem}ing`);
  if (irregular !== undefined && irregular.length > 0) forms.push(...irregular);
  else forms.push(consonantY ? `${base.slice(0, -1)}ied` : base.endsWith('e') ? `${base}d` : `${base}ed`);
  return forms;
}

/** Every inflected form of a reporting verb, lowercase. */
export const REPORTING_VERBS: ReadonlySet<string> = new Set(REPORTING_BASES.flatMap(inflect));

/** Non-verb cue words: "according (to)", "statement", "interview", "report", … */
export const CUE_NOUNS: ReadonlySet<string> = new Set([
  'according', 'statement', 'statements', 'interview', 'interviews', 'report', 'reports', 'remarks',
  'comments', 'tweet', 'tweets', 'post', 'letter', 'testimony', 'speech', 'memo', 'email', 'emails',
  'press', 'conference', 'release', 'claim', 'claims', 'allegation', 'allegations', 'view', 'views',
  'opinion', 'words', 'quoted', 'quote', 'poll', 'polls', 'survey', 'study', 'data', 'analysis',
]);

/** Lexical classes as feature values. */
export const LexClass = { none: 0, reportingVerb: 1, cueNoun: 2, pronoun: 3, title: 4, negation: 5, modal: 6 } as const;

const PRONOUNS = ['he', 'she', 'they', 'we', 'i', 'it', 'you', 'who', 'his', 'her', 'their', 'him', 'them'];
const TITLES = [
  'president', 'senator', 'sen', 'rep', 'gov', 'governor', 'mayor', 'minister', 'secretary', 'spokesman',
  'spokeswoman', 'spokesperson', 'official', 'officials', 'director', 'chief', 'chairman', 'chair', 'leader',
  'candidate', 'general', 'gen', 'judge', 'attorney', 'lawyer', 'dr', 'mr', 'mrs', 'ms', 'prof', 'ceo',
  'analyst', 'expert', 'experts', 'aide', 'aides', 'adviser', 'advisers', 'advisor', 'source', 'sources',
  'representative', 'congressman', 'congresswoman', 'commissioner', 'ambassador', 'professor', 'police',
];
const NEGATIONS = ['not', 'no', 'never', 'n', 't', 'nor', 'neither', 'without'];
const MODALS = ['may', 'might', 'could', 'would', 'should', 'can', 'will', 'must', 'possibly', 'perhaps', 'likely'];

/** Hash of a lowercase word → {@link LexClass} value. */
export const LEX_CLASS: ReadonlyMap<number, number> = (() => {
  const m = new Map<number, number>();
  for (const w of MODALS) m.set(hashWord(w), LexClass.modal);
  for (const w of NEGATIONS) m.set(hashWord(w), LexClass.negation);
  for (const w of TITLES) m.set(hashWord(w), LexClass.title);
  for (const w of PRONOUNS) m.set(hashWord(w), LexClass.pronoun);
  for (const w of CUE_NOUNS) m.set(hashWord(w), LexClass.cueNoun);
  for (const w of REPORTING_VERBS) m.set(hashWord(w), LexClass.reportingVerb);
  return m;
})();
