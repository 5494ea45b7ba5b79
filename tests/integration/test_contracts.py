"""The published contracts (schemas/openapi/*.json) are what the code serves, and they say what a
client needs: an operationId for every operation, the problem+json errors it can get, which
operations need no token, and no unmasked personal data in the patient API's responses.

The documents are rebuilt by ``python -m devtools.contracts schemas --out <tmp>`` in a process of
its own, so the pinned production settings it uses never touch this session's. (The SDK drift
check, which needs Node, is ``python -m devtools.contracts check``; here the Python SDK is only
imported.)
"""

from __future__ import annotations

import importlib
import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
OPENAPI_DIR = ROOT / "schemas" / "openapi"
BFFS = ("patient", "clinician", "kiosk")
METHODS = ("get", "put", "post", "delete", "patch")
PROBLEM = "application/problem+json"
# Personal data that the patient API may only ever return masked (``phone_masked`` etc.).
PII_FIELDS = {
    "id_number",
    "id_card_no",
    "id_no",
    "phone",
    "mobile",
    "address",
    "card_no",
    "social_security_no",
    "ssn",
    "real_name",
    "full_name",
}


@pytest.fixture(scope="module")
def fresh(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("contracts")
    done = subprocess.run(
        [sys.executable, "-m", "devtools.contracts", "schemas", "--out", str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, f"devtools.contracts schemas failed:\n{done.stdout}{done.stderr}"
    return out


def _doc(name: str) -> dict[str, Any]:
    return json.loads((OPENAPI_DIR / f"{name}.json").read_text(encoding="utf-8"))


def _operations(doc: dict[str, Any]) -> Iterator[tuple[str, str, dict[str, Any]]]:
    for path, item in doc["paths"].items():
        for method in METHODS:
            if method in item:
                yield path, method, item[method]


def _deref(doc: dict[str, Any], node: Any) -> Any:
    while isinstance(node, dict) and "$ref" in node:
        node = doc["components"]["schemas"][node["$ref"].rsplit("/", 1)[-1]]
    return node


def _property_names(
    doc: dict[str, Any], schema: Any, owner: str = "inline", seen: set[str] | None = None
) -> Iterator[tuple[str, str]]:
    """(owning schema, property name) for every property reachable from ``schema``."""
    seen = set() if seen is None else seen
    if not isinstance(schema, dict):
        return
    if "$ref" in schema:
        name = schema["$ref"].rsplit("/", 1)[-1]
        if name not in seen:
            seen.add(name)
            yield from _property_names(doc, _deref(doc, schema), name, seen)
        return
    for prop, sub in schema.get("properties", {}).items():
        yield owner, prop
        yield from _property_names(doc, sub, owner, seen)
    for key in ("items", "additionalProperties", "not"):
        yield from _property_names(doc, schema.get(key), owner, seen)
    for key in ("oneOf", "anyOf", "allOf", "prefixItems"):
        for sub in schema.get(key, []):
            yield from _property_names(doc, sub, owner, seen)


def _is_public(doc: dict[str, Any], op: dict[str, Any]) -> bool:
    return op.get("security", doc.get("security")) in ([], None, [{}])


def _has_problem(doc: dict[str, Any], op: dict[str, Any], status: str) -> bool:
    content = op.get("responses", {}).get(status, {}).get("content", {})
    if PROBLEM not in content:
        return False
    schema = _deref(doc, content[PROBLEM].get("schema", {}))
    return {"type", "title", "status", "code", "detail"} <= set(schema.get("properties", {}))


@pytest.mark.parametrize("name", BFFS)
def test_committed_schema_is_what_the_code_generates(fresh: Path, name: str) -> None:
    committed = (OPENAPI_DIR / f"{name}.json").read_text(encoding="utf-8")
    generated = (fresh / "openapi" / f"{name}.json").read_text(encoding="utf-8")
    assert committed == generated, (
        f"schemas/openapi/{name}.json is stale: run `make schemas sdk` and commit schemas/ and sdk/"
    )


def test_committed_asyncapi_is_what_the_code_generates(fresh: Path) -> None:
    if not (fresh / "asyncapi").exists():
        pytest.skip("device_gateway.contracts does not exist yet")
    committed_dir = ROOT / "schemas" / "asyncapi"
    generated = {
        p.relative_to(fresh / "asyncapi"): p.read_bytes()
        for p in (fresh / "asyncapi").rglob("*")
        if p.is_file()
    }
    committed = (
        {p.relative_to(committed_dir): p.read_bytes() for p in committed_dir.rglob("*") if p.is_file()}
        if committed_dir.exists()
        else {}
    )
    stale = sorted(str(p) for p in set(generated) | set(committed) if generated.get(p) != committed.get(p))
    assert not stale, f"schemas/asyncapi differs from the code ({stale}): run `make schemas`"


@pytest.mark.parametrize("name", BFFS)
def test_every_operation_has_a_unique_operation_id(name: str) -> None:
    doc = _doc(name)
    ids = [op.get("operationId") for _, _, op in _operations(doc)]
    missing = [f"{m.upper()} {p}" for p, m, op in _operations(doc) if not op.get("operationId")]
    assert not missing, f"operations without operationId: {missing}"
    assert len(ids) == len(set(ids)), f"duplicate operationIds: {sorted(i for i in ids if ids.count(i) > 1)}"


@pytest.mark.parametrize("name", BFFS)
def test_problem_responses_are_documented(name: str) -> None:
    """Every error the BFF can answer is documented as problem+json, as problems.py sends it:
    400 where there is input, 401 where a token is needed, 422 where a body can break a rule."""
    doc = _doc(name)
    missing = []
    for path, method, op in _operations(doc):
        wanted = set()
        if op.get("parameters") or op.get("requestBody"):
            wanted.add("400")
        if not _is_public(doc, op):
            wanted.add("401")
        if op.get("requestBody"):
            wanted.add("422")
        for status in op.get("responses", {}):
            if status.startswith("4"):
                wanted.add(status)  # any documented 4xx must be a problem+json, not Litestar's default body
        missing += [f"{method.upper()} {path} {s}" for s in sorted(wanted) if not _has_problem(doc, op, s)]
    assert not missing, (
        f"{name}: these responses are not documented as {PROBLEM} with the Problem schema:\n  "
        + "\n  ".join(missing)
    )


@pytest.mark.parametrize("name", BFFS)
def test_public_operations_say_so(name: str) -> None:
    """Sign-in, refresh and /health take no token; the document must not ask clients for one."""
    doc = _doc(name)
    public_paths = {"/health", "/auth/refresh"}
    wrong = [
        f"{m.upper()} {p}"
        for p, m, op in _operations(doc)
        if p in public_paths and op.get("security", doc.get("security")) != []
    ]
    assert not wrong, f"{name}: these operations need no token but do not declare `security: []`: {wrong}"


def test_patient_responses_carry_no_unmasked_personal_data() -> None:
    doc = _doc("patient")
    leaks = []
    for path, method, op in _operations(doc):
        for status, response in op.get("responses", {}).items():
            for media in response.get("content", {}).values():
                for schema_name, prop in _property_names(doc, media.get("schema", {})):
                    if prop in PII_FIELDS:
                        leaks.append(f"{method.upper()} {path} {status}: {schema_name}.{prop}")
    assert not leaks, (
        "the patient API returns personal data unmasked (return *_masked instead):\n  "
        + "\n  ".join(sorted(set(leaks)))
    )


def test_pii_check_would_catch_a_leak() -> None:
    doc = {
        "components": {
            "schemas": {
                "Outer": {
                    "type": "object",
                    "properties": {"people": {"type": "array", "items": {"$ref": "#/components/schemas/P"}}},
                },
                "P": {
                    "type": "object",
                    "properties": {
                        "phone_masked": {"type": "string"},
                        "contact": {"oneOf": [{"type": "null"}, {"$ref": "#/components/schemas/C"}]},
                    },
                },
                "C": {"type": "object", "properties": {"id_number": {"type": "string"}}},
            }
        }
    }
    names = {prop for _, prop in _property_names(doc, {"$ref": "#/components/schemas/Outer"})}
    assert "id_number" in names and "phone_masked" in names


@pytest.mark.parametrize("name", BFFS)
def test_python_sdk_imports(name: str) -> None:
    sdk = str(ROOT / "sdk" / "python")
    if sdk not in sys.path:
        sys.path.insert(0, sdk)
    package = importlib.import_module(f"yiqiao_sdk.{name}")
    assert hasattr(package, "AuthenticatedClient") and hasattr(package, "Client")
    for module in (ROOT / "sdk" / "python" / "yiqiao_sdk" / name / "api").rglob("*.py"):
        importlib.import_module(".".join(module.relative_to(ROOT / "sdk" / "python").with_suffix("").parts))
