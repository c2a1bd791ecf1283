"""Which library the package loads, and the ImportError when it finds
none: run in a fresh interpreter on a copy of the package that carries
no library and is not in a source tree."""
import os
import shutil
import subprocess
import sys

import condreq


def _system_has_library():
    """The version of the first libcondreq.so.2 of the directories the
    package looks in, or None; asked in a fresh process (this one has
    loaded one already, which dlopen would answer by its soname)."""
    r = subprocess.run([sys.executable, "-c", """
import ctypes, os, sys
for d in sys.argv[1:]:
    p = os.path.join(d, "libcondreq.so.2")
    if os.path.isfile(p):
        f = ctypes.CDLL(p).condreq_version_string
        f.restype = ctypes.c_char_p
        print(f().decode())
        break
else:
    raise SystemExit(3)""", *condreq._system_dirs()], capture_output=True,
                       text=True, timeout=60)
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


FOREIGN = r"""
#include <stdio.h>
static void mark(void) __attribute__((constructor));
static void mark(void)
{
	FILE *f = fopen("foreign-ran", "w");
	if (f)
		fclose(f);
}
const char *condreq_version_string(void) { return "9.9.9"; }
"""


def foreign_library(tmp_path):
    """A libcondreq.so.2 that is not ours: version 9.9.9, and a
    constructor that leaves the file foreign-ran in the current
    directory when it is loaded."""
    d = tmp_path / "cwd"
    d.mkdir()
    (d / "foreign.c").write_text(FOREIGN)
    cc = os.environ.get("CC") or "cc"
    subprocess.run([cc, "-shared", "-fPIC", "-o", str(d / "libcondreq.so.2"),
                    str(d / "foreign.c")], check=True, timeout=120)
    return d


def test_no_bare_name_nor_find_library(tmp_path):
    cwd = foreign_library(tmp_path)
    copy_package(tmp_path)
    code = ("import ctypes.util, sys\n"
            "def no(*a):\n"
            "    raise SystemExit('find_library called')\n"
            "ctypes.util.find_library = no\n"
            "sys.path.insert(0, sys.argv[1])\n"
            "try:\n"
            "    import condreq\n"
            "except ImportError as e:\n"
            "    print(e)\n")
    env = {k: v for k, v in os.environ.items()
           if k not in ("CONDREQ_LIB", "PYTHONPATH")}
    # An empty element of LD_LIBRARY_PATH is the current directory.
    env["LD_LIBRARY_PATH"] = ":"
    r = subprocess.run([sys.executable, "-c", code, str(tmp_path)],
                       cwd=str(cwd), env=env, capture_output=True,
                       text=True, timeout=60)
    assert r.returncode == 0, r.stderr
    assert "find_library" not in r.stdout + r.stderr
    assert not (cwd / "foreign-ran").exists()


def test_condreq_lib_of_another_version_is_an_import_error(tmp_path):
    cwd = foreign_library(tmp_path)
    copy_package(tmp_path)
    for lib, why in ((cwd / "libcondreq.so.2", "version 9.9.9, not"),
                     (tmp_path / "nothing.so", "cannot open")):
        r = run(tmp_path, "import condreq",
                {"CONDREQ_LIB": str(lib)})
        assert r.returncode != 0
        assert "ImportError: CONDREQ_LIB=%s cannot be used" % lib \
            in r.stderr, r.stderr
        assert why in r.stderr
    # A library without condreq's functions at all.
    libm = [os.path.join(d, "libm.so.6") for d in condreq._system_dirs()
            if os.path.isfile(os.path.join(d, "libm.so.6"))]
    if libm:
        r = run(tmp_path, "import condreq", {"CONDREQ_LIB": libm[0]})
        assert "ImportError: CONDREQ_LIB=%s cannot be used" % libm[0] \
            in r.stderr, r.stderr
