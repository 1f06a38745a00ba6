#!/usr/bin/env python3
"""Werkzeug cookie vectors for shortbread, produced by the real library.

The same script runs under both Python stacks of the project: `python3` on PATH (Werkzeug 3.1,
"modern") and Debian's `/usr/bin/python3` (Werkzeug 2.2, "legacy"). Each run prints what *its*
Werkzeug does with one fixed table of cases; `gen-werkzeug-vectors.sh` runs both and merges them
into test/fixtures/werkzeug-vectors.json with `--merge`.

Modes:
  (no argument)        print this stack's results for the case table as JSON
  --parse              read a JSON array of Cookie header strings (latin-1 view, WSGI style) on
                       stdin; print, per header, what werkzeug.http.parse_cookie and a real
                       Request(...).cookies give (the test suite feeds shortbread's output here)
  --dump               read a JSON array of {name, value, options} on stdin; print dump_cookie's
                       header (or {error}) for each, with sync_expires=False
  --merge LEGACY MODERN  merge two per-stack outputs into the fixture layout on stdout

All JSON this script prints is ASCII (non-ASCII as JSON escapes), so lone surrogates, one of the
vectors, survive and no locale matters. Every header string crossing this boundary is the latin-1
view of the bytes on the wire (PEP 3333): one character per byte. Nothing here depends on the
clock: dump_cookie gets sync_expires=False, and expiry times are fixed epoch seconds.
"""

from __future__ import annotations

import json
import sys
import warnings
from importlib import metadata

# ---------------------------------------------------------------------------------------------
# The case table. Identical for both stacks; every case has a stable id the tests refer to.
# ---------------------------------------------------------------------------------------------

FIXED_NOW = 1700000000  # epoch seconds; only used to build expiry values below
DAY = 86400


def _hex(c: str) -> str:
    return f"0x{ord(c):02x}"


def dump_cases() -> list[dict]:
    cases: list[dict] = []

    def add(case_id: str, name: str, value: str, options: dict | None = None) -> None:
        cases.append({"id": case_id, "name": name, "value": value, "options": options or {}})

    # Tricky values, default attributes (Werkzeug's default Path=/).
    values = [
        ("empty", ""),
        ("plain", "chewy"),
        ("space", "chocolate chip"),
        ("leading-space", " a"),
        ("trailing-space", "a "),
        ("only-spaces", "   "),
        ("dquote-wrapped", '"quoted"'),
        ("dquote-inside", 'a"b'),
        ("dquote-alone", '"'),
        ("backslash-inside", "back\\slash"),
        ("backslash-alone", "\\"),
        ("backslash-dquote", '\\"'),
        ("comma", "a,b"),
        ("semicolon", "a;b"),
        ("attribute-injection", "x; Path=/evil; Domain=evil.example"),
        ("equals", "a=b"),
        ("equals-only", "=="),
        ("equals-many", "k=v=w"),
        ("cafe", "café"),
        ("nihon", "日本"),
        ("emoji", "🍪"),
        ("mixed-unicode", "naïve café 日本 🍪"),
        ("u0080", "\u0080"),
        ("u00ff", "\u00ff"),
        ("ufffd", "\ufffd"),
        ("json", '{"a":1,"b":[true,null],"c":"d e"}'),
        ("literal-octal-escape", "\\073"),
        ("looks-quoted-octal", '"\\303\\251"'),
        ("percent-space", "%20"),
        ("percent-comma", "a%2Cb"),
        ("percent-invalid-utf8", "%E9"),
        ("percent-bare", "100%"),
        ("percent-bad-hex", "%zz"),
        ("base64", "YWJj+/=="),
        ("url", "https://example.com/a?b=c&d=e#f"),
        ("separators-2.2-quotes", "()<>?@[]{}"),
        ("tab", "a\tb"),
        ("newline", "a\nb"),
        ("crlf", "a\r\nb"),
        ("nul", "a\x00b"),
        ("del", "a\x7fb"),
        ("quirk-0x1a-0x1f", "\x1a\x1f"),
        ("legal-chars-2.2", "AZaz09!#$%&'*+-.^_`|~:/="),
        ("long-4000", "x" * 4000),
        ("too-long-5000", "x" * 5000),
        ("lone-surrogate", "x\ud800y"),
    ]
    for vid, value in values:
        add(f"value:{vid}", "v", value)

    # Every ASCII octet, alone and between two letters.
    for code in range(0x80):
        c = chr(code)
        add(f"octet-alone:{_hex(c)}", "o", c)
    for code in range(0x80):
        c = chr(code)
        add(f"octet-inside:{_hex(c)}", "o", f"a{c}b")

    # Keys: Werkzeug writes any key as its UTF-8 bytes, unvalidated.
    keys = [
        ("chocolate-type", "chocolate type"),
        ("cafe", "café"),
        ("nihon", "日本"),
        ("emoji", "🍪"),
        ("dquote", 'a"b'),
        ("comma", "a,b"),
        ("dollar-version", "$Version"),
        ("proto", "__proto__"),
        ("spaces-around", " a "),
        ("empty", ""),
        ("semicolon", "a;b"),
        ("equals", "a=b"),
        ("tab", "a\tb"),
        ("newline", "a\nb"),
        ("lone-surrogate", "k\udc00"),
        ("secure-prefix-without-secure", "__Secure-id"),
        ("host-prefix-without-secure", "__Host-id"),
    ]
    for kid, key in keys:
        add(f"key:{kid}", key, "v")
    add("key:secure-prefix-with-secure", "__Secure-id", "v", {"secure": True})
    add("key:host-prefix-ok", "__Host-id", "v", {"secure": True, "path": "/"})
    add("key:host-prefix-with-domain", "__Host-id", "v", {"secure": True, "domain": "example.com"})
    for code in range(0x80):
        c = chr(code)
        add(f"octet-key:{_hex(c)}", f"k{c}k", "v")

    # Attributes: one at a time, then combinations.
    future = FIXED_NOW + 30 * DAY
    attrs = [
        ("no-path", {"path": None}),
        ("path-root", {"path": "/"}),
        ("path-cookies", {"path": "/cookies"}),
        ("path-space", {"path": "/a b"}),
        ("path-unicode", {"path": "/café"}),
        ("path-semicolon", {"path": "/a;b"}),
        ("path-comma", {"path": "/a,b"}),
        ("path-percent", {"path": "/a%20b"}),
        ("domain", {"domain": "example.com"}),
        ("domain-leading-dot", {"domain": ".example.com"}),
        ("domain-port", {"domain": "example.com:8080"}),
        ("domain-localhost", {"domain": "localhost"}),
        ("domain-idna", {"domain": "bücher.example"}),
        ("domain-uppercase", {"domain": "Example.COM"}),
        ("max-age-30", {"max_age": 30}),
        ("max-age-0", {"max_age": 0}),
        ("max-age-negative", {"max_age": -1}),
        ("max-age-fraction", {"max_age": 1.5}),
        ("max-age-400-days", {"max_age": 400 * DAY}),
        ("max-age-over-400-days", {"max_age": 400 * DAY + 1}),
        ("expires-epoch", {"expires": FIXED_NOW}),
        ("expires-zero", {"expires": 0}),
        ("expires-fraction", {"expires": FIXED_NOW + 0.9}),
        ("expires-future", {"expires": future}),
        ("expires-over-400-days", {"expires": FIXED_NOW + 400 * DAY + 1}),
        ("expires-2038", {"expires": 2**31}),
        ("expires-and-max-age", {"expires": future, "max_age": 30 * DAY}),
        ("secure", {"secure": True}),
        ("httponly", {"httponly": True}),
        ("samesite-strict", {"samesite": "Strict"}),
        ("samesite-lax", {"samesite": "Lax"}),
        ("samesite-lax-lowercase", {"samesite": "lax"}),
        ("samesite-none-secure", {"samesite": "None", "secure": True}),
        ("samesite-none-insecure", {"samesite": "None"}),
        ("samesite-invalid", {"samesite": "Sometimes"}),
        ("partitioned", {"partitioned": True}),
        ("partitioned-secure", {"partitioned": True, "secure": True}),
        ("secure-httponly", {"secure": True, "httponly": True}),
        (
            "all",
            {
                "max_age": 30,
                "expires": future,
                "path": "/cookies",
                "domain": "example.com",
                "secure": True,
                "httponly": True,
                "samesite": "Strict",
            },
        ),
        (
            "all-samesite-none",
            {
                "max_age": 3600,
                "expires": FIXED_NOW + 3600,
                "path": "/",
                "domain": "sub.example.com",
                "secure": True,
                "httponly": True,
                "samesite": "None",
            },
        ),
        ("delete-like", {"expires": 0, "max_age": 0}),
        ("tutorial-flavor", {"max_age": 30, "path": "/cookies"}),
    ]
    for aid, options in attrs:
        add(f"attr:{aid}", "flavor", "chocolate chip", options)
    for sid in ("Strict", "Lax"):
        for secure in (False, True):
            for httponly in (False, True):
                add(
                    f"combo:samesite-{sid.lower()}-secure-{int(secure)}-httponly-{int(httponly)}",
                    "id",
                    "a b",
                    {"samesite": sid, "secure": secure, "httponly": httponly, "max_age": 60},
                )
    return cases


def parse_cases() -> list[dict]:
    """Cookie request headers, as the latin-1 view string a WSGI server hands over."""

    def utf8_view(text: str) -> str:
        return text.encode("utf-8").decode("latin-1")

    headers = [
        ("basic", "a=1; b=2"),
        ("no-space", "a=1;b=2"),
        ("space-before-semicolon", "a=1 ; b=2"),
        ("spaces-around-equals", " a = 1 ; b = 2 "),
        ("empty", ""),
        ("only-semicolons", ";;"),
        ("stray-semicolons", ";;a=1;;b=2;"),
        ("octal-cafe", 'a="caf\\303\\251"'),
        ("octal-semicolon-comma", 'a="x\\073y\\054z"'),
        ("octal-letter", 'a="\\141"'),
        ("octal-out-of-range", 'a="\\400"'),
        ("escaped-dquote", 'a="\\"q\\""'),
        ("escaped-backslash", 'a="b\\\\c"'),
        ("escaped-other", 'a="\\x"'),
        ("quoted-space", 'a="chocolate chip"'),
        ("quoted-spaces-around", 'a = "b c" ; d=e'),
        ("broken-quote-trailing", 'a="b"c; d=e'),
        ("broken-quote-open", 'a="b; c=d'),
        ("broken-quote-close", 'a=b"; c=d'),
        ("empty-quotes", 'a=""; b=1'),
        ("lone-dquote", 'a="; b=1'),
        ("four-dquotes", 'a=""""'),
        ("quoted-semicolon", 'a="x;y"; b=1'),
        ("quoted-comma", 'a="x,y"'),
        ("duplicates", "a=1; a=2; b=3; a=4"),
        ("nameless", "=x"),
        ("nameless-then-named", "=x; a=1"),
        ("no-equals", "x"),
        ("no-equals-then-named", "x; a=1"),
        ("named-then-no-equals", "a=1; x"),
        ("empty-value", "a=; b=2"),
        ("equals-in-value", "a=b=c"),
        ("dollar-version", "$Version=1; a=b; $Path=/"),
        ("commas", "a=1, b=2"),
        ("comma-no-space", "a=1,b=2"),
        ("chocolate-type", "chocolate type=dark; chewy=yes"),
        ("inner-space", "a=b c"),
        ("tab-around", "a\t=\t1\t;\tb=2"),
        ("percent-space", "a=%20b"),
        ("percent-utf8", "a=caf%C3%A9"),
        ("percent-invalid-hex", "a=%zz"),
        ("percent-bare", "a=100%"),
        ("percent-invalid-utf8", "a=%E9"),
        ("unquoted-backslash-octal", "a=\\073"),
        ("proto", "__proto__=x; constructor=y; toString=z"),
        ("raw-utf8-value", utf8_view("a=café")),
        ("raw-utf8-key", utf8_view("café=1; b=2")),
        ("raw-utf8-quoted", utf8_view('a="café"')),
        ("raw-utf8-emoji", utf8_view("a=🍪; 日本=yes")),
        ("raw-invalid-utf8", "a=\xff; b=2"),
        ("raw-latin1-cafe", "a=caf\xe9"),
        ("octal-invalid-utf8", 'a="\\377"'),
        ("json", 'a={"k":[1,2]}; b=2'),
        ("werkzeug-written", 'flavor="chocolate chip"; chocolate type=dark; chewy=yes'),
    ]
    return [{"id": f"header:{hid}", "header": header} for hid, header in headers]


# ---------------------------------------------------------------------------------------------
# Running the cases under this interpreter's Werkzeug.
# ---------------------------------------------------------------------------------------------


def _error(exc: BaseException) -> dict:
    return {"error": type(exc).__name__}


def run_dump(case: dict) -> dict:
    from werkzeug.http import dump_cookie

    options = dict(case["options"])
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            header = dump_cookie(case["name"], case["value"], sync_expires=False, **options)
            result: dict = {"header": header}
        except Exception as exc:  # noqa: BLE001 - the kind of failure is the vector
            result = _error(exc)
    if caught:
        result["warning"] = True
    return result


def parse_both(header: str) -> dict:
    """werkzeug.http.parse_cookie and a real Request's .cookies, every pair in order."""
    from werkzeug.http import parse_cookie
    from werkzeug.test import EnvironBuilder
    from werkzeug.wrappers import Request

    # Both call `cls(pairs)` with every pair in header order; a MultiDict would group a repeated
    # name's values together, so ask for a plain list to keep the order the header had.
    class PairsRequest(Request):
        dict_storage_class = list  # type: ignore[assignment]

    out: dict = {}
    try:
        out["parse_cookie"] = [list(p) for p in parse_cookie(header, cls=list)]
    except Exception as exc:  # noqa: BLE001
        out["parse_cookie"] = _error(exc)
    environ = EnvironBuilder().get_environ()
    if header:
        environ["HTTP_COOKIE"] = header
    try:
        out["request_cookies"] = [list(p) for p in PairsRequest(environ).cookies]
    except Exception as exc:  # noqa: BLE001
        out["request_cookies"] = _error(exc)
    return out


def versions() -> dict:
    return {"werkzeug": metadata.version("werkzeug"), "flask": metadata.version("flask")}


def stack_results() -> dict:
    return {
        "versions": versions(),
        "dump_cookie": [run_dump(case) for case in dump_cases()],
        "parse_cookie": [parse_both(case["header"]) for case in parse_cases()],
    }


def merge(legacy: dict, modern: dict) -> dict:
    stacks = {"legacy": legacy, "modern": modern}
    dump = []
    for i, case in enumerate(dump_cases()):
        entry = dict(case)
        results = {s: r["dump_cookie"][i] for s, r in stacks.items()}
        entry["expected"] = {
            s: {"error": res["error"]} if "error" in res else res["header"]
            for s, res in results.items()
        }
        warned = [s for s, res in results.items() if res.get("warning")]
        if warned:
            entry["warned"] = warned
        dump.append(entry)
    parse = []
    for i, case in enumerate(parse_cases()):
        entry = dict(case)
        entry["expected"] = {s: r["parse_cookie"][i]["parse_cookie"] for s, r in stacks.items()}
        entry["request_cookies"] = {
            s: r["parse_cookie"][i]["request_cookies"] for s, r in stacks.items()
        }
        parse.append(entry)
    return {
        "meta": {
            "generator": "scripts/gen-werkzeug-vectors.sh (scripts/gen-werkzeug-vectors.py)",
            "stacks": {s: r["versions"] for s, r in stacks.items()},
            "notes": [
                "Headers are latin-1 view strings: one character per byte on the wire.",
                "dump_cookie ran with sync_expires=False; options are its keyword arguments"
                " (expires in epoch seconds); a missing 'path' means Werkzeug's default '/'.",
                "An expected value {error: Name} means Werkzeug raised that exception.",
                "parse_cookie.expected is werkzeug.http.parse_cookie(header);"
                " request_cookies is Request(environ).cookies, what a Flask view sees.",
            ],
        },
        "dump_cookie": dump,
        "parse_cookie": parse,
    }


def main(argv: list[str]) -> int:
    if len(argv) == 1:
        json.dump(stack_results(), sys.stdout, ensure_ascii=True)
        sys.stdout.write("\n")
        return 0
    if argv[1] == "--parse":
        headers = json.loads(sys.stdin.buffer.read().decode("utf-8"))
        json.dump(
            {"versions": versions(), "results": [parse_both(h) for h in headers]},
            sys.stdout,
            ensure_ascii=True,
        )
        sys.stdout.write("\n")
        return 0
    if argv[1] == "--dump":
        cases = json.loads(sys.stdin.buffer.read().decode("utf-8"))
        json.dump(
            {"versions": versions(), "results": [run_dump(case) for case in cases]},
            sys.stdout,
            ensure_ascii=True,
        )
        sys.stdout.write("\n")
        return 0
    if argv[1] == "--merge" and len(argv) == 4:
        with open(argv[2], encoding="utf-8") as f:
            legacy = json.load(f)
        with open(argv[3], encoding="utf-8") as f:
            modern = json.load(f)
        json.dump(merge(legacy, modern), sys.stdout, ensure_ascii=True, indent=1)
        sys.stdout.write("\n")
        return 0
    sys.stderr.write(__doc__ or "")
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
