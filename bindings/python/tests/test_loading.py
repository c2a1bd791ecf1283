"""Which library the package loads, and the ImportError when it finds
none: run in a fresh interpreter on a copy of the package that carries
no library and is not in a source tree."""
import os
import shutil
import subprocess
import sys

import condreq


def _system_has_library():
    """The version of the libcondreq.so.2 the dynamic linker finds, or
    None; asked in a fresh process (this one has loaded one already,
    which dlopen would answer by its soname)."""
    r = subprocess.run([sys.executable, "-c", """
try:
    f = ctypes.CDLL("libcondreq.so.2").condreq_version_string
except OSError:
    raise SystemExit(3)
f.restype = ctypes.c_char_p
print(f().decode())"""], capture_output=True, text=True, timeout=60)
    return r.stdout.strip() if r.returncode == 0 else None


def copy_package(tmp_path):
    """The package's Python files in tmp_path/condreq, no library."""
    pkg = os.path.dirname(os.path.abspath(condreq.__file__))
    dest = tmp_path / "condreq"
    dest.mkdir()
    for name in os.listdir(pkg):
        if name.endswith(".py") or name == "py.typed":
            shutil.copy(os.path.join(pkg, name), dest / name)
    return dest


def run(tmp_path, code, env_extra=None):
    env = {k: v for k, v in os.environ.items()
           if k not in ("CONDREQ_LIB", "PYTHONPATH")}
    env["PYTHONPATH"] = str(tmp_path)
    env.update(env_extra or {})
    return subprocess.run([sys.executable, "-c", code], cwd=str(tmp_path),
                          env=env, capture_output=True, text=True,
                          timeout=60)


def test_import_error_names_what_it_tried(tmp_path):
    have = _system_has_library()
    copy_package(tmp_path)
    r = run(tmp_path, "import condreq; print(condreq.library_path())")
    if have == condreq.__version__:
        # The system's library is this version: it is the one taken.
        assert r.returncode == 0, r.stderr
        assert "libcondreq" in r.stdout
        return
    assert r.returncode != 0
    assert "ImportError: libcondreq %s not found" % condreq.__version__ \
        in r.stderr
    assert "(the system's)" in r.stderr
    assert "(carried by the package)" in r.stderr
    assert str(tmp_path / "condreq" / "libcondreq.so.2") in r.stderr


def test_carried_library_is_loaded(tmp_path):
    lib = os.path.join(os.path.dirname(os.path.abspath(condreq.__file__)),
                       "libcondreq.so.2")
    src = condreq.library_path()
    if not os.path.isfile(lib):
        lib = src                  # a source tree's build: carry that
    shutil.copy(lib, copy_package(tmp_path) / "libcondreq.so.2")
    r = run(tmp_path, "import condreq; print(condreq.library_path()); "
            "print(condreq.version())")
    assert r.returncode == 0, r.stderr
    path, version = r.stdout.split()
    assert version == condreq.__version__
    if _system_has_library() != condreq.__version__:
        assert path == str(tmp_path / "condreq" / "libcondreq.so.2")
