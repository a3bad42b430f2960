import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { canonicalJson, hashPayload, leafBytes } from '../../src/custody/index.ts';

describe('canonicalJson', () => {
  it('sorts keys at every depth and drops whitespace', () => {
    assert.equal(
      canonicalJson({ b: 1, a: { d: [3, { z: 1, y: 2 }], c: 'x' } }),
      '{"a":{"c":"x","d":[3,{"y":2,"z":1}]},"b":1}',
    );
  });

  it('gives the same text whatever order the keys were inserted in', () => {
    assert.equal(canonicalJson({ x: 1, y: [true, null] }), canonicalJson({ y: [true, null], x: 1 }));
  });

  it('writes strings and numbers as JSON.stringify does', () => {
    assert.equal(
      canonicalJson({ s: 'é "q"\n\u0001', n: 1.5, e: 1e21, z: -0 }),
      '{"e":1e+21,"n":1.5,"s":"é \\"q\\"\\n\\u0001","z":0}',
    );
  });

  it('leaves out undefined properties and writes undefined array items as null', () => {
    assert.equal(canonicalJson({ a: undefined, b: [undefined] }), '{"b":[null]}');
  });

  it('serialises dates through toJSON', () => {
    assert.equal(
      canonicalJson({ at: new Date('2026-01-02T03:04:05Z') }),
      '{"at":"2026-01-02T03:04:05.000Z"}',
    );
  });

  it('refuses values with no single JSON form, naming where they are', () => {
    assert.throws(() => canonicalJson({ a: [1, Number.NaN] }), /\$\.a\[1\] is NaN/);
    assert.throws(() => canonicalJson({ big: 1n }), /\$\.big is a bigint/);
    assert.throws(() => canonicalJson(undefined), /\$ is a undefined/);
  });
});

describe('hashPayload', () => {
  it('hashes the canonical JSON text', () => {
    const { json, sha256 } = hashPayload({ b: 2, a: 1 });
    assert.equal(json, '{"a":1,"b":2}');
    assert.equal(sha256, '43258cff783fe7036d8a43033f830adfc60ec037382473548ac742b888292777');
  });
});

describe('leafBytes', () => {
  it('encodes exactly the eight leaf fields in sorted order', () => {
    const row = {
      seq: 3,
      at: '2026-01-01T00:00:00.000Z',
      actor: 'cli:test',
      action: 'capture',
      object_type: 'source',
      object_id: 's1',
      case_id: null,
      payload_sha256: 'ab',
      leaf_hash: 'ignored',
      payload: '{}',
    };
    assert.equal(
      leafBytes(row).toString('utf8'),
      '{"action":"capture","actor":"cli:test","at":"2026-01-01T00:00:00.000Z","case_id":null,"object_id":"s1","object_type":"source","payload_sha256":"ab","seq":3}',
    );
  });
});
