# ruff: noqa: S603
"""Published contracts: each BFF's OpenAPI document, the device AsyncAPI document, and the SDKs
generated from them. All are committed; CI fails when they drift from the code.

    python -m devtools.contracts schemas  # schemas/openapi/{patient,clinician,kiosk}.json, schemas/asyncapi/
    python -m devtools.contracts sdk      # sdk/typescript/<bff>/ and sdk/python/yiqiao_sdk/<bff>/
    python -m devtools.contracts check    # regenerate everything in a temp dir; exit 1 listing what differs

The documents are built in-process from the app factories (no server, no database) with a pinned
environment: production (so the dev-only routes are not part of the contract) and no other ``YQ_*``
setting, whatever the caller's shell holds. Output is deterministic: sorted keys, 2-space indent,
UTF-8 (not ASCII-escaped), trailing newline.

The SDKs are generated from the documents in schemas/openapi:

- TypeScript: ``sdk/typescript/generate.mjs`` (openapi-typescript, pinned in package-lock.json)
  writes ``<bff>/schema.ts`` and ``<bff>/index.ts``; the runtime is the hand-written
  ``shared/client.ts`` with a pluggable transport (``shared/wx.ts`` for WeChat mini-programs).
  Needs Node >= 20 and npm; ``npm ci`` runs when node_modules is missing or stale.
- Python: openapi-python-client, one subpackage per BFF: ``yiqiao_sdk.patient`` etc. under
  ``sdk/python`` (formatted with the workspace's ruff, isolated from any config).

Everything is generated into a temporary directory first, so ``sdk`` and ``check`` produce
byte-identical trees, and files a generator no longer writes are removed.
"""

from __future__ import annotations

import argparse
import difflib
import filecmp
import importlib
import importlib.util
import io
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager, redirect_stdout
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
OPENAPI_DIR = ROOT / "schemas" / "openapi"
ASYNCAPI_DIR = ROOT / "schemas" / "asyncapi"
TS_DIR = ROOT / "sdk" / "typescript"
PY_SDK_DIR = ROOT / "sdk" / "python"
PY_PACKAGE = "yiqiao_sdk"

# name -> app factory. The name is the schema file, the TS package dir and the Python subpackage.
BFFS: dict[str, str] = {
    "patient": "bff_patient.app:create_app",
    "clinician": "bff_clinician.app:create_app",
    "kiosk": "bff_kiosk.app:create_app",
}
# The only settings the documents are built with (see the module docstring).
# (Production refuses the public dev broker password, so a placeholder stands in: nothing connects.)
SCHEMA_ENV = {"YQ_ENV": "production", "YQ_MQTT_GATEWAY_PASSWORD": "schema-build-placeholder"}
IGNORED = {"__pycache__", "node_modules", ".DS_Store"}
_UNTRUSTED = re.compile(r"<[\w.]*UntrustedString object at 0x[0-9a-f]+>")


class ContractError(Exception):
    """A generator could not run; the message says why and what to do."""


# ---------------------------------------------------------------------------------------- schemas


def render(document: dict[str, Any]) -> str:
    return json.dumps(document, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def pin_environment() -> None:
    """Make this process build the documents the same way on every machine (no database is
    needed: yiqiao's engine does not connect at import). Only for a process of its own (the
    CLI): it rewrites ``os.environ``."""
    for key in [k for k in os.environ if k.startswith("YQ_")]:
        del os.environ[key]
    os.environ.update(SCHEMA_ENV)


def build_openapi(name: str) -> dict[str, Any]:
    module_name, _, factory = BFFS[name].partition(":")
    app = getattr(importlib.import_module(module_name), factory)()
    document: dict[str, Any] = app.openapi_schema.to_schema()
    return document


def write_schemas(out: Path) -> None:
    """Write every document under ``out``: ``openapi/<bff>.json`` and ``asyncapi/``."""
    (out / "openapi").mkdir(parents=True, exist_ok=True)
    for name in BFFS:
        (out / "openapi" / f"{name}.json").write_text(render(build_openapi(name)), encoding="utf-8")
    if asyncapi_available():
        importlib.import_module("device_gateway.contracts").write(out / "asyncapi")
    else:
        print("note: device_gateway.contracts does not exist yet; skipped the AsyncAPI document")


def asyncapi_available() -> bool:
    try:
        return importlib.util.find_spec("device_gateway.contracts") is not None
    except ModuleNotFoundError:
        return False


# -------------------------------------------------------------------------------------------- sdk


def _run(cmd: list[str], cwd: Path, what: str) -> str:
    try:
        done = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, check=False)
    except FileNotFoundError as exc:
        raise ContractError(
            f"{what}: {cmd[0]} is not installed ({exc}). Install Node.js >= 20 with npm."
        ) from None
    if done.returncode != 0:
        raise ContractError(f"{what} failed ({' '.join(cmd)}):\n{done.stdout}{done.stderr}")
    return done.stdout


def _node_modules_current() -> bool:
    """True when node_modules was installed from the committed package-lock.json."""
    installed = TS_DIR / "node_modules" / ".package-lock.json"
    if not installed.exists():
        return False
    wanted = json.loads((TS_DIR / "package-lock.json").read_text())["packages"]
    have = json.loads(installed.read_text())["packages"]
    return all(have.get(k, {}).get("version") == v.get("version") for k, v in wanted.items() if k)


def npm_ci() -> None:
    if not _node_modules_current():
        print("npm ci (sdk/typescript)")
        _run(["npm", "ci", "--no-audit", "--no-fund"], TS_DIR, "npm ci")


def generate_typescript(schemas: Path, out: Path) -> None:
    """``out/<bff>/{schema,index}.ts`` for each BFF."""
    out.mkdir(parents=True, exist_ok=True)
    _run(["node", "generate.mjs", str(schemas), str(out), *BFFS], TS_DIR, "TypeScript generation")


def typecheck_typescript() -> None:
    tsc = str(TS_DIR / "node_modules" / "typescript" / "bin" / "tsc")
    for config in ("tsconfig.json", "tsconfig.dom.json"):
        _run(["node", tsc, "--noEmit", "-p", config], TS_DIR, f"tsc -p {config}")


def generate_python(schemas: Path, out: Path) -> None:
    """``out/<bff>/`` (a package meant to live at ``yiqiao_sdk/<bff>``) for each BFF."""
    from openapi_python_client import generate
    from openapi_python_client.config import Config, ConfigFile, MetaType

    out.mkdir(parents=True, exist_ok=True)
    for name in BFFS:
        # No post hooks: they would run whatever `ruff` is on PATH, or skip with a warning if none
        # is; formatting runs below instead, with the workspace's ruff.
        settings = ConfigFile(
            project_name_override=f"yiqiao-{name}-client", package_name_override=name, post_hooks=[]
        )
        config = Config.from_sources(
            settings,
            MetaType.NONE,
            document_source=schemas / f"{name}.json",
            file_encoding="utf-8",
            overwrite=True,
            output_path=out / name,
        )
        with redirect_stdout(io.StringIO()):  # it prints "Generating <dir>"
            errors = generate(config=config)
        warnings = []
        for error in errors:
            # (its messages show some values as "<...UntrustedString object at 0x...>")
            message = _UNTRUSTED.sub("?", f"{error.header or ''}: {error.detail or ''}")
            if getattr(error.level, "value", error.level) == "error":
                raise ContractError(f"openapi-python-client ({name}): {message}")
            warnings.append(message)
        if warnings:  # typically a response it cannot parse, which it then leaves out of the client
            print(
                f"warning: openapi-python-client ({name}): {len(warnings)} warning(s), first: {warnings[0]}"
            )
    # What openapi-python-client's default hooks do, but with --isolated so no ruff config between
    # the temp dir and / changes the output.
    ruff = [sys.executable, "-m", "ruff"]
    _run([*ruff, "check", "--isolated", "--fix-only", "--extend-select=I", "--quiet", "."], out, "ruff check")
    _run([*ruff, "format", "--isolated", "--quiet", "."], out, "ruff format")


def generated_trees() -> list[tuple[str, Path, str]]:
    """(label, committed dir, the same dir relative to a temp generation root) per generated tree."""
    trees = []
    for name in BFFS:
        trees.append((f"sdk/typescript/{name}", TS_DIR / name, f"ts/{name}"))
        trees.append((f"sdk/python/{PY_PACKAGE}/{name}", PY_SDK_DIR / PY_PACKAGE / name, f"py/{name}"))
    return trees


def generate_sdks(schemas: Path, tmp: Path) -> None:
    npm_ci()
    generate_typescript(schemas, tmp / "ts")
    generate_python(schemas, tmp / "py")


# ------------------------------------------------------------------------------------ comparison


def _files(root: Path) -> set[str]:
    if not root.exists():
        return set()
    return {
        p.relative_to(root).as_posix()
        for p in root.rglob("*")
        if p.is_file() and not IGNORED.intersection(p.relative_to(root).parts)
    }


def compare_trees(committed: Path, fresh: Path, label: str) -> list[str]:
    """One line per file that differs; a short diff under each changed file."""
    problems = []
    have, want = _files(committed), _files(fresh)
    for rel in sorted(want - have):
        problems.append(f"missing    {label}/{rel}")
    for rel in sorted(have - want):
        problems.append(f"stale      {label}/{rel} (no longer generated)")
    for rel in sorted(have & want):
        a, b = committed / rel, fresh / rel
        if not filecmp.cmp(a, b, shallow=False):
            diff = difflib.unified_diff(
                a.read_text(errors="replace").splitlines(),
                b.read_text(errors="replace").splitlines(),
                f"committed/{label}/{rel}",
                f"generated/{label}/{rel}",
                lineterm="",
                n=1,
            )
            lines = list(diff)
            shown = "\n".join(f"           {line}" for line in lines[:30])
            more = f"\n           ... {len(lines) - 30} more diff lines" if len(lines) > 30 else ""
            problems.append(f"changed    {label}/{rel}\n{shown}{more}")
    return problems


def _replace_tree(src: Path, dst: Path) -> None:
    if dst.exists():
        shutil.rmtree(dst)
    dst.parent.mkdir(parents=True, exist_ok=True)
    shutil.copytree(src, dst, ignore=shutil.ignore_patterns(*IGNORED))


# ------------------------------------------------------------------------------------- commands


@contextmanager
def _tempdir() -> Iterator[Path]:
    with tempfile.TemporaryDirectory(prefix="yq-contracts-") as tmp:
        yield Path(tmp)


def cmd_schemas(out: Path | None = None) -> int:
    pin_environment()
    target = out or ROOT / "schemas"
    with _tempdir() as tmp:
        write_schemas(tmp)
        (target / "openapi").mkdir(parents=True, exist_ok=True)
        for name in BFFS:
            shutil.copyfile(tmp / "openapi" / f"{name}.json", target / "openapi" / f"{name}.json")
        if (tmp / "asyncapi").exists():
            _replace_tree(tmp / "asyncapi", target / "asyncapi")
            print(f"wrote {target / 'asyncapi'}/")
    for name in BFFS:
        print(f"wrote {target / 'openapi' / f'{name}.json'}")
    return 0


def cmd_sdk() -> int:
    missing = [n for n in BFFS if not (OPENAPI_DIR / f"{n}.json").exists()]
    if missing:
        raise ContractError(
            f"no schemas/openapi/{missing[0]}.json: run `python -m devtools.contracts schemas` first"
        )
    with _tempdir() as tmp:
        generate_sdks(OPENAPI_DIR, tmp)
        for label, committed, fresh in generated_trees():
            _replace_tree(tmp / fresh, committed)
            print(f"wrote {label}/")
    typecheck_typescript()
    print("tsc --noEmit: ok")
    return 0


def cmd_check() -> int:
    pin_environment()
    problems: list[str] = []
    with _tempdir() as tmp:
        write_schemas(tmp / "schemas")
        problems += compare_trees(OPENAPI_DIR, tmp / "schemas" / "openapi", "schemas/openapi")
        if (tmp / "schemas" / "asyncapi").exists():
            problems += compare_trees(ASYNCAPI_DIR, tmp / "schemas" / "asyncapi", "schemas/asyncapi")
        npm_ci()
        generate_typescript(tmp / "schemas" / "openapi", tmp / "ts")
        generate_python(tmp / "schemas" / "openapi", tmp / "py")
        for label, committed, fresh in generated_trees():
            problems += compare_trees(committed, tmp / fresh, label)
    typecheck_typescript()
    if problems:
        print("The committed contracts differ from what the code generates:\n", file=sys.stderr)
        print("\n".join(problems), file=sys.stderr)
        print(
            "\nRun `make schemas sdk` (devtools.contracts schemas, then sdk) and commit the result.",
            file=sys.stderr,
        )
        return 1
    checked = "schemas/openapi, " + ("schemas/asyncapi, " if asyncapi_available() else "")
    print(f"contracts are up to date ({checked}sdk/typescript, sdk/python); tsc --noEmit ok")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m devtools.contracts",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    sub = parser.add_subparsers(dest="command", required=True)
    schemas = sub.add_parser("schemas", help="write schemas/openapi/*.json and schemas/asyncapi/")
    schemas.add_argument("--out", type=Path, help="write <out>/openapi/*.json etc. instead (tests use this)")
    sub.add_parser("sdk", help="generate sdk/typescript and sdk/python from schemas/openapi")
    sub.add_parser("check", help="exit 1 when committed schemas or SDKs differ from freshly generated ones")
    args = parser.parse_args(argv)
    started = time.monotonic()
    try:
        if args.command == "schemas":
            code = cmd_schemas(args.out)
        elif args.command == "sdk":
            code = cmd_sdk()
        else:
            code = cmd_check()
    except ContractError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    print(f"({args.command}: {time.monotonic() - started:.1f}s)")
    return code


if __name__ == "__main__":
    raise SystemExit(main())
