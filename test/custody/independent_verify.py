#!/usr/bin/env python3
"""Independent verifier of a Corroborate inclusion proof (docs/CUSTODY.md), standard library only.

Written from the documented formats, sharing no code with the TypeScript implementation, so that a
test can show a proof checks out without trusting Corroborate. Ed25519 verification is the RFC 8032
section 6 reference algorithm.

Usage: independent_verify.py PROOF.json PUBLIC_KEY_BASE64 [ORIGINAL_FILE]
Prints "OK ..." and exits 0 when the proof holds; prints "FAIL: reason" and exits 1 otherwise.
"""
import base64
import hashlib
import json
import sys

# --- Ed25519 verification (RFC 8032, section 6) ---------------------------------------------
P = 2**255 - 19
L = 2**252 + 27742317777372353535851937790883648493
D = -121665 * pow(121666, P - 2, P) % P
SQRT_M1 = pow(2, (P - 1) // 4, P)


def _add(a, b):
    x1, y1, z1, t1 = a
    x2, y2, z2, t2 = b
    aa = (y1 - x1) * (y2 - x2) % P
    bb = (y1 + x1) * (y2 + x2) % P
    cc = 2 * t1 * t2 * D % P
    dd = 2 * z1 * z2 % P
    e, f, g, h = bb - aa, dd - cc, dd + cc, bb + aa
    return (e * f % P, g * h % P, f * g % P, e * h % P)


def _mul(s, point):
    q = (0, 1, 1, 0)
    while s > 0:
        if s & 1:
            q = _add(q, point)
        point = _add(point, point)
        s >>= 1
    return q


def _equal(a, b):
    return (a[0] * b[2] - b[0] * a[2]) % P == 0 and (a[1] * b[2] - b[1] * a[2]) % P == 0


def _recover_x(y, sign):
    if y >= P:
        return None
    x2 = (y * y - 1) * pow(D * y * y + 1, P - 2, P)
    if x2 == 0:
        return None if sign else 0
    x = pow(x2, (P + 3) // 8, P)
    if (x * x - x2) % P != 0:
        x = x * SQRT_M1 % P
    if (x * x - x2) % P != 0:
        return None
    if (x & 1) != sign:
        x = P - x
    return x


def _decompress(s):
    if len(s) != 32:
        return None
    y = int.from_bytes(s, "little")
    sign = y >> 255
    y &= (1 << 255) - 1
    x = _recover_x(y, sign)
    return None if x is None else (x, y, 1, x * y % P)


_GY = 4 * pow(5, P - 2, P) % P
_GX = _recover_x(_GY, 0)
BASE = (_GX, _GY, 1, _GX * _GY % P)


def ed25519_verify(public, message, signature):
    if len(public) != 32 or len(signature) != 64:
        return False
    a = _decompress(public)
    r = _decompress(signature[:32])
    if a is None or r is None:
        return False
    s = int.from_bytes(signature[32:], "little")
    if s >= L:
        return False
    h = int.from_bytes(hashlib.sha512(signature[:32] + public + message).digest(), "little") % L
    return _equal(_mul(s, BASE), _add(r, _mul(h, a)))


# --- The documented procedure ---------------------------------------------------------------
def sha256(data):
    return hashlib.sha256(data).digest()


def fail(reason):
    print("FAIL: " + reason)
    sys.exit(1)


def main():
    if len(sys.argv) not in (3, 4):
        print(__doc__)
        sys.exit(2)
    with open(sys.argv[1], encoding="utf-8") as f:
        proof = json.load(f)
    public_key = base64.b64decode(sys.argv[2])
    leaf, cp = proof["leaf"], proof["checkpoint"]

    # 1. The payload is the text whose SHA-256 the leaf commits to.
    if sha256(proof["payload"].encode("utf-8")).hex() != leaf["payload_sha256"]:
        fail("payload does not hash to leaf.payload_sha256")
    # 2. The original file, if given, is the one the payload names.
    if len(sys.argv) == 4:
        with open(sys.argv[3], "rb") as f:
            if sha256(f.read()).hex() != json.loads(proof["payload"]).get("sha256"):
                fail("original file does not hash to the payload's sha256")
    # 3. Leaf hash = SHA-256(0x00 || canonical JSON of the eight leaf fields).
    leaf_bytes = json.dumps(leaf, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode("utf-8")
    node = sha256(b"\x00" + leaf_bytes)
    # 4. Fold the audit path (RFC 9162 section 2.1.3.2) up to the root.
    index, size = leaf["seq"], cp["tree_size"]
    if index >= size:
        fail("leaf is not covered by the checkpoint")
    fn, sn = index, size - 1
    for hex_sibling in proof["audit_path"]:
        sibling = bytes.fromhex(hex_sibling)
        if sn == 0:
            fail("audit path is too long")
        if fn % 2 == 1 or fn == sn:
            node = sha256(b"\x01" + sibling + node)
            while fn % 2 == 0 and fn != 0:
                fn >>= 1
                sn >>= 1
        else:
            node = sha256(b"\x01" + node + sibling)
        fn >>= 1
        sn >>= 1
    if sn != 0 or node.hex() != cp["root_hash"]:
        fail("audit path does not lead to the checkpoint root")
    # 5. The checkpoint text is rebuilt from its fields and its signature checked with the trusted key.
    key_id = sha256(public_key).hex()[:16]
    text = "corroborate custody checkpoint v1\ntree_size %d\nroot_hash %s\nat %s\nkey_id %s\n" % (
        cp["tree_size"], cp["root_hash"], cp["at"], key_id)
    if not ed25519_verify(public_key, text.encode("utf-8"), base64.b64decode(cp["signature"])):
        fail("checkpoint signature is not valid for the trusted public key")
    print("OK entry %d is in the log of %d entries signed by key %s" % (index, size, key_id))


if __name__ == "__main__":
    main()
