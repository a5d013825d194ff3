"""Backups: pg_dump of the database plus a tarball of the media folders, and their restore.

pg_dump/pg_restore run from an argument list, never through a shell (bandit B404/B603).
"""

import hashlib
import json
import os
import shutil
import subprocess  # nosec B404
import tarfile
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import dj_database_url
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import connections

MEDIA_DIRS = {"media": "MEDIA_ROOT", "private": "PRIVATE_MEDIA_ROOT"}


@dataclass(frozen=True)
class Target:
    """Where a dump comes from or goes to: libpq arguments and their password."""

    args: list[str]
    password: str
    name: str


def target_from_settings_dict(db: dict) -> Target:
    """libpq command-line arguments for one Django database."""
    if db["ENGINE"] != "django.db.backends.postgresql":
        raise ImproperlyConfigured(
            "Backups need PostgreSQL; a SQLite demo is backed up by copying its file."
        )
    args = ["--host", db.get("HOST") or "127.0.0.1", "--port", str(db.get("PORT") or 5432),
            "--username", db.get("USER") or "postgres"]
    return Target(args=args, password=db.get("PASSWORD") or "", name=db["NAME"])


def target_for(database_url: str | None) -> Target:
    """The database named by a URL, or the default one."""
    if database_url:
        return target_from_settings_dict(dj_database_url.parse(database_url))
    return target_from_settings_dict(connections["default"].settings_dict)


def _run(command: list[str], target: Target) -> None:
    env = {**os.environ, "PGPASSWORD": target.password} if target.password else dict(os.environ)
    subprocess.run(command, env=env, check=True, capture_output=True, text=True)  # nosec B603


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _order_count() -> int:
    from oscar.core.loading import get_model

    return get_model("order", "Order").objects.count()


def backup_create(*, output_dir: Path, database_url: str | None = None) -> Path:
    """Write <output_dir>/<UTC stamp>/ with db.dump, media.tar.gz and manifest.json."""
    target = target_for(database_url)
    folder = output_dir / datetime.now(tz=UTC).strftime("%Y%m%dT%H%M%S%fZ")
    folder.mkdir(parents=True)
    dump = folder / "db.dump"
    _run(["pg_dump", *target.args, "--format=custom", "--no-owner", "--no-privileges",
          "--file", str(dump), target.name], target)
    media = folder / "media.tar.gz"
    with tarfile.open(media, "w:gz") as tar:
        for arcname, setting in MEDIA_DIRS.items():
            root = Path(getattr(settings, setting, "") or "")
            if root.is_dir():
                tar.add(root, arcname=arcname)
    manifest = {
        "created": folder.name,
        "database": target.name,
        "orders": _order_count() if database_url is None else None,
        "files": {p.name: _sha256(p) for p in (dump, media)},
    }
    (folder / "manifest.json").write_text(json.dumps(manifest, indent=2))
    return folder


def restore_apply(*, folder: Path, database_url: str | None = None, media: bool = True) -> dict:
    """Restore a backup folder into an empty database and the media folders; return the manifest."""
    manifest = json.loads((folder / "manifest.json").read_text())
    for name, digest in manifest["files"].items():
        if _sha256(folder / name) != digest:
            raise ValueError(f"{name} does not match its checksum in manifest.json")
    target = target_for(database_url)
    _run(["pg_restore", *target.args, "--no-owner", "--no-privileges", "--exit-on-error",
          "--single-transaction", "--dbname", target.name, str(folder / "db.dump")], target)
    if media:
        with tarfile.open(folder / "media.tar.gz") as tar:
            for arcname, setting in MEDIA_DIRS.items():
                root = Path(getattr(settings, setting))
                members = [m for m in tar.getmembers() if m.name.split("/", 1)[0] == arcname]
                staging = root.parent / f".restore-{arcname}"
                shutil.rmtree(staging, ignore_errors=True)
                tar.extractall(staging, members=members, filter="data")
                if (staging / arcname).is_dir():
                    shutil.copytree(staging / arcname, root, dirs_exist_ok=True)
                shutil.rmtree(staging, ignore_errors=True)
    return manifest
