"""The wheel installed into a fresh virtual environment (python3 -m
venv, no system packages, pip offline) and imported from outside the
source tree. The wheel is CONDREQ_WHEEL when make python has built it,
else built here by python3 -m build from a copy of the tree's parts."""
import os
import shutil
import subprocess
import sys

import pytest

from conftest import TREE

PKG = os.path.join(TREE, "bindings", "python")
OFFLINE = {"PIP_NO_INDEX": "1", "PIP_CONFIG_FILE": os.devnull,
           "PIP_DISABLE_PIP_VERSION_CHECK": "1"}


def clean_env(**extra):
    env = {k: v for k, v in os.environ.items()
           if k not in ("CONDREQ_LIB", "PYTHONPATH", "CONDREQ_INSTALLED")}
    env.update(OFFLINE)
    env.update(extra)
    return env


@pytest.fixture(scope="module")
def wheel(tmp_path_factory):
    given = os.environ.get("CONDREQ_WHEEL")
    if given:
        return given
    top = tmp_path_factory.mktemp("tree")
    for part in ("src", "include"):
        shutil.copytree(os.path.join(TREE, part), top / part)
    shutil.copytree(PKG, top / "bindings" / "python", ignore=(
        shutil.ignore_patterns("build", "dist", "*.egg-info",
                               "__pycache__", ".pytest_cache")))
    out = tmp_path_factory.mktemp("dist")
    r = subprocess.run([sys.executable, "-m", "build", "--no-isolation",
                        "--wheel", "--outdir", str(out),
                        str(top / "bindings" / "python")],
                       capture_output=True, text=True, env=clean_env(),
                       timeout=300)
    assert r.returncode == 0, r.stdout[-3000:] + r.stderr[-3000:]
    wheels = [f for f in os.listdir(out) if f.endswith(".whl")]
    assert len(wheels) == 1, wheels
    return str(out / wheels[0])


def test_wheel_in_a_fresh_venv(wheel, tmp_path):
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True,
                   timeout=300, env=clean_env())
    py = str(venv / "bin" / "python")
    r = subprocess.run([py, "-m", "pip", "install", "-q", wheel],
                       capture_output=True, text=True, env=clean_env(),
                       timeout=300)
    assert r.returncode == 0, r.stderr
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    r = subprocess.run([py, "-c", """
import os, condreq, condreq.wsgi, condreq.asgi
here = os.path.dirname(condreq.__file__)
print(condreq.__file__)
print(condreq.library_path())
print(os.path.isfile(os.path.join(here, "py.typed")))
d = condreq.evaluate("PUT", {"If-Match": 'W/"a"'}, etag='W/"a"')
print(d.status, d.decided_by)
"""], cwd=str(elsewhere), capture_output=True, text=True, env=clean_env(),
        timeout=60)
    assert r.returncode == 0, r.stderr
    init, lib, typed, answer = r.stdout.splitlines()
    assert init.startswith(str(venv)) and init.endswith("__init__.py")
    assert typed == "True"
    assert answer == "412 If-Match"       # weak tags never match If-Match
    # The carried library, unless the system has this very version.
    assert lib.startswith(str(venv)) or lib.startswith("libcondreq")
    r = subprocess.run([py, os.path.join(PKG, "tests", "test_condreq.py")],
                       cwd=str(elsewhere), capture_output=True, text=True,
                       env=clean_env(CONDREQ_INSTALLED="1",
                                     CONDREQ_TREE=TREE), timeout=300)
    assert r.returncode == 0, r.stderr[-3000:]
    assert "OK" in r.stderr
