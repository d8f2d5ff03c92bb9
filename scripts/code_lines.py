"""How big src/ is, as issue 13 measures it: code lines and all lines of its Python.

A code line holds a token that is not a comment or a docstring (a docstring says
why; it should not count against the code). Counted from git, so any commit can be
measured without checking it out:

    python3 scripts/code_lines.py [REV]           # by package, REV defaults to HEAD
    python3 scripts/code_lines.py REV --base OLD  # also the files OLD had, then and now

Migrations are counted apart (offices have applied them; they are not rewritten).
"""

from __future__ import annotations

import argparse
import ast
import io
import subprocess
import tokenize
from collections import Counter

SKIPPED = {tokenize.COMMENT, tokenize.NL, tokenize.NEWLINE, tokenize.INDENT,
           tokenize.DEDENT, tokenize.ENDMARKER}


def docstring_lines(tree: ast.AST) -> set[int]:
    out: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)):
            first = node.body[0] if node.body else None
            if (isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant)
                    and isinstance(first.value.value, str)):
                out.update(range(first.lineno, first.end_lineno + 1))
    return out


def count(source: str) -> tuple[int, int]:
    """(code lines, all lines) of one file's text."""
    docs = docstring_lines(ast.parse(source))
    code: set[int] = set()
    for tok in tokenize.generate_tokens(io.StringIO(source).readline):
        if tok.type not in SKIPPED:
            code.update(n for n in range(tok.start[0], tok.end[0] + 1) if n not in docs)
    return len(code), source.count("\n")


def python_files(rev: str) -> list[str]:
    names = subprocess.run(["git", "ls-tree", "-r", "--name-only", rev, "src"],
                           capture_output=True, text=True, check=True).stdout.split()
    return [n for n in names if n.endswith(".py")]


def measure(rev: str, files: list[str]) -> dict[str, Counter]:
    """Package -> Counter(code=, lines=) for `files` as they are at `rev`."""
    out: dict[str, Counter] = {}
    for name in files:
        text = subprocess.run(["git", "show", f"{rev}:{name}"], capture_output=True,
                              text=True, check=True).stdout
        code, lines = count(text)
        parts = name.split("/")
        key = "migrations" if "/migrations/" in name else parts[2] if len(parts) > 3 else "(top)"
        out.setdefault(key, Counter()).update(code=code, lines=lines)
    return out


def total(by_package: dict[str, Counter]) -> Counter:
    return sum((c for k, c in by_package.items() if k != "migrations"), Counter())


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("rev", nargs="?", default="HEAD")
    ap.add_argument("--base", help="also compare the files this older commit had")
    args = ap.parse_args()
    now = python_files(args.rev)
    by_package = measure(args.rev, now)
    t = total(by_package)
    print(f"{args.rev}: {t['code']} code lines, {t['lines']} lines (migrations apart)")
    for key, c in sorted(by_package.items(), key=lambda kv: -kv[1]["code"]):
        print(f"  {key:12s} {c['code']:6d} {c['lines']:6d}")
    if args.base:
        then = [n for n in python_files(args.base) if "/migrations/" not in n]
        kept = [n for n in then if n in set(now)]
        added = [n for n in now if n not in set(then) and "/migrations/" not in n]
        for label, rev, names in ((f"{args.base}, its files", args.base, then),
                                  (f"{args.rev}, the same files", args.rev, kept),
                                  (f"{args.rev}, files added since", args.rev, added)):
            c = total(measure(rev, names))
            print(f"{label}: {c['code']} code lines, {c['lines']} lines ({len(names)} files)")


if __name__ == "__main__":
    main()
