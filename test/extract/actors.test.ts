import { describe, it, before } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { extractActors, unnamedPerson, type ActorResult } from '../../src/extract/actors.ts';
import { extract } from '../../src/extract/index.ts';
import { loadGazetteer, type Gazetteer } from '../../src/extract/gazetteer.ts';
import type { Actor, Attribution } from '../../src/extract/types.ts';
import { REFERENCE_PATH, referenceAttributions } from './reference-attributions.ts';
import { attributionOf } from '../helpers/attribution.ts';

let gazetteer: Gazetteer;
let text: string;
let result: ActorResult;
before(() => {
  gazetteer = loadGazetteer();
  text = readFileSync(REFERENCE_PATH, 'utf8');
  result = extractActors(text, referenceAttributions(text), gazetteer);
});

function actor(name: string): Actor {
  const a = result.actors.find((x) => x.name === name);
  assert.ok(a !== undefined, `actor ${name} exists; have ${result.actors.map((x) => x.name).join(', ')}`);
  return a;
}

function buildAttribution(id: string, doc: string, source: string, cue: string, from = 0): Attribution {
  const s = doc.indexOf(source, from);
  const c = doc.indexOf(cue, s + source.length);
  return attributionOf(id, { source: { start: s, end: s + source.length, text: source, actor: null }, cue: { start: c, end: c + cue.length, text: cue }, content: [] });
}

/** An attribution whose cue may come before its source ("said the man"), with optional content and no source when `source` is null. */
function buildAround(id: string, doc: string, source: string | null, cue: string, opts: { from?: number; content?: string } = {}): Attribution {
  const from = opts.from ?? 0;
  const s = source === null ? -1 : doc.indexOf(source, from);
  let c = doc.indexOf(cue, s < 0 ? from : s + (source ?? '').length);
  if (c < 0) c = doc.indexOf(cue, from);
  const k = opts.content === undefined ? -1 : doc.indexOf(opts.content, from);
  const content = opts.content === undefined ? [] : [{ start: k, end: k + opts.content.length, text: opts.content }];
  return attributionOf(id, {
    source: source === null ? null : { start: s, end: s + source.length, text: source, actor: null },
    cue: { start: c, end: c + cue.length, text: cue },
    content,
  });
}

describe('extractActors', () => {
  it('keeps a title and affiliation apart from the name and merges the surname', () => {
    const b = actor('Vadym Boychenko');
    assert.deepEqual([b.type, b.role, b.affiliation], ['person', 'Mayor', 'Mariupol']);
    assert.ok(b.aliases?.includes('Boychenko'));
    assert.equal(b.mentions.length, 4);
  });

  it('reads a congressman with party and state', () => {
    const m = actor('Seth Moulton');
    assert.deepEqual([m.role, m.affiliation], ['Rep.', 'D-Massachusetts']);
  });

  it('reads a demonym before a title as the affiliation', () => {
    const z = actor('Volodymyr Zelenskyy');
    assert.deepEqual([z.role, z.affiliation], ['President', 'Ukraine']);
  });

  it('merges an acronym and a lower-case mention with the full name of an international body', () => {
    const icrc = actor('International Committee of the Red Cross');
    assert.ok(icrc.aliases?.includes('ICRC'));
    const icc = actor('International Criminal Court');
    assert.equal(icc.type, 'international_body');
    assert.ok(icc.aliases?.includes('international criminal court'));
  });

  it('records the Kremlin as the Russian government and merges "Russia" as a speaker into it', () => {
    const gov = actor('Russian government');
    assert.equal(gov.type, 'government');
    assert.ok(gov.aliases?.includes('Kremlin'));
    assert.equal(result.speakerOf.a12, gov.id);
  });

  it('types collective groups as groups with their affiliation', () => {
    const g = actor('U.S. defense officials');
    assert.deepEqual([g.type, g.affiliation], ['group', 'United States']);
    assert.equal(actor('Russian soldiers').type, 'group');
  });

  it('types organisations by their head word', () => {
    assert.equal(actor('Mariupol City Council').type, 'state_body');
    assert.equal(actor('ABC News').type, 'media');
    assert.equal(actor('Amnesty International').type, 'ngo');
    assert.equal(actor('Russian Army').type, 'armed_forces');
  });

  it('resolves speakers through names, surnames, pronouns and definite descriptions', () => {
    const id = (name: string): string => actor(name).id;
    assert.equal(result.speakerOf.a1, id('Vadym Boychenko'));
    assert.equal(result.speakerOf.a2, id('Vadym Boychenko'));
    assert.equal(result.speakerOf.a3, id('Mariupol City Council'));
    assert.equal(result.speakerOf.a4, id('Mariupol City Council'), '"The statement" is the council’s');
    assert.equal(result.speakerOf.a10, id('Seth Moulton'), '"He" is the previous speaker');
    assert.equal(result.speakerOf.a11, id('Amnesty International'), '"The organization" is the last organisation');
    assert.equal(result.speakerOf.a7, null);
  });

  it('links a role description to the actor holding the role', () => {
    const doc = 'Kharkiv Mayor Ihor Petrenko said the market burned. The mayor added that nobody was hurt.';
    const r = extractActors(doc, [buildAttribution('a1', doc, 'Kharkiv Mayor Ihor Petrenko', 'said'), buildAttribution('a2', doc, 'The mayor', 'added')], gazetteer);
    assert.equal(r.speakerOf.a2, r.speakerOf.a1);
  });

  it('links an acronym given in parentheses to its organisation', () => {
    const doc = 'The Eastern Detention Research Network (EDRN) published a report. EDRN said 58 were tortured.';
    const r = extractActors(doc, [], gazetteer);
    const org = r.actors.find((a) => a.name === 'Eastern Detention Research Network');
    assert.equal(org?.mentions.length, 3);
    assert.ok(org?.aliases?.includes('EDRN'));
  });

  it('reads an unknown acronym in running text as an organisation, but not places, headlines or common abbreviations', () => {
    const doc = 'Officers of the SBU detained him. US and UK officials, TV crews and 40 IDPs were there. RUSSIA INVADES UKRAINE was the headline.';
    const names = extractActors(doc, [], gazetteer).actors.map((a) => [a.name, a.type]);
    assert.deepEqual(names, [['SBU', 'organization']]);
  });

  it('lists every speaker of a joint source, the first as the speaker', () => {
    const doc = 'Amnesty International and Human Rights Watch said the strike killed 12 civilians. A spokesman for the International Criminal Court said the case is open.';
    const r = extractActors(doc, [buildAttribution('a1', doc, 'Amnesty International and Human Rights Watch', 'said'), buildAttribution('a2', doc, 'A spokesman for the International Criminal Court', 'said')], gazetteer);
    const id = (name: string): string | undefined => r.actors.find((a) => a.name === name)?.id;
    assert.equal(r.speakerOf.a1, id('Amnesty International'));
    assert.deepEqual(r.coSpeakersOf.a1, [id('Amnesty International'), id('Human Rights Watch')]);
    assert.equal(r.speakerOf.a2, id('International Criminal Court'));
    assert.equal(r.coSpeakersOf.a2, undefined);
  });

  it('resolves "she" and "he" to the latest person of that gender, from first names and titles', () => {
    const doc = 'Olena Shevchenko described the fire. Andriy Melnyk said the school burned. She said troops left. Ms. Bondar said roads were mined. Mr. Lysenko said so too. She added nothing. He said more.';
    const atts = [
      buildAttribution('a1', doc, 'Andriy Melnyk', 'said'),
      buildAttribution('a2', doc, 'She', 'said', doc.indexOf('burned')),
      buildAttribution('a5', doc, 'Ms. Bondar', 'said'),
      buildAttribution('a6', doc, 'Mr. Lysenko', 'said'),
      buildAttribution('a3', doc, 'She', 'added', doc.indexOf('Lysenko')),
      buildAttribution('a4', doc, 'He', 'said', doc.indexOf('nothing')),
    ];
    const r = extractActors(doc, atts, gazetteer);
    const id = (name: string): string | undefined => r.actors.find((a) => a.name === name)?.id;
    assert.equal(r.speakerOf.a2, id('Olena Shevchenko'), 'a woman named earlier, not the nearer man');
    assert.equal(r.speakerOf.a3, id('Bondar'), '"Ms." marks a woman');
    assert.equal(r.speakerOf.a4, id('Lysenko'), '"Mr." marks a man');
  });

  it('leaves "she" unresolved when every earlier person is a man', () => {
    const doc = 'Oleksandr Petrenko said the shelling lasted hours. She said she saw bodies.';
    const r = extractActors(doc, [buildAttribution('a1', doc, 'Oleksandr Petrenko', 'said'), buildAttribution('a2', doc, 'She', 'said')], gazetteer);
    assert.notEqual(r.speakerOf.a2, r.speakerOf.a1);
  });

  it('keeps sentence openers, party words and common words out of person names', () => {
    const doc = 'Donald Trump spoke. Democrat Hillary Clinton replied. Unlike Patriot, Mr. Clarke has few investors. Should Mr. Clarke fail, the candidate loses. Candidate Trump left. Labor Day came.';
    const r = extractActors(doc, [], gazetteer);
    const people = r.actors.filter((a) => a.type === 'person').map((a) => [a.name, a.affiliation, a.mentions.length]);
    assert.deepEqual(people, [['Donald Trump', null, 2], ['Hillary Clinton', 'Democrat', 1], ['Clarke', null, 2]]);
  });

  it('reads a capitalised word before a known surname as a common word only when the text writes it in lower case', () => {
    const names = (doc: string): (string | number)[][] => extractActors(doc, [], gazetteer).actors.map((a) => [a.name, a.mentions.length]);
    assert.deepEqual(names('Donald Trump spoke. Candidate Trump left. The candidate won.'), [['Donald Trump', 2]]);
    assert.deepEqual(names('Donald Trump spoke. Candidate Trump left.'), [['Donald Trump', 1], ['Candidate Trump', 1]]);
    assert.deepEqual(names('Donald Trump spoke. Candidate Trump left. The CANDIDATE won.'), [['Donald Trump', 1], ['Candidate Trump', 2]]);
  });

  it('links a description to an earlier actor only when its own modifiers fit that actor, and a ministry only to a government body', () => {
    const doc = 'The Dravnik Rights Centre said the camp was shelled. The Ostrelian defence ministry denied it. The ministry said troops were elsewhere. The regional health office said four died. The centre repeated its count.';
    const atts = [
      buildAttribution('a1', doc, 'The Dravnik Rights Centre', 'said'),
      buildAttribution('a2', doc, 'The Ostrelian defence ministry', 'denied'),
      buildAttribution('a3', doc, 'The ministry', 'said'),
      buildAttribution('a4', doc, 'The regional health office', 'said'),
      buildAttribution('a5', doc, 'The centre', 'repeated'),
    ];
    const r = extractActors(doc, atts, gazetteer);
    const of = (id: string): Actor | undefined => r.actors.find((a) => a.id === r.speakerOf[id]);
    assert.deepEqual([of('a2')?.name, of('a2')?.type], ['Ostrelian defence ministry', 'state_body'], 'a ministry with modifiers of its own is a new government body');
    assert.equal(r.speakerOf.a3, r.speakerOf.a2, '"the ministry" is the ministry named before, not the rights centre');
    assert.deepEqual([of('a4')?.name, of('a4')?.type], ['regional health office', 'state_body']);
    assert.equal(r.speakerOf.a5, r.speakerOf.a1, 'a bare "the centre" still links back');
  });

  it('resolves "which" and "who" to the noun phrase right before the comma', () => {
    const doc =
      'A court clerk said the ruling was due. The Ostrelian interior ministry, which has denied the raid, did not comment. Amira Tosk spoke to reporters. Observers from the Halden Institute, who visited the site, estimate 12 died. Vera Holm said the bridge fell. Engineers from the Pelk Bureau, who inspected it, disagreed.';
    const atts = [
      buildAttribution('a1', doc, 'A court clerk', 'said'),
      buildAttribution('a2', doc, 'The Ostrelian interior ministry', 'did not comment'),
      buildAttribution('a3', doc, 'which', 'has denied'),
      buildAttribution('a4', doc, 'Observers from the Halden Institute', 'estimate'),
      buildAttribution('a5', doc, 'who', 'visited'),
      buildAttribution('a6', doc, 'Vera Holm', 'said'),
      buildAttribution('a7', doc, 'who', 'inspected', doc.indexOf('Pelk')),
    ];
    const r = extractActors(doc, atts, gazetteer);
    const name = (id: string): string | undefined => r.actors.find((a) => a.id === r.speakerOf[id])?.name;
    assert.equal(r.speakerOf.a3, r.speakerOf.a2, `"which" is the ministry, not ${name('a3')}`);
    assert.equal(r.speakerOf.a5, r.speakerOf.a4, `"who" is the observers, not ${name('a5')}`);
    assert.equal(name('a7'), 'Pelk Bureau', 'the engineers’ bureau, not the latest speaker');
  });

  it('types an unnamed singular person as a person, so that "he" and "she" reach them before a person named only as an object', () => {
    const doc = 'Prosecutors say Colonel Arvid Mensk ordered the raid. A former guard said the cells were full. He said nobody was fed. A woman in the queue said shells fell at noon. Kaspar Lind said nothing. She said two died.';
    const atts = [
      buildAttribution('a1', doc, 'A former guard', 'said'),
      buildAttribution('a2', doc, 'He', 'said'),
      buildAttribution('a3', doc, 'A woman in the queue', 'said'),
      buildAttribution('a4', doc, 'Kaspar Lind', 'said'),
      buildAttribution('a5', doc, 'She', 'said'),
    ];
    const r = extractActors(doc, atts, gazetteer);
    const of = (id: string): Actor | undefined => r.actors.find((a) => a.id === r.speakerOf[id]);
    assert.equal(of('a1')?.type, 'person');
    assert.equal(r.speakerOf.a2, r.speakerOf.a1, `"He" is the guard, not ${of('a2')?.name}`);
    assert.equal(r.speakerOf.a5, r.speakerOf.a3, `"She" is the woman, not ${of('a5')?.name}`);
  });

  it('marks as unnamed exactly the persons read from an indefinite description, not a name that opens lower-case', () => {
    const doc = 'A protected witness said the cells were full. Later, Ms. van Dijk said the guards had left. One survivor said water ran out.';
    const atts = [buildAttribution('a1', doc, 'A protected witness', 'said'), buildAttribution('a2', doc, 'Ms. van Dijk', 'said'), buildAttribution('a3', doc, 'One survivor', 'said')];
    const r = extractActors(doc, atts, gazetteer);
    const of = (id: string): Actor | undefined => r.actors.find((a) => a.id === r.speakerOf[id]);
    assert.deepEqual(
      ['a1', 'a2', 'a3'].map((id) => [of(id)?.name, of(id) !== undefined && unnamedPerson(of(id) as Actor)]),
      [
        ['A protected witness', true],
        ['van Dijk', false],
        ['One survivor', true],
      ],
    );
  });

  it('reads an indefinite person described by a lower-case group as that person, whom "the official" names again', () => {
    const doc = 'A senior military official said an inquiry had begun. The official said it would take weeks. A regional police officer said fragments were found.';
    const atts = [buildAttribution('a1', doc, 'A senior military official', 'said'), buildAttribution('a2', doc, 'The official', 'said'), buildAttribution('a3', doc, 'A regional police officer', 'said')];
    const r = extractActors(doc, atts, gazetteer);
    const of = (id: string): Actor | undefined => r.actors.find((a) => a.id === r.speakerOf[id]);
    assert.deepEqual([of('a1')?.name, of('a1')?.type], ['A senior military official', 'person']);
    assert.equal(r.speakerOf.a2, r.speakerOf.a1);
    assert.deepEqual([of('a3')?.name, of('a3')?.type], ['A regional police officer', 'person']);
  });

  it('keeps "Justice Minister" as a role, not part of the name', () => {
    const doc = 'Justice Minister Sabine Oduya said the camp was full. Oduya said more.';
    const atts = [buildAttribution('a1', doc, 'Justice Minister Sabine Oduya', 'said'), buildAttribution('a2', doc, 'Oduya', 'said')];
    const r = extractActors(doc, atts, gazetteer);
    const of = (id: string): Actor | undefined => r.actors.find((a) => a.id === r.speakerOf[id]);
    assert.deepEqual([of('a1')?.name, of('a1')?.role], ['Sabine Oduya', 'Justice Minister']);
    assert.equal(r.speakerOf.a2, r.speakerOf.a1);
  });

  it('gives "the organisation" to the body that spoke, not one only talked about since', () => {
    const doc = 'The Harlow Rights Watch said 14 detainees died. Mayor Teodor Hask said the ministers should open the camp to the Harlow Relief Society. The organisation said it would publish its report.';
    const atts = [
      buildAttribution('a1', doc, 'The Harlow Rights Watch', 'said'),
      { ...buildAttribution('a2', doc, 'Mayor Teodor Hask', 'said'), content: [{ start: doc.indexOf('the ministers'), end: doc.indexOf('Society.') + 7, text: 'the ministers should open the camp to the Harlow Relief Society' }] },
      buildAttribution('a3', doc, 'The organisation', 'said'),
    ];
    const r = extractActors(doc, atts, gazetteer);
    assert.equal(r.speakerOf.a3, r.speakerOf.a1);
  });

  it('keeps a plural people\'s possessive inside an organisation\'s name, so "the network" links back', () => {
    const doc = "The Marrow Valley Women's Network said 19 cases were reported. The network said it could not verify every account.";
    const atts = [buildAttribution('a1', doc, "The Marrow Valley Women's Network", 'said'), buildAttribution('a2', doc, 'The network', 'said')];
    const r = extractActors(doc, atts, gazetteer);
    const of = (id: string): Actor | undefined => r.actors.find((a) => a.id === r.speakerOf[id]);
    assert.deepEqual([of('a1')?.name, of('a1')?.type], ["Marrow Valley Women's Network", 'ngo']);
    assert.equal(r.speakerOf.a2, r.speakerOf.a1);
  });

  it('gives a bare "the council" or "the directorate" the body a fuller description named before', () => {
    const doc = 'In a video shared by the Dunmere city council, a nurse carries a child. The council said she was on her way to work. Records collected by the provincial health directorate list 118 dead. The directorate cautioned that the toll is higher.';
    const atts = [buildAttribution('a1', doc, 'The council', 'said'), buildAttribution('a2', doc, 'The directorate', 'cautioned')];
    const r = extractActors(doc, atts, gazetteer);
    const of = (id: string): Actor | undefined => r.actors.find((a) => a.id === r.speakerOf[id]);
    assert.deepEqual([of('a1')?.name, of('a1')?.type], ['Dunmere city council', 'state_body']);
    assert.deepEqual([of('a2')?.name, of('a2')?.type], ['provincial health directorate', 'state_body']);
  });

  it('reads a lone surname that would be a group as the person named so before', () => {
    const doc = 'The vote was close, President Varek said on Monday. According to Varek, the count took two days.';
    const s2 = doc.lastIndexOf('Varek');
    const c2 = doc.indexOf('According to');
    const atts = [
      buildAttribution('a1', doc, 'President Varek', 'said'),
      attributionOf('a2', { source: { start: s2, end: s2 + 5, text: 'Varek', actor: null }, cue: { start: c2, end: c2 + 12, text: 'According to' }, content: [] }),
    ];
    const r = extractActors(doc, atts, gazetteer);
    const of = (id: string): Actor | undefined => r.actors.find((a) => a.id === r.speakerOf[id]);
    assert.equal(of('a1')?.type, 'person');
    assert.equal(r.speakerOf.a2, r.speakerOf.a1);
  });

  it('keeps a plural possessive with a bare apostrophe inside a name, and reads a lone first word of a body\'s name as that body', () => {
    const doc = "The Kestrel Farmers' Union said 60 members were missing. The union said families were not warned. The Ostwater Institute said the reservoir was full. According to Ostwater, the operator refused to release water.";
    const s4 = doc.lastIndexOf('Ostwater');
    const c4 = doc.indexOf('According to');
    const atts = [
      buildAttribution('a1', doc, "The Kestrel Farmers' Union", 'said'),
      buildAttribution('a2', doc, 'The union', 'said'),
      buildAttribution('a3', doc, 'The Ostwater Institute', 'said'),
      attributionOf('a4', { source: { start: s4, end: s4 + 8, text: 'Ostwater', actor: null }, cue: { start: c4, end: c4 + 12, text: 'According to' }, content: [] }),
    ];
    const r = extractActors(doc, atts, gazetteer);
    const of = (id: string): Actor | undefined => r.actors.find((a) => a.id === r.speakerOf[id]);
    assert.deepEqual([of('a1')?.name, of('a1')?.type], ["Kestrel Farmers' Union", 'organization']);
    assert.equal(r.speakerOf.a2, r.speakerOf.a1);
    assert.equal(r.speakerOf.a4, r.speakerOf.a3);
  });

  it('reads a first name given after a comma as the unnamed speaker\'s name, whom "she" then names', () => {
    const doc = 'Pavel Oster said the dam was safe. A local resident, who asked to be identified only by her first name, Mira, said the water came at night. "We had no warning," she said.';
    const atts = [
      buildAttribution('a1', doc, 'Pavel Oster', 'said'),
      buildAttribution('a2', doc, 'who', 'asked'),
      buildAttribution('a3', doc, 'A local resident, who asked to be identified only by her first name, Mira,', 'said'),
      buildAttribution('a4', doc, 'she', 'said'),
    ];
    const r = extractActors(doc, atts, gazetteer);
    const of = (id: string): Actor | undefined => r.actors.find((a) => a.id === r.speakerOf[id]);
    assert.equal(of('a3')?.name, 'Mira');
    assert.equal(r.speakerOf.a4, r.speakerOf.a3);
  });

  it('reads "asked not to be named" as a request, not a question, so "she" stays with the unnamed speaker', () => {
    const doc = 'Anna Petrova said the dam was safe. A local woman, who asked not to be named, said the water came at night. "We had no warning," she said.';
    const atts = [
      buildAttribution('a1', doc, 'Anna Petrova', 'said'),
      buildAttribution('a2', doc, 'A local woman, who asked not to be named,', 'said'),
      buildAttribution('a3', doc, 'who', 'asked'),
      buildAttribution('a4', doc, 'she', 'said'),
    ];
    const r = extractActors(doc, atts, gazetteer);
    const of = (id: string): Actor | undefined => r.actors.find((a) => a.id === r.speakerOf[id]);
    assert.equal(of('a2')?.name, 'A local woman');
    assert.equal(r.speakerOf.a4, r.speakerOf.a2);
  });

  it('reads a lone name that would be a group as the body named so before', () => {
    const doc = 'The fact-checking group Clearline said the video was filmed in Dunmere. According to Clearline, the metadata showed 10:42 a.m.';
    const s2 = doc.lastIndexOf('Clearline');
    const c2 = doc.indexOf('According to');
    const atts = [
      buildAttribution('a1', doc, 'The fact-checking group Clearline', 'said'),
      attributionOf('a2', { source: { start: s2, end: s2 + 9, text: 'Clearline', actor: null }, cue: { start: c2, end: c2 + 12, text: 'According to' }, content: [] }),
    ];
    const r = extractActors(doc, atts, gazetteer);
    assert.equal(r.speakerOf.a2, r.speakerOf.a1);
  });

  it('reads "another user" or "a blogger" as one unnamed person', () => {
    const doc = 'Another user said on Velkr that her cousin had died. A blogger said the video was old.';
    const atts = [buildAttribution('a1', doc, 'Another user', 'said'), buildAttribution('a2', doc, 'A blogger', 'said')];
    const r = extractActors(doc, atts, gazetteer);
    const of = (id: string): Actor | undefined => r.actors.find((a) => a.id === r.speakerOf[id]);
    assert.deepEqual([of('a1')?.type, of('a2')?.type], ['person', 'person']);
  });

  it('learns a person’s gender from the pronoun that named them ("Salako … He said … she said" is not Salako)', () => {
    const doc = 'Mayor Idris Salako of Dabe district told the Gazette by telephone that survivors described gunmen arriving on motorcycles shortly before dawn and firing at people as they fled toward the river. "The residents tell me they came from the east, maybe forty of them, and they shot anyone who ran," Salako said. "Women and children are among the dead."\n\nSalako said residents had counted 14 bodies and that at least 20 people were being treated for gunshot wounds and burns at the district clinic in Mado. He said several people were still missing, including two teachers.\n\nA resident who escaped with her three children, Amina Bello, said the attackers shouted that the village had been "helping the soldiers." "I hid in the maize field and watched them burn my neighbour\'s house," she said.';
    const x = extract(doc, { published: '2024-05-01' });
    const speaker = (source: string): string | undefined => {
      const a = x.attributions.find((t) => t.source?.text === source);
      return x.actors.find((actor) => actor.id === a?.source?.actor)?.name;
    };
    assert.equal(speaker('He'), 'Idris Salako');
    assert.equal(speaker('she'), 'Amina Bello');
  });

  it('reads a titled person with a full name before "of" as that person, of the place after it', () => {
    const doc = 'Mayor Idris Salako of Dabe district said the village was attacked. Salako said 14 people died. The Bank of Ostland said rates would rise.';
    const x = extract(doc, { published: '2024-05-01' });
    const of = (source: string) => x.actors.find((a) => a.id === x.attributions.find((t) => t.source?.text === source)?.source?.actor);
    const mayor = of('Mayor Idris Salako of Dabe district');
    assert.deepEqual([mayor?.name, mayor?.type, mayor?.role, mayor?.affiliation], ['Idris Salako', 'person', 'Mayor', 'Dabe']);
    assert.equal(of('Salako')?.id, mayor?.id);
    assert.equal(of('The Bank of Ostland')?.type !== 'person', true);
  });

  it('links "the government" back to a government, not to "government forces"', () => {
    const doc = 'The council blamed government forces for the attack. The government dismissed the accusation.';
    const atts = [buildAttribution('a1', doc, 'The council', 'blamed'), buildAttribution('a2', doc, 'The government', 'dismissed')];
    const r = extractActors(doc, atts, gazetteer);
    const of = (id: string): Actor | undefined => r.actors.find((a) => a.id === r.speakerOf[id]);
    assert.notEqual(of('a2')?.type, 'armed_forces');
  });

  it('reads "a person familiar with the investigation" as one unnamed person, whom "the official" can name again', () => {
    const doc =
      'A person familiar with the investigation said the convoy was stopped. A senior official familiar with the case said lists were kept. The official said the lists were burned.';
    const atts = [
      buildAttribution('a1', doc, 'A person familiar with the investigation', 'said'),
      buildAttribution('a2', doc, 'A senior official familiar with the case', 'said'),
      buildAttribution('a3', doc, 'The official', 'said'),
    ];
    const r = extractActors(doc, atts, gazetteer);
    const of = (id: string): Actor | undefined => r.actors.find((a) => a.id === r.speakerOf[id]);
    assert.deepEqual([of('a1')?.type, of('a2')?.type], ['person', 'person']);
    assert.equal(of('a3')?.id, of('a2')?.id);
  });

  it('types a country\'s army or armed forces named by its demonym as armed forces, with or without "the"', () => {
    const doc = 'Tarvessan army admits strike. The Ostlandic armed forces said the raid hit a depot. The army said nothing more.';
    const atts = [buildAttribution('a1', doc, 'Tarvessan army', 'admits'), buildAttribution('a2', doc, 'The Ostlandic armed forces', 'said'), buildAttribution('a3', doc, 'The army', 'said')];
    const r = extractActors(doc, atts, gazetteer);
    const of = (id: string): Actor | undefined => r.actors.find((a) => a.id === r.speakerOf[id]);
    assert.deepEqual([of('a1')?.name, of('a1')?.type], ['Tarvessan army', 'armed_forces']);
    assert.deepEqual([of('a2')?.name, of('a2')?.type], ['Ostlandic armed forces', 'armed_forces']);
    assert.equal(r.speakerOf.a3, r.speakerOf.a1, '"the army" is the army named before');
  });

  it('builds no actor from a bare pronoun and never links a later description to one', () => {
    const doc = 'It was reported that the dam failed. The vigilante group said it was not involved. They said so twice.';
    const atts = [buildAttribution('a1', doc, 'It', 'was reported'), buildAttribution('a2', doc, 'The vigilante group', 'said'), buildAttribution('a3', doc, 'They', 'said', doc.indexOf('involved'))];
    const r = extractActors(doc, atts, gazetteer);
    assert.equal(r.speakerOf.a1, null);
    assert.deepEqual(
      r.actors.map((a) => a.name),
      ['vigilante group'],
    );
    assert.equal(r.speakerOf.a3, r.speakerOf.a2);
  });

  it('keeps "Deputy", "Vice" and "Acting" in the role', () => {
    const r = extractActors('Deputy Minister Oleg Varn spoke. Acting Mayor Lena Dorsk replied. Vice Chancellor Ivo Petz left.', [], gazetteer);
    assert.deepEqual(
      r.actors.map((a) => [a.name, a.role]),
      [['Oleg Varn', 'Deputy Minister'], ['Lena Dorsk', 'Acting Mayor'], ['Ivo Petz', 'Vice Chancellor']],
    );
  });

  it('prefers the person named in an appositive and keeps relative clauses out of group names', () => {
    const doc = 'The head of the Orlen Water Authority, Jana Kovic, said the pipes burst. Relatives of the detainees, who gathered outside, said they were not told.';
    const atts = [buildAttribution('a1', doc, 'The head of the Orlen Water Authority, Jana Kovic,', 'said'), buildAttribution('a2', doc, 'Relatives of the detainees, who gathered outside,', 'said')];
    const r = extractActors(doc, atts, gazetteer);
    const name = (id: string): string | undefined => r.actors.find((a) => a.id === r.speakerOf[id])?.name;
    assert.equal(name('a1'), 'Jana Kovic');
    assert.equal(name('a2'), 'Relatives of the detainees');
    const unit = 'The leader of the Silver Oak brigade, Ilya Morek, said the bridge fell.';
    const u = extractActors(unit, [buildAttribution('a1', unit, 'The leader of the Silver Oak brigade, Ilya Morek,', 'said')], gazetteer);
    assert.equal(u.actors.find((a) => a.id === u.speakerOf.a1)?.name, 'Ilya Morek', 'not a name inside the description before the appositive');
  });

  it('gives "she" to the story\'s speaker, not an unnamed person met only inside her content', () => {
    const doc =
      'Lina Darov, spokesperson for the Ostel Mission, said a patrol had reached Vask. The spokesperson confirmed that a patrol leader had been told to turn back. Asked about the camps, she said a request remained unanswered.';
    const atts = [
      buildAround('a1', doc, 'Lina Darov, spokesperson for the Ostel Mission,', 'said'),
      buildAround('a2', doc, 'The spokesperson', 'confirmed', { content: 'that a patrol leader had been told to turn back' }),
      buildAround('a3', doc, 'a patrol leader', 'had been told'),
      buildAround('a4', doc, 'she', 'said', { from: doc.indexOf('Asked') }),
    ];
    const r = extractActors(doc, atts, gazetteer);
    const name = (id: string): string | undefined => r.actors.find((a) => a.id === r.speakerOf[id])?.name;
    assert.equal(name('a2'), 'Lina Darov', 'the spokesperson the appositive described, not a body');
    assert.equal(name('a4'), 'Lina Darov');
  });

  it('gives "he" to the unnamed subject of a sentence left without a source, never to the byline body', () => {
    const doc = 'An investigation by the Marrow Desk\n\nThree former soldiers told us the street was cleared. A fourth soldier, still serving, disputed this account. He said in a text message that the men were armed.';
    const atts = [buildAround('a1', doc, 'Three former soldiers', 'told'), buildAround('a2', doc, null, 'disputed'), buildAround('a3', doc, 'He', 'said')];
    const r = extractActors(doc, atts, gazetteer);
    const of = (id: string): Actor | undefined => r.actors.find((a) => a.id === r.speakerOf[id]);
    assert.deepEqual([of('a3')?.name, of('a3')?.type], ['A fourth soldier', 'person']);
    assert.equal(r.actors.find((a) => a.name === 'Marrow Desk')?.type, 'organization', '"the" before an untitled name with no first name makes a body');
  });

  it('gives "it" to the one body that spoke right before', () => {
    const doc = 'Ranvik police named a suspect. The Ardavian army\'s press service said the bridge was mined. It posted a video of the blast.';
    const atts = [buildAround('a1', doc, "The Ardavian army's press service", 'said'), buildAround('a2', doc, 'It', 'posted')];
    const r = extractActors(doc, atts, gazetteer);
    assert.equal(r.speakerOf.a2, r.speakerOf.a1);
  });

  it('reads a transcript label with a name in parentheses as that person, and a bare label or surname label after it', () => {
    const doc = 'An interview with Dr. Sefa Orlun, a pathologist.\n\nHOST (Kiran Vell): What did you find?\n\nORLUN: Eleven bodies.\n\nHOST: Were they soldiers?\n';
    const atts = [
      buildAround('a1', doc, 'HOST (Kiran Vell)', ':'),
      buildAround('a2', doc, 'ORLUN', ':', { from: doc.indexOf('ORLUN') }),
      buildAround('a3', doc, 'HOST', ':', { from: doc.indexOf('Eleven') }),
    ];
    const r = extractActors(doc, atts, gazetteer);
    const of = (id: string): Actor | undefined => r.actors.find((a) => a.id === r.speakerOf[id]);
    assert.deepEqual([of('a1')?.name, of('a1')?.role], ['Kiran Vell', 'Host']);
    assert.equal(of('a2')?.name, 'Sefa Orlun');
    assert.equal(r.speakerOf.a3, r.speakerOf.a1);
    assert.ok(!r.actors.some((a) => a.name === 'HOST'), 'a label is no organisation');
  });

  it('links a description back through an appositive or a name given after it', () => {
    const doc =
      'Father Mikael Sorn, the parish priest, said women came in tears. The priest added that one was beaten. "They took them," said the man, who gave his name only as Rustam. A Telegram channel close to the militia, Pine Front, posted a video. The channel claimed the bus was warned.';
    const atts = [
      buildAround('a1', doc, 'Father Mikael Sorn, the parish priest,', 'said'),
      buildAround('a2', doc, 'The priest', 'added'),
      buildAround('a3', doc, 'the man', 'said', { from: doc.indexOf('They took') }),
      buildAround('a4', doc, 'A Telegram channel close to the militia, Pine Front,', 'posted'),
      buildAround('a5', doc, 'The channel', 'claimed'),
    ];
    const r = extractActors(doc, atts, gazetteer);
    const of = (id: string): Actor | undefined => r.actors.find((a) => a.id === r.speakerOf[id]);
    assert.equal(of('a2')?.name, 'Mikael Sorn');
    assert.deepEqual([of('a3')?.name, of('a3')?.type], ['Rustam', 'person']);
    assert.equal(r.speakerOf.a5, r.speakerOf.a4, `"the channel" is Pine Front, not ${of('a5')?.name}`);
  });

  it('links the tail of a name seen before to it and keeps an armed group\'s name whole', () => {
    const doc = 'The Sarnak Memory Society put the toll at 97. The Memory Society said it stood by its findings. The Northern Defence Units said their forces evacuated civilians. The Florida Democratic Party met. The Democratic Party said nothing.';
    const atts = [buildAround('a1', doc, 'The Memory Society', 'said'), buildAround('a2', doc, 'The Northern Defence Units', 'said'), buildAround('a3', doc, 'The Democratic Party', 'said')];
    const r = extractActors(doc, atts, gazetteer);
    const of = (id: string): Actor | undefined => r.actors.find((a) => a.id === r.speakerOf[id]);
    assert.equal(of('a1')?.name, 'Sarnak Memory Society');
    assert.deepEqual([of('a2')?.name, of('a2')?.type], ['Northern Defence Units', 'armed_forces']);
    assert.equal(of('a3')?.name, 'Democratic Party', 'a state party is not the party');
  });

  it('never throws and keeps offsets inside the text for any input', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom('Mayor', 'John', 'Smith', 'said', 'he', 'The', 'Council', 'of', 'the', 'ICC', 'Russian', 'troops', ',', '.', '“', 'Kremlin', 'Ünal'), { maxLength: 40 }), (parts) => {
        const doc = parts.join(' ');
        const r = extractActors(doc, [], gazetteer);
        for (const a of r.actors) {
          for (const [s, e] of a.mentions) assert.ok(s >= 0 && s < e && e <= doc.length);
        }
      }),
      { numRuns: 200 },
    );
  });
});
