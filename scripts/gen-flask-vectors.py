#!/usr/bin/env python3
"""Generate test/fixtures/flask-vectors.json with the REAL itsdangerous and Flask of the running
python, under a fixed clock (1700000000), so the TypeScript side can be checked byte for byte.

Usage: python3 scripts/gen-flask-vectors.py --stack modern --out test/fixtures/flask-vectors.json
       /usr/bin/python3 scripts/gen-flask-vectors.py --stack legacy --out test/fixtures/flask-vectors.json
(scripts/gen-flask-vectors.sh runs both.) The file keeps one section per stack; rerunning a stack
replaces only its own section.

Typed notation (JSON can't tell these Python values apart):
  {"$float": "<json text>"}  every float       {"$int": "<digits>"}  ints beyond +-2**53
  {"$tuple": [...]}  {"$bytes_hex": "..."}  {"$markup": "..."}  {"$uuid": "<32 hex>"}
  {"$datetime": "<iso>", "epoch_ms": <int>}   naive datetimes are UTC
"""
import argparse
import base64
import contextlib
import datetime as dt
import hashlib
import importlib.metadata as md
import json
import math
import os
import random
import sys
import time
import uuid
import zlib

import flask
import itsdangerous
from itsdangerous import (
    BadData,
    BadPayload,
    BadSignature,
    Serializer,
    Signer,
    TimedSerializer,
    TimestampSigner,
    URLSafeSerializer,
    URLSafeTimedSerializer,
)
from itsdangerous.encoding import base64_encode
from markupsafe import Markup

NOW = 1700000000
DIGESTS = {"sha1": hashlib.sha1, "sha256": hashlib.sha256, "sha384": hashlib.sha384, "sha512": hashlib.sha512}
SERIALIZERS = {
    "Serializer": Serializer,
    "TimedSerializer": TimedSerializer,
    "URLSafeSerializer": URLSafeSerializer,
    "URLSafeTimedSerializer": URLSafeTimedSerializer,
}


@contextlib.contextmanager
def clock(now):
    real = time.time
    time.time = lambda: now
    try:
        yield
    finally:
        time.time = real


# ---- typed notation ---------------------------------------------------------------------------
def typed(v):
    if isinstance(v, Markup):  # a str subclass: test it first
        return {"$markup": str(v)}
    if isinstance(v, bool) or v is None or isinstance(v, str):
        return v
    if isinstance(v, int):
        return v if abs(v) < 2**53 else {"$int": str(v)}
    if isinstance(v, float):
        return {"$float": json.dumps(v)}
    if isinstance(v, tuple):
        return {"$tuple": [typed(x) for x in v]}
    if isinstance(v, list):
        return [typed(x) for x in v]
    if isinstance(v, dict):
        return {k: typed(x) for k, x in v.items()}
    if isinstance(v, bytes):
        return {"$bytes_hex": v.hex()}
    if isinstance(v, Markup):
        return {"$markup": str(v)}
    if isinstance(v, uuid.UUID):
        return {"$uuid": v.hex}
    if isinstance(v, dt.datetime):
        aware = v if v.tzinfo else v.replace(tzinfo=dt.timezone.utc)
        return {"$datetime": v.isoformat(), "epoch_ms": round(aware.timestamp() * 1000)}
    raise TypeError(type(v))


def key_json(k):
    return {"$bytes_hex": k.hex()} if isinstance(k, bytes) else k


def outcome_of(fn):
    try:
        value = fn()
    except BadData as e:
        out = {"error": type(e).__name__}
        payload = getattr(e, "payload", None)
        if payload is not None:
            out["payload"] = payload.decode("utf-8", "replace") if isinstance(payload, bytes) else str(payload)
        ds = getattr(e, "date_signed", None)
        if ds is not None:
            out["date_signed"] = int(ds.timestamp())
        return out
    except Exception as e:  # not an itsdangerous error: Flask would answer 500
        return {"error": "Exception", "python_error": type(e).__name__}
    return {"ok": value}


# ---- itsdangerous ----------------------------------------------------------------------------
def gen_derive_key():
    out = []
    secrets = ["secret", b"\x00\xffbytes key", "s\u00fcper s\u00e9cret \u2603"]
    for secret in secrets:
        for mode in ["concat", "django-concat", "hmac", "none"]:
            for digest in ["sha1", "sha256", "sha512"]:
                if secret == secrets[2] and digest != "sha1":
                    continue
                s = Signer(secret, salt="the salt", key_derivation=mode, digest_method=DIGESTS[digest])
                out.append({"secret": key_json(secret), "salt": "the salt", "key_derivation": mode,
                            "digest": digest, "derived_hex": s.derive_key().hex()})
    s = Signer("secret", salt="s", key_derivation="hmac", digest_method=hashlib.sha384)
    out.append({"secret": "secret", "salt": "s", "key_derivation": "hmac", "digest": "sha384",
                "derived_hex": s.derive_key().hex()})
    s = Signer("dev", salt="cookie-session", key_derivation="hmac", digest_method=hashlib.sha1)
    out.append({"name": "flask-session-key", "secret": "dev", "salt": "cookie-session", "key_derivation": "hmac",
                "digest": "sha1", "derived_hex": s.derive_key().hex()})
    return out


def signer_case(name, kind, keys, value, now=NOW, **opts):
    cls = TimestampSigner if kind == "timestamp" else Signer
    kw = {}
    if "salt" in opts:
        kw["salt"] = opts["salt"]
    if "sep" in opts:
        kw["sep"] = opts["sep"]
    if "key_derivation" in opts:
        kw["key_derivation"] = opts["key_derivation"]
    if "digest" in opts:
        kw["digest_method"] = DIGESTS[opts["digest"]]
    s = cls(keys, **kw)
    with clock(now):
        signed = s.sign(value).decode("utf-8")
    case = {"name": name, "kind": kind, "keys": [key_json(k) for k in keys] if isinstance(keys, list) else [key_json(keys)],
            "value": value, "now": now, "signed": signed}
    case.update({k: v for k, v in opts.items()})
    return case


def gen_sign():
    out = []
    for mode in ["concat", "django-concat", "hmac", "none"]:
        for digest in ["sha1", "sha256", "sha384", "sha512"]:
            out.append(signer_case(f"signer-{mode}-{digest}", "signer", "secret", "hello world",
                                   key_derivation=mode, digest=digest))
    out.append(signer_case("default", "signer", "secret", "value"))
    out.append(signer_case("empty-value", "signer", "secret", ""))
    out.append(signer_case("value-with-sep", "signer", "secret", "a.b.c"))
    out.append(signer_case("unicode-value", "signer", "secret", "caf\u00e9 \U0001F600"))
    out.append(signer_case("empty-salt", "signer", "secret", "v", salt=""))
    out.append(signer_case("custom-salt", "signer", "secret", "v", salt="activate"))
    out.append(signer_case("sep-colon", "signer", "secret", "a:b", sep=":"))
    out.append(signer_case("sep-multi", "signer", "secret", "v", sep="~!"))
    out.append(signer_case("bytes-key", "signer", b"\x00\x01\xfe\xff", "v"))
    out.append(signer_case("empty-key", "signer", "", "v"))
    out.append(signer_case("empty-key-none", "signer", "", "v", key_derivation="none"))
    out.append(signer_case("unicode-key", "signer", "cl\u00e9 \u2603", "v"))
    out.append(signer_case("long-key", "signer", "k" * 200, "v", key_derivation="none", digest="sha256"))
    out.append(signer_case("key-list-signs-with-last", "signer", ["old", "older-but-listed-later", "newest"], "v"))
    for now in [0, 1, 255, 256, 65535, NOW, 2**31 - 1, 2**32, 2**40]:
        out.append(signer_case(f"timestamp-{now}", "timestamp", "secret", "v", now=now))
    out.append(signer_case("timestamp-sep-colon", "timestamp", "secret", "v", sep=":"))
    out.append(signer_case("timestamp-hmac-sha256", "timestamp", "secret", "v", key_derivation="hmac", digest="sha256"))
    return out


def unsign_case(name, kind, keys, token, now=NOW, max_age=None, **opts):
    cls = TimestampSigner if kind == "timestamp" else Signer
    kw = {}
    for k in ("salt", "sep", "key_derivation"):
        if k in opts:
            kw[k] = opts[k]
    if "digest" in opts:
        kw["digest_method"] = DIGESTS[opts["digest"]]
    s = cls(keys, **kw)

    def run():
        with clock(now):
            if kind == "timestamp":
                return s.unsign(token, max_age=max_age).decode("utf-8")
            return s.unsign(token).decode("utf-8")

    case = {"name": name, "kind": kind, "keys": [key_json(k) for k in keys] if isinstance(keys, list) else [key_json(keys)],
            "token": token, "now": now, "max_age": max_age}
    case.update(opts)
    case["expected"] = outcome_of(run)
    return case


def gen_unsign():
    out = []
    good = Signer("secret").sign("value").decode()
    value, sig = good.rsplit(".", 1)
    out.append(unsign_case("valid", "signer", "secret", good))
    out.append(unsign_case("tampered-value", "signer", "secret", "valuf." + sig))
    out.append(unsign_case("tampered-signature", "signer", "secret", value + "." + ("A" if sig[0] != "A" else "B") + sig[1:]))
    out.append(unsign_case("wrong-key", "signer", "other", good))
    out.append(unsign_case("wrong-salt", "signer", "secret", good, salt="other"))
    out.append(unsign_case("no-separator", "signer", "secret", "valuewithoutsep"))
    out.append(unsign_case("empty", "signer", "secret", ""))
    out.append(unsign_case("empty-signature", "signer", "secret", "value."))
    out.append(unsign_case("signature-padded", "signer", "secret", good + "="))
    out.append(unsign_case("signature-standard-alphabet", "signer", "secret",
                           value + "." + sig.replace("-", "+").replace("_", "/")))
    out.append(unsign_case("signature-junk-char", "signer", "secret", value + "." + sig[:5] + "*" + sig[5:]))
    out.append(unsign_case("signature-non-ascii", "signer", "secret", value + "." + sig[:5] + "\u00e9" + sig[5:]))
    # The last of 27 chars carries 2 used bits and 4 unused: flip an unused bit.
    alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
    last = alphabet.index(sig[-1])
    out.append(unsign_case("signature-noncanonical-last-char", "signer", "secret",
                           value + "." + sig[:-1] + alphabet[last ^ 1]))
    out.append(unsign_case("signature-truncated", "signer", "secret", value + "." + sig[:-2]))
    old = Signer("old").sign("v").decode()
    out.append(unsign_case("key-list-old-key", "signer", ["old", "new"], old))
    out.append(unsign_case("key-list-new-key", "signer", ["old", "new"], Signer("new").sign("v").decode()))
    out.append(unsign_case("key-list-none", "signer", ["a", "b"], old))
    out.append(unsign_case("value-with-sep", "signer", "secret", Signer("secret").sign("a.b").decode()))
    out.append(unsign_case("sha256-hmac", "signer", "secret",
                           Signer("secret", key_derivation="hmac", digest_method=hashlib.sha256).sign("v").decode(),
                           key_derivation="hmac", digest="sha256"))
    with clock(NOW):
        t = TimestampSigner("secret").sign("value").decode()
    tv, tsig = t.rsplit(".", 1)
    out.append(unsign_case("ts-valid", "timestamp", "secret", t))
    out.append(unsign_case("ts-valid-max-age", "timestamp", "secret", t, now=NOW + 10, max_age=60))
    out.append(unsign_case("ts-age-equals-max", "timestamp", "secret", t, now=NOW + 60, max_age=60))
    out.append(unsign_case("ts-expired", "timestamp", "secret", t, now=NOW + 61, max_age=60))
    out.append(unsign_case("ts-future", "timestamp", "secret", t, now=NOW - 1, max_age=60))
    out.append(unsign_case("ts-future-no-max-age", "timestamp", "secret", t, now=NOW - 1000))
    out.append(unsign_case("ts-bad-signature", "timestamp", "secret", tv + "." + tsig[::-1]))
    out.append(unsign_case("ts-wrong-key", "timestamp", "other", t))
    out.append(unsign_case("ts-no-separator", "timestamp", "secret", "nosep"))
    out.append(unsign_case("ts-missing-timestamp", "timestamp", "secret", Signer("secret").sign("value").decode()))
    nine = Signer("secret").sign("v." + base64_encode(b"\x01" * 9).decode()).decode()
    out.append(unsign_case("ts-malformed-9-bytes", "timestamp", "secret", nine))
    junk = Signer("secret").sign("v.*").decode()
    out.append(unsign_case("ts-malformed-junk", "timestamp", "secret", junk))
    with clock(0):
        t0 = TimestampSigner("secret").sign("v").decode()
    out.append(unsign_case("ts-zero", "timestamp", "secret", t0, now=5, max_age=10))
    out.append(unsign_case("ts-bad-signature-malformed-ts", "timestamp", "secret", "v.*.AAAA"))
    with clock(NOW):
        told = TimestampSigner("old").sign("v").decode()
    out.append(unsign_case("ts-key-list-old", "timestamp", ["old", "new"], told, max_age=5))
    return out


def ser_case(name, cls_name, keys, obj, now=NOW, **opts):
    cls = SERIALIZERS[cls_name]
    kw = {}
    if "salt" in opts:
        kw["salt"] = opts["salt"]
    s = cls(keys, **kw)
    with clock(now):
        token = s.dumps(obj)
    if isinstance(token, bytes):
        token = token.decode()
    case = {"name": name, "serializer": cls_name, "keys": [key_json(k) for k in keys] if isinstance(keys, list) else [key_json(keys)],
            "obj": typed(obj), "now": now, "token": token}
    case.update(opts)
    return case


def near_threshold(wanted_gain):
    """A dict whose compact JSON compresses to exactly len(json) - wanted_gain bytes."""
    rng = random.Random(42)
    for n in range(20, 400):
        for rep in range(0, 12):
            base = "".join(rng.choice("abcdefghijklmnopqrstuvwxyz0123456789") for _ in range(n))
            obj = {"k": base + base[:rep * 3]}
            j = json.dumps(obj, separators=(",", ":")).encode()
            if len(j) - len(zlib.compress(j)) == wanted_gain:
                return obj
    raise RuntimeError("no threshold case")


def gen_dumps():
    out = []
    for cls_name in SERIALIZERS:
        out.append(ser_case(f"{cls_name}-dict", cls_name, "secret", {"id": 5, "name": "Jos\u00e9", "f": 1.5}))
        out.append(ser_case(f"{cls_name}-list", cls_name, "secret", [1, "two", None, True, 2.0]))
        out.append(ser_case(f"{cls_name}-compressible", cls_name, "secret", {"data": "x" * 300}))
    out.append(ser_case("urlsafe-salt", "URLSafeSerializer", "secret", "string value", salt="activate"))
    out.append(ser_case("urlsafe-unicode-raw-utf8", "URLSafeSerializer", "secret", {"s": "\u65e5\u672c \U0001F600 \x7f"}))
    out.append(ser_case("urlsafe-key-list", "URLSafeTimedSerializer", ["old", "new"], {"a": 1}))
    out.append(ser_case("urlsafe-threshold-gain-1-not-compressed", "URLSafeSerializer", "secret", near_threshold(1)))
    out.append(ser_case("urlsafe-threshold-gain-2-compressed", "URLSafeSerializer", "secret", near_threshold(2)))
    out.append(ser_case("urlsafe-threshold-gain-3-compressed", "URLSafeSerializer", "secret", near_threshold(3)))
    out.append(ser_case("urlsafe-bigint-floats", "URLSafeSerializer", "secret",
                        {"big": 2**64, "f": [1e16, 1e-7, -0.0, 0.1, float("nan"), float("inf")]}))
    return out


def load_case(name, cls_name, keys, token, now=NOW, max_age=None, **opts):
    cls = SERIALIZERS[cls_name]
    kw = {}
    if "salt" in opts:
        kw["salt"] = opts["salt"]
    s = cls(keys, **kw)

    def run():
        with clock(now):
            if "Timed" in cls_name:
                return typed(s.loads(token, max_age=max_age))
            return typed(s.loads(token))

    case = {"name": name, "serializer": cls_name, "keys": [key_json(k) for k in keys] if isinstance(keys, list) else [key_json(keys)],
            "token": token, "now": now, "max_age": max_age}
    case.update(opts)
    case["expected"] = outcome_of(run)
    return case


def signed_raw(cls_name, key, payload, now=NOW):
    s = SERIALIZERS[cls_name](key)
    with clock(now):
        return s.make_signer(s.salt).sign(payload).decode()


def gen_loads():
    out = []
    u = URLSafeTimedSerializer("secret")
    with clock(NOW):
        tok = u.dumps({"a": [1, 2.0, "x"]})
        big = u.dumps({"data": "y" * 500})
    out.append(load_case("valid", "URLSafeTimedSerializer", "secret", tok, max_age=10))
    out.append(load_case("valid-compressed", "URLSafeTimedSerializer", "secret", big))
    out.append(load_case("expired", "URLSafeTimedSerializer", "secret", tok, now=NOW + 11, max_age=10))
    out.append(load_case("wrong-key", "URLSafeTimedSerializer", "nope", tok))
    out.append(load_case("wrong-salt", "URLSafeTimedSerializer", "secret", tok, salt="other"))
    j = json.dumps({"b": 1, "a": "\u00e9"}, indent=2).encode()
    out.append(load_case("non-canonical-json", "URLSafeSerializer", "secret",
                         signed_raw("URLSafeSerializer", "secret", base64_encode(j))))
    small = json.dumps({"a": 1}).encode()
    out.append(load_case("always-compressed", "URLSafeSerializer", "secret",
                         signed_raw("URLSafeSerializer", "secret", b"." + base64_encode(zlib.compress(small)))))
    out.append(load_case("bad-base64-payload", "URLSafeSerializer", "secret", signed_raw("URLSafeSerializer", "secret", b"a")))
    out.append(load_case("bad-zlib", "URLSafeSerializer", "secret",
                         signed_raw("URLSafeSerializer", "secret", b"." + base64_encode(b"not zlib"))))
    raw = zlib.compressobj(6, zlib.DEFLATED, -15)
    deflated = raw.compress(small) + raw.flush()
    out.append(load_case("raw-deflate-rejected", "URLSafeSerializer", "secret",
                         signed_raw("URLSafeSerializer", "secret", b"." + base64_encode(deflated))))
    out.append(load_case("invalid-utf8", "URLSafeSerializer", "secret",
                         signed_raw("URLSafeSerializer", "secret", base64_encode(b'"\xff"'))))
    out.append(load_case("invalid-json", "URLSafeSerializer", "secret",
                         signed_raw("URLSafeSerializer", "secret", base64_encode(b"{'a': 1}"))))
    out.append(load_case("json-nan-bigint", "URLSafeSerializer", "secret",
                         signed_raw("URLSafeSerializer", "secret", base64_encode(b'[NaN,-Infinity,18446744073709551616,1.0,1E2]'))))
    out.append(load_case("json-duplicate-keys", "URLSafeSerializer", "secret",
                         signed_raw("URLSafeSerializer", "secret", base64_encode(b'{"a":1,"b":2,"a":3}'))))
    out.append(load_case("json-control-char-in-string", "URLSafeSerializer", "secret",
                         signed_raw("URLSafeSerializer", "secret", base64_encode(b'"a\x01b"'))))
    s = Serializer("secret")
    out.append(load_case("plain-serializer", "Serializer", "secret", s.dumps({"x": "\u00e9"})))
    out.append(load_case("plain-serializer-tampered", "Serializer", "secret", s.dumps({"x": 1}).replace("1", "2")))
    return out


def gen_float_repr():
    """Python's float repr (as json.dumps writes it) for random and boundary doubles."""
    import struct
    rng = random.Random(1234)
    values = []
    for _ in range(300):
        values.append(struct.unpack(">d", rng.getrandbits(64).to_bytes(8, "big"))[0])
    for _ in range(200):
        values.append(round(rng.uniform(-1, 1) * 10 ** rng.randint(-12, 22), rng.randint(0, 17)))
    for e in range(-8, 24):
        values += [10.0 ** e, 1.5 * 10.0 ** e, -(10.0 ** e), 9.999999999999999 * 10.0 ** e]
    values += [0.1 + 0.2, 1 / 3, 2 / 3, 2.0 ** 53, 2.0 ** 53 + 2, 2.0 ** -1074, 2.0 ** 1023]
    out = []
    for v in values:
        if math.isnan(v):
            continue
        out.append({"hex": struct.pack(">d", v).hex(), "repr": json.dumps(v)})
    return out


# ---- Flask -----------------------------------------------------------------------------------
def flask_app(secret, fallbacks=None):
    app = flask.Flask("vectors")
    app.secret_key = secret
    if fallbacks:
        app.config["SECRET_KEY_FALLBACKS"] = fallbacks
    return app


def flask_dumps(app, session, now):
    with app.test_request_context("/"), clock(now):
        return app.session_interface.get_signing_serializer(app).dumps(dict(session))


def flask_payload_json(cookie):
    seg = cookie.rsplit(".", 2)[0]
    compressed = seg.startswith(".")
    raw = itsdangerous.encoding.base64_decode(seg[1:] if compressed else seg)
    return (zlib.decompress(raw) if compressed else raw).decode(), compressed


def flask_threshold(gain):
    rng = random.Random(7)
    for n in range(20, 400):
        for rep in range(0, 12):
            base = "".join(rng.choice("abcdefghijklmnopqrstuvwxyz0123456789") for _ in range(n))
            s = {"k": base + base[:rep * 3]}
            j = json.dumps(s, separators=(",", ":"), sort_keys=True).encode()
            if len(j) - len(zlib.compress(j)) == gain:
                return s
    raise RuntimeError


def flask_payloads():
    u = uuid.UUID("12345678-1234-5678-1234-567812345678")
    return [
        ("empty", {}),
        ("user-id", {"user_id": 1}),
        ("permanent", {"count": 5, "_permanent": True}),
        ("unicode", {"name": "Jos\u00e9 \u65e5\u672c \U0001F600", "ctl": "\x00\x1f\x7f\x80\u2028", "q": "\"\\/\b\f\n\r\t<>&'"}),
        ("lone-surrogate", {"s": "\ud800x\udfff"}),
        ("nested", {"a": {"b": [1, {"c": None}], "t": True, "f": False}, "l": [[], {}]}),
        ("big-ints", {"big": 2**64, "neg": -(2**63), "safe": 2**53 - 1, "unsafe": 2**53, "zero": 0, "m": -1}),
        ("floats", {"f": [1.0, 1.5, -0.0, 0.0, 1e16, 1e15, 1e-7, 0.0001, 0.1, 1e21, 123456789.125,
                          1e300, 5e-324, 2.5e-5, -1.25, 1.7976931348623157e308, 100.0, 12345678901234567890.0]}),
        ("float-nonfinite", {"n": float("nan"), "i": float("inf"), "m": float("-inf")}),
        ("tuples", {"t": (1, "a", (2,)), "empty": (), "in-list": [(1, 2)]}),
        ("bytes", {"b": b"\x00\xffhello", "e": b"", "one": b"a"}),
        ("datetime-naive", {"d": dt.datetime(2024, 1, 2, 3, 4, 5)}),
        ("datetime-micro", {"d": dt.datetime(2024, 1, 2, 3, 4, 5, 678901)}),
        ("datetime-offset", {"d": dt.datetime(2024, 1, 2, 3, 4, 5, tzinfo=dt.timezone(dt.timedelta(hours=1)))}),
        ("datetime-1901", {"d": dt.datetime(1901, 12, 13, 20, 45, 52)}),
        ("uuid", {"u": u}),
        ("markup", {"m": Markup("<b>bold</b> &amp;")}),
        ("tag-collision-nested", {"x": {" t": [1]}}),
        ("tag-collision-top-level", {" t": "top"}),
        ("tag-collision-di", {" di": {"a": 1}}),
        ("tag-like-two-keys", {" t": 1, " b": 2}),
        ("unknown-tag-key", {" x": 1}),
        ("key-order", {"\uffff": 1, "\U00010000": 2, "a": 3, "B": 4, "_": 5, "\u00e9": 6, "": 7, "aa": 8, "a\U0001F600": 9, "a\uffee": 10}),
        ("flashes", {"_flashes": [("message", "Hello"), ("error", "Bad \u00e9")]}),
        ("flask-login", {"_user_id": "42", "_fresh": True, "_id": "a" * 128, "csrf_token": "0123456789abcdef" * 2}),
        ("compressible", {"data": "x" * 200}),
        ("large", {f"key{i}": "value %d \u00e9" % i for i in range(150)}),
        ("threshold-gain-1", flask_threshold(1)),
        ("threshold-gain-2", flask_threshold(2)),
        ("proto-key", {"__proto__": {"polluted": True}, "constructor": 1}),
    ]


def gen_flask_encode():
    out = []
    for name, session in flask_payloads():
        cookie = flask_dumps(flask_app("dev"), session, NOW)
        pj, comp = flask_payload_json(cookie)
        out.append({"name": name, "secret": "dev", "session": typed(session), "now": NOW, "cookie": cookie,
                    "payload_json": pj, "compressed": comp})
    for name, secret in [("bytes-secret", b"\x00\x01binary\xff"), ("unicode-secret", "s\u00e9cr\u00e9t \u2603"),
                         ("long-secret", "x" * 100)]:
        cookie = flask_dumps(flask_app(secret), {"user_id": 1}, NOW)
        out.append({"name": name, "secret": key_json(secret), "session": {"user_id": 1}, "now": NOW, "cookie": cookie,
                    "payload_json": flask_payload_json(cookie)[0], "compressed": False})
    for now in [0, 2**31, 2**32 + 5]:
        cookie = flask_dumps(flask_app("dev"), {"user_id": 1}, now)
        out.append({"name": f"timestamp-{now}", "secret": "dev", "session": {"user_id": 1}, "now": now,
                    "cookie": cookie, "payload_json": flask_payload_json(cookie)[0], "compressed": False})
    if modern_fallbacks():
        cookie = flask_dumps(flask_app("new", ["older", "old"]), {"user_id": 1}, NOW)
        out.append({"name": "fallbacks-sign-with-current", "secret": "new", "fallbacks": ["older", "old"],
                    "session": {"user_id": 1}, "now": NOW, "cookie": cookie,
                    "payload_json": flask_payload_json(cookie)[0], "compressed": False})
    return out


def modern_fallbacks():
    return "SECRET_KEY_FALLBACKS" in flask.Flask("probe").config


def flask_loads(app, cookie, now):
    with app.test_request_context("/"), clock(now):
        s = app.session_interface.get_signing_serializer(app)
        return dict(s.loads(cookie, max_age=int(app.permanent_session_lifetime.total_seconds())))


def flask_request_sees(app, cookie, now):
    """What a real request's open_session gives: 'session' (+ the dict), 'empty', or 'error'."""
    with app.test_request_context("/", headers={"Cookie": f"session={cookie}"}), clock(now):
        try:
            sess = app.session_interface.open_session(app, flask.request)
        except Exception as e:
            return {"result": "error", "python_error": type(e).__name__}
        return {"result": "session" if len(sess) else "empty"}


def decode_case(name, cookie, secret="dev", now=NOW, fallbacks=None):
    app = flask_app(secret, fallbacks)
    expected = outcome_of(lambda: typed(flask_loads(app, cookie, now)))
    case = {"name": name, "secret": key_json(secret), "cookie": cookie, "now": now, "expected": expected,
            "flask_request": flask_request_sees(app, cookie, now)}
    if fallbacks:
        case["fallbacks"] = fallbacks
    return case


def sign_flask_raw(payload, secret="dev", now=NOW):
    app = flask_app(secret)
    with app.test_request_context("/"), clock(now):
        s = app.session_interface.get_signing_serializer(app)
        return s.make_signer(s.salt).sign(payload).decode()


def gen_flask_decode():
    out = []
    for name, session in flask_payloads():
        out.append(decode_case(f"roundtrip-{name}", flask_dumps(flask_app("dev"), session, NOW)))
    good = flask_dumps(flask_app("dev"), {"user_id": 1}, NOW)
    seg, ts, sig = good.rsplit(".", 2)
    out.append(decode_case("expiry-boundary-ok", good, now=NOW + 2678400))
    out.append(decode_case("expiry-boundary-expired", good, now=NOW + 2678401))
    out.append(decode_case("future-1s", good, now=NOW - 1))
    out.append(decode_case("wrong-key", good, secret="other"))
    out.append(decode_case("tampered-payload", "eyJ1c2VyX2lkIjoyfQ." + ts + "." + sig))
    out.append(decode_case("tampered-timestamp", seg + ".ZVPxAB." + sig))
    out.append(decode_case("signature-padded", good + "="))
    out.append(decode_case("empty-cookie", ""))
    out.append(decode_case("garbage", "not a cookie"))
    # Same payload signed the way people get wrong.
    wrong = URLSafeTimedSerializer("dev", salt="cookie-session")
    with clock(NOW):
        out.append(decode_case("wrong-derivation-django-concat", wrong.dumps({"user_id": 1})))
        out.append(decode_case("wrong-salt", URLSafeTimedSerializer("dev", salt="other", signer_kwargs={
            "key_derivation": "hmac", "digest_method": hashlib.sha1}).dumps({"user_id": 1})))
        out.append(decode_case("wrong-digest", URLSafeTimedSerializer("dev", salt="cookie-session", signer_kwargs={
            "key_derivation": "hmac", "digest_method": hashlib.sha256}).dumps({"user_id": 1})))
    j = json.dumps({"b": 1, "a": "\u00e9"}, indent=1, ensure_ascii=False).encode()
    out.append(decode_case("non-canonical-json", sign_flask_raw(base64_encode(j))))
    out.append(decode_case("always-compressed", sign_flask_raw(b"." + base64_encode(zlib.compress(b'{"a":1}')))))
    tags = b'{"t":{" t":[1,{" b":"AP8="}]},"m":{" m":"<i>x</i>"},"u":{" u":"12345678-1234-5678-1234-567812345678"},' \
           b'"d":{" d":"Tue, 02 Jan 2024 04:04:05 +0100"},"bad_d":{" d":"not a date"},"di":{" di":{" t__":5}},' \
           b'"two":{" t":1," b":2},"x":{" x":1}}'
    out.append(decode_case("every-tag", sign_flask_raw(base64_encode(tags))))
    out.append(decode_case("date-variants", sign_flask_raw(base64_encode(
        b'{"a":{" d":"2 Jan 24 03:04 GMT"},"b":{" d":"Tuesday, 02-Jan-2024 03:04:05 EST"},"c":{" d":"Tue, 02 Jan 2024 03:04:05 -0000"},'
        b'"d":{" d":"02 Jan 2024 03:04:05"},"e":{" d":"Tue, 31 Feb 2024 03:04:05 GMT"},"f":{" d":"Tue, 02 January 2024 03.04.05 +0530"}}'))))
    out.append(decode_case("bad-uuid-payload", sign_flask_raw(base64_encode(b'{"u":{" u":"zz"}}'))))
    out.append(decode_case("bad-bytes-payload", sign_flask_raw(base64_encode(b'{"b":{" b":"abc"}}'))))
    out.append(decode_case("bad-json-payload", sign_flask_raw(base64_encode(b"{nope"))))
    out.append(decode_case("non-dict-string", sign_flask_raw(base64_encode(b'"abc"'))))
    out.append(decode_case("non-dict-null", sign_flask_raw(base64_encode(b"null"))))
    out.append(decode_case("non-dict-empty-list", sign_flask_raw(base64_encode(b"[]"))))
    out.append(decode_case("non-dict-pairs", sign_flask_raw(base64_encode(b'[["a",1]]'))))
    out.append(decode_case("bytes-secret", flask_dumps(flask_app(b"\x00k\xff"), {"a": 1}, NOW), secret=b"\x00k\xff"))
    if modern_fallbacks():
        with_old = flask_dumps(flask_app("old"), {"user_id": 7}, NOW)
        out.append(decode_case("fallback-accepted", with_old, secret="new", fallbacks=["older", "old"]))
        out.append(decode_case("fallback-not-listed", with_old, secret="new", fallbacks=["older"]))
        out.append(decode_case("current-key-with-fallbacks", good, secret="dev", fallbacks=["old"]))
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--stack", required=True, choices=["modern", "legacy"])
    ap.add_argument("--out", required=True)
    args = ap.parse_args()
    versions = {p: md.version(p) for p in ("flask", "itsdangerous", "werkzeug", "markupsafe")}
    section = {
        "python": sys.version.split()[0],
        "executable": sys.executable,
        "versions": versions,
        "zlib": zlib.ZLIB_VERSION,
        "derive_key": gen_derive_key(),
        "sign": gen_sign(),
        "unsign": gen_unsign(),
        "dumps": gen_dumps(),
        "loads": gen_loads(),
        "float_repr": gen_float_repr(),
        "flask_encode": gen_flask_encode(),
        "flask_decode": gen_flask_decode(),
    }
    data = {"meta": {}, "stacks": {}}
    if os.path.exists(args.out):
        with open(args.out, encoding="utf-8") as f:
            data = json.load(f)
    data["meta"] = {"now": NOW, "generator": "scripts/gen-flask-vectors.py",
                    "notation": "see the docstring of scripts/gen-flask-vectors.py"}
    data["stacks"][args.stack] = section
    with open(args.out, "w", encoding="utf-8") as f:
        json.dump(data, f, indent=1, ensure_ascii=True, sort_keys=False)
        f.write("\n")
    counts = {k: len(v) for k, v in section.items() if isinstance(v, list)}
    print(f"{args.stack}: flask {versions['flask']} itsdangerous {versions['itsdangerous']} -> {counts}")


if __name__ == "__main__":
    main()
