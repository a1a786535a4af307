# httpcodes: one GNU make file. Targets: all run test check bench lint install uninstall clean
VERSION  := 0.1.0
PREFIX   ?= /usr/local
BINDIR   ?= $(PREFIX)/bin
DESTDIR  ?=
CC       ?= cc
PKG_CONFIG ?= pkg-config

B        := build
WARN     := -Wall -Wextra -Wshadow -Wpointer-arith -Wstrict-prototypes -Wmissing-prototypes
CFLAGS   ?= -O2 -g
ifeq ($(WERROR),1)
WARN     += -Werror
endif
ifeq ($(SANITIZE),1)
CFLAGS   += -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined
LDFLAGS  += -fsanitize=address,undefined
export ASAN_OPTIONS := detect_leaks=1:abort_on_error=0
export LSAN_OPTIONS := suppressions=$(CURDIR)/tests/lsan.supp
export UBSAN_OPTIONS := print_stacktrace=1:halt_on_error=1
endif
SQLITE_CFLAGS := $(shell $(PKG_CONFIG) --cflags sqlite3)
SQLITE_LIBS   := $(shell $(PKG_CONFIG) --libs sqlite3)
EXPAT_CFLAGS  := $(shell $(PKG_CONFIG) --cflags expat)
EXPAT_LIBS    := $(shell $(PKG_CONFIG) --libs expat)
# What every program built of CORE_SRC links with (the store's SQLite, explain's expat).
CORE_LIBS      = $(SQLITE_LIBS) $(EXPAT_LIBS)
CURSES_CFLAGS := $(shell $(PKG_CONFIG) --cflags ncursesw)
CURSES_LIBS   := $(shell $(PKG_CONFIG) --libs ncursesw)
CMOCKA_LIBS   := $(shell $(PKG_CONFIG) --libs cmocka 2>/dev/null || echo -lcmocka)
CSV_LIBS      := -lcsv   # Debian's libcsv-dev has no pkg-config file
# STATIC=1: the program alone linked statically (SQLite, ncursesw and libc inside it): no
# libraries to load and relocate at each start, about 1 ms less a run. The default is the
# dynamic build a distribution ships. Tests and tools stay dynamic.
ifeq ($(STATIC),1)
PROG_LDFLAGS  := -static
PROG_LIBS     := $(shell $(PKG_CONFIG) --static --libs sqlite3 expat ncursesw) $(CSV_LIBS)
else
PROG_LIBS     := $(CORE_LIBS) $(CURSES_LIBS) $(CSV_LIBS)
endif
ALL_CFLAGS := -std=c11 -D_POSIX_C_SOURCE=200809L $(WARN) $(CFLAGS) $(SQLITE_CFLAGS) $(EXPAT_CFLAGS) \
	-DHTTPCODES_VERSION='"$(VERSION)"' -MMD -MP

# Modules of the program, lowest layer first (see STYLE.md).
CORE_SRC := src/text.c src/err.c src/pinyin.c src/pinyin_data.c src/tokenize.c src/lang.c src/query.c src/store_index.c src/store_schema.c \
	src/store.c src/store_user.c src/store_search.c src/store_detail.c src/store_explain.c src/store_guide.c src/xmlread.c src/explain.c src/doc.c src/doc_explain.c src/doc_guide.c
TUI_SRC  := src/tui.c src/tui_draw.c src/tui_list.c src/tui_detail.c src/tui_search.c src/tui_form.c \
	src/tui_keys.c src/tui_copy.c src/tui_keymap.c src/tui_line.c src/tui_browse.c src/tui_bar.c \
	src/tui_help.c src/tui_script.c src/tui_explain.c src/tui_guide.c
APP_SRC  := $(CORE_SRC) src/userdata.c src/config.c src/options.c src/session.c src/cli.c src/cli_user.c src/cli_explain.c src/cli_guide.c src/cli_pager.c $(TUI_SRC) src/main.c
DB_REC   := $(sort $(wildcard db/*.rec db/*/*.rec))

PROG     := $(B)/httpcodes
MKDB     := $(B)/mkdb
DBFILE   := $(B)/httpcodes.db

obj = $(patsubst src/%.c,$(B)/obj/%.o,$(1))

.PHONY: all run FORCE test data-check test-unit test-cli test-explain test-tui test-pinyin seed-prints check analyze bench bench-big search-eval fuzz screenshots lint stats install uninstall clean
all: $(PROG)

$(B)/obj/%.o: src/%.c
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -c -o $@ $<

$(B)/obj/tests/%.o: tests/unit/%.c
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -Isrc -c -o $@ $<

# The database builder runs at build time on our own data.
$(MKDB): $(call obj,src/mkdb.c src/store_index.c src/store_schema.c src/tokenize.c src/pinyin.c src/pinyin_data.c src/text.c)
	$(CC) $(LDFLAGS) -o $@ $^ $(SQLITE_LIBS)

$(DBFILE): $(MKDB) db/schema.sql $(DB_REC)
	$(MKDB) -o $@ db/schema.sql $(DB_REC)

$(B)/obj/dbimage.o: src/dbimage.S $(DBFILE)
	@mkdir -p $(@D)
	$(CC) -c -DHTTPCODES_DB_FILE='"$(DBFILE)"' -o $@ src/dbimage.S

# Only the TUI sees curses (its pkg-config flags set the feature macros it needs).
$(call obj,$(TUI_SRC)): ALL_CFLAGS += $(CURSES_CFLAGS)

# The link mode, remembered as git remembers its flags (GIT-CFLAGS): switching STATIC relinks.
$(B)/link-mode: FORCE
	@mkdir -p $(@D); echo 'STATIC=$(STATIC)' | cmp -s - $@ || echo 'STATIC=$(STATIC)' > $@

$(PROG): $(call obj,$(APP_SRC)) $(B)/obj/dbimage.o $(B)/link-mode
	$(CC) $(LDFLAGS) $(PROG_LDFLAGS) -o $@ $(filter %.o,$^) $(PROG_LIBS)

run: $(PROG)
	./$(PROG)

# ---- tests ------------------------------------------------------------------------------
UNIT_TESTS := $(patsubst tests/unit/%.c,$(B)/tests/%,$(wildcard tests/unit/test_*.c))

$(B)/tests/test_%: $(B)/obj/tests/test_%.o $(call obj,$(CORE_SRC)) $(B)/obj/dbimage.o
	@mkdir -p $(@D)
	$(CC) $(LDFLAGS) -o $@ $^ $(CORE_LIBS) $(CMOCKA_LIBS) $(TEST_LIBS)
# The import's checks: userdata.c, and libcsv with it.
$(B)/tests/test_userdata: $(call obj,src/userdata.c)
$(B)/tests/test_userdata: TEST_LIBS := $(CSV_LIBS)
# The command line's parse, and the session below both faces.
$(B)/tests/test_options: $(call obj,src/options.c src/config.c)
$(B)/tests/test_session: $(call obj,src/session.c)

# The prepare counter (tests/cli/prepares.sh, make bench): an LD_PRELOAD object.
COUNTPREP := $(B)/tests/countprep.so
$(COUNTPREP): tests/tools/countprep.c
	@mkdir -p $(@D)
	$(CC) -std=c11 $(WARN) $(CFLAGS) $(SQLITE_CFLAGS) -fPIC -shared -o $@ $< -ldl

# Tests that craft databases use sqlx: SQL on a file, with our tokenizer registered.
SQLX := $(B)/tests/sqlx
$(B)/obj/testtools/%.o: tests/tools/%.c
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -Isrc -c -o $@ $<
$(SQLX): $(B)/obj/testtools/sqlx.o $(call obj,src/store_index.c src/store_schema.c src/tokenize.c src/pinyin.c src/pinyin_data.c src/text.c)
	@mkdir -p $(@D)
	$(CC) $(LDFLAGS) -o $@ $^ $(SQLITE_LIBS)

# Every suite, one after another, each with the time it took; the guards (lint) and the
# pinyin table's self-check run with them, so CI runs them too.
TEST_SUITES := lint data-check test-unit test-cli test-explain test-tui test-pinyin
test:
	@for s in $(TEST_SUITES); do \
	  t0=$$(date +%s%N); \
	  $(MAKE) --no-print-directory $$s || { echo "== $$s: FAILED"; exit 1; }; \
	  echo "== $$s: $$(( ($$(date +%s%N) - t0) / 1000000 )) ms"; \
	done
$(B)/pinyin-check: tools/pinyin-check.c $(call obj,src/pinyin.c src/pinyin_data.c)
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -Isrc $(LDFLAGS) -o $@ $^
# The seed documents' prints (tests/tools/seedruns.h), which test_data checks our words against;
# made anew from ../shared/seeds, and an error when the seeds are not there.
SEEDS ?= ../shared/seeds
$(B)/seedprints: tests/tools/seedprints.c tests/tools/seedruns.h
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $<
seed-prints: $(B)/seedprints
	@ls $(SEEDS)/*.txt >/dev/null 2>&1 || { echo "seed-prints: no seed documents in $(SEEDS)"; exit 1; }
	$(B)/seedprints $(SEEDS)/*.txt > tests/data/seed-prints.txt.new
	mv tests/data/seed-prints.txt.new tests/data/seed-prints.txt
	@echo "seed-prints: $$(wc -l < tests/data/seed-prints.txt) prints from $$(ls $(SEEDS)/*.txt | wc -l) seed documents"
test-pinyin: $(B)/pinyin-check
	@./$(B)/pinyin-check
# The built-in data's checks alone (tests/unit/test_data.c): every ref an https URL, both
# languages in every row, statuses in range, no duplicates, every source with its page and the
# date its rows were last checked, the facts as RFC 9110 has them, our own words.
data-check: $(B)/tests/test_data
	@./$(B)/tests/test_data
test-unit: $(UNIT_TESTS)
	@rc=0; for t in $(UNIT_TESTS); do echo "== $$t"; ./$$t || rc=1; done; exit $$rc
test-explain: $(PROG)
	@sh tests/explain/run.sh $(PROG)

test-cli: $(PROG) $(SQLX) $(COUNTPREP)
	@sh tests/cli/run.sh $(PROG)
	@sh tests/cli/guide.sh $(PROG)
	@sh tests/cli/user.sh $(PROG)
	@sh tests/cli/badinput.sh $(PROG)
	@sh tests/cli/import.sh $(PROG)
	@sh tests/cli/output.sh $(PROG) $(SQLX)
	@sh tests/cli/cmdline.sh $(PROG)
	@sh tests/cli/reliability.sh $(PROG) $(SQLX)
	@sh tests/cli/prepares.sh $(PROG) $(COUNTPREP)
	@sh tests/cli/man.sh
	@sh tests/cli/settings.sh $(PROG)
test-tui: $(PROG)
	@sh tests/tui/run.sh $(PROG)
	@sh tests/tui/tmux.sh $(PROG)
	@sh tests/tui/keys.sh $(PROG)

# ---- speed and size: figures printed side by side, never asserted -------------------------
BENCH_ROWS ?= 100000
# Another build's binary (BENCH_BASE=/path/to/httpcodes) to time the cold starts against, in turn.
BENCH_BASE ?=
$(B)/obj/tests/bench.o: tests/bench/bench.c
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -Isrc -c -o $@ $<
$(B)/bench: $(B)/obj/tests/bench.o $(call obj,$(CORE_SRC)) $(B)/obj/dbimage.o
	$(CC) $(LDFLAGS) -o $@ $^ $(CORE_LIBS)
# Scaled databases of N user rows, build/scaled-N.db, made once: regenerated when the index
# format or the schema changes, not on every change to the bench (10,000 rows take ~1 s,
# 100,000 ~13 s, 1,000,000 ~2 minutes and ~2.5 GB: that one is only for bench-big).
$(B)/scaled-%.db: src/store_index.c src/store_schema.c src/tokenize.c src/pinyin_data.c src/store.c src/store_user.c | $(B)/bench
	$(B)/bench gen $@ $*
.PRECIOUS: $(B)/scaled-%.db
SCALED := $(B)/scaled-$(BENCH_ROWS).db
PTY_DBS := $(sort $(B)/scaled-10000.db $(SCALED))
bench: $(PROG) $(B)/bench $(PTY_DBS) $(COUNTPREP)
	@echo "== httpcodes bench, $$(date +%F): $$(nproc) cores, $$(sed -n "s/^model name[^:]*: //p" /proc/cpuinfo | head -n 1) (figures vary with the machine: compare within a run)"
	@$(B)/bench start $(PROG) $(BENCH_BASE)
	@$(B)/bench cli $(PROG)
	@sh tests/cli/prepares.sh $(PROG) $(COUNTPREP) | grep '^prepares:'
	@$(B)/bench keys
	@$(B)/bench keys $(SCALED)
	@$(B)/bench procs $(PROG) $(SCALED)
	@$(B)/bench pty $(PROG) $(PTY_DBS)
	@$(B)/bench busy $(PROG) $(BENCH_ROWS)
	@printf 'binary size: %s bytes; built-in database: %s bytes\n' $$(stat -c %s $(PROG)) $$(stat -c %s $(DBFILE))
	@sh tests/tools/importbench.sh $(PROG) 10000 100000
	@sh tests/tools/explainbench.sh $(PROG) 1000
# The million rows: ~2.5 GB under build/ and minutes to make and import, so never part of make bench.
bench-big: $(PROG) $(B)/bench $(B)/scaled-1000000.db
	@echo "== httpcodes bench-big, $$(date +%F): $$(nproc) cores, $$(sed -n "s/^model name[^:]*: //p" /proc/cpuinfo | head -n 1) (figures vary with the machine: compare within a run)"
	@$(B)/bench keys $(B)/scaled-1000000.db
	@$(B)/bench pty $(PROG) $(B)/scaled-1000000.db
	@sh tests/tools/importbench.sh $(PROG) 1000000

# ---- search quality (issue 15): the evaluation set through the real search, printed, never failed
# on a low score (only on a malformed set). CI prints it after the tests.
SEARCHEVAL := $(B)/tests/searcheval
$(SEARCHEVAL): $(B)/obj/testtools/searcheval.o $(call obj,$(CORE_SRC)) $(B)/obj/dbimage.o
	@mkdir -p $(@D)
	$(CC) $(LDFLAGS) -o $@ $^ $(CORE_LIBS)
search-eval: $(SEARCHEVAL)
	@$(SEARCHEVAL) tests/search/eval.tsv
	@echo
	@$(SEARCHEVAL) tests/search/heldout.tsv
	@echo
	@$(SEARCHEVAL) tests/search/heldout2.tsv
	@echo
	@$(SEARCHEVAL) tests/search/heldout3.tsv

# ---- fuzzing (clang's libFuzzer): FUZZ_SECONDS per target; CI runs them briefly -----------
FUZZ_SECONDS ?= 60
FUZZ_CC ?= clang
FUZZ_TARGETS := search import text explain args
FUZZ_FLAGS := -std=c11 -D_POSIX_C_SOURCE=200809L -g -O1 -fsanitize=fuzzer,address,undefined \
	-fno-sanitize-recover=undefined -Isrc $(SQLITE_CFLAGS)
$(B)/fuzz/%: tests/fuzz/fuzz_%.c $(CORE_SRC) src/userdata.c $(B)/obj/dbimage.o
	@mkdir -p $(@D)
	$(FUZZ_CC) $(FUZZ_FLAGS) -DHTTPCODES_VERSION='"$(VERSION)"' -o $@ $< $(CORE_SRC) \
		src/userdata.c $(B)/obj/dbimage.o $(CORE_LIBS) $(CSV_LIBS)
# The command line: the whole program, its main renamed (see main.c).
$(B)/fuzz/args: tests/fuzz/fuzz_args.c $(filter-out src/main.c,$(APP_SRC)) src/main.c $(B)/obj/dbimage.o
	@mkdir -p $(@D)
	$(FUZZ_CC) $(FUZZ_FLAGS) $(CURSES_CFLAGS) -Dmain=httpcodes_unused_main -DHTTPCODES_VERSION='"$(VERSION)"' \
		-o $@ $< $(APP_SRC) $(B)/obj/dbimage.o $(CORE_LIBS) $(CURSES_LIBS) $(CSV_LIBS)
fuzz: $(addprefix $(B)/fuzz/,$(FUZZ_TARGETS))
	@for t in $(FUZZ_TARGETS); do \
	  mkdir -p $(B)/fuzz/corpus-$$t; \
	  echo "== fuzz $$t for $(FUZZ_SECONDS) s"; \
	  if $(B)/fuzz/$$t -max_total_time=$(FUZZ_SECONDS) -print_final_stats=1 -artifact_prefix=$(B)/fuzz/ \
	    $(B)/fuzz/corpus-$$t tests/fuzz/corpus/$$t >$(B)/fuzz/$$t.log 2>&1; then \
	    grep -E '^Done|number_of_executed_units' $(B)/fuzz/$$t.log; \
	  else \
	    tail -40 $(B)/fuzz/$$t.log; echo "fuzz $$t: FAILED (crash input in $(B)/fuzz/)"; exit 1; \
	  fi; \
	done

screenshots: $(PROG)
	sh tools/screenshots.sh $(PROG) screenshots

# ---- check: the whole suite under AddressSanitizer + UBSan, then valgrind memcheck ----------
VALGRIND := valgrind --quiet --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite,indirect
check:
	$(MAKE) B=build-check SANITIZE=1 CFLAGS='-O1 -g' test
	$(MAKE) all
	@sh tests/valgrind.sh "$(VALGRIND)" $(PROG)

# ---- static analysis: cppcheck and clang-tidy (rules in .clang-tidy), clean or fail -------
ANALYZE_SRC := $(filter-out src/pinyin_data.c,$(wildcard src/*.c))
analyze:
	cppcheck --quiet --enable=warning,portability,performance --std=c11 --error-exitcode=1 \
		--suppress=missingIncludeSystem -I src $(ANALYZE_SRC)
	clang-tidy --quiet $(ANALYZE_SRC) -- -std=c11 -D_POSIX_C_SOURCE=200809L -Isrc \
		$(SQLITE_CFLAGS) $(CURSES_CFLAGS) -DHTTPCODES_VERSION='"$(VERSION)"'
	@echo "analyze: cppcheck and clang-tidy clean"

lint:
	@! grep -ln 'sqlite3\.h' src/*.c src/*.h | grep -Ev '^src/(store[a-z_]*\.[ch]|mkdb\.c)$$' \
	  || { echo "lint: only the store (src/store*.c, src/store*.h) and mkdb.c may include sqlite3.h"; exit 1; }
	@! grep -ln 'curses\.h' src/*.c src/*.h | grep -Ev '^src/tui' \
	  || { echo "lint: only the tui may include curses.h"; exit 1; }
	@! grep -ln '#include "tui' src/cli*.c src/cli*.h \
	  || { echo "lint: the command line never includes the browser's headers"; exit 1; }
	@! grep -ln '#include "cli' src/tui*.c src/tui*.h \
	  || { echo "lint: the browser never includes the command line's headers (options.h and session.h are below both)"; exit 1; }
	@! grep -lE '#include "(cli|tui)' $$(ls src/*.c src/*.h | grep -Ev '^src/(cli|tui|main\.c)') \
	  || { echo "lint: only the faces (cli, tui) and main.c include cli.h or tui*.h"; exit 1; }
	@for v in $$(grep -ho 'getenv("HTTPCODES_[A-Z_]*")' src/*.c | sed 's/getenv("//; s/")//' | sort -u); do \
	  grep -q "^ \*   $$v " src/options.h || { echo "lint: $$v is read but not listed in src/options.h"; exit 1; }; \
	done

stats: $(PROG)
	./$(PROG) --stats

MANDIR   ?= $(PREFIX)/share/man
BASHCOMPDIR ?= $(PREFIX)/share/bash-completion/completions
ZSHCOMPDIR  ?= $(PREFIX)/share/zsh/site-functions

install: $(PROG)
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(MANDIR)/zh_CN/man1 \
		$(DESTDIR)$(BASHCOMPDIR) $(DESTDIR)$(ZSHCOMPDIR)
	install -m 755 $(PROG) $(DESTDIR)$(BINDIR)/httpcodes
	install -m 644 man/httpcodes.1 $(DESTDIR)$(MANDIR)/man1/httpcodes.1
	install -m 644 man/zh_CN/httpcodes.1 $(DESTDIR)$(MANDIR)/zh_CN/man1/httpcodes.1
	install -m 644 completions/httpcodes.bash $(DESTDIR)$(BASHCOMPDIR)/httpcodes
	install -m 644 completions/_httpcodes $(DESTDIR)$(ZSHCOMPDIR)/_httpcodes

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/httpcodes $(DESTDIR)$(MANDIR)/man1/httpcodes.1 \
		$(DESTDIR)$(MANDIR)/zh_CN/man1/httpcodes.1 $(DESTDIR)$(BASHCOMPDIR)/httpcodes \
		$(DESTDIR)$(ZSHCOMPDIR)/_httpcodes

clean:
	rm -rf $(B)

-include $(shell find $(B) -name '*.d' 2>/dev/null)
.SECONDARY:
