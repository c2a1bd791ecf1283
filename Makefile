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
SRCS := src/date.c src/etag.c src/etag_make.c src/eval.c src/field.c \
	src/rep.c src/strerror.c src/version.c
OBJS := $(SRCS:src/%.c=$(B)/obj/%.o)
HDRS := include/condreq.h src/condreq_int.h

TEST_SRCS := $(wildcard test/check_*.c) test/testutil.c
MAN3 := $(wildcard man/*.3)
MAN1 := man/condreq.1

# condreq-probe(1) needs libcurl, found by pkg-config; PROBE=no leaves it
# out (a static musl build cannot link the system's libcurl, say).
PROBE ?= $(shell $(PKG_ENV) $(PKG_CONFIG) --exists libcurl 2>/dev/null && echo yes)
ifeq ($(PROBE),yes)
PROBE_BIN := $(B)/condreq-probe
MAN1 += man/condreq-probe.1
endif
PROBE_SRCS := $(wildcard tools/probe/*.c)

.PHONY: all check demo install uninstall clean test-unit test-consumer \
	test-symbols test-cli test-sizes test-man test-noalloc abi-check \
	abi-baseline test-header fuzz-coverage test-python test-lua sanitize valgrind fuzz coverage bench budgets integration servers FORCE

all: $(B)/libcondreq.a $(B)/$(SOFILE) $(B)/libcondreq.so $(B)/libcondreq.pc \
	$(B)/condreq $(PROBE_BIN)
	@[ -n "$(PROBE_BIN)" ] || echo "note: libcurl NOT FOUND by" \
	    "$(PKG_CONFIG) (or PROBE=no): condreq-probe not built" \
	    "(apt-get install libcurl4-openssl-dev)"

$(B)/obj/%.o: src/%.c $(HDRS) $(B)/obj/compiler | $(B)/obj
	$(CC) $(CPPFLAGS) $(CFLAGS) $(LIB_CFLAGS) -c -o $@ $<

# The objects remember what compiled them: a build directory used with
# another CC or CFLAGS is rebuilt, never mixed (make budgets counts the
# code of the compiler it names; CI builds with gcc, then clang).
COMPILE_ID := $(subst ','\'',$(CC) $(CPPFLAGS) $(CFLAGS) $(LIB_CFLAGS))
$(B)/obj/compiler: FORCE | $(B)/obj
	@printf '%s\n' '$(COMPILE_ID)' | cmp -s - $@ || \
	    printf '%s\n' '$(COMPILE_ID)' > $@
FORCE:

$(B)/obj:
	mkdir -p $@

# All objects as one, with every global symbol but the condreq_ ones
# made local: the internals that src/ files share stay out of the static
# archive's symbols and out of the shared library's exports, whatever the
# compiler (tcc has no version scripts). i386 PIC code calls thunks that
# gcc emits in COMDAT groups, which a program's final link merges with
# its other copies; they stay global (and hidden, so never exported).
$(B)/obj/libcondreq.o: $(OBJS)
	$(CC) -r -nostdlib -o $@.tmp $(OBJS)
	$(OBJCOPY) -w --keep-global-symbol='condreq_*' \
	    --keep-global-symbol='__x86.get_pc_thunk.*' $@.tmp $@
	rm -f $@.tmp

$(B)/libcondreq.a: $(B)/obj/libcondreq.o
	rm -f $@
	$(AR) rcs $@ $(B)/obj/libcondreq.o

$(B)/$(SOFILE): $(B)/obj/libcondreq.o src/libcondreq.map
	@[ "$(CC_KIND)" != tcc ] || echo "note: $(CC)'s linker reads no" \
	    "version script: $(SOFILE) is linked by $(LD)"
	$(SO_LINK) -o $@ $(B)/obj/libcondreq.o $(LIB_LIBS)

$(B)/libcondreq.so: $(B)/$(SOFILE)
	ln -sf $(SOFILE) $(B)/$(SONAME)
	ln -sf $(SOFILE) $@

# $(call pc_sed,PREFIX,LIBDIR,INCLUDEDIR): libcondreq.pc.in filled in.
pc_sed = sed -e 's|@PREFIX@|$(1)|g' -e 's|@LIBDIR@|$(2)|g' \
	-e 's|@INCLUDEDIR@|$(3)|g' -e 's|@VERSION@|$(VERSION)|g' libcondreq.pc.in
PC_SED = $(call pc_sed,$(PREFIX),$(LIBDIR),$(INCLUDEDIR))

$(B)/libcondreq.pc: libcondreq.pc.in include/condreq.h | $(B)/obj
	$(PC_SED) > $@

# The command-line tool links the static library: it runs from build/.
$(B)/condreq: tools/condreq-cli.c $(B)/libcondreq.a include/condreq.h
	$(CC) $(CPPFLAGS) $(CFLAGS) $(WARN) -Iinclude -o $@ tools/condreq-cli.c \
	    $(B)/libcondreq.a $(LDFLAGS)

$(B)/condreq-probe: $(PROBE_SRCS) tools/probe/probe.h $(B)/libcondreq.a \
    include/condreq.h
	$(CC) $(CPPFLAGS) $(CFLAGS) $(WARN) -Iinclude \
	    $$($(PKG_CONFIG) --cflags libcurl) -o $@ $(PROBE_SRCS) \
	    $(B)/libcondreq.a $$($(PKG_CONFIG) --libs libcurl) $(LDFLAGS)

$(B)/demo: examples/demo.c $(B)/libcondreq.a include/condreq.h
	$(CC) $(CPPFLAGS) $(CFLAGS) $(WARN) -Iinclude -o $@ examples/demo.c \
	    $(B)/libcondreq.a $(LDFLAGS)

demo: $(B)/demo
	./$(B)/demo

# ---- Tests -------------------------------------------------------------

CHECK_CFLAGS = $(shell $(PKG_ENV) $(PKG_CONFIG) --cflags check 2>/dev/null)
CHECK_LIBS = $(shell $(PKG_ENV) $(PKG_CONFIG) --libs check 2>/dev/null)

# What the tests need, installed when it may be (see test/needs.sh).
.PHONY: need-check
need-check:
	@BINDINGS=$(BINDINGS) sh test/needs.sh "$(CC)" "$(PKG_CONFIG)"

# The unit tests link the library's objects, whose internals they also
# test; TEST_CPPFLAGS is for the tests alone (a 32-bit target's libc
# needs -D_TIME_BITS=64 for the oracles that compare with gmtime()).
TEST_CPPFLAGS ?=
$(B)/check_condreq: $(TEST_SRCS) test/testutil.h $(OBJS) | need-check
	$(CC) $(CPPFLAGS) $(TEST_CPPFLAGS) $(CFLAGS) $(WARN) -D_GNU_SOURCE \
	    -Iinclude -DVECTORS_DIR='"test/vectors"' $(CHECK_CFLAGS) -o $@ \
	    $(TEST_SRCS) $(OBJS) $(CHECK_LIBS) $(LDFLAGS)

# Under an emulator ($(RUN)) in one process: a fork per test is slow there.
test-unit: $(B)/check_condreq
	$(if $(RUN),CK_FORK=no) $(RUN) ./$(B)/check_condreq

test-symbols: $(B)/$(SOFILE) $(B)/libcondreq.a
	sh test/symbols.sh $(B)/$(SOFILE) $(B)/libcondreq.a

test-consumer: all
	RUN="$(RUN)" sh test/consumer.sh "$(CC)" "$(PKG_CONFIG)"

test-cli: $(B)/condreq
	RUN="$(RUN)" sh test/cli.sh $(B)/condreq

# The size promise: consumers built against older struct layouts.
test-sizes: $(B)/$(SOFILE) $(B)/libcondreq.so
	RUN="$(RUN)" sh test/sizes.sh "$(CC)" $(B)

# Man pages: mandoc lint, and every exported function has a page.
test-man: $(B)/$(SOFILE)
	@command -v mandoc >/dev/null 2>&1 || { \
	    echo "error: mandoc not found (sudo apt-get install mandoc)"; \
	    exit 1; }
	mandoc -Tlint -Wwarning $(MAN3) $(wildcard man/*.1)
	sh test/mansyms.sh $(B)/$(SOFILE) $(MAN3)

# Allocator calls counted across the whole API. The library's objects are
# linked into the program, so any call they made to an allocator would
# reach the program's counting one (the shared library could not make
# one at all: it is linked without libc, which test-symbols checks).
test-noalloc: $(OBJS)
	$(CC) $(CPPFLAGS) $(CFLAGS) -std=c99 -Wall -Iinclude -o $(B)/noalloc \
	    test/noalloc.c $(OBJS) -ldl $(LDFLAGS)
	$(RUN) ./$(B)/noalloc

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
	echo "CONDREQ_LIB=$(B)/$(SOFILE) python3 bindings/python/test_condreq.py"; \
	CONDREQ_LIB=$(B)/$(SOFILE) python3 bindings/python/test_condreq.py; fi

test-lua: $(B)/$(SOFILE) $(B)/libcondreq.so
	@if [ "$(BINDINGS)" = no ]; then $(call BINDINGS_OFF,Lua,luajit); \
	else command -v luajit >/dev/null 2>&1 || { \
	    echo "error: luajit not found: the Lua binding is untested" \
	    "(sudo apt-get install luajit2)"; exit 1; }; \
	echo "CONDREQ_LIB=$(B)/$(SOFILE) luajit bindings/lua/test.lua"; \
	CONDREQ_LIB=$(B)/$(SOFILE) luajit bindings/lua/test.lua; fi

check: need-check all test-symbols test-consumer test-cli test-sizes \
	test-man test-noalloc test-python test-lua test-unit

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
	abidw --no-corpus-path --no-show-locs --load-all-types $(B)/$(SOFILE) \
	    > $(ABI_BASE)

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
	    UBSAN_OPTIONS=print_stacktrace=1 ./$(B)/san/check_condreq

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
	    ./$(B)/fuzz/fuzz_$$t -max_total_time=$(FUZZ_SECONDS) \
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
	CK_FORK=no ./$(B)/cov/check_condreq
	sh test/coverage.sh $(B)/cov/obj

# The whole suite under valgrind's memcheck, in one process.
# (DWARF 4: the valgrind of Debian 12 cannot read clang's DWARF 5.)
valgrind: need-check
	$(MAKE) B=$(B)/vg CFLAGS="-O1 -g -gdwarf-4" $(B)/vg/check_condreq
	CK_FORK=no valgrind --error-exitcode=1 --leak-check=full \
	    --errors-for-leak-kinds=definite -q ./$(B)/vg/check_condreq

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
NEED_PROBE = @[ -n "$(PROBE_BIN)" ] || { echo "FAIL: condreq-probe was" \
	"not built (libcurl not found: apt-get install libcurl4-openssl-dev)"; \
	exit 1; }
# $(call left_behind,NAME...): fail if a process of one of these names is
# still running after a test that started them (zombies, state Z, whose
# parent is gone are not running).
left_behind = @sleep 0.5; left=$$(ps -eo pid=,stat=,comm= | \
	awk -v names=" $(1) " '$$2 !~ /^Z/ && index(names, " " $$3 " ")'); \
	if [ -n "$$left" ]; then \
	    echo "FAIL: processes left behind:"; echo "$$left"; exit 1; fi

integration: $(B)/mhd-static $(B)/minimal $(PROBE_BIN)
	./$(B)/minimal | grep -q '^304 '
	sh test/integration/run.sh ./$(B)/mhd-static
	$(NEED_PROBE)
	sh test/probe/run.sh ./$(PROBE_BIN) ./$(B)/mhd-static
	$(call left_behind,mhd-static chromium chrome apache2 nginx lighttpd)

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
	sh test/servers/run.sh $(B) $(abspath $(B))/$(SOFILE)
	$(call left_behind,apache2 nginx ab)

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
	./$(B)/bench

# Instructions per call of the budgeted bench rows (callgrind), and the
# 1 MiB scan's speed: bench/budgets.sh; fails when a row is over.
budgets: $(B)/bench
	sh bench/budgets.sh $(B) $(CC_KIND)

# ---- Install -----------------------------------------------------------

install: all
	$(INSTALL) -d $(DESTDIR)$(LIBDIR) $(DESTDIR)$(INCLUDEDIR) \
	    $(DESTDIR)$(PKGCONFIGDIR) $(DESTDIR)$(BINDIR) \
	    $(DESTDIR)$(MANDIR)/man3 $(DESTDIR)$(MANDIR)/man1
	$(INSTALL) -m 644 include/condreq.h $(DESTDIR)$(INCLUDEDIR)/condreq.h
	$(INSTALL) -m 644 $(B)/libcondreq.a $(DESTDIR)$(LIBDIR)/libcondreq.a
	$(INSTALL) -m 755 $(B)/$(SOFILE) $(DESTDIR)$(LIBDIR)/$(SOFILE)
	ln -sf $(SOFILE) $(DESTDIR)$(LIBDIR)/$(SONAME)
	ln -sf $(SOFILE) $(DESTDIR)$(LIBDIR)/libcondreq.so
	$(PC_SED) > $(DESTDIR)$(PKGCONFIGDIR)/libcondreq.pc
	$(INSTALL) -m 755 $(B)/condreq $(DESTDIR)$(BINDIR)/condreq
	for f in $(PROBE_BIN); do $(INSTALL) -m 755 $$f $(DESTDIR)$(BINDIR)/; done
	for f in $(MAN3); do $(INSTALL) -m 644 $$f $(DESTDIR)$(MANDIR)/man3/; done
	for f in $(MAN1); do $(INSTALL) -m 644 $$f $(DESTDIR)$(MANDIR)/man1/; done
	@sh man/links.sh install "$(DESTDIR)$(MANDIR)/man3" $(MAN3)

uninstall:
	rm -f $(DESTDIR)$(INCLUDEDIR)/condreq.h \
	    $(DESTDIR)$(LIBDIR)/libcondreq.a $(DESTDIR)$(LIBDIR)/$(SOFILE) \
	    $(DESTDIR)$(LIBDIR)/$(SONAME) $(DESTDIR)$(LIBDIR)/libcondreq.so \
	    $(DESTDIR)$(PKGCONFIGDIR)/libcondreq.pc $(DESTDIR)$(BINDIR)/condreq \
	    $(DESTDIR)$(BINDIR)/condreq-probe \
	    $(DESTDIR)$(MANDIR)/man1/condreq-probe.1
	@sh man/links.sh uninstall "$(DESTDIR)$(MANDIR)/man3" $(MAN3)
	for f in $(MAN3); do rm -f $(DESTDIR)$(MANDIR)/man3/$${f#man/}; done
	for f in $(MAN1); do rm -f $(DESTDIR)$(MANDIR)/man1/$${f#man/}; done

clean:
	rm -rf $(B)
