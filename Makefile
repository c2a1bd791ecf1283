# libcondreq: plain GNU make, no configure step.
# Copyright (c) 2026 The libcondreq authors. MIT licence, see COPYING.

# API version: read from include/condreq.h, its one home.
VERSION_MAJOR := $(shell sed -n 's/^\#define CONDREQ_VERSION_MAJOR \([0-9]*\)$$/\1/p' include/condreq.h)
VERSION_MINOR := $(shell sed -n 's/^\#define CONDREQ_VERSION_MINOR \([0-9]*\)$$/\1/p' include/condreq.h)
VERSION_PATCH := $(shell sed -n 's/^\#define CONDREQ_VERSION_PATCH \([0-9]*\)$$/\1/p' include/condreq.h)
VERSION := $(VERSION_MAJOR).$(VERSION_MINOR).$(VERSION_PATCH)

# ABI version (soname), independent of the API version. Rule:
#  - a release that removes or changes an exported function, a struct's
#    existing layout or an enum value: ABI_MAJOR+1, MINOR=PATCH=0;
#  - one that only adds functions, struct fields at the end, enum values
#    or flag bits: ABI_MINOR+1, PATCH=0;
#  - otherwise: ABI_PATCH+1.
ABI_MAJOR := 2
ABI_MINOR := 0
ABI_PATCH := 0
SONAME := libcondreq.so.$(ABI_MAJOR)
SOFILE := libcondreq.so.$(ABI_MAJOR).$(ABI_MINOR).$(ABI_PATCH)

PREFIX ?= /usr/local
EXEC_PREFIX ?= $(PREFIX)
BINDIR ?= $(EXEC_PREFIX)/bin
LIBDIR ?= $(EXEC_PREFIX)/lib
INCLUDEDIR ?= $(PREFIX)/include
MANDIR ?= $(PREFIX)/share/man
PKGCONFIGDIR ?= $(LIBDIR)/pkgconfig
DESTDIR ?=

CC ?= cc
CFLAGS ?= -O2 -g
CPPFLAGS ?=
LDFLAGS ?=
PKG_CONFIG ?= pkg-config
# make exports PKG_CONFIG_LIBDIR=... given on its command line to recipes
# but not (before 4.4) to $(shell): passed by hand there, so that a
# cross build looks for libcurl and Check where its recipes will.
PKG_ENV := $(if $(PKG_CONFIG_LIBDIR),PKG_CONFIG_LIBDIR=$(PKG_CONFIG_LIBDIR)) \
	$(if $(PKG_CONFIG_PATH),PKG_CONFIG_PATH=$(PKG_CONFIG_PATH))
INSTALL ?= install
# A program that runs the tests' binaries, for a foreign target (for
# example RUN=qemu-s390x); empty to run them directly.
RUN ?=

# A cross compiler's binutils share its prefix: s390x-linux-gnu-gcc goes
# with s390x-linux-gnu-objcopy (the host's objcopy cannot rewrite a
# foreign object). Set AR and OBJCOPY to override.
CROSS := $(shell p=$$(echo '$(firstword $(CC))' | sed -n 's/gcc$$//p'); \
	[ -n "$$p" ] && command -v "$${p}objcopy" >/dev/null 2>&1 && echo "$$p")
ifeq ($(origin AR),default)
AR := $(CROSS)ar
endif
OBJCOPY ?= $(CROSS)objcopy

# The compiler's kind, from its predefined macros (nothing is written: a
# probe with an output file would have to write outside build/, and tcc
# accepts any unknown option, so options cannot be probed anyway).
CC_KIND := $(shell printf 'kind __TINYC__ __clang__ __GNUC__\n' | \
	$(CC) -E -P -x c - 2>/dev/null | awk '$$1 == "kind" { \
	print $$2 != "__TINYC__" ? "tcc" : $$3 != "__clang__" ? "clang" : \
	$$4 != "__GNUC__" ? "gcc" : "other" }')

WARN := -std=c99 -Wall -Wextra -Wpedantic -Wconversion -Wshadow
# The library needs no libc: freestanding, hidden by default, and linked
# without the C runtime so that it imports nothing at all. Calls between
# its exported functions may be inlined, as no one can interpose them
# (gcc needs telling; clang assumes it).
LIB_CFLAGS := $(WARN) -ffreestanding -fvisibility=hidden -fPIC \
	-DCONDREQ_BUILD -Iinclude
ifeq ($(CC_KIND),gcc)
LIB_CFLAGS += -fno-semantic-interposition
endif
# No stack protector in the library, whatever CFLAGS ask (Debian's have
# -fstack-protector-strong): its checks read a canary that the C library
# keeps (a TLS slot, or __stack_chk_guard on arm64) and call libc's
# __stack_chk_fail, and a library that imports nothing has neither. It
# comes after CFLAGS, so it wins, for the library's objects only; the
# programs, linked with libc, keep what CFLAGS say. README, "For
# packagers", says why this is safe.
ifneq ($(CC_KIND),tcc)
LIB_CFLAGS += -fno-stack-protector
endif
# libgcc (static) brings the helpers a 32-bit target needs for 64-bit
# arithmetic (__divdi3, __udivmoddi4, __ctzdi2): they become part of the
# library, which still imports nothing. The version script names the
# exports, one node per release. tcc's own linker can read no version
# script and exports its section symbols (_end, __init_array_start), so
# with tcc the library is linked by binutils' ld, from tcc's objects.
LD ?= ld
ifeq ($(CC_KIND),tcc)
SO_LINK = $(LD) -shared -soname=$(SONAME) \
	--version-script=src/libcondreq.map -z defs
LIB_LIBS :=
else
SO_LINK = $(CC) $(CFLAGS) $(LDFLAGS) -shared -nostdlib \
	-Wl,-soname,$(SONAME) -Wl,--version-script=src/libcondreq.map \
	-Wl,-z,defs
LIB_LIBS := -lgcc
endif

B := build
# What runs a program of $(B)/: ./build/x, or /abs/dir/x for B=/abs/dir.
X := $(if $(filter /%,$(B)),,./)
SRCS := src/date.c src/etag.c src/etag_make.c src/eval.c src/field.c \
	src/rep.c src/strerror.c
OBJS := $(SRCS:src/%.c=$(B)/obj/%.o)
HDRS := include/condreq.h src/condreq_int.h

TEST_SRCS := $(wildcard test/check_*.c) test/testutil.c
MAN3 := $(wildcard man/*.3)
MAN1 := man/condreq.1

# condreq-probe(1) needs libcurl: found by pkg-config, and linking with
# this CC and these flags (a libcurl of the build machine is no use to
# CC="gcc -m32" or to a cross compiler); PROBE=no leaves it out (a static
# musl build cannot link the system's libcurl, say). The link check's
# program goes under $(B) and is removed: never to /dev/null, which a
# compiler that removes its output first (tcc) would replace with a file.
CURL_LINKS = mkdir -p $(B) && printf '\043include <curl/curl.h>\nint \
	main(void) { return curl_easy_init() == 0; }\n' | $(CC) $(CPPFLAGS) \
	$(CFLAGS) $$($(PKG_ENV) $(PKG_CONFIG) --cflags libcurl) -x c - -x none \
	-o $(B)/curl-links $(LDFLAGS) $$($(PKG_ENV) $(PKG_CONFIG) --libs \
	libcurl) && rm -f $(B)/curl-links
ifeq ($(origin PROBE),undefined)
PROBE := $(shell $(PKG_ENV) $(PKG_CONFIG) --exists libcurl 2>/dev/null || \
	{ echo nocurl; exit; }; $(CURL_LINKS) >/dev/null 2>&1 && echo yes || \
	echo nolink)
endif
ifeq ($(PROBE),yes)
PROBE_BIN := $(B)/condreq-probe
MAN1 += man/condreq-probe.1
endif
PROBE_SRCS := $(wildcard tools/probe/*.c)
PROBE_NOTE = case "$(PROBE)" in yes) ;; \
	nocurl) echo "note: libcurl NOT FOUND by $(PKG_CONFIG):" \
	    "condreq-probe not built (apt-get install libcurl4-openssl-dev)";; \
	nolink) echo "note: libcurl, found by $(PKG_CONFIG), does NOT LINK" \
	    "with $(CC) $(CFLAGS) $(LDFLAGS): condreq-probe not built (it" \
	    "needs the target's libcurl, and PKG_CONFIG_LIBDIR naming its" \
	    "pkgconfig directory: libcurl4-openssl-dev:i386 for -m32)";; \
	*) echo "note: PROBE=$(PROBE): condreq-probe not built";; esac

.PHONY: all check demo install uninstall clean test-unit test-consumer \
	test-symbols test-cli test-sizes test-man test-noalloc abi-check \
	test-vectors vectors-report test-buildflags packages first-hour \
	abi-baseline test-header fuzz-coverage test-python test-lua sanitize valgrind fuzz coverage bench budgets integration servers js bench-js python bench-python FORCE

all: $(B)/libcondreq.a $(B)/$(SOFILE) $(B)/libcondreq.so $(B)/libcondreq.pc \
	$(B)/condreq $(PROBE_BIN)
	@$(PROBE_NOTE)

$(B)/obj/%.o: src/%.c $(HDRS) $(B)/obj/compiler | $(B)/obj
	$(CC) $(CPPFLAGS) $(CFLAGS) $(LIB_CFLAGS) -c -o $@ $<

# The objects remember what compiled them: a build directory used with
# another CC or CFLAGS is rebuilt, never mixed (make budgets counts the
# code of the compiler it names; CI builds with gcc, then clang). What is
# linked remembers LDFLAGS (and the tests' TEST_CPPFLAGS) the same way:
# changing them alone relinks.
# `make install` alone installs what was built, as it was built: it
# rebuilds nothing for flags that differ (a packager's build, then an
# install without the flags, would have lost the build's hardening).
COMPILE_ID := $(subst ','\'',$(CC) $(CPPFLAGS) $(CFLAGS) $(LIB_CFLAGS))
LINK_ID := $(subst ','\'',$(CC) $(CPPFLAGS) $(CFLAGS) $(LDFLAGS) $(TEST_CPPFLAGS))
INSTALL_ONLY := $(if $(MAKECMDGOALS),$(if $(filter-out install \
	uninstall,$(MAKECMDGOALS)),,yes))
# $(call stamp,TEXT): the recipe that keeps $@ holding TEXT.
stamp = @printf '%s\n' '$(1)' | cmp -s - $@ || \
	if [ -n "$(INSTALL_ONLY)" ] && [ -f $@ ]; then \
	    echo "note: $(B)/ was built with other $(2) than this make's:" \
	        "installing it as built (make clean first to rebuild)"; \
	else printf '%s\n' '$(1)' > $@; fi
$(B)/obj/compiler: FORCE | $(B)/obj
	$(call stamp,$(COMPILE_ID),CC or CFLAGS)
$(B)/obj/linker: FORCE | $(B)/obj
	$(call stamp,$(LINK_ID),LDFLAGS)
FORCE:

$(B)/obj:
	mkdir -p $@

# All objects as one, with every global symbol but the condreq_ ones
# made local: the internals that src/ files share stay out of the static
# archive's symbols and out of the shared library's exports, whatever the
# compiler (tcc has no version scripts). i386 PIC code calls thunks that
# gcc emits in COMDAT groups, which a program's final link merges with
# its other copies; they stay global (and hidden, so never exported).
# The partial link is given the flags of a compile and of a link (-m32
# must reach it; -flto makes it the library's link-time optimisation).
# Its output is machine code, not LTO bytecode, that objcopy can rewrite
# and any linker can read: gcc is told so (clang's is already).
PARTIAL_LTO := $(if $(and $(filter gcc,$(CC_KIND)),$(findstring \
	-flto,$(CFLAGS) $(LDFLAGS))),-flinker-output=nolto-rel)
$(B)/obj/libcondreq.o: $(OBJS) $(B)/obj/linker
	$(CC) $(CFLAGS) $(LIB_CFLAGS) $(LDFLAGS) $(PARTIAL_LTO) -r -nostdlib \
	    -o $@.tmp $(OBJS)
	$(OBJCOPY) -w --keep-global-symbol='condreq_*' \
	    --keep-global-symbol='__x86.get_pc_thunk.*' $@.tmp $@
	rm -f $@.tmp

$(B)/libcondreq.a: $(B)/obj/libcondreq.o
	rm -f $@
	$(AR) rcs $@ $(B)/obj/libcondreq.o

$(B)/$(SOFILE): $(B)/obj/libcondreq.o src/libcondreq.map $(B)/obj/linker
	@[ "$(CC_KIND)" != tcc ] || echo "note: $(CC)'s linker reads no" \
	    "version script: $(SOFILE) is linked by $(LD)"
	$(SO_LINK) -o $@ $(B)/obj/libcondreq.o $(LIB_LIBS)

# libcondreq.so -> libcondreq.so.N -> libcondreq.so.N.M.P, as ldconfig
# and packagers expect.
$(B)/libcondreq.so: $(B)/$(SOFILE)
	ln -sf $(SOFILE) $(B)/$(SONAME)
	ln -sf $(SONAME) $@

# $(call pc_sed,PREFIX,LIBDIR,INCLUDEDIR): libcondreq.pc.in filled in.
pc_sed = sed -e 's|@PREFIX@|$(1)|g' -e 's|@LIBDIR@|$(2)|g' \
	-e 's|@INCLUDEDIR@|$(3)|g' -e 's|@VERSION@|$(VERSION)|g' libcondreq.pc.in
PC_SED = $(call pc_sed,$(PREFIX),$(LIBDIR),$(INCLUDEDIR))

$(B)/libcondreq.pc: libcondreq.pc.in include/condreq.h | $(B)/obj
	$(PC_SED) > $@

# The command-line tool links the static library: it runs from build/.
$(B)/condreq: tools/condreq-cli.c $(B)/libcondreq.a include/condreq.h \
    $(B)/obj/linker
	$(CC) $(CPPFLAGS) $(CFLAGS) $(WARN) -Iinclude -o $@ tools/condreq-cli.c \
	    $(B)/libcondreq.a $(LDFLAGS)

$(B)/condreq-probe: $(PROBE_SRCS) tools/probe/probe.h $(B)/libcondreq.a \
    include/condreq.h $(B)/obj/linker
	$(CC) $(CPPFLAGS) $(CFLAGS) $(WARN) -Iinclude \
	    $$($(PKG_CONFIG) --cflags libcurl) -o $@ $(PROBE_SRCS) \
	    $(B)/libcondreq.a $$($(PKG_CONFIG) --libs libcurl) $(LDFLAGS)

$(B)/demo: examples/demo.c $(B)/libcondreq.a include/condreq.h \
    $(B)/obj/linker
	$(CC) $(CPPFLAGS) $(CFLAGS) $(WARN) -Iinclude -o $@ examples/demo.c \
	    $(B)/libcondreq.a $(LDFLAGS)

demo: $(B)/demo
	$(X)$(B)/demo

# ---- Tests -------------------------------------------------------------

CHECK_CFLAGS = $(shell $(PKG_ENV) $(PKG_CONFIG) --cflags check 2>/dev/null)
CHECK_LIBS = $(shell $(PKG_ENV) $(PKG_CONFIG) --libs check 2>/dev/null)

# What the tests need, installed when it may be (see tools/needs.sh;
# NO_INSTALL=1, DEB_BUILD_OPTIONS or no terminal: never).
.PHONY: need-check
need-check:
	@BINDINGS=$(BINDINGS) sh tools/needs.sh "$(CC)" "$(PKG_CONFIG)" $(B)

# The unit tests link the library's objects, whose internals they also
# test; TEST_CPPFLAGS is for the tests alone (a 32-bit target's libc
# needs -D_TIME_BITS=64 for the oracles that compare with gmtime(); on
# a 64-bit target the two macros change nothing).
TEST_CPPFLAGS ?= -D_TIME_BITS=64 -D_FILE_OFFSET_BITS=64
$(B)/check_condreq: $(TEST_SRCS) test/testutil.h $(OBJS) $(B)/obj/linker \
    | need-check
	$(CC) $(CPPFLAGS) $(TEST_CPPFLAGS) $(CFLAGS) $(WARN) -D_GNU_SOURCE \
	    -Iinclude -DVECTORS_DIR='"test/vectors"' $(CHECK_CFLAGS) -o $@ \
	    $(TEST_SRCS) $(OBJS) $(CHECK_LIBS) $(LDFLAGS)

# Under an emulator ($(RUN)) in one process: a fork per test is slow there.
test-unit: $(B)/check_condreq
	$(if $(RUN),CK_FORK=no) $(RUN) $(X)$(B)/check_condreq

test-symbols: $(B)/$(SOFILE) $(B)/libcondreq.a
	sh test/symbols.sh $(B)/$(SOFILE) $(B)/libcondreq.a

# The build's flags, for the tests that compile and link programs.
q = '$(subst ','\'',$(1))'
USER_FLAGS = CPPFLAGS=$(call q,$(CPPFLAGS)) CFLAGS=$(call q,$(CFLAGS)) \
	LDFLAGS=$(call q,$(LDFLAGS))
test-consumer: all
	RUN="$(RUN)" $(USER_FLAGS) sh test/consumer.sh "$(CC)" "$(PKG_CONFIG)"

test-cli: $(B)/condreq
	RUN="$(RUN)" sh test/cli.sh $(B)/condreq

# The size promise: consumers built against older struct layouts.
test-sizes: $(B)/$(SOFILE) $(B)/libcondreq.so
	RUN="$(RUN)" $(USER_FLAGS) sh test/sizes.sh "$(CC)" $(B)

# Man pages: mandoc lint, every exported function has a page, and each
# page reads right as both mandoc and groff render it.
test-man: $(B)/$(SOFILE)
	@command -v mandoc >/dev/null 2>&1 || { \
	    echo "error: mandoc not found (sudo apt-get install mandoc)"; \
	    exit 1; }
	mandoc -Tlint -Wwarning $(MAN3) $(wildcard man/*.1)
	sh test/mansyms.sh $(B)/$(SOFILE) $(MAN3)
	sh test/manrender.sh $(MAN3) $(wildcard man/*.1)

# Allocator calls counted across the whole API. The library's objects are
# linked into the program, so any call they made to an allocator would
# reach the program's counting one (the shared library could not make
# one at all: it is linked without libc, which test-symbols checks).
test-noalloc: $(OBJS)
	$(CC) $(CPPFLAGS) $(CFLAGS) -std=c99 -Wall -Iinclude -o $(B)/noalloc \
	    test/noalloc.c $(OBJS) -ldl $(LDFLAGS)
	$(RUN) $(X)$(B)/noalloc

# Bindings: each fails loudly when its interpreter is missing. The host's
# interpreters cannot load a foreign target's library: such a build says
# BINDINGS=no, and is told so.
BINDINGS ?= yes
BINDINGS_OFF = echo "*** NOT TESTED: the $(1) binding, for this target" \
	"(BINDINGS=no: the host's $(2) cannot load $(B)/$(SOFILE)) ***"
test-python: $(B)/$(SOFILE) $(B)/libcondreq.so
	@if [ "$(BINDINGS)" = no ]; then $(call BINDINGS_OFF,Python,python3); \
	else command -v python3 >/dev/null 2>&1 || { \
	    echo "error: python3 not found: the Python binding is untested"; \
	    exit 1; }; \
	echo "CONDREQ_LIB=$(B)/$(SOFILE) python3 bindings/python/tests/test_condreq.py"; \
	CONDREQ_LIB=$(B)/$(SOFILE) python3 bindings/python/tests/test_condreq.py; fi

test-lua: $(B)/$(SOFILE) $(B)/libcondreq.so
	@if [ "$(BINDINGS)" = no ]; then $(call BINDINGS_OFF,Lua,luajit); \
	else command -v luajit >/dev/null 2>&1 || { \
	    echo "error: luajit not found: the Lua binding is untested" \
	    "(sudo apt-get install luajit2)"; exit 1; }; \
	echo "CONDREQ_LIB=$(B)/$(SOFILE) luajit bindings/lua/test.lua"; \
	CONDREQ_LIB=$(B)/$(SOFILE) luajit bindings/lua/test.lua; fi

# The generated vector files are what their generators write now, byte for
# byte: eval.tsv from gen_eval.py, vectors.json (the JSON twin) from the
# .tsv files.
VEC := test/vectors
test-vectors:
	@command -v python3 >/dev/null 2>&1 || { \
	    echo "error: python3 not found: the generated vectors are unchecked"; \
	    exit 1; }
	@mkdir -p $(B)
	python3 $(VEC)/gen_eval.py > $(B)/eval.tsv
	@diff -u $(VEC)/eval.tsv $(B)/eval.tsv || { echo "FAIL: $(VEC)/eval.tsv" \
	    "is not what gen_eval.py writes (python3 $(VEC)/gen_eval.py >" \
	    "$(VEC)/eval.tsv)"; exit 1; }
	python3 $(VEC)/tojson.py > $(B)/vectors.json
	@diff -u $(VEC)/vectors.json $(B)/vectors.json || { echo "FAIL:" \
	    "$(VEC)/vectors.json is not what tojson.py writes (python3" \
	    "$(VEC)/tojson.py > $(VEC)/vectors.json)"; exit 1; }
	@echo "ok: eval.tsv and vectors.json are what their generators write"

check: need-check all test-symbols test-consumer test-cli test-sizes \
	test-man test-noalloc test-python test-lua test-unit test-vectors

# The ABI against the last release's baseline, made by libabigail (see
# test/abi.sh for the rules). The baseline is of the x86-64 build.
ABI_BASE := abi/$(SONAME).abi
abi-check: $(B)/$(SOFILE)
	sh test/abi.sh $(ABI_BASE) $(B)/$(SOFILE)

# Cut a new baseline: when a release is made, or the soname changes.
abi-baseline: $(B)/$(SOFILE)
	@command -v abidw >/dev/null 2>&1 || { \
	    echo "error: abidw not found (apt-get install abigail-tools)"; \
	    exit 1; }
	mkdir -p abi
	abidw --no-corpus-path --no-comp-dir-path --no-show-locs --load-all-types $(B)/$(SOFILE) \
	    > $(ABI_BASE)

# Debian's build flags (dpkg-buildflags) with gcc and clang, all
# hardening, LTO, -m32: each set builds and passes the tests, the
# library keeps its RELRO and BIND_NOW; test/buildflags.sh.
test-buildflags:
	sh test/buildflags.sh $(B)

# The Debian packages of debian/, built from the committed tree in
# $(B)/packages, checked by lintian, installed, used and purged (as root):
# test/packages.sh.
packages:
	sh test/packages.sh $(B)

# Every language the header may be included from, 32- and 64-bit.
test-header:
	sh test/header.sh

# The whole suite under AddressSanitizer and UndefinedBehaviorSanitizer.
SAN := -fsanitize=address,undefined -fno-sanitize-recover=all \
	-fno-omit-frame-pointer
sanitize: need-check
	$(MAKE) B=$(B)/san CFLAGS="-O1 -g $(SAN)" LDFLAGS="$(SAN)" \
	    $(B)/san/check_condreq
	@# One process: forking a test at a time under ASan costs minutes, and
	@# a fault aborts the run with the sanitizer's report all the same.
	CK_FORK=no ASAN_OPTIONS=detect_leaks=1 \
	    UBSAN_OPTIONS=print_stacktrace=1 $(X)$(B)/san/check_condreq

# libFuzzer targets, FUZZ_SECONDS each, seeded from test/vectors.
FUZZ_SECONDS ?= 60
FUZZ_CC ?= clang
FUZZ_FLAGS := -g -O1 -fsanitize=fuzzer,address,undefined \
	-fno-sanitize-recover=all -Iinclude
FUZZ_TARGETS := date etag eval
fuzz: $(FUZZ_TARGETS:%=$(B)/fuzz/fuzz_%)
	sh fuzz/seeds.sh $(B)/fuzz/corpus
	for t in $(FUZZ_TARGETS); do \
	    mkdir -p $(B)/fuzz/found-$$t && \
	    $(X)$(B)/fuzz/fuzz_$$t -max_total_time=$(FUZZ_SECONDS) \
	        -max_len=4096 -print_final_stats=1 \
	        -artifact_prefix=$(B)/fuzz/found-$$t/ \
	        $(B)/fuzz/corpus/$$t || exit 1; \
	done

$(B)/fuzz/fuzz_%: fuzz/fuzz_%.c $(SRCS) $(HDRS)
	mkdir -p $(B)/fuzz
	$(FUZZ_CC) $(FUZZ_FLAGS) -o $@ $< $(SRCS)

# Line coverage of src/ by the corpora make fuzz grew, and its goal for
# date.c, etag.c and eval.c (fuzz/coverage.sh).
FUZZ_COVERAGE_GOAL ?= 95
fuzz-coverage: $(FUZZ_TARGETS:%=$(B)/fuzzcov/fuzz_%)
	sh fuzz/coverage.sh $(B) $(FUZZ_COVERAGE_GOAL) $(FUZZ_TARGETS)

$(B)/fuzzcov/fuzz_%: fuzz/fuzz_%.c $(SRCS) $(HDRS)
	mkdir -p $(B)/fuzzcov
	$(FUZZ_CC) -g -O1 -fsanitize=fuzzer -fprofile-instr-generate \
	    -fcoverage-mapping -Iinclude -o $@ $< $(SRCS)

# gcov line and branch coverage of src/ by the suite.
coverage: need-check
	rm -rf $(B)/cov
	$(MAKE) B=$(B)/cov CFLAGS="-O0 -g --coverage -DCR_COVERAGE" \
	    LDFLAGS="--coverage" \
	    $(B)/cov/check_condreq
	CK_FORK=no $(X)$(B)/cov/check_condreq
	sh test/coverage.sh $(B)/cov/obj

# The whole suite under valgrind's memcheck, in one process.
# (DWARF 4: the valgrind of Debian 12 cannot read clang's DWARF 5.)
valgrind: need-check
	$(MAKE) B=$(B)/vg CFLAGS="-O1 -g -gdwarf-4" $(B)/vg/check_condreq
	CK_FORK=no valgrind --error-exitcode=1 --leak-check=full \
	    --errors-for-leak-kinds=definite -q $(X)$(B)/vg/check_condreq

# ---- Integration: a real server driven by real clients -----------------

$(B)/mhd-static: examples/mhd-static.c $(B)/libcondreq.a include/condreq.h
	@$(PKG_CONFIG) --exists libmicrohttpd || { \
	    echo "error: libmicrohttpd not found" \
	    "(sudo apt-get install libmicrohttpd-dev)"; exit 1; }
	$(CC) $(CPPFLAGS) $(CFLAGS) -Wall -Wextra -Iinclude \
	    $$($(PKG_CONFIG) --cflags libmicrohttpd) -o $@ examples/mhd-static.c \
	    $(B)/libcondreq.a $$($(PKG_CONFIG) --libs libmicrohttpd) -lpthread \
	    $(LDFLAGS)

$(B)/minimal: examples/minimal.c $(B)/libcondreq.a include/condreq.h
	$(CC) $(CPPFLAGS) $(CFLAGS) $(WARN) -Iinclude -o $@ examples/minimal.c \
	    $(B)/libcondreq.a $(LDFLAGS)

# A test that needs condreq-probe fails without it, saying why.
NEED_PROBE = @[ -n "$(PROBE_BIN)" ] || { $(PROBE_NOTE); exit 1; }
# Tests run in a session of their own (test/own.sh): a process of that
# session still running when the test ends fails it; the same programs
# running for anything else on the machine are not looked at. make
# integration runs an unrelated nginx the whole time to show it.
OWN = sh test/own.sh

# condreq-probe built with ASan and UBSan, the library's sources compiled
# in: make integration runs the probe's whole suite with it too.
SAN_FLAGS = -O1 -g -fsanitize=address,undefined -fno-sanitize-recover=all \
	-fno-omit-frame-pointer
$(B)/asan/condreq-probe: $(PROBE_SRCS) tools/probe/probe.h $(SRCS) $(HDRS)
	@mkdir -p $(B)/asan
	$(CC) $(CPPFLAGS) $(SAN_FLAGS) $(WARN) -DCONDREQ_BUILD -Iinclude \
	    $$($(PKG_CONFIG) --cflags libcurl) -o $@ $(PROBE_SRCS) $(SRCS) \
	    $$($(PKG_CONFIG) --libs libcurl) $(LDFLAGS)

integration: $(B)/mhd-static $(B)/minimal $(PROBE_BIN) \
    $(if $(PROBE_BIN),$(B)/asan/condreq-probe)
	$(X)$(B)/minimal | grep -q '^304 '
	$(OWN) sh test/integration/run.sh $(X)$(B)/mhd-static
	$(NEED_PROBE)
	$(OWN) --decoy sh test/probe/run.sh $(X)$(PROBE_BIN) $(X)$(B)/mhd-static
	ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 \
	UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 ROUNDS=2 \
	    $(OWN) sh test/probe/run.sh $(X)$(B)/asan/condreq-probe \
	    $(X)$(B)/mhd-static

# ---- Inside the servers people run (make servers) ------------------------

# The in-tree library for pkg-config (PKG_CONFIG_PATH=$(B)): a consumer
# built against it before anything is installed, as the Apache module is.
$(B)/libcondreq-uninstalled.pc: libcondreq.pc.in include/condreq.h | $(B)/obj
	$(call pc_sed,$(abspath .),$(abspath $(B)),$(abspath include)) > $@

$(B)/servers/apache/mod_condreq.so: servers/apache/mod_condreq.c \
    servers/apache/Makefile $(B)/libcondreq.a $(B)/libcondreq-uninstalled.pc
	PKG_CONFIG_PATH=$(abspath $(B)) $(MAKE) -f servers/apache/Makefile \
	    B=$(B)/servers/apache

# nginx's module, built against nginx-dev's source tree the way Debian
# builds its libnginx-mod-* packages (servers/nginx/Makefile).
$(B)/servers/nginx/ngx_http_condreq_module.so: \
    servers/nginx/ngx_http_condreq_module.c servers/nginx/config \
    servers/nginx/Makefile $(B)/libcondreq.a $(B)/libcondreq-uninstalled.pc
	PKG_CONFIG_PATH=$(abspath $(B)) $(MAKE) -f servers/nginx/Makefile \
	    B=$(B)/servers/nginx

# Apache with mod_condreq and nginx with ngx_http_condreq_module, each
# probed with and without, writes that lose nothing, bad input, the
# cost in instructions, byte-identical unconditional answers, and
# throughput.
servers: $(B)/servers/apache/mod_condreq.so \
    $(B)/servers/nginx/ngx_http_condreq_module.so $(B)/$(SOFILE) $(PROBE_BIN)
	$(NEED_PROBE)
	$(OWN) --decoy sh test/servers/run.sh $(B) $(abspath $(B))/$(SOFILE)

# ---- The vectors against other implementations (make vectors-report) ----

# Each adapter runs in its implementation's language with the real
# package (test/vectors/README, "Adapters"): werkzeug and Django from
# Debian (their python3, not another on PATH), fresh and send from npm at
# the versions of test/vectors/adapters/js/package-lock.json. Every call is
# bounded by VECTORS_TIMEOUT seconds. The table goes to
# $(B)/vectors-report.txt and .md, the rows behind it to
# $(B)/vectors-report-rows.txt; the run fails if libcondreq's own adapters
# disagree with a row or an adapter cannot start.
DEBIAN_PYTHON ?= /usr/bin/python3
NODE ?= node
NPM ?= npm
VECTORS_TIMEOUT ?= 5
VEC_JS := $(B)/vectors-js
VEC_AD := $(VEC)/adapters

$(B)/vectors-runner: $(VEC_AD)/c/runner.c $(B)/libcondreq.a include/condreq.h
	$(CC) $(CPPFLAGS) $(CFLAGS) $(WARN) -Iinclude -o $@ $(VEC_AD)/c/runner.c \
	    $(B)/libcondreq.a $(LDFLAGS)

$(VEC_JS)/node_modules/.package-lock.json: $(VEC_AD)/js/package.json \
    $(VEC_AD)/js/package-lock.json
	@command -v $(NPM) >/dev/null 2>&1 || { echo "error: npm not found:" \
	    "fresh and send cannot be installed (apt-get install npm)"; exit 1; }
	mkdir -p $(VEC_JS)
	cp $(VEC_AD)/js/package.json $(VEC_AD)/js/package-lock.json $(VEC_JS)/
	cd $(VEC_JS) && $(NPM) ci --no-audit --no-fund

# The JavaScript binding's adapter runs the npm package as make js makes
# it: assembled from the .wasm (bindings/js/build.mjs), packed, and
# installed from the tarball into an empty project; make js redoes these
# steps with its checks, in the same place.
JS_PKG_SRCS := bindings/js/build.mjs bindings/js/package.json \
	bindings/js/src/core.js bindings/js/src/express.js \
	bindings/js/README.md bindings/js/index.d.ts bindings/js/express.d.ts \
	bindings/js/express.d.mts COPYING
JS_INSTALLED := $(B)/js/app/node_modules/condreq/package.json

$(JS_INSTALLED): $(B)/js/condreq.wasm $(JS_PKG_SRCS)
	@command -v $(NPM) >/dev/null 2>&1 || { echo "error: npm not found:" \
	    "the JavaScript package cannot be installed (apt-get install npm)"; \
	    exit 1; }
	rm -rf $(B)/js/pkg $(B)/js/app $(B)/js/condreq-$(VERSION).tgz
	$(NODE) bindings/js/build.mjs $(B)/js/condreq.wasm $(B)/js/pkg $(VERSION)
	cd $(B)/js && $(NPM) pack --silent ./pkg --pack-destination .
	mkdir -p $(B)/js/app
	printf '{ "name": "empty-project", "private": true }\n' \
	    > $(B)/js/app/package.json
	cd $(B)/js/app && $(NPM) install --no-audit --no-fund --silent \
	    ../condreq-$(VERSION).tgz
	test -f $@ && touch $@

vectors-report: $(B)/vectors-runner $(B)/$(SOFILE) $(B)/libcondreq.so \
    $(VEC_JS)/node_modules/.package-lock.json $(JS_INSTALLED)
	@command -v $(NODE) >/dev/null 2>&1 || { echo "error: node not found" \
	    "(apt-get install nodejs)"; exit 1; }
	@$(DEBIAN_PYTHON) -c 'import werkzeug, django' || { echo "error:" \
	    "$(DEBIAN_PYTHON) cannot import werkzeug and django (apt-get" \
	    "install python3-werkzeug python3-django)"; exit 1; }
	python3 $(VEC_AD)/run.py --out $(B)/vectors-report \
	    --timeout $(VECTORS_TIMEOUT) \
	    --adapter '{"label": "libcondreq (C)", "cmd": ["$(B)/vectors-runner"], "wire": "tsv", "own": true}' \
	    --adapter '{"label": "libcondreq (Python)", "cmd": ["python3", "$(VEC_AD)/python/libcondreq_adapter.py"], "env": {"CONDREQ_LIB": "$(B)/$(SOFILE)"}, "own": true}' \
	    --adapter '{"label": "libcondreq (JavaScript)", "cmd": ["$(NODE)", "$(VEC_AD)/js/libcondreq_adapter.js"], "env": {"NODE_PATH": "$(B)/js/app/node_modules"}, "own": true}' \
	    --adapter '{"label": "werkzeug", "cmd": ["$(DEBIAN_PYTHON)", "$(VEC_AD)/python/werkzeug_adapter.py"]}' \
	    --adapter '{"label": "Django", "cmd": ["$(DEBIAN_PYTHON)", "$(VEC_AD)/python/django_adapter.py"]}' \
	    --adapter '{"label": "fresh", "cmd": ["$(NODE)", "$(VEC_AD)/js/fresh_adapter.js"], "env": {"NODE_PATH": "$(VEC_JS)/node_modules"}}' \
	    --adapter '{"label": "send", "cmd": ["$(NODE)", "$(VEC_AD)/js/send_adapter.js"], "env": {"NODE_PATH": "$(VEC_JS)/node_modules"}}'
# ---- A new user's first hour (make first-hour) ---------------------------

# A fresh Debian 12 minbase by debootstrap (root; cached in $(B)/first-
# hour/), the tree copied in, and the README followed there: make, make
# check, make install, a pkg-config-linked program without
# LD_LIBRARY_PATH, man 3 condreq, make uninstall (test/first-hour.sh).
.PHONY: first-hour
first-hour:
	sh test/first-hour.sh $(B)

# ---- JavaScript: the library in WebAssembly, an npm package (make js) ----

# wasm32 with clang and lld (wasm-ld), no emscripten and no WASI: the
# library and bindings/js/glue.c (flat-argument entry points, the one
# place that knows the structs' layouts) import nothing. -Oz: the .wasm
# must stay within 32 KB.
WASM_CC ?= clang
WASM_FLAGS := --target=wasm32 -Oz $(WARN) -ffreestanding \
	-fvisibility=hidden -DCONDREQ_BUILD -Iinclude -nostdlib \
	-Wl,--no-entry -Wl,--export=__heap_base -Wl,--strip-all \
	-Wl,--gc-sections
$(B)/js/condreq.wasm: $(SRCS) $(HDRS) bindings/js/glue.c
	@command -v wasm-ld >/dev/null 2>&1 || command -v wasm-ld-14 \
	    >/dev/null 2>&1 || { echo "error: wasm-ld not found" \
	    "(apt-get install lld-14)"; exit 1; }
	mkdir -p $(B)/js
	$(WASM_CC) $(WASM_FLAGS) -o $@ $(SRCS) bindings/js/glue.c

# The package, npm pack, an install into an empty project, node --test,
# express.static under condreq-probe, headless Chromium.
js: $(B)/js/condreq.wasm $(PROBE_BIN)
	$(NEED_PROBE)
	sh bindings/js/test/run.sh $(B) $(B)/js/condreq.wasm $(B)/condreq-probe \
	    $(VERSION)
	$(call left_behind,chromium chrome)

# ---- Python: the condreq package, its middleware (make python) -----------

# The wheel from python3 -m build, installed into a fresh venv; pip install
# of bindings/python; pytest; Flask, Werkzeug, Django and Starlette (with
# uvicorn) under condreq-probe, with and without the middleware. Debian's
# python3 and packages, nothing from the network.
python: $(B)/$(SOFILE) $(B)/condreq $(PROBE_BIN)
	$(NEED_PROBE)
	$(OWN) sh bindings/python/tests/run.sh $(B) $(B)/condreq-probe \
	    $(DEBIAN_PYTHON)

# ---- Benchmarks (never part of check) ----------------------------------

BENCH_PEERS = $(shell $(PKG_ENV) $(PKG_CONFIG) --exists libcurl 2>/dev/null && \
	echo "-DHAVE_CURL $$($(PKG_ENV) $(PKG_CONFIG) --cflags libcurl)") \
	$(shell $(PKG_ENV) $(PKG_CONFIG) --exists apr-util-1 2>/dev/null && \
	echo "-DHAVE_APR $$($(PKG_ENV) $(PKG_CONFIG) --cflags apr-1 apr-util-1)")
BENCH_LIBS = $(shell $(PKG_ENV) $(PKG_CONFIG) --libs libcurl 2>/dev/null) \
	$(shell $(PKG_ENV) $(PKG_CONFIG) --libs apr-1 apr-util-1 2>/dev/null)

$(B)/bench: bench/bench.c $(B)/libcondreq.a include/condreq.h
	$(CC) $(CPPFLAGS) -O2 -g -std=c99 -Wall -Iinclude $(BENCH_PEERS) \
	    -o $@ bench/bench.c $(B)/libcondreq.a $(BENCH_LIBS) $(LDFLAGS)

bench: $(B)/bench
	$(X)$(B)/bench

# The JavaScript package against fresh 2.0 and send's checks (ops/s,
# bench: lines); after make js, which builds and installs what it runs.
bench-js:
	@[ -d $(B)/js/app/node_modules/condreq ] && \
	    [ -d $(B)/js/deps/node_modules/fresh ] || { \
	    echo "error: run make js first (it installs the package and fresh)"; \
	    exit 1; }
	CONDREQ_APP=$(B)/js/app CONDREQ_DEPS=$(B)/js/deps \
	    node --expose-gc bindings/js/bench/bench.mjs

# The middleware's decision against werkzeug's is_resource_modified and
# Django's get_conditional_response on the same requests (bench: lines).
bench-python: $(B)/$(SOFILE)
	CONDREQ_LIB=$(abspath $(B))/$(SOFILE) $(DEBIAN_PYTHON) \
	    bindings/python/bench/bench.py

# Instructions per call of the budgeted bench rows and per byte of the
# 1 MiB scan (callgrind), and that scan's speed, reported but not held:
# bench/budgets.sh; fails when a counted row is over.
budgets: $(B)/bench
	sh bench/budgets.sh $(B) $(CC_KIND)

# ---- Install -----------------------------------------------------------

# The folders install creates are recorded, and uninstall removes them
# again when empty (tools/installdirs.sh); the linker's cache is rebuilt
# after an install into its search path as root (tools/ldconfig.sh).
INSTALL_DIRS = $(DESTDIR)$(LIBDIR) $(DESTDIR)$(INCLUDEDIR) \
	$(DESTDIR)$(PKGCONFIGDIR) $(DESTDIR)$(BINDIR) \
	$(DESTDIR)$(MANDIR)/man3 $(DESTDIR)$(MANDIR)/man1
INSTALLED_DIRS = $(B)/installed-dirs

install: all
	@sh tools/installdirs.sh make $(INSTALLED_DIRS) $(INSTALL_DIRS)
	$(INSTALL) -m 644 include/condreq.h $(DESTDIR)$(INCLUDEDIR)/condreq.h
	$(INSTALL) -m 644 $(B)/libcondreq.a $(DESTDIR)$(LIBDIR)/libcondreq.a
	$(INSTALL) -m 644 $(B)/$(SOFILE) $(DESTDIR)$(LIBDIR)/$(SOFILE)
	ln -sf $(SOFILE) $(DESTDIR)$(LIBDIR)/$(SONAME)
	ln -sf $(SONAME) $(DESTDIR)$(LIBDIR)/libcondreq.so
	$(PC_SED) > $(DESTDIR)$(PKGCONFIGDIR)/libcondreq.pc
	$(INSTALL) -m 755 $(B)/condreq $(PROBE_BIN) $(DESTDIR)$(BINDIR)/
	$(INSTALL) -m 644 $(MAN3) $(DESTDIR)$(MANDIR)/man3/
	$(INSTALL) -m 644 $(MAN1) $(DESTDIR)$(MANDIR)/man1/
	@sh man/links.sh install "$(DESTDIR)$(MANDIR)/man3" $(MAN3)
	@sh tools/ldconfig.sh install "$(DESTDIR)" $(LIBDIR) $(SONAME)

uninstall:
	rm -f $(DESTDIR)$(INCLUDEDIR)/condreq.h \
	    $(DESTDIR)$(LIBDIR)/libcondreq.a $(DESTDIR)$(LIBDIR)/$(SOFILE) \
	    $(DESTDIR)$(LIBDIR)/$(SONAME) $(DESTDIR)$(LIBDIR)/libcondreq.so \
	    $(DESTDIR)$(PKGCONFIGDIR)/libcondreq.pc $(DESTDIR)$(BINDIR)/condreq \
	    $(DESTDIR)$(BINDIR)/condreq-probe \
	    $(DESTDIR)$(MANDIR)/man1/condreq-probe.1
	@sh man/links.sh uninstall "$(DESTDIR)$(MANDIR)/man3" $(MAN3)
	rm -f $(addprefix $(DESTDIR)$(MANDIR)/man3/,$(notdir $(MAN3))) \
	    $(addprefix $(DESTDIR)$(MANDIR)/man1/,$(notdir $(MAN1)))
	@sh tools/installdirs.sh remove $(INSTALLED_DIRS) $(INSTALL_DIRS)
	@sh tools/ldconfig.sh uninstall "$(DESTDIR)" $(LIBDIR) $(SONAME)

# With what building mod_condreq in its own folder leaves (apxs, libtool).
clean:
	rm -rf $(B)
	cd servers/apache && rm -rf .libs mod_condreq.la mod_condreq.lo \
	    mod_condreq.slo mod_condreq.o mod_condreq.so
