"""The wheel carries the content files inside the package; an editable install reads them from data/."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]

pytestmark = pytest.mark.slow


def _run(args: list[str], cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    done = subprocess.run(args, cwd=str(cwd), env=env, capture_output=True, text=True, timeout=180)
    assert done.returncode == 0, f"{args}\n{done.stdout}\n{done.stderr}"
    return done


@pytest.fixture(scope="module")
def installed_wheel(tmp_path_factory) -> tuple[Path, Path]:
    """(the wheel file, a --target folder it was installed into)."""
    import importlib.util

    if importlib.util.find_spec("hatchling") is None:
        pytest.skip("hatchling (pinned in constraints.txt) is not installed in this venv, so no offline wheel build")
    where = tmp_path_factory.mktemp("wheel")
    # hatchling is already in the venv: build without fetching anything
    _run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "--no-index",
         "--disable-pip-version-check", "-q", "-w", str(where / "dist"), str(REPO)],
        cwd=where,
    )
    wheels = list((where / "dist").glob("innercritic-*.whl"))
    assert len(wheels) == 1, wheels
    site = where / "site"
    _run(
        [sys.executable, "-m", "pip", "install", "--no-deps", "--no-index", "--disable-pip-version-check", "-q",
         "--target", str(site), str(wheels[0])],
        cwd=where,
    )
    return wheels[0], site


def test_wheel_contents(installed_wheel):
    wheel, _ = installed_wheel
    names = zipfile.ZipFile(wheel).namelist()
    assert "innercritic/__init__.py" in names
    assert "innercritic/entry.py" in names
    assert "innercritic/tui/app.tcss" in names  # the one stylesheet ships beside the app that reads it
    assert "innercritic/data/nudges.txt" in names
    assert any(n.startswith("innercritic/data/flows/") and n.endswith(".toml") for n in names)
    assert all(n.startswith(("innercritic/", "innercritic-")) for n in names), names
    assert not any(n.endswith((".db", ".pyc")) or "/tests/" in n for n in names)
    assert not any(".data/scripts/" in n for n in names)  # no hand-written launcher any more
    entry_points = next(n for n in names if n.endswith(".dist-info/entry_points.txt"))
    text = zipfile.ZipFile(wheel).read(entry_points).decode()
    assert "[console_scripts]" in text and "innercritic = innercritic.entry:run" in text
    assert any(n.endswith(".dist-info/licenses/LICENSE") or n.endswith(".dist-info/LICENSE") for n in names)


def test_installed_wheel_command_runs_a_checkin(installed_wheel, tmp_path):
    _, site = installed_wheel
    command = site / "bin" / "innercritic"
    assert os.access(command, os.X_OK)
    assert command.read_text().splitlines()[0] == f"#!{sys.executable}"
    db = tmp_path / "wheel.db"
    done = _run(
        [str(command), "--db", str(db), "checkin", "--mood", "4", "--json"],
        cwd=tmp_path, env={**os.environ, "PYTHONPATH": str(site)},
    )
    assert '"mood": 4' in done.stdout
    assert db.exists()


def test_installed_wheel_finds_its_own_data(installed_wheel, tmp_path):
    _, site = installed_wheel
    env = {**os.environ, "PYTHONPATH": str(site)}
    done = _run(
        [sys.executable, "-c",
         "import innercritic, innercritic.resources as r; print(innercritic.__file__); print(r.data_dir())"],
        cwd=tmp_path, env=env,
    )
    package_file, data_dir = done.stdout.splitlines()
    assert Path(package_file).resolve().is_relative_to(site.resolve())
    assert Path(data_dir).resolve() == (site / "innercritic" / "data").resolve()
    assert (Path(data_dir) / "flows").is_dir()
    assert list((Path(data_dir) / "flows").glob("*.toml"))
    assert (Path(data_dir) / "nudges.txt").is_file()


def test_installed_wheel_runs_a_checkin(installed_wheel, tmp_path):
    _, site = installed_wheel
    env = {**os.environ, "PYTHONPATH": str(site)}
    db = tmp_path / "wheel.db"
    done = _run(
        [sys.executable, "-m", "innercritic", "--db", str(db), "checkin", "--mood", "3", "--json"], cwd=tmp_path, env=env
    )
    assert '"mood": 3' in done.stdout
    assert db.exists()


def test_editable_install_reads_the_source_data(tmp_path):
    done = _run(
        [sys.executable, "-c",
         "import innercritic, innercritic.resources as r; print(innercritic.__file__); print(r.data_dir())"],
        cwd=tmp_path, env={k: v for k, v in os.environ.items() if k != "PYTHONPATH"},
    )
    package_file, data_dir = done.stdout.splitlines()
    assert Path(package_file).resolve() == (REPO / "src" / "innercritic" / "__init__.py").resolve()
    assert Path(data_dir).resolve() == (REPO / "data").resolve()


def test_sdist_ships_every_document_the_readme_links_to(tmp_path):
    """The README is the package's long description: the files it links to travel with it."""
    import re
    import tarfile

    if importlib_util_find("hatchling") is None:
        pytest.skip("hatchling (pinned in constraints.txt) is not installed in this venv")
    links = {
        target.split("#")[0]
        for target in re.findall(r"\]\(([^)\s]+)\)", (REPO / "README.md").read_text(encoding="utf-8"))
        if "://" not in target and not target.startswith("#")
    }
    assert "docs/developing.md" in links  # the scan found the links (guards an empty check)
    _run([sys.executable, "-m", "hatchling", "build", "-t", "sdist", "-d", str(tmp_path)], cwd=REPO)
    (sdist,) = tmp_path.glob("innercritic-*.tar.gz")
    with tarfile.open(sdist) as archive:
        shipped = {name.split("/", 1)[1] for name in archive.getnames() if "/" in name}
    assert not sorted(links - shipped), f"linked from README.md but not in the sdist: {sorted(links - shipped)}"


def importlib_util_find(name: str):
    import importlib.util

    return importlib.util.find_spec(name)
