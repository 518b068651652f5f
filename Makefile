# Madoguchi build. Three variants share the sources:
#   make              build/madoguchi        release: -O2, hardening flags
#   make VARIANT=test build-test/madoguchi   release flags plus test hooks (clock)
#   make VARIANT=san  build-san/madoguchi    AddressSanitizer + UBSan, test hooks
# Other targets: unit, fuzz, po-update, format, install, clean (see README).

VARIANT ?= release
CC      ?= cc
PKGS    := libmicrohttpd sqlite3 libsodium pwquality icu-i18n libcurl xlsxwriter pangocairo cairo-pdf fontconfig liboath libqrencode libmagic md4c jansson gmime-3.0

ifeq ($(VARIANT),release)
BUILD   := build
VFLAGS  := -O2 -D_FORTIFY_SOURCE=3
else ifeq ($(VARIANT),test)
BUILD   := build-test
VFLAGS  := -O2 -D_FORTIFY_SOURCE=3 -DMADOGUCHI_TEST_HOOKS
else ifeq ($(VARIANT),san)
BUILD   := build-san
VFLAGS  := -O1 -fsanitize=address,undefined,float-cast-overflow -fno-sanitize-recover=all \
           -fno-omit-frame-pointer -DMADOGUCHI_TEST_HOOKS
VLDFLAGS := -fsanitize=address,undefined,float-cast-overflow
else
$(error VARIANT must be release, test or san)
endif

WARN    := -Wall -Wextra -Wpedantic -Wformat=2 -Wformat-security -Wshadow \
           -Wstrict-prototypes -Wmissing-prototypes -Wold-style-definition \
           -Wpointer-arith -Wwrite-strings -Wvla -Wimplicit-fallthrough \
           -Wnull-dereference -Wundef -Werror
HARDEN  := -fstack-protector-strong -fstack-clash-protection -fcf-protection -fPIE
CFLAGS  := -std=c17 -D_GNU_SOURCE -g $(VFLAGS) $(WARN) $(HARDEN) -Isrc -I$(BUILD)/gen \
           $(shell pkg-config --cflags $(PKGS))
LDFLAGS := -pie -Wl,-z,relro,-z,now,-z,noexecstack $(VLDFLAGS)
LDLIBS  := $(shell pkg-config --libs $(PKGS)) -lpthread

SRCS    := $(shell find src -name '*.c' | sort)
OBJS    := $(SRCS:src/%.c=$(BUILD)/obj/%.o) $(BUILD)/obj/gen/assets_data.o
LIBOBJS := $(filter-out $(BUILD)/obj/main.o,$(OBJS))
STATIC  := $(sort $(wildcard static/*))
MIGRATIONS := $(sort $(wildcard migrations/sqlite/*.sql))
LANGS   := ja en
MOS     := $(LANGS:%=$(BUILD)/po/%.mo)
UNIT_SRCS := $(sort $(wildcard tests/unit/test_*.c))
UNIT_BINS := $(UNIT_SRCS:tests/unit/%.c=$(BUILD)/tests/%)

.PHONY: all unit fuzz po-update format install clean
all: $(BUILD)/madoguchi

$(BUILD)/madoguchi: $(OBJS)
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(LDLIBS)

$(BUILD)/obj/%.o: src/%.c
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -MMD -MP -c -o $@ $<

$(BUILD)/obj/gen/assets_data.o: $(BUILD)/gen/assets_data.c
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -Wno-missing-prototypes -c -o $@ $<

$(BUILD)/gen/assets_data.c: $(BUILD)/embed $(STATIC) $(MIGRATIONS) $(MOS) docs/openapi.json
	@mkdir -p $(dir $@)
	$(BUILD)/embed $@ $(STATIC) $(MIGRATIONS) docs/openapi.json $(foreach l,$(LANGS),po/$(l).mo=$(BUILD)/po/$(l).mo)

# The build tool runs on the build machine: no sanitizers needed there.
$(BUILD)/embed: tools/embed.c
	@mkdir -p $(dir $@)
	$(CC) -std=c17 -O2 -Wall -Wextra -o $@ $< $(shell pkg-config --cflags --libs libsodium)

$(BUILD)/po/%.mo: po/%.po
	@mkdir -p $(dir $@)
	msgfmt --check -o $@ $<

$(BUILD)/libmadoguchi.a: $(LIBOBJS)
	ar rcs $@ $^

# Unit tests: one cmocka program per module.
unit: $(UNIT_BINS)
	@fail=0; for t in $(UNIT_BINS); do $$t || fail=1; done; exit $$fail

$(BUILD)/tests/%: tests/unit/%.c $(BUILD)/libmadoguchi.a
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -Wno-missing-prototypes $(LDFLAGS) -o $@ $< $(BUILD)/libmadoguchi.a \
		$(LDLIBS) -lcmocka

# libFuzzer targets, built with clang; FUZZ_SECONDS per target.
FUZZ_SECONDS ?= 20
FUZZ_TARGETS := $(patsubst tests/fuzz/%.c,%,$(wildcard tests/fuzz/fuzz_*.c))
fuzz: $(BUILD)/gen/assets_data.c
	@mkdir -p build-fuzz
	@for t in $(FUZZ_TARGETS); do \
	  clang -std=c17 -D_GNU_SOURCE -g -O1 -fsanitize=fuzzer,address,undefined \
	    -fno-sanitize-recover=all -Isrc -I$(BUILD)/gen -o build-fuzz/$$t tests/fuzz/$$t.c \
	    src/http/parse.c src/core/date.c src/core/text.c src/core/buf.c src/core/arena.c src/core/xalloc.c src/core/i18n.c src/core/assets.c \
	    src/store/case_query.c src/store/case_query_sql.c src/store/fts_scoped.c src/views/case_query_url.c \
	    src/http/upload_parts.c src/files/filestore.c src/core/log.c src/core/fs.c \
	    src/core/netaddr.c src/http/forwarded.c src/http/disposition.c src/mail/quote.c \
	    $(BUILD)/gen/assets_data.c $(shell pkg-config --libs md4c sqlite3 libsodium) -lmagic || exit 1; \
	  mkdir -p build-fuzz/corpus-$$t; \
	  build-fuzz/$$t -max_total_time=$(FUZZ_SECONDS) -max_len=16384 -artifact_prefix=build-fuzz/$$t- -print_final_stats=0 \
	    build-fuzz/corpus-$$t tests/fuzz/corpus/$$t 2>build-fuzz/$$t.log \
	    && echo "fuzz $$t: ok ($$(grep -o 'Done [0-9]* runs' build-fuzz/$$t.log))" \
	    || { tail -50 build-fuzz/$$t.log; echo "fuzz $$t: FAILED"; exit 1; }; \
	done

# Extracts the translatable strings and merges them into the catalogs.
po-update:
	xgettext --from-code=UTF-8 --language=C --keyword=T:2 --keyword=tr:2 --keyword=i18n_tr:2 --keyword=N_ --add-comments=TRANSLATORS \
	  --package-name=madoguchi --no-location --sort-output -o po/madoguchi.pot $(SRCS)
	msgmerge --no-wrap --quiet --update --backup=none --no-location --sort-output po/ja.po po/madoguchi.pot
	msgen po/madoguchi.pot | msgattrib --no-location --sort-output -o po/en.po
	sed -i -e '1,/^msgid/{/^#/d}' -e 's/^"Language: \\n"/"Language: en\\n"/' \
	  -e 's/charset=CHARSET/charset=UTF-8/' -e 's/YEAR-MO-DA HO:MI+ZONE/2026-11-26 00:00+0900/' \
	  -e 's/FULL NAME <EMAIL@ADDRESS>/Madoguchi developers/' -e 's/LANGUAGE <LL@li.org>/English/' po/en.po

format:
	clang-format -i $(SRCS) $(wildcard src/*/*.h src/*.h tests/unit/*.c tests/fuzz/*.c tools/*.c)

# The binary carries its static files, migrations and translations (embed),
# so it is all a host needs, with the systemd unit, the nginx sample and the
# operations guide. `make install PREFIX=/usr DESTDIR=pkg` for a package.
PREFIX  ?= /usr/local
BINDIR  ?= $(PREFIX)/bin
UNITDIR ?= $(PREFIX)/lib/systemd/system
DOCDIR  ?= $(PREFIX)/share/doc/madoguchi
install: $(BUILD)/madoguchi
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(UNITDIR) $(DESTDIR)$(DOCDIR)
	install -m 0755 $(BUILD)/madoguchi $(DESTDIR)$(BINDIR)/madoguchi
	sed -e 's|/usr/local/bin/madoguchi|$(BINDIR)/madoguchi|g' \
	    -e 's|/usr/local/share/doc/madoguchi|$(DOCDIR)|g' dist/madoguchi.service \
	    > $(DESTDIR)$(UNITDIR)/madoguchi.service.tmp
	chmod 0644 $(DESTDIR)$(UNITDIR)/madoguchi.service.tmp
	mv $(DESTDIR)$(UNITDIR)/madoguchi.service.tmp $(DESTDIR)$(UNITDIR)/madoguchi.service
	install -m 0644 dist/nginx-madoguchi.conf docs/operations.md $(DESTDIR)$(DOCDIR)/

clean:
	rm -rf build build-test build-san build-fuzz

-include $(OBJS:.o=.d)
