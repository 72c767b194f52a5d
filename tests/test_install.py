"""The package installs anywhere: a wheel built from this checkout, installed into a fresh virtual environment in a
temporary folder, builds a content folder outside the checkout with only what the wheel ships."""
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO, copy_minimal

SOURCE = ("pyproject.toml", "README.md", "brugwijzer")


def run(*args, cwd: Path) -> subprocess.CompletedProcess:
    env = {key: value for key, value in os.environ.items() if key not in ("PYTHONPATH", "VIRTUAL_ENV")}
    return subprocess.run([str(a) for a in args], cwd=cwd, env=env, capture_output=True, text=True, timeout=900)


@pytest.mark.slow
def test_the_wheel_installs_into_a_fresh_venv_and_builds_the_minimal_fixture(tmp_path):
    source = tmp_path / "source"  # a copy, so the wheel build writes nothing into the checkout
    source.mkdir()
    for name in SOURCE:
        copy = shutil.copytree if (REPO / name).is_dir() else shutil.copy2
        copy(REPO / name, source / name, **({"ignore": shutil.ignore_patterns("__pycache__")} if name == "brugwijzer" else {}))
    built = run(sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "--wheel-dir", tmp_path / "wheel", source,
                cwd=tmp_path)
    assert built.returncode == 0, built.stderr
    wheel = next((tmp_path / "wheel").glob("brugwijzer-*.whl"))
    venv = tmp_path / "venv"
    assert run(sys.executable, "-m", "venv", venv, cwd=tmp_path).returncode == 0
    installed = run(venv / "bin" / "python", "-m", "pip", "install", "--quiet", wheel, cwd=tmp_path)
    assert installed.returncode == 0, installed.stderr
    shutil.rmtree(source)  # nothing may be read from a source tree any more
    root = copy_minimal(tmp_path)
    where = run(venv / "bin" / "python", "-c", "import brugwijzer; print(brugwijzer.__file__)", cwd=tmp_path)
    assert where.stdout.startswith(str(venv)), where.stdout + where.stderr

    result = run(venv / "bin" / "brugwijzer", "build", "--root", root, cwd=tmp_path)

    assert result.returncode == 0, result.stdout + result.stderr
    site = root / "site"
    assert "Pagina niet gevonden" in (site / "404.html").read_text(encoding="utf-8")  # theme override
    assert (site / "assets" / "vendor" / "iframe-worker-shim.js").is_file()  # vendored asset
    assert (site / "assets" / "brugwijzer.js").is_file()
    assert (site / "redactie.html").is_file() and (site / "toegankelijkheid.html").is_file()  # default pages
    assert (site / "vragen" / "vraag-client-houdt-zich-niet-aan-voorwaarden.html").is_file()
    home = (site / "index.html").read_text(encoding="utf-8")
    assert '<html lang="nl"' in home  # the default mkdocs.yml (theme language) came with the package
    assert 'type="application/atom+xml"' in home  # and the theme override that links the feed
    assert "niet ingesteld" in (site / "feed.xml").read_text(encoding="utf-8")  # no address: no made-up host
