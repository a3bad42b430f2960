// Sample sentences are fictional.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { detectLanguage, normaliseLanguageTag } from '../../src/capture/index.ts';

describe('detectLanguage', () => {
  it('detects English as en', () => {
    assert.equal(
      detectLanguage('The town council said on Tuesday that residents had seen soldiers digging behind the old brickworks at night.'),
      'en',
    );
  });

  it('detects French as fr', () => {
    assert.equal(
      detectLanguage("Les enquêteurs ont exhumé trente-sept corps derrière l'ancienne briqueterie, selon le rapport publié mercredi."),
      'fr',
    );
  });

  it('detects Ukrainian as uk', () => {
    assert.equal(
      detectLanguage('Міська рада заявила у вівторок, що мешканці бачили, як військові вночі копали за старою цегельнею.'),
      'uk',
    );
  });

  it('detects Russian as ru', () => {
    assert.equal(
      detectLanguage('Городской совет заявил во вторник, что жители видели, как военные ночью копали за старым кирпичным заводом.'),
      'ru',
    );
  });

  it("returns 'und' for text too short to judge", () => {
    assert.equal(detectLanguage('Kestrava, 12 March.'), 'und');
    assert.equal(detectLanguage('12345 67890 !!!'), 'und');
  });
});

describe('normaliseLanguageTag', () => {
  it('reduces regional and three-letter tags to the source language code', () => {
    assert.equal(normaliseLanguageTag('en-GB'), 'en');
    assert.equal(normaliseLanguageTag('uk_UA'), 'uk');
    assert.equal(normaliseLanguageTag('fra'), 'fr');
    assert.equal(normaliseLanguageTag('English'), null);
  });
});
