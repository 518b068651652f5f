/*
 * Unit tests of the table exports (src/export): the bytes of the CSV, the
 * cells and styles of the XLSX read back with unzip, the text of the PDF
 * read back with pdftotext (Japanese, header repeated on page 2, ellipsis),
 * errors, and that memory stays flat over many rows. The readers are real
 * tools (scripts/deps.sh test installs unzip and poppler-utils) so the files
 * are checked as a user's program would see them.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include <cairo.h>
#include <fontconfig/fontconfig.h>

#include "export/export.h"

#if defined(__SANITIZE_ADDRESS__)
#define UNDER_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define UNDER_ASAN 1
#endif
#endif

#ifdef UNDER_ASAN
/*
 * cairo 1.16 loses 768 bytes per embedded CFF font (Noto Sans CJK is one)
 * each time a PDF surface is finished: an array of its font subsetter, not
 * ours to free (a TrueType font does not show it). Without frame pointers
 * in cairo the stack stops at its first frame, so only the module can be
 * named here.
 */
const char *__lsan_default_suppressions(void);
const char *
__lsan_default_suppressions(void)
{
	return "leak:libcairo.so.2\n";
}
#endif

static char dir[64]; /* a fresh directory for the files of this run */

static const struct export_col cols[] = {
    {"氏名", EXPORT_TEXT, 16},
    {"イベント", EXPORT_TEXT, 20},
    {"日時", EXPORT_TIME, 0},
};

/* 2026-01-02 03:04:05, local time as the caller gives it. */
static const struct tm when = {
    .tm_year = 126, .tm_mon = 0, .tm_mday = 2, .tm_hour = 3, .tm_min = 4, .tm_sec = 5};

static void
path_of(char *out, size_t n, const char *name)
{
	snprintf(out, n, "%s/%s", dir, name);
}

/* The whole file at path, NUL-terminated; *len without the NUL. */
static char *
slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	assert_non_null(f);
	size_t cap = 4096, n = 0;
	char *p = malloc(cap);
	assert_non_null(p);
	size_t got;
	while ((got = fread(p + n, 1, cap - n - 1, f)) > 0) {
		n += got;
		if (cap - n - 1 == 0) {
			cap *= 2;
			p = realloc(p, cap);
			assert_non_null(p);
		}
	}
	fclose(f);
	p[n] = '\0';
	if (len)
		*len = n;
	return p;
}

/* The standard output of a shell command, which must succeed. */
static char *
run(const char *fmt, ...)
{
	char cmd[1024];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(cmd, sizeof(cmd), fmt, ap);
	va_end(ap);
	FILE *p = popen(cmd, "r");
	assert_non_null(p);
	size_t cap = 4096, n = 0, got;
	char *out = malloc(cap);
	assert_non_null(out);
	while ((got = fread(out + n, 1, cap - n - 1, p)) > 0) {
		n += got;
		if (cap - n - 1 == 0) {
			cap *= 2;
			out = realloc(out, cap);
			assert_non_null(out);
		}
	}
	out[n] = '\0';
	int status = pclose(p);
	if (status != 0)
		fail_msg("command failed (%d): %s", status, cmd);
	return out;
}

static bool
have_tool(const char *name)
{
	char cmd[128];
	snprintf(cmd, sizeof(cmd), "command -v %s >/dev/null 2>&1", name);
	return system(cmd) == 0;
}

static void
assert_contains(const char *hay, const char *needle)
{
	if (!strstr(hay, needle))
		fail_msg("\"%s\" not found in:\n%.2000s", needle, hay);
}

/* Exports hold customer data: only the owner may read them. */
static void
assert_private(const char *path)
{
	struct stat st;
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0600);
}

/*
 * Writes the sample table: Japanese text, formula-like cells, characters
 * CSV must quote, a missing time, a control character and a broken UTF-8
 * byte. Returns export_close's result.
 */
static int
write_sample(enum export_format fmt, const char *path)
{
	struct export *e = export_open(fmt, path, "ログイン履歴 2026/01", cols, 3);
	assert_non_null(e);
	const struct export_value rows[][3] = {
	    {{.text = "青葉 一郎"}, {.text = "ログイン成功"}, {.tm = when}},
	    {{.text = "=HYPERLINK(\"http://x\")"}, {.text = "+1"}, {.tm = when}},
	    {{.text = "-2"}, {.text = "@x"}, {.text = ""}},
	    {{.text = "a,b"}, {.text = "line1\r\nline2 \"q\""}, {.tm = when}},
	    {{.text = "\tt"}, {.text = "\rr"}, {.tm = when}},
	    {{.text = "x\x01y"}, {.text = "bad\xff"}, {.tm = when}},
	    {{.text = NULL}, {.text = "_x0041_"}, {.tm = when}},
	};
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++)
		assert_int_equal(export_row(e, rows[i]), 0);
	return export_close(e);
}

static void
test_mime_and_ext(void **state)
{
	(void)state;
	assert_string_equal(export_mime(EXPORT_CSV), "text/csv; charset=utf-8");
	assert_string_equal(export_mime(EXPORT_XLSX),
	                    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
	assert_string_equal(export_mime(EXPORT_PDF), "application/pdf");
	assert_string_equal(export_ext(EXPORT_CSV), "csv");
	assert_string_equal(export_ext(EXPORT_XLSX), "xlsx");
	assert_string_equal(export_ext(EXPORT_PDF), "pdf");
}

static void
test_csv_bytes(void **state)
{
	(void)state;
	char path[128];
	path_of(path, sizeof(path), "sample.csv");
	assert_int_equal(write_sample(EXPORT_CSV, path), 0);
	size_t len;
	char *got = slurp(path, &len);
	const char *want = "\xef\xbb\xbf"
	                   "氏名,イベント,日時\r\n"
	                   "青葉 一郎,ログイン成功,2026-01-02 03:04:05\r\n"
	                   "\"'=HYPERLINK(\"\"http://x\"\")\",'+1,2026-01-02 03:04:05\r\n"
	                   "'-2,'@x,\r\n"
	                   "\"a,b\",\"line1\r\nline2 \"\"q\"\"\",2026-01-02 03:04:05\r\n"
	                   "'\tt,\"'\rr\",2026-01-02 03:04:05\r\n"
	                   "x\x01y,bad\xef\xbf\xbd,2026-01-02 03:04:05\r\n"
	                   ",_x0041_,2026-01-02 03:04:05\r\n";
	assert_int_equal(len, strlen(want));
	assert_memory_equal(got, want, len);
	free(got);

	assert_private(path);
}

/*
 * The style index of cell ref in sheet and the number it holds; fails if
 * the cell is not a plain number cell.
 */
static void
number_cell(const char *sheet, const char *ref, int *style, double *value)
{
	char key[32];
	snprintf(key, sizeof(key), "<c r=\"%s\" ", ref);
	const char *c = strstr(sheet, key);
	assert_non_null(c);
	c += strlen(key);
	assert_int_equal(sscanf(c, "s=\"%d\"><v>%lf</v>", style, value), 2);
}

/* The numFmtId of the index-th xf of cellXfs in styles.xml. */
static int
xf_numfmt(const char *styles, int index)
{
	const char *p = strstr(styles, "<cellXfs");
	assert_non_null(p);
	for (int i = 0; i <= index; i++) {
		p = strstr(p + 1, "<xf ");
		assert_non_null(p);
	}
	int id;
	assert_int_equal(sscanf(p, "<xf numFmtId=\"%d\"", &id), 1);
	return id;
}

static void
test_xlsx_cells(void **state)
{
	(void)state;
	if (!have_tool("unzip"))
		skip();
	char path[128];
	path_of(path, sizeof(path), "sample.xlsx");
	assert_int_equal(write_sample(EXPORT_XLSX, path), 0);
	assert_private(path);
	char *sheet = run("unzip -p '%s' xl/worksheets/sheet1.xml", path);
	char *styles = run("unzip -p '%s' xl/styles.xml", path);
	char *book = run("unzip -p '%s' xl/workbook.xml", path);

	/* Text as inline strings (constant-memory mode), never as formulas. */
	assert_contains(sheet, "<c r=\"A1\" s=\"1\" t=\"inlineStr\"><is><t>氏名</t></is></c>");
	assert_contains(sheet, "<c r=\"A2\" t=\"inlineStr\"><is><t>青葉 一郎</t></is></c>");
	assert_contains(sheet, "<c r=\"B2\" t=\"inlineStr\"><is><t>ログイン成功</t></is></c>");
	assert_contains(sheet,
	                "<c r=\"A3\" t=\"inlineStr\"><is><t>=HYPERLINK(\"http://x\")</t></is></c>");
	assert_contains(sheet, "<c r=\"B3\" t=\"inlineStr\"><is><t>+1</t></is></c>");
	assert_contains(sheet, "<c r=\"A4\" t=\"inlineStr\"><is><t>-2</t></is></c>");
	assert_contains(sheet, "<c r=\"B4\" t=\"inlineStr\"><is><t>@x</t></is></c>");
	assert_null(strstr(sheet, "<f>"));
	/* XML-unsafe bytes escaped, broken UTF-8 replaced, a literal _xHHHH_ kept literal. */
	assert_contains(sheet, "<t>x_x0001_y</t>");
	assert_contains(sheet, "<t>bad\xef\xbf\xbd</t>");
	assert_contains(sheet, "<t>_x005F_x0041_</t>");
	/* The missing time is an empty cell. */
	assert_null(strstr(sheet, "<c r=\"C4\""));

	/* The time is a number with the date-time style. */
	int style;
	double value;
	number_cell(sheet, "C2", &style, &value);
	assert_true(value > 46024.127835 && value < 46024.127836); /* 2026-01-02 03:04:05 */
	int fmt = xf_numfmt(styles, style);
	char numfmt[96];
	snprintf(numfmt, sizeof(numfmt),
	         "<numFmt numFmtId=\"%d\" formatCode=\"yyyy-mm-dd hh:mm:ss\"/>", fmt);
	assert_contains(styles, numfmt);

	/* Bold header, frozen pane, autofilter over every row, column widths. */
	assert_contains(styles, "<font><b/>");
	assert_contains(sheet, "<pane ySplit=\"1\" topLeftCell=\"A2\" activePane=\"bottomLeft\" "
	                       "state=\"frozen\"/>");
	assert_contains(sheet, "<autoFilter ref=\"A1:C8\"/>");
	assert_contains(sheet, "<col min=\"1\" max=\"1\" width=\"16.7109375\" customWidth=\"1\"/>");
	/* The sheet is named from the title, "/" being forbidden there. */
	assert_contains(book, "<sheet name=\"ログイン履歴 2026_01\"");

	/* The temporary files went next to the output and are gone. */
	char *left = run("ls -A '%s' | grep -v '\\.\\(csv\\|xlsx\\|pdf\\)$' || true", dir);
	assert_string_equal(left, "");
	free(left);
	free(sheet);
	free(styles);
	free(book);
}

/* The sheet name an export titled title gets. */
static char *
sheet_name_of(const char *title)
{
	char path[128];
	path_of(path, sizeof(path), "name.xlsx");
	struct export *e = export_open(EXPORT_XLSX, path, title, cols, 3);
	assert_non_null(e);
	assert_int_equal(export_close(e), 0);
	char *book = run("unzip -p '%s' xl/workbook.xml", path);
	char *name = strstr(book, "<sheet name=\"");
	assert_non_null(name);
	name += strlen("<sheet name=\"");
	*strchr(name, '"') = '\0';
	memmove(book, name, strlen(name) + 1);
	return book;
}

static void
test_xlsx_sheet_names(void **state)
{
	(void)state;
	if (!have_tool("unzip"))
		skip();
	const struct {
		const char *title, *want;
	} cases[] = {
	    {"", "Sheet1"},
	    {"'quoted'", "quoted"},
	    {"History", "History_"},
	    {"a:b\\c/d?e*f[g]h", "a_b_c_d_e_f_g_h"},
	    /* 31 characters at most, counted as Excel does and cut between characters. */
	    {"あいうえおかきくけこさしすせそたちつてとなにぬねのはひふへほまみむめも",
	     "あいうえおかきくけこさしすせそたちつてとなにぬねのはひふへほま"},
	    {"line\nbreak", "line break"},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char *got = sheet_name_of(cases[i].title);
		assert_string_equal(got, cases[i].want);
		free(got);
	}
}

static void
test_xlsx_old_dates_as_text(void **state)
{
	(void)state;
	if (!have_tool("unzip"))
		skip();
	char path[128];
	path_of(path, sizeof(path), "old.xlsx");
	struct export *e = export_open(EXPORT_XLSX, path, "old", cols, 3);
	assert_non_null(e);
	struct export_value row[3] = {{.text = "x"}, {.text = "y"}, {.tm = when}};
	row[2].tm.tm_year = 1850 - 1900;
	assert_int_equal(export_row(e, row), 0);
	assert_int_equal(export_close(e), 0);
	char *sheet = run("unzip -p '%s' xl/worksheets/sheet1.xml", path);
	/* Excel has no dates before 1900: the time is kept as text. */
	assert_contains(sheet, "<t>1850-01-02 03:04:05</t>");
	free(sheet);
}

/* pdftotext of pages first to last of path. */
static char *
pdf_text(const char *path, int first, int last)
{
	return run("pdftotext -enc UTF-8 -f %d -l %d '%s' -", first, last, path);
}

static void
test_pdf_text(void **state)
{
	(void)state;
	if (!have_tool("pdftotext"))
		skip();
	char path[128];
	path_of(path, sizeof(path), "sample.pdf");
	assert_int_equal(write_sample(EXPORT_PDF, path), 0);
	assert_private(path);
	char *text = pdf_text(path, 1, 1);
	assert_contains(text, "ログイン履歴 2026/01");
	assert_contains(text, "氏名");
	assert_contains(text, "青葉 一郎");
	assert_contains(text, "ログイン成功");
	assert_contains(text, "=HYPERLINK(\"http://x\")");
	assert_contains(text, "2026-01-02 03:04:05");
	/* Line breaks and control characters become spaces: a cell is one line. */
	assert_contains(text, "line1 line2 \"q\"");
	free(text);

	/* The Japanese font is embedded, as a subset. */
	char *fonts = run("pdffonts '%s'", path);
	assert_contains(fonts, "NotoSansCJKjp-Regular");
	assert_contains(fonts, "yes yes yes");
	free(fonts);
}

static void
test_pdf_pages(void **state)
{
	(void)state;
	if (!have_tool("pdftotext"))
		skip();
	char path[128];
	path_of(path, sizeof(path), "pages.pdf");
	struct export *e = export_open(EXPORT_PDF, path, "ページ", cols, 3);
	assert_non_null(e);
	char tail[64];
	for (int i = 0; i < 200; i++) {
		char name[32];
		snprintf(name, sizeof(name), "利用者 %03d", i);
		/* A text far wider than its column: only its start may show. */
		char event[2048] = "";
		for (int j = 0; j < 60; j++)
			strcat(event, "長いイベント説明 ");
		snprintf(tail, sizeof(tail), "TAIL%03d", i);
		strcat(event, tail);
		struct export_value row[3] = {{.text = name}, {.text = event}, {.tm = when}};
		assert_int_equal(export_row(e, row), 0);
	}
	assert_int_equal(export_close(e), 0);

	char *info = run("pdfinfo '%s'", path);
	int pages = 0;
	const char *p = strstr(info, "Pages:");
	assert_non_null(p);
	assert_int_equal(sscanf(p, "Pages: %d", &pages), 1);
	assert_true(pages >= 3 && pages <= 10);
	free(info);

	char *one = pdf_text(path, 1, 1);
	assert_contains(one, "ページ");
	assert_contains(one, "利用者 000");
	assert_contains(one, "…"); /* ellipsized */
	assert_null(strstr(one, "TAIL000"));
	free(one);

	char *two = pdf_text(path, 2, 2);
	/* The header row repeats, the title does not, the page is numbered. */
	assert_contains(two, "氏名");
	assert_contains(two, "イベント");
	assert_contains(two, "日時");
	assert_null(strstr(two, "ページ"));
	assert_null(strstr(two, "利用者 000"));
	char *last = pdf_text(path, pages, pages);
	assert_contains(last, "利用者 199");
	char num[16];
	snprintf(num, sizeof(num), "\n%d\n", pages);
	assert_contains(last, num);
	free(last);
	free(two);
}

static void
test_bad_arguments(void **state)
{
	(void)state;
	char path[128];
	path_of(path, sizeof(path), "bad.csv");
	assert_null(export_open(EXPORT_CSV, path, "t", cols, 0));
	assert_null(export_open(EXPORT_CSV, path, "t", NULL, 3));
	assert_null(export_open(EXPORT_CSV, NULL, "t", cols, 3));
	assert_null(export_open((enum export_format)7, path, "t", cols, 3));
	path_of(path, sizeof(path), "no/such/dir/x.csv");
	for (int f = EXPORT_CSV; f <= EXPORT_PDF; f++)
		assert_null(export_open((enum export_format)f, path, "t", cols, 3));
	assert_int_equal(export_close(NULL), -1);
	assert_int_equal(export_row(NULL, NULL), -1);
}

static void
test_bad_time_fails_the_export(void **state)
{
	(void)state;
	for (int f = EXPORT_CSV; f <= EXPORT_PDF; f++) {
		char path[128];
		snprintf(path, sizeof(path), "%s/badtime.%s", dir,
		         export_ext((enum export_format)f));
		struct export *e = export_open((enum export_format)f, path, "t", cols, 3);
		assert_non_null(e);
		struct export_value row[3] = {{.text = "x"}, {.text = "y"}, {.tm = when}};
		assert_int_equal(export_row(e, row), 0);
		row[2].tm.tm_mon = 12;
		assert_int_equal(export_row(e, row), -1);
		/* Sticky: the file is not usable any more. */
		row[2].tm = when;
		assert_int_equal(export_row(e, row), -1);
		assert_int_equal(export_close(e), -1);
	}
}

static void
test_write_errors(void **state)
{
	(void)state;
	/*
	 * /dev/full fails every write: the export must say so, not claim a
	 * file. Not XLSX: its temporary files would go to /dev.
	 */
	const enum export_format fmts[] = {EXPORT_CSV, EXPORT_PDF};
	for (size_t f = 0; f < 2; f++) {
		struct export *e = export_open(fmts[f], "/dev/full", "t", cols, 3);
		if (!e)
			continue;
		struct export_value row[3] = {{.text = "x"}, {.text = "y"}, {.tm = when}};
		int failed = 0;
		for (int i = 0; i < 2000 && !failed; i++)
			failed = export_row(e, row) < 0;
		assert_int_equal(export_close(e), -1);
	}
}

/* Current resident set in KiB. */
static long
rss_kib(void)
{
	long pages = 0, resident = 0;
	FILE *f = fopen("/proc/self/statm", "r");
	if (!f)
		return 0;
	if (fscanf(f, "%ld %ld", &pages, &resident) != 2)
		resident = 0;
	fclose(f);
	return resident * (sysconf(_SC_PAGESIZE) / 1024);
}

static long
maxrss_kib(void)
{
	struct rusage ru;
	getrusage(RUSAGE_SELF, &ru);
	return ru.ru_maxrss;
}

/*
 * Writes rows rows of varied text to a file of format fmt; returns the
 * growth of the resident set from row 500 to the end, in KiB.
 */
static long
big_export(enum export_format fmt, long rows)
{
	char path[128];
	snprintf(path, sizeof(path), "%s/big.%s", dir, export_ext(fmt));
	struct export *e = export_open(fmt, path, "大量の行", cols, 3);
	assert_non_null(e);
	long base = 0, peak = 0;
	for (long i = 0; i < rows; i++) {
		char name[48], event[64];
		snprintf(name, sizeof(name), "青葉 一郎 %ld", i);
		snprintf(event, sizeof(event), "ログイン成功 192.0.2.%ld =%ld", i % 256, i);
		struct export_value row[3] = {{.text = name}, {.text = event}, {.tm = when}};
		row[2].tm.tm_sec = (int)(i % 60);
		assert_int_equal(export_row(e, row), 0);
		if ((i + 1) % 500 == 0) {
			long r = rss_kib();
			if (i + 1 == 500)
				base = r;
			if (r > peak)
				peak = r;
		}
	}
	assert_int_equal(export_close(e), 0);
	long r = rss_kib();
	unlink(path);
	return (r > peak ? r : peak) - base;
}

/*
 * Memory stays flat: after a warm-up export (libraries and fonts loaded),
 * a big one must not raise the peak RSS or the current RSS beyond bound.
 * AddressSanitizer keeps freed memory in quarantine, so there the figures
 * are printed but not checked.
 */
static void
check_flat(enum export_format fmt, long rows, long bound_kib)
{
	big_export(fmt, 600);
	long before = maxrss_kib();
	long growth = big_export(fmt, rows);
	long after = maxrss_kib();
	print_message("%s: %ld rows, peak RSS %ld -> %ld KiB, RSS growth after row 500 %ld KiB\n",
	              export_ext(fmt), rows, before, after, growth);
#ifndef UNDER_ASAN
	assert_true(after - before < bound_kib);
	assert_true(growth < bound_kib);
#else
	(void)bound_kib;
#endif
}

/* 100,000 rows take a fraction of a second in CSV and XLSX. */
static void
test_memory_flat_csv(void **state)
{
	(void)state;
	check_flat(EXPORT_CSV, 100000, 16 * 1024);
}

static void
test_memory_flat_xlsx(void **state)
{
	(void)state;
	check_flat(EXPORT_XLSX, 100000, 16 * 1024);
}

/* 5,000 rows here (about 140 pages); bench/export measures 100,000. */
static void
test_memory_flat_pdf(void **state)
{
	(void)state;
	check_flat(EXPORT_PDF, 5000, 32 * 1024);
}

static int
setup(void **state)
{
	(void)state;
	snprintf(dir, sizeof(dir), "/tmp/madoguchi-export-XXXXXX");
	return mkdtemp(dir) ? 0 : -1;
}

static int
teardown(void **state)
{
	(void)state;
	char cmd[128];
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	int rc = system(cmd);
	/*
	 * Library caches, released so that LeakSanitizer reports only real
	 * leaks (FcFini also frees what fontconfig 2.14 loses parsing its
	 * configuration).
	 */
	cairo_debug_reset_static_data();
	FcFini();
	return rc == 0 ? 0 : -1;
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    /* First, while the peak RSS is still that of a small process. */
	    cmocka_unit_test(test_memory_flat_csv),
	    cmocka_unit_test(test_memory_flat_xlsx),
	    cmocka_unit_test(test_memory_flat_pdf),
	    cmocka_unit_test(test_mime_and_ext),
	    cmocka_unit_test(test_csv_bytes),
	    cmocka_unit_test(test_xlsx_cells),
	    cmocka_unit_test(test_xlsx_sheet_names),
	    cmocka_unit_test(test_xlsx_old_dates_as_text),
	    cmocka_unit_test(test_pdf_text),
	    cmocka_unit_test(test_pdf_pages),
	    cmocka_unit_test(test_bad_arguments),
	    cmocka_unit_test(test_bad_time_fails_the_export),
	    cmocka_unit_test(test_write_errors),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
