"""Build step of the condreq package: the wheel carries libcondreq.so.2,
compiled from the C sources of the tree it is built from (../../src and
../../include in a source tree; csrc/ in an sdist, copied there when the
sdist is made). The compiler is $CC, else cc; $CFLAGS are added."""
import glob
import os
import shlex
import shutil
import subprocess

from setuptools import Distribution, setup
from setuptools.command.build_py import build_py
from setuptools.command.sdist import sdist

HERE = os.path.dirname(os.path.abspath(__file__))
SONAME = "libcondreq.so.2"


def c_tree():
    """The folder holding src/ and include/."""
    for top in (os.path.join(HERE, "csrc"), os.path.join(HERE, "..", "..")):
        if os.path.isfile(os.path.join(top, "src", "libcondreq.map")):
            return os.path.normpath(top)
    raise SystemExit("condreq: the C sources (src/, include/) are neither"
                     " in csrc/ nor two folders up: build from a libcondreq"
                     " source tree or from its sdist")


def compile_library(out):
    top = c_tree()
    srcs = sorted(glob.glob(os.path.join(top, "src", "*.c")))
    cc = shlex.split(os.environ.get("CC", "cc"))
    # As the Makefile builds it: freestanding, without the C runtime,
    # only the symbols of the version script exported.
    cmd = cc + ["-std=c99", "-O2", "-fPIC", "-ffreestanding",
                "-fvisibility=hidden", "-fno-stack-protector",
                "-DCONDREQ_BUILD", "-I" + os.path.join(top, "include")] + \
        shlex.split(os.environ.get("CFLAGS", "")) + \
        ["-shared", "-nostdlib", "-Wl,-soname," + SONAME,
         "-Wl,--version-script=" + os.path.join(top, "src",
                                                "libcondreq.map"),
         "-Wl,-z,defs", "-o", out] + srcs
    print(" ".join(shlex.quote(c) for c in cmd))
    subprocess.check_call(cmd)


class BuildWithLibrary(build_py):
    def run(self):
        super().run()
        out = os.path.join(self.build_lib, "condreq", SONAME)
        os.makedirs(os.path.dirname(out), exist_ok=True)
        compile_library(out)

    def get_outputs(self, include_bytecode=True):
        return super().get_outputs(include_bytecode) + [
            os.path.join(self.build_lib, "condreq", SONAME)]


class SdistWithSources(sdist):
    def make_release_tree(self, base_dir, files):
        super().make_release_tree(base_dir, files)
        top = c_tree()
        for sub, pattern in (("src", "*.c"), ("src", "*.h"),
                             ("src", "libcondreq.map"),
                             ("include", "*.h"), (".", "COPYING")):
            for f in glob.glob(os.path.join(top, sub, pattern)):
                dest = os.path.join(base_dir, "csrc", sub)
                os.makedirs(dest, exist_ok=True)
                shutil.copy2(f, dest)


class WithLibrary(Distribution):
    # The wheel carries a compiled library: it is for this platform
    # (platlib), though it has no extension module of Python's.
    def has_ext_modules(self):
        return True


try:
    from wheel.bdist_wheel import bdist_wheel

    class PlatformWheel(bdist_wheel):
        # ctypes, no C API of Python's: any Python 3 on this platform.
        def get_tag(self):
            _, _, plat = super().get_tag()
            return "py3", "none", plat

    wheel_cmd = {"bdist_wheel": PlatformWheel}
except ImportError:
    wheel_cmd = {}

setup(distclass=WithLibrary,
      cmdclass=dict(build_py=BuildWithLibrary, sdist=SdistWithSources,
                    **wheel_cmd))
