// Unit tests of the stance, basis and channel rules on constructions the lexicons alone misread.
// Sentences are fictional.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { TokenRange } from '../../src/extract/attribution-features.ts';
import { stanceOf } from '../../src/extract/stance.ts';
import { basisOf } from '../../src/extract/basis.ts';
import { channelOf } from '../../src/extract/channel.ts';
import { at, spanOf } from '../helpers/spans.ts';

describe('stanceOf', () => {
  const cases: readonly (readonly [string, string, string, string])[] = [
    // a refusal to speak says nothing about the content
    ['The Varn defence ministry did not respond to a request for comment.', 'did not respond to', 'a request for comment', 'not_confirmed'],
    ['The Varn defence ministry did not immediately respond to questions.', 'respond', 'to questions', 'not_confirmed'],
    ['He did not comment on the post.', 'did not comment on', 'the post', 'not_confirmed'],
    ["The council didn't comment on the claim.", 'comment on', 'the claim', 'not_confirmed'],
    ['A spokesperson for the army declined to say whether the bus existed.', 'declined', 'to say whether the bus existed', 'not_confirmed'],
    ['The mayor declined to comment.', 'declined to comment', 'The mayor', 'not_confirmed'],
    ['The prosecutor declined to name the officers.', 'declined', 'to name the officers', 'not_confirmed'],
    // a question put to the speaker
    ['Asked about the convoy, the minister said it had turned back.', 'Asked about', 'the convoy', 'hedge'],
    // the content's own opening clause: a possibility, an inability to find out, a claim called false
    ["The army said troops 'may have been engaged elsewhere' at the time.", 'said', "troops 'may have been engaged elsewhere' at the time", 'hedge'],
    ['The commission said it could not yet determine who fired the missiles.', 'said', 'it could not yet determine who fired the missiles', 'not_confirmed'],
    ['"These are lies designed to cover up their crimes," he wrote.', 'wrote', '"These are lies designed to cover up their crimes,"', 'deny'],
    ['"We have seen no evidence of that," the official said.', 'said', '"We have seen no evidence of that,"', 'not_confirmed'],
    ['"It is absurd that you had 400 delegates before the race," he said.', 'said', '"It is absurd that you had 400 delegates before the race,"', 'assert'],
    ['"Zip codes should not determine destiny," she said.', 'said', '"Zip codes should not determine destiny,"', 'assert'],
    // a claim the sentence goes on to call unchecked; an inquiry's standard of proof
    ['Claims that the convoy was shelled remain unverified.', 'Claims', 'that the convoy was shelled', 'not_confirmed'],
    ['The Commission has reasonable grounds to believe that the militia executed 14 men.', 'has reasonable grounds to believe', 'that the militia executed 14 men', 'allege'],
    ['The footage could not be independently authenticated.', 'could not be independently authenticated', 'The footage', 'not_confirmed'],
    ['Major Orsk would not say whether anyone was arrested.', 'say', 'whether anyone was arrested', 'not_confirmed'],
    ['The monitors found no evidence that the video shows Drelny.', 'found', 'no evidence that the video shows Drelny', 'not_confirmed'],
    ['Inspectors have seen no sign of the convoy.', 'seen', 'no sign of the convoy', 'not_confirmed'],
    // denials by naming the accusation false, and a plea
    ['In a statement, the ministry called the accusations "a fabrication by hostile governments."', 'called', 'the accusations "a fabrication by hostile governments."', 'deny'],
    ['The army branded the report propaganda.', 'branded', 'the report propaganda', 'deny'],
    ['The governor described the claims as baseless.', 'described', 'the claims as baseless', 'deny'],
    ['Colonel Vasko has pleaded not guilty to all counts.', 'has pleaded', 'not guilty to all counts', 'deny'],
    ['The union called for an inquiry into the fake ballots.', 'called for', 'an inquiry into the fake ballots', 'assert'],
    ['The witness described the trucks as grey.', 'described', 'the trucks as grey', 'assert'],
    // "purports to" alleges; the impersonal passive hedges
    ['A short video purports to show men digging a trench.', 'purports to show', 'men digging a trench', 'allege'],
    ['The mayor, Dagmar Fell, is said to have ordered an inspection.', 'is said', 'to have ordered an inspection', 'hedge'],
    ['The gunman was widely reported to be a member of the group.', 'reported', 'to be a member of the group', 'hedge'],
    ['The theft was reported to police on Monday.', 'was reported', 'to police on Monday', 'assert'],
    // a participle keeps its own stance unless it only reports or names ("saying", "calling it")
    ['Counsel Iva Brenn rejected the charge, arguing that the depot had been used to store shells.', 'arguing', 'that the depot had been used to store shells', 'assert'],
    ['The Orlan ministry rejected the count, calling it "fabricated by rebel agents."', 'calling', 'it "fabricated by rebel agents."', 'deny'],
    ['The council made the charge on Monday, saying troops had burned the mill.', 'saying', 'troops had burned the mill', 'allege'],
    ['Some accounts may have been created last month, according to the Velk Lab.', 'according to', 'Some accounts may have been created last month', 'hedge'],
    // a negated verb of showing, or support not given, leaves the content unestablished
    ['Video does not show mass grave near Drelny', 'does not show', 'mass grave near Drelny', 'not_confirmed'],
    ['The footage does not show the convoy.', 'does not show', 'the convoy', 'not_confirmed'],
    ['He did not provide evidence to support that claim.', 'did not provide evidence to support', 'that claim', 'not_confirmed'],
    ['He said the council had a list of names, but did not provide it.', 'did not provide', 'it', 'not_confirmed'],
    // "May" the month is no modal
    ['One of them, who left the army in May, said the order came by radio.', 'said', 'the order came by radio', 'assert'],
    ['A soldier said in May 2024 that the order came by radio.', 'said', 'that the order came by radio', 'assert'],
    ['The soldiers may have said the order came by radio.', 'said', 'the order came by radio', 'hedge'],
    // a cue inside a question or a claim found unsupported is asserted by nobody
    ['Asked whether the mission considered the killings a war crime, Ms. Abara said it was not for the mission to decide.', 'considered', 'the killings a war crime', 'hedge'],
    ['Asked whether the mission considered the killings a war crime, Ms. Abara said it was not for the mission to decide.', 'said', 'it was not for the mission to decide', 'assert'],
    ['A reporter asked if the army had said the road was open.', 'had said', 'the road was open', 'hedge'],
    ['This fact check found no evidence that the video shows events in Drelny.', 'shows', 'events in Drelny', 'hedge'],
    // a negated "rule out" or "exclude" leaves the content possible: a hedge, in the cue or as the speaker's own verb
    ['Colonel Rask said he could not rule out that civilians had been present.', 'said', 'he could not rule out that civilians had been present', 'hedge'],
    ['"We cannot exclude that shoppers were nearby," he told reporters.', 'told', '"We cannot exclude that shoppers were nearby,"', 'hedge'],
    ['The Orlan army did not rule out a second strike.', 'did not rule out', 'a second strike', 'hedge'],
    ['Colonel Rask said he had ruled out a second strike.', 'said', 'he had ruled out a second strike', 'assert'],
    ['Minister Oster told a briefing that the government could not rule out sabotage.', 'told', 'that the government could not rule out sabotage', 'hedge'],
    ['The mayor said the army could not exclude that the dam was hit.', 'said', 'the army could not exclude that the dam was hit', 'hedge'],
    // a refusal to give information says nothing; a refusal to give a thing is asserted
    ['Colonel Rask declined to give a figure for the dead.', 'declined', 'to give a figure for the dead', 'not_confirmed'],
    ['The ministry refused to provide details of the raid.', 'refused', 'to provide details of the raid', 'not_confirmed'],
    ['The court refused to give him bail.', 'refused', 'to give him bail', 'assert'],
    // unchanged readings
    ['Officials have not confirmed any deaths.', 'confirmed', 'any deaths', 'not_confirmed'],
    ['The ministry denied that troops entered Velka.', 'denied', 'that troops entered Velka', 'deny'],
    ['The mayor said the bridge was closed.', 'said', 'the bridge was closed', 'assert'],
    ['Not far away, the mayor said the bridge was closed.', 'said', 'the bridge was closed', 'assert'],
  ];
  for (const [text, cue, content, stance] of cases) {
    it(`reads "${cue}" in "${text}" as ${stance}`, () => {
      const { ctx, a } = at(text, cue, content);
      assert.equal(stanceOf(ctx, a), stance);
    });
  }
});

describe('basisOf', () => {
  const cases: readonly (readonly [string, string, string, readonly string[]])[] = [
    // imagery gives the reason for the claim
    ['The group said, based on satellite imagery, that the camp had doubled in size.', 'said', 'that the camp had doubled in size', ['imagery']],
    ['Analysts said an analysis of the footage placed the convoy in Rusk.', 'said', 'an analysis of the footage placed the convoy in Rusk', ['imagery']],
    ['Satellite imagery shows that a new building was put up in 2023.', 'shows', 'that a new building was put up in 2023', ['imagery']],
    ['The monitors said the video showed troops near the school.', 'said', 'the video showed troops near the school', ['imagery']],
    ['"We geolocated the clip to the bridge," the collective posted.', 'posted', '"We geolocated the clip to the bridge,"', ['imagery']],
    // forensic findings the claim rests on, not the story's topic or a missile
    ['The prosecutor said autopsies showed the men had been shot at close range.', 'said', 'autopsies showed the men had been shot at close range', ['forensic']],
    ['Its spokesman said that the grave contained fighters and accused officials of staging the exhumation.', 'said', 'that the grave contained fighters', []],
    ['Lawmakers said the ballistic missile program would be sanctioned.', 'said', 'the ballistic missile program would be sanctioned', []],
    // imagery as the topic, a weapon or a link
    ['The fact check found no evidence that the video shows events in Drelny.', 'found', 'no evidence that the video shows events in Drelny', []],
    ['Several pages claimed that the video was recorded last week.', 'claimed', 'that the video was recorded last week', []],
    ['The army said a government drone had struck the bridge.', 'said', 'a government drone had struck the bridge', []],
    ['A witness testified by video link that he saw soldiers near the school.', 'testified', 'that he saw soldiers near the school', []],
    ['Video does not show a mass grave near Drelny, the monitors said.', 'said', 'Video does not show a mass grave near Drelny', []],
    // forensic findings made, not announced; documents held, not demanded
    ['The court will hear forensic evidence next week, a spokesperson said.', 'said', 'The court will hear forensic evidence next week', []],
    ['The pathologist said autopsy results showed gunshot wounds.', 'said', 'autopsy results showed gunshot wounds', ['forensic']],
    ['The centre called on the government to release the medical records of six detainees.', 'called on', 'the government to release the medical records of six detainees', []],
    ['Researchers said court documents obtained from lawyers named the guards.', 'said', 'court documents obtained from lawyers named the guards', ['documents']],
    // the reference article's bases are kept
    ['The mayor said he heard eyewitness accounts of trucks.', 'said', 'he heard eyewitness accounts of trucks', ['eyewitness']],
    ['The senator said "credible sources" told him so.', 'said', '"credible sources" told him so', ['credible_sources']],
    ['The group said it interviewed more than 20 people.', 'said', 'it interviewed more than 20 people', ['interviews']],
    // counted testimony, people spoken to, people interviewed; not the speaker interviewed by the press
    ['The group said its estimate was based on testimony from 63 families.', 'said', 'its estimate was based on testimony from 63 families', ['interviews']],
    ['The mayor, who said he had spoken to more than twenty residents, described the raid.', 'said', 'he had spoken to more than twenty residents', ['interviews']],
    ['The council said it had interviewed survivors of the fire.', 'said', 'it had interviewed survivors of the fire', ['interviews']],
    ['The minister, who was interviewed on state radio, said the mill burned.', 'said', 'the mill burned', []],
    // the speaker's own people saw
    ['Monitors counted at least 14 destroyed houses and saw fresh graves in the cemetery, she said.', 'said', 'Monitors counted at least 14 destroyed houses and saw fresh graves in the cemetery', ['eyewitness']],
    ['The mayor said residents had left the village.', 'said', 'residents had left the village', []],
    // the next sentence lends its basis only when it says what this claim rests on
    ['The group said 40 houses burned. Its count is based on satellite imagery.', 'said', '40 houses burned', ['imagery']],
    ['The army said a drone hit the bridge. It posted a video showing a burning bus.', 'said', 'a drone hit the bridge', []],
    // pictures someone analysed, as the subject of "show"; a review still going on rests on nothing yet
    ['Satellite images analysed by the Orbis Monitoring Group show that 260 buildings were destroyed.', 'show', 'that 260 buildings were destroyed', ['imagery']],
    ['He conceded that the army was still reviewing footage from the area.', 'conceded', 'that the army was still reviewing footage from the area', []],
    ['Investigators said they had reviewed footage from the area.', 'said', 'they had reviewed footage from the area', ['imagery']],
  ];
  for (const [text, cue, content, basis] of cases) {
    it(`reads ${JSON.stringify(basis)} from "${text}"`, () => {
      const { ctx, a } = at(text, cue, content);
      assert.deepEqual(basisOf(ctx, a), basis);
    });
  }
  // a next sentence opened by a description of the source: only when the source names someone or holds that noun
  const sourced: readonly (readonly [string, string, string, string, readonly string[]])[] = [
    ['A report by Orlen Watch claims troops burned the mill. The organization said its researchers interviewed 30 villagers.', 'A report by Orlen Watch', 'claims', 'troops burned the mill', ['interviews']],
    ['The group, which has documented disappearances since 2019, put the toll at 97. The group said its estimate was based on satellite images.', 'which', 'has documented', 'disappearances since 2019', []],
  ];
  for (const [text, source, cue, content, basis] of sourced) {
    it(`reads ${JSON.stringify(basis)} from "${text}" with source "${source}"`, () => {
      const { ctx, a } = at(text, cue, content);
      const sources: TokenRange[] = [spanOf(ctx, text, source)];
      assert.deepEqual(basisOf(ctx, { ...a, sources }), basis);
    });
  }
});

describe('channelOf', () => {
  const cases: readonly (readonly [string, string, string, string | null])[] = [
    ['In an Instagram story, the Varn army later said it was "reviewing" its statement.', 'later said', 'it was "reviewing" its statement', 'an Instagram story'],
    ['Another resident told local radio that soldiers had closed the bridge.', 'told', 'that soldiers had closed the bridge', 'told local radio'],
    ['A protected witness testified by video link that he saw soldiers near the school.', 'testified', 'that he saw soldiers near the school', 'by video link'],
    ['"We geolocated the clip," the collective posted on Mastodon.', 'posted', '"We geolocated the clip,"', 'on Mastodon'],
    ['Demko wrote on Telegram that his fighters had blown up the bridge.', 'wrote', 'that his fighters had blown up the bridge', 'on Telegram'],
    ["Belisk said on the group's Telegram channel that the grave held fighters.", 'said', 'that the grave held fighters', "on the group's Telegram channel"],
    ['The prosecutor told reporters at the site that 47 bodies had been recovered.', 'told', 'that 47 bodies had been recovered', 'told reporters at the site'],
    ['Reid told reporters in Washington that the vote would wait.', 'told', 'that the vote would wait', 'told reporters in Washington'],
    ['The press service, in a tweet on Friday, said a drone had struck the bridge.', 'said', 'a drone had struck the bridge', 'a tweet on Friday'],
    ['The army posted a video showing a burning truck.', 'posted a video showing', 'a burning truck', 'posted a video'],
    ['The council issued a statement saying the roads were open.', 'saying', 'the roads were open', 'issued a statement'],
    // a medium with a modifier of time, and messages, before the source or inside the cue
    ['In an earlier statement, the ministry said the operation had been lawful.', 'said', 'the operation had been lawful', 'an earlier statement'],
    ['In a follow-up post, the collective said the clip was older.', 'said', 'the clip was older', 'a follow-up post'],
    ['He said in a text message that the men had been detained.', 'said in a text message', 'that the men had been detained', 'a text message'],
    ['She said in a voice message that the road was closed.', 'said', 'that the road was closed', 'a voice message'],
    // a voice note, a livestream, a platform's group, and the occasion a speaker told
    ['A police officer told reporters in a WhatsApp voice note that fragments had been found.', 'told', 'that fragments had been found', 'a WhatsApp voice note'],
    ['"The roof is down," the rescuer said in a livestream from the station.', 'said', '"The roof is down,"', 'a livestream from the station'],
    ['"I heard a whistle," one man wrote in a Facebook group for Dunmere residents.', 'wrote', '"I heard a whistle,"', 'a Facebook group for Dunmere residents'],
    ['The minister told a news conference that 900 people were held.', 'told', 'that 900 people were held', 'told a news conference'],
    ['Mayor Hask told a rally audience that the camp must open.', 'told', 'that the camp must open', 'told a rally audience'],
    // a medium put out in a later clause is not this cue's
    ['The monitors said the shelling went on, and the council later issued a statement.', 'said', 'the shelling went on', null],
    ['The mayor said the bridge was closed.', 'said', 'the bridge was closed', null],
  ];
  for (const [text, cue, content, channel] of cases) {
    it(`reads ${JSON.stringify(channel)} from "${text}"`, () => {
      const { ctx, a } = at(text, cue, content);
      assert.equal(channelOf(ctx, a), channel);
    });
  }
});
