"""Audit installed packages against PyPI's per-project vulnerability data (docs/security.md).

pip-audit's fallback where PyPI's per-version JSON API (/pypi/<name>/<version>/json) is not
served. The per-project document (/pypi/<name>/json) describes the project's LATEST release
only, and so does its ``vulnerabilities`` list: a package is audited by this method only
when the installed version is that latest release. Anything older (or unreachable) is
listed as not audited, never guessed about.

Run with the environment's own python: ``.venv/bin/python scripts/pypi_audit.py``.
Exit status: 0 without findings, 1 with findings.
"""

from __future__ import annotations

import argparse
import concurrent.futures
import importlib.metadata
import json
import re
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

PYPI_JSON = "https://pypi.org/pypi/"
IGNORE_FILE = Path(__file__).resolve().parent.parent / ".ci" / "pip-audit-ignore"
REQUEST_TIMEOUT = 20.0
TOTAL_BUDGET = 240.0
WORKERS = 4
# A distribution name as PEP 508 allows it; anything else is never put in a URL.
NAME_RE = re.compile(r"^[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?$")

GetJson = Callable[[str, float], dict]


@dataclass
class Result:
    """What the audit concluded about one installed distribution."""

    name: str
    version: str
    audited: bool = False
    reason: str = ""
    findings: list[dict] = field(default_factory=list)
    ignored: list[str] = field(default_factory=list)


def canonical_name(name: str) -> str:
    """PEP 503 normalised name, the form PyPI serves without a redirect."""
    return re.sub(r"[-_.]+", "-", name).lower()


def project_url(name: str) -> str:
    """The per-project JSON document's address, built from the PyPI constant."""
    return PYPI_JSON + urllib.parse.quote(canonical_name(name), safe="") + "/json"


def get_json(url: str, timeout: float) -> dict:
    """GET a JSON document over HTTPS (the only network access in this script)."""
    if not url.startswith(PYPI_JSON):
        raise ValueError(f"refusing to fetch {url!r}: not under {PYPI_JSON}")
    request = urllib.request.Request(url, headers={"Accept": "application/json"})
    # The URL is the https PyPI constant plus a quoted, validated name (checked above).
    with urllib.request.urlopen(request, timeout=timeout) as response:  # nosec B310
        return json.load(response)


def read_ignores(path: Path) -> set[str]:
    """IDs accepted in .ci/pip-audit-ignore ("ID  reason" per line; # comments)."""
    if not path.is_file():
        return set()
    ids = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        words = line.split()
        if words and not words[0].startswith("#"):
            ids.add(words[0].upper())
    return ids


def _release_tuple(version: str) -> tuple[int, ...] | None:
    """Plain dotted releases compare as numbers with trailing zeros dropped (1.0 == 1.0.0)."""
    if not re.fullmatch(r"\d+(?:\.\d+)*", version):
        return None
    parts = [int(p) for p in version.split(".")]
    while len(parts) > 1 and parts[-1] == 0:
        parts.pop()
    return tuple(parts)


def same_version(installed: str, latest: str) -> bool:
    """True only when both strings name the same release; when unsure, False."""
    a, b = installed.strip().lower(), latest.strip().lower()
    if a == b:
        return True
    ta, tb = _release_tuple(a), _release_tuple(b)
    return ta is not None and ta == tb


def assess(name: str, version: str, project: dict, ignores: set[str]) -> Result:
    """Apply PyPI's latest-release vulnerability list to one installed distribution."""
    result = Result(name=name, version=version)
    latest = str((project.get("info") or {}).get("version") or "")
    if not latest:
        result.reason = "PyPI's answer names no latest release"
        return result
    if not same_version(version, latest):
        # The list describes `latest` only; whether it (or anything else) affects an older
        # release cannot be read from it, so this package is simply not covered.
        result.reason = f"installed {version}, latest {latest}"
        return result
    vulnerabilities = project.get("vulnerabilities")
    if not isinstance(vulnerabilities, list):
        result.reason = "PyPI's answer has no vulnerability list"
        return result
    result.audited = True
    seen: set[str] = set()
    for vuln in vulnerabilities:
        if vuln.get("withdrawn"):
            continue
        ids = {
            str(vuln.get("id") or "").upper(),
            *(str(a).upper() for a in vuln.get("aliases") or []),
        }
        ids.discard("")
        if ids & seen:
            # PyPI lists one advisory under each database's id (PYSEC-…, GHSA-…): report it once.
            seen |= ids
            continue
        seen |= ids
        if ids & ignores:
            result.ignored.append(str(vuln.get("id")))
            continue
        result.findings.append(vuln)
    return result


def audit_one(name: str, version: str, ignores: set[str], get: GetJson, timeout: float) -> Result:
    """Fetch one project's document and assess it; failures make it 'not audited'."""
    if not NAME_RE.match(name):
        return Result(name=name, version=version, reason="name not usable in a PyPI URL")
    try:
        project = get(project_url(name), timeout)
    except urllib.error.HTTPError as exc:
        return Result(name=name, version=version, reason=f"PyPI answered HTTP {exc.code}")
    except (urllib.error.URLError, TimeoutError, OSError) as exc:
        return Result(name=name, version=version, reason=f"PyPI unreachable ({exc})")
    except ValueError as exc:
        return Result(name=name, version=version, reason=f"unreadable answer ({exc})")
    if not isinstance(project, dict):
        return Result(name=name, version=version, reason="unreadable answer (not an object)")
    return assess(name, version, project, ignores)


def installed_distributions() -> list[tuple[str, str]]:
    """(name, version) of every installed distribution except editable installs (this project)."""
    dists = [d for d in importlib.metadata.distributions() if d.metadata["Name"]]
    # An editable project can also show up as a bare *.egg-info in the working directory.
    editable = {canonical_name(d.metadata["Name"]) for d in dists if _is_editable(d)}
    seen: dict[str, tuple[str, str]] = {}
    for dist in dists:
        name = dist.metadata["Name"]
        if canonical_name(name) not in editable:
            seen.setdefault(canonical_name(name), (name, dist.version))
    return sorted(seen.values(), key=lambda nv: canonical_name(nv[0]))


def _is_editable(dist) -> bool:
    try:
        return bool(json.loads(dist.read_text("direct_url.json") or "{}")
                    .get("dir_info", {}).get("editable"))
    except ValueError:
        return False


def run(
    packages: Iterable[tuple[str, str]],
    *,
    ignores: set[str],
    get: GetJson = get_json,
    workers: int = WORKERS,
    budget: float = TOTAL_BUDGET,
    timeout: float = REQUEST_TIMEOUT,
    out=None,
) -> int:
    """Audit `packages`, print findings, warnings and the summary; 1 when anything was found."""
    out = out or sys.stdout
    packages = list(packages)
    results: dict[str, Result] = {}
    deadline = time.monotonic() + budget
    pool = concurrent.futures.ThreadPoolExecutor(max_workers=max(1, workers))
    futures = {
        pool.submit(audit_one, name, version, ignores, get, timeout): (name, version)
        for name, version in packages
    }
    try:
        for future in concurrent.futures.as_completed(
            futures, timeout=max(0.0, deadline - time.monotonic())
        ):
            name, _ = futures[future]
            results[name] = future.result()
    except concurrent.futures.TimeoutError:
        pass
    finally:
        pool.shutdown(wait=False, cancel_futures=True)
    for name, version in packages:
        results.setdefault(
            name,
            Result(name=name, version=version, reason=f"no answer within the {budget:g} s budget"),
        )

    ordered = [results[name] for name, _ in packages]
    findings = 0
    for result in ordered:
        for vuln in result.findings:
            findings += 1
            aliases = ", ".join(vuln.get("aliases") or []) or "none"
            fixed = ", ".join(vuln.get("fixed_in") or []) or "no fixed release listed"
            print(
                f"FINDING: {result.name} {result.version}: {vuln.get('id')} "
                f"(aliases: {aliases}; fixed in: {fixed}) {vuln.get('link') or ''}".rstrip(),
                file=out,
            )
        for vuln_id in result.ignored:
            print(
                f"ignored: {result.name} {result.version}: {vuln_id} (.ci/pip-audit-ignore)",
                file=out,
            )
    not_audited = [r for r in ordered if not r.audited]
    for result in not_audited:
        print(f"WARNING: not audited: {result.name}: {result.reason}", file=out)
    audited = len(ordered) - len(not_audited)
    print(
        f"pypi-audit: {audited} audited against PyPI data, {findings} findings, "
        f"{len(not_audited)} not audited (older than latest or unreachable)",
        file=out,
    )
    return 1 if findings else 0


def main(argv: list[str] | None = None) -> int:
    """Command line: audit this interpreter's installed distributions."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ignore-file", type=Path, default=IGNORE_FILE)
    parser.add_argument(
        "--budget", type=float, default=TOTAL_BUDGET, help="total seconds (default %(default)s)"
    )
    parser.add_argument("--workers", type=int, default=WORKERS)
    args = parser.parse_args(argv)
    return run(
        installed_distributions(),
        ignores=read_ignores(args.ignore_file),
        workers=args.workers,
        budget=args.budget,
    )


if __name__ == "__main__":
    sys.exit(main())
