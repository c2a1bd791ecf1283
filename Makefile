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
ABI_MAJOR := 1
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
AR ?= ar
CFLAGS ?= -O2 -g
CPPFLAGS ?=
LDFLAGS ?=
PKG_CONFIG ?= pkg-config
INSTALL ?= install

# Calls between the library's own exported functions may be inlined: no
# one can interpose them (gcc needs telling; clang assumes it).
NO_INTERPOSE := $(shell $(CC) -fno-semantic-interposition -x c -c -o /dev/null /dev/null 2>/dev/null && echo -fno-semantic-interposition)
WARN := -std=c99 -Wall -Wextra -Wpedantic -Wconversion -Wshadow
# The library needs no libc: freestanding, hidden by default, and linked
# without the C runtime so that it imports nothing at all.
LIB_CFLAGS := $(WARN) -ffreestanding -fvisibility=hidden -fPIC $(NO_INTERPOSE) \
	-DCONDREQ_BUILD -Iinclude
LIB_LDFLAGS := -shared -nostdlib -Wl,-soname,$(SONAME) \
	-Wl,--version-script=src/libcondreq.map -Wl,-z,defs

B := build
SRCS := src/date.c src/etag.c src/etag_make.c src/eval.c src/field.c \
	src/rep.c src/strerror.c src/version.c
OBJS := $(SRCS:src/%.c=$(B)/obj/%.o)
HDRS := include/condreq.h src/condreq_int.h

TEST_SRCS := $(wildcard test/check_*.c) test/testutil.c
MAN3 := $(wildcard man/*.3)
MAN1 := $(wildcard man/*.1)

.PHONY: all check demo install uninstall clean test-unit test-consumer \
	test-symbols test-cli test-sizes test-man test-noalloc test-python test-lua sanitize valgrind fuzz coverage bench integration

all: $(B)/libcondreq.a $(B)/$(SOFILE) $(B)/libcondreq.so $(B)/libcondreq.pc \
	$(B)/condreq

$(B)/obj/%.o: src/%.c $(HDRS) | $(B)/obj
	$(CC) $(CPPFLAGS) $(CFLAGS) $(LIB_CFLAGS) -c -o $@ $<

$(B)/obj:
	mkdir -p $@

$(B)/libcondreq.a: $(OBJS)
	rm -f $@
	$(AR) rcs $@ $(OBJS)

$(B)/$(SOFILE): $(OBJS) src/libcondreq.map
	$(CC) $(CFLAGS) $(LDFLAGS) $(LIB_LDFLAGS) -o $@ $(OBJS)

$(B)/libcondreq.so: $(B)/$(SOFILE)
	ln -sf $(SOFILE) $(B)/$(SONAME)
	ln -sf $(SOFILE) $@

PC_SED = sed -e 's|@PREFIX@|$(PREFIX)|g' -e 's|@LIBDIR@|$(LIBDIR)|g' \
	-e 's|@INCLUDEDIR@|$(INCLUDEDIR)|g' -e 's|@VERSION@|$(VERSION)|g'

$(B)/libcondreq.pc: libcondreq.pc.in include/condreq.h | $(B)/obj
	$(PC_SED) libcondreq.pc.in > $@

# The command-line tool links the static library: it runs from build/.
$(B)/condreq: tools/condreq.c $(B)/libcondreq.a include/condreq.h
	$(CC) $(CPPFLAGS) $(CFLAGS) $(WARN) -Iinclude -o $@ tools/condreq.c \
	    $(B)/libcondreq.a $(LDFLAGS)

$(B)/demo: tools/demo.c $(B)/libcondreq.a include/condreq.h
	$(CC) $(CPPFLAGS) $(CFLAGS) $(WARN) -Iinclude -o $@ tools/demo.c \
	    $(B)/libcondreq.a $(LDFLAGS)

demo: $(B)/demo
	./$(B)/demo

# ---- Tests -------------------------------------------------------------

CHECK_MSG := libcondreq's tests need Check and pkg-config. On Debian or \
Ubuntu: sudo apt-get install check pkg-config
CHECK_CFLAGS = $(shell $(PKG_CONFIG) --cflags check 2>/dev/null)
CHECK_LIBS = $(shell $(PKG_CONFIG) --libs check 2>/dev/null)

.PHONY: need-check
need-check:
	@command -v $(PKG_CONFIG) >/dev/null 2>&1 || { \
	    echo "error: pkg-config not found."; echo "$(CHECK_MSG)"; exit 1; }
	@$(PKG_CONFIG) --exists check || { \
	    echo "error: Check (libcheck) not found."; echo "$(CHECK_MSG)"; \
	    exit 1; }

# Tests link the static library, and also see its internals' symbols.
$(B)/check_condreq: $(TEST_SRCS) test/testutil.h $(B)/libcondreq.a | need-check
	$(CC) $(CPPFLAGS) $(CFLAGS) $(WARN) -D_GNU_SOURCE -Iinclude \
	    -DVECTORS_DIR='"test/vectors"' $(CHECK_CFLAGS) -o $@ $(TEST_SRCS) \
	    $(B)/libcondreq.a $(CHECK_LIBS) $(LDFLAGS)

test-unit: $(B)/check_condreq
	./$(B)/check_condreq

test-symbols: $(B)/$(SOFILE) $(B)/libcondreq.a
	sh test/symbols.sh $(B)/$(SOFILE)

test-consumer: all
	sh test/consumer.sh "$(CC)" "$(PKG_CONFIG)"

test-cli: $(B)/condreq
	sh test/cli.sh $(B)/condreq

# The size promise: consumers built against older struct layouts.
test-sizes: $(B)/$(SOFILE) $(B)/libcondreq.so
	sh test/sizes.sh "$(CC)" $(B)

# Man pages: mandoc lint, and every exported function has a page.
test-man: $(B)/$(SOFILE)
	@command -v mandoc >/dev/null 2>&1 || { \
	    echo "error: mandoc not found (sudo apt-get install mandoc)"; \
	    exit 1; }
	mandoc -Tlint -Wwarning $(MAN3) $(MAN1)
	sh test/mansyms.sh $(B)/$(SOFILE) $(MAN3)

# Allocator calls counted across the whole API, through the shared library.
test-noalloc: $(B)/$(SOFILE) $(B)/libcondreq.so
	$(CC) $(CPPFLAGS) $(CFLAGS) -std=c99 -Wall -Iinclude -o $(B)/noalloc \
	    test/noalloc.c -L$(B) -lcondreq -ldl $(LDFLAGS)
	LD_LIBRARY_PATH=$(B) ./$(B)/noalloc

# Bindings: each fails loudly when its interpreter is missing.
test-python: $(B)/$(SOFILE) $(B)/libcondreq.so
	@command -v python3 >/dev/null 2>&1 || { \
	    echo "error: python3 not found: the Python binding is untested"; \
	    exit 1; }
	CONDREQ_LIB=$(B)/$(SOFILE) python3 bindings/python/test_condreq.py

test-lua: $(B)/$(SOFILE) $(B)/libcondreq.so
	@command -v luajit >/dev/null 2>&1 || { \
	    echo "error: luajit not found: the Lua binding is untested" \
	    "(sudo apt-get install luajit)"; exit 1; }
	CONDREQ_LIB=$(B)/$(SOFILE) luajit bindings/lua/test.lua

check: need-check all test-symbols test-consumer test-cli test-sizes \
	test-man test-noalloc test-python test-lua test-unit

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

integration: $(B)/mhd-static $(B)/minimal
	./$(B)/minimal | grep -q '^304 '
	sh test/integration/run.sh ./$(B)/mhd-static
	@# Zombies (state Z) whose parent is gone are not running; others are.
	@sleep 0.5; left=$$(ps -eo pid=,stat=,comm= | \
	    awk '$$2 !~ /^Z/ && ($$3 == "mhd-static" || $$3 == "chromium" || \
	    $$3 == "chrome")'); \
	if [ -n "$$left" ]; then \
	    echo "FAIL: processes left behind:"; echo "$$left"; exit 1; fi

# ---- Benchmarks (never part of check) ----------------------------------

BENCH_PEERS = $(shell $(PKG_CONFIG) --exists libcurl 2>/dev/null && \
	echo "-DHAVE_CURL $$($(PKG_CONFIG) --cflags libcurl)") \
	$(shell $(PKG_CONFIG) --exists apr-util-1 2>/dev/null && \
	echo "-DHAVE_APR $$($(PKG_CONFIG) --cflags apr-1 apr-util-1)")
BENCH_LIBS = $(shell $(PKG_CONFIG) --libs libcurl 2>/dev/null) \
	$(shell $(PKG_CONFIG) --libs apr-1 apr-util-1 2>/dev/null)

$(B)/bench: bench/bench.c $(B)/libcondreq.a include/condreq.h
	$(CC) $(CPPFLAGS) -O2 -g -std=c99 -Wall -Iinclude $(BENCH_PEERS) \
	    -o $@ bench/bench.c $(B)/libcondreq.a $(BENCH_LIBS) $(LDFLAGS)

bench: $(B)/bench
	./$(B)/bench

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
	$(PC_SED) libcondreq.pc.in > $(DESTDIR)$(PKGCONFIGDIR)/libcondreq.pc
	$(INSTALL) -m 755 $(B)/condreq $(DESTDIR)$(BINDIR)/condreq
	for f in $(MAN3); do $(INSTALL) -m 644 $$f $(DESTDIR)$(MANDIR)/man3/; done
	for f in $(MAN1); do $(INSTALL) -m 644 $$f $(DESTDIR)$(MANDIR)/man1/; done
	@sh man/links.sh install "$(DESTDIR)$(MANDIR)/man3" $(MAN3)

uninstall:
	rm -f $(DESTDIR)$(INCLUDEDIR)/condreq.h \
	    $(DESTDIR)$(LIBDIR)/libcondreq.a $(DESTDIR)$(LIBDIR)/$(SOFILE) \
	    $(DESTDIR)$(LIBDIR)/$(SONAME) $(DESTDIR)$(LIBDIR)/libcondreq.so \
	    $(DESTDIR)$(PKGCONFIGDIR)/libcondreq.pc $(DESTDIR)$(BINDIR)/condreq
	@sh man/links.sh uninstall "$(DESTDIR)$(MANDIR)/man3" $(MAN3)
	for f in $(MAN3); do rm -f $(DESTDIR)$(MANDIR)/man3/$${f#man/}; done
	for f in $(MAN1); do rm -f $(DESTDIR)$(MANDIR)/man1/$${f#man/}; done

clean:
	rm -rf $(B)
