"""scripts/pypi_audit.py and its use in scripts/security-audit, with PyPI's answers canned."""

import importlib.util
import io
import os
import subprocess  # nosec B404
import sys
import threading
import urllib.error
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
_spec = importlib.util.spec_from_file_location("pypi_audit", ROOT / "scripts" / "pypi_audit.py")
pypi_audit = importlib.util.module_from_spec(_spec)
sys.modules["pypi_audit"] = pypi_audit  # dataclasses look their module up by name
_spec.loader.exec_module(pypi_audit)

ADVISORY = {
    "id": "PYSEC-2099-1",
    "aliases": ["CVE-2099-0001", "GHSA-aaaa-bbbb-cccc"],
    "summary": "Something bad",
    "fixed_in": ["2.0.1"],
    "link": "https://osv.dev/vulnerability/PYSEC-2099-1",
    "withdrawn": None,
}


def project(latest, *vulnerabilities):
    """A /pypi/<name>/json answer as PyPI shapes it (only the keys the audit reads)."""
    return {
        "info": {"name": "x", "version": latest},
        "releases": {},
        "vulnerabilities": list(vulnerabilities),
    }


class FakePyPI:
    """Stands in for the network: canned answers per URL, 404 for anything else."""

    def __init__(self, answers):
        self.answers = answers
        self.urls = []

    def __call__(self, url, timeout):
        self.urls.append(url)
        answer = self.answers.get(url)
        if answer is None:
            raise urllib.error.HTTPError(url, 404, "Not Found", {}, None)
        if isinstance(answer, Exception):
            raise answer
        return answer


def audit(packages, answers, ignores=frozenset(), **kwargs):
    out = io.StringIO()
    rc = pypi_audit.run(packages, ignores=set(ignores), get=FakePyPI(answers), out=out, **kwargs)
    return rc, out.getvalue()


URL = "https://pypi.org/pypi/{}/json".format


def test_vulnerability_in_the_installed_latest_release_is_a_finding_and_fails():
    rc, out = audit([("somepkg", "2.0.0")], {URL("somepkg"): project("2.0.0", ADVISORY)})
    assert rc == 1
    assert "FINDING: somepkg 2.0.0: PYSEC-2099-1" in out
    assert "CVE-2099-0001, GHSA-aaaa-bbbb-cccc" in out
    assert "fixed in: 2.0.1" in out
    assert out.splitlines()[-1] == (
        "pypi-audit: 1 audited against PyPI data, 1 findings, "
        "0 not audited (older than latest or unreachable)"
    )


def test_clean_latest_release_is_audited_and_passes():
    rc, out = audit([("somepkg", "2.0")], {URL("somepkg"): project("2.0.0")})
    assert rc == 0
    assert "FINDING" not in out
    assert "pypi-audit: 1 audited against PyPI data, 0 findings, 0 not audited" in out


def test_one_advisory_under_several_database_ids_is_reported_once():
    ghsa = dict(ADVISORY, id="GHSA-aaaa-bbbb-cccc", aliases=["CVE-2099-0001", "PYSEC-2099-1"])
    rc, out = audit([("somepkg", "2.0.0")], {URL("somepkg"): project("2.0.0", ADVISORY, ghsa)})
    assert rc == 1
    assert out.count("FINDING") == 1
    assert ", 1 findings," in out


@pytest.mark.parametrize("accepted", ["PYSEC-2099-1", "cve-2099-0001"])
def test_advisory_accepted_in_the_ignore_file_is_not_a_finding(tmp_path, accepted):
    ignore_file = tmp_path / "pip-audit-ignore"
    ignore_file.write_text(f"# accepted risks\n\n{accepted}  not reachable from our code\n")
    rc, out = audit(
        [("somepkg", "2.0.0")],
        {URL("somepkg"): project("2.0.0", ADVISORY)},
        ignores=pypi_audit.read_ignores(ignore_file),
    )
    assert rc == 0
    assert "FINDING" not in out
    assert "ignored: somepkg 2.0.0: PYSEC-2099-1" in out
    assert ", 0 findings," in out


def test_withdrawn_advisory_is_not_a_finding():
    withdrawn = dict(ADVISORY, withdrawn="2099-02-01T00:00:00Z")
    rc, out = audit([("somepkg", "2.0.0")], {URL("somepkg"): project("2.0.0", withdrawn)})
    assert rc == 0
    assert "FINDING" not in out
    assert "pypi-audit: 1 audited against PyPI data, 0 findings, 0 not audited" in out


def test_release_older_than_latest_is_not_audited_even_when_latest_lists_advisories():
    # The list is about 3.0.0; nothing in it says whether 2.0.0 is affected or safe.
    rc, out = audit([("somepkg", "2.0.0")], {URL("somepkg"): project("3.0.0", ADVISORY)})
    assert rc == 0
    assert "FINDING" not in out
    assert "WARNING: not audited: somepkg: installed 2.0.0, latest 3.0.0" in out
    assert "pypi-audit: 0 audited against PyPI data, 0 findings, 1 not audited" in out


def test_unknown_and_unreachable_projects_are_not_audited():
    rc, out = audit(
        [("gone", "1.0"), ("flaky", "1.0"), ("fine", "1.0")],
        {URL("flaky"): urllib.error.URLError("timed out"), URL("fine"): project("1.0")},
    )
    assert rc == 0
    assert "WARNING: not audited: gone: PyPI answered HTTP 404" in out
    assert "WARNING: not audited: flaky: PyPI unreachable" in out
    assert "pypi-audit: 1 audited against PyPI data, 0 findings, 2 not audited" in out


def test_findings_fail_the_run_even_when_other_packages_are_not_audited():
    rc, out = audit(
        [("old", "1.0"), ("somepkg", "2.0.0")],
        {URL("old"): project("2.0"), URL("somepkg"): project("2.0.0", ADVISORY)},
    )
    assert rc == 1
    assert "pypi-audit: 1 audited against PyPI data, 1 findings, 1 not audited" in out


def test_projects_are_asked_for_under_their_normalised_name_on_pypi():
    fake = FakePyPI({})
    pypi_audit.run([("Django_Phone.Number", "1.0")], ignores=set(), get=fake, out=io.StringIO())
    assert fake.urls == ["https://pypi.org/pypi/django-phone-number/json"]


def test_fetching_anything_but_pypi_is_refused():
    with pytest.raises(ValueError, match="refusing"):
        pypi_audit.get_json("http://127.0.0.1:1/pypi/x/json", 1)


def test_packages_without_an_answer_within_the_budget_are_not_audited():
    release = threading.Event()

    def hanging(url, timeout):
        release.wait(5)
        raise urllib.error.URLError("too late")

    out = io.StringIO()
    try:
        rc = pypi_audit.run([("slow", "1.0")], ignores=set(), get=hanging, out=out, budget=0.2)
    finally:
        release.set()
    assert rc == 0
    assert "WARNING: not audited: slow: no answer within the 0.2 s budget" in out.getvalue()
    assert "0 audited against PyPI data, 0 findings, 1 not audited" in out.getvalue()


def test_the_editable_project_itself_is_skipped_and_its_dependencies_are_not():
    names = {pypi_audit.canonical_name(name) for name, _ in pypi_audit.installed_distributions()}
    assert "django" in names
    assert "muntij" not in names


# scripts/security-audit's branching, with stand-ins for bandit, pip-audit and the fallback.


def fake_bin(tmp_path, *, pip_audit_output, pip_audit_rc, fallback_rc):
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir(parents=True)
    scripts = {
        "bandit": "exit 0",
        "pip-audit": f"cat <<'EOF'\n{pip_audit_output}\nEOF\nexit {pip_audit_rc}",
        # The fallback's findings are stood in for by its exit status: the script is tested above.
        "python": f'echo "fallback ran: $*"\nexit {fallback_rc}',
    }
    for name, body in scripts.items():
        path = bin_dir / name
        path.write_text(f"#!/bin/sh\n{body}\n")
        path.chmod(0o755)
    return bin_dir


def security_audit(bin_dir):
    return subprocess.run(  # nosec B603
        [str(ROOT / "scripts" / "security-audit"), str(bin_dir)],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ},
    )


# pip-audit's skip table row, as it prints it when PyPI's per-version API answers 404.
SKIPPED = "django    Dependency not found on PyPI and could not be audited: django (5.2.19)"


@pytest.mark.parametrize(("fallback_rc", "expected_rc"), [(0, 0), (1, 1)])
def test_packages_pip_audit_could_not_audit_go_to_the_fallback_whose_findings_fail(
    tmp_path, fallback_rc, expected_rc
):
    bin_dir = fake_bin(tmp_path, pip_audit_output=SKIPPED, pip_audit_rc=0, fallback_rc=fallback_rc)
    result = security_audit(bin_dir)
    assert "fallback ran: scripts/pypi_audit.py" in result.stdout
    assert "could not look up 1 installed packages" in result.stdout
    assert result.returncode == expected_rc


def test_unreachable_pip_audit_service_goes_to_the_fallback(tmp_path):
    output = (
        "requests.exceptions.ConnectionError: "
        "HTTPSConnectionPool(host='pypi.org'): Max retries exceeded"
    )
    bin_dir = fake_bin(tmp_path, pip_audit_output=output, pip_audit_rc=1, fallback_rc=1)
    result = security_audit(bin_dir)
    assert "fallback ran" in result.stdout
    assert result.returncode == 1


def test_when_pip_audit_works_its_verdict_stands_and_no_fallback_runs(tmp_path):
    found = (
        "Found 1 known vulnerability in 1 package\n"
        "Name Version ID Fix Versions\n"
        "somepkg 2.0.0 PYSEC-2099-1 2.0.1"
    )
    bin_dir = fake_bin(tmp_path, pip_audit_output=found, pip_audit_rc=1, fallback_rc=0)
    result = security_audit(bin_dir)
    assert "fallback ran" not in result.stdout
    assert result.returncode == 1

    clean = fake_bin(
        tmp_path / "clean",
        pip_audit_output="No known vulnerabilities found",
        pip_audit_rc=0,
        fallback_rc=1,
    )
    result = security_audit(clean)
    assert "fallback ran" not in result.stdout
    assert result.returncode == 0
