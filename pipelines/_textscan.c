/* The parser's text scans in C (`pipelines.textscan` gives them, or the Python that stands in):
 * the fast path's scan of a tables' region in one pass (`scan`, for `pipelines.parse.fast`), the
 * plain counts among its values (`plain_counts`), the tables of a report read by its known
 * skeleton built in one call (`nest`), page furniture blanked (`blank_page_furniture`), a text
 * without whitespace (`without_whitespace`) and the line counts a text's layout is named by
 * (`line_stats`).
 *
 * scan(region, line, marked, gaps) -> (skeleton, values, starts, wheres, gaps), or None
 *
 * The same reading as the Python code it stands in for, and tested against it:
 *   values    _VALUE.split(region)[1::2]: each run of characters between separators (whitespace,
 *             or a Markdown pipe) that is a value as a whole: a count or an amount (ASCII or
 *             full-width digits, thousands commas, a decimal point, a sign, 元 or 万元 after it)
 *             or a zero mark (— —— / ／ 无 - －, and the empty-cell mark U+E001)
 *   skeleton  _skeleton(): the text between the values without whitespace, "\0" where a value was
 *   starts    each value's offset in the region
 *   wheres    "line N col C" of each value (`line`: the number of the region's first line; C
 *             counted from 1 after the line's "\n"; `marked`: less the empty-cell marks before
 *             it on its line, which the text does not print), as _places writes them
 *   gaps      _VALUE.split(region)[0::2], the text before each value and after the last (asked
 *             for by `gaps`; None otherwise)
 * None where the Python reading must be used instead: the region holds whitespace that the
 * skeleton of the Python code treats otherwise (`_OTHER_SPACES`).
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

#define EMPTY_CELL 0xE001  /* the mark of an empty cell read as a zero (ingest.html_rows.EMPTY_CELL) */

static int
is_digit(Py_UCS4 c)
{
    return (c >= '0' && c <= '9') || (c >= 0xFF10 && c <= 0xFF19);  /* 0-9, ０-９ */
}

/* str.isspace, inline: the whitespace above ASCII is these few characters (a test checks every
 * character of the BMP against str.isspace, where all whitespace is). Py_UNICODE_ISSPACE calls a
 * function for every CJK character. */
static inline int
is_space(Py_UCS4 c)
{
    if (c < 128) {
        return Py_UNICODE_ISSPACE(c);
    }
    return c == 0x85 || c == 0xA0 || c == 0x1680 || (c >= 0x2000 && c <= 0x200A) || c == 0x2028 || c == 0x2029
           || c == 0x202F || c == 0x205F || c == 0x3000;
}

static int
is_separator(Py_UCS4 c)
{
    return c == '|' || is_space(c);
}

/* whitespace the Python skeleton is not computed for (fast._OTHER_SPACES) */
static int
is_other_space(Py_UCS4 c)
{
    return c == 0x1F || c == 0x1680 || (c >= 0x2000 && c <= 0x200A) || c == 0x202F || c == 0x205F;
}

/* [0-9０-９,]*(?:[.．][0-9０-９]+)?(?:万?元)? matching all of data[i:end] */
static int
is_number_rest(int kind, const void *data, Py_ssize_t i, Py_ssize_t end)
{
    while (i < end && (is_digit(PyUnicode_READ(kind, data, i)) || PyUnicode_READ(kind, data, i) == ',')) {
        i++;
    }
    if (i < end) {
        Py_UCS4 c = PyUnicode_READ(kind, data, i);
        if (c == '.' || c == 0xFF0E) {  /* . ． */
            Py_ssize_t digits = ++i;
            while (i < end && is_digit(PyUnicode_READ(kind, data, i))) {
                i++;
            }
            if (i == digits) {
                return 0;
            }
        }
    }
    if (i < end && PyUnicode_READ(kind, data, i) == 0x4E07) {  /* 万, only before 元 */
        i++;
        if (i == end) {
            return 0;
        }
    }
    if (i < end && PyUnicode_READ(kind, data, i) == 0x5143) {  /* 元 */
        i++;
    }
    return i == end;
}

/* data[start:end], a run of characters between separators, is a value as a whole */
static int
is_value(int kind, const void *data, Py_ssize_t start, Py_ssize_t end)
{
    Py_UCS4 c = PyUnicode_READ(kind, data, start);
    Py_ssize_t length = end - start;
    if (is_digit(c)) {
        return is_number_rest(kind, data, start + 1, end);
    }
    if (c == '+' || c == '-' || c == 0xFF0B || c == 0xFF0D) {  /* + - ＋ － */
        if (length == 1) {
            return c == '-' || c == 0xFF0D;  /* a dash alone is a zero mark */
        }
        return is_digit(PyUnicode_READ(kind, data, start + 1)) && is_number_rest(kind, data, start + 2, end);
    }
    if (c == 0x2014) {  /* — or —— */
        return length == 1 || (length == 2 && PyUnicode_READ(kind, data, start + 1) == 0x2014);
    }
    if (c == '/' || c == 0xFF0F || c == 0x65E0 || c == EMPTY_CELL) {  /* / ／ 无, the empty-cell mark */
        return length == 1;
    }
    return 0;
}

/* digits of a non-negative number, written backwards from `end`; returns where they start */
static char *
write_number(char *end, Py_ssize_t number)
{
    do {
        *--end = (char)('0' + number % 10);
        number /= 10;
    } while (number > 0);
    return end;
}

/* "line N col C" (formatted by hand: this runs for every value of every report) */
static PyObject *
place(Py_ssize_t line, Py_ssize_t col)
{
    if (line < 0 || col < 0) {  /* not from a region's scan, which counts from 1: formatted as Python would */
        return PyUnicode_FromFormat("line %zd col %zd", line, col);
    }
    char text[64];
    char *end = text + sizeof text;
    char *start = write_number(end, col);
    start -= 5;
    memcpy(start, " col ", 5);
    start = write_number(start, line);
    start -= 5;
    memcpy(start, "line ", 5);
    Py_ssize_t length = end - start;
    PyObject *out = PyUnicode_New(length, 127);
    if (out != NULL) {
        memcpy(PyUnicode_1BYTE_DATA(out), start, (size_t)length);
    }
    return out;
}

static int
append_new(PyObject *list, PyObject *item)
{
    if (item == NULL) {
        return -1;
    }
    int failed = PyList_Append(list, item);
    Py_DECREF(item);
    return failed;
}

static PyObject *
scan(PyObject *module, PyObject *args)
{
    PyObject *region;
    Py_ssize_t line;
    int marked, with_gaps;
    if (!PyArg_ParseTuple(args, "Unpp:scan", &region, &line, &marked, &with_gaps)) {
        return NULL;
    }
    int kind = PyUnicode_KIND(region);
    const void *data = PyUnicode_DATA(region);
    Py_ssize_t n = PyUnicode_GET_LENGTH(region);

    Py_UCS4 *skeleton = PyMem_Malloc(sizeof(Py_UCS4) * (size_t)(n ? n : 1));
    PyObject *values = PyList_New(0), *starts = PyList_New(0), *wheres = PyList_New(0);
    PyObject *gaps = with_gaps ? PyList_New(0) : Py_NewRef(Py_None);
    PyObject *out = NULL;
    if (skeleton == NULL || values == NULL || starts == NULL || wheres == NULL || gaps == NULL) {
        if (skeleton == NULL) {
            PyErr_NoMemory();
        }
        goto done;
    }
    Py_ssize_t kept = 0;     /* characters of the skeleton */
    Py_ssize_t lines = 0;    /* "\n" before i */
    Py_ssize_t newline = -1; /* the offset of the last "\n" before i */
    Py_ssize_t marks = 0;    /* empty-cell marks on the line before i (counted where `marked`) */
    Py_ssize_t gap = 0;      /* where the text before the next value begins */
    Py_ssize_t i = 0;
    while (i < n) {
        Py_UCS4 c = PyUnicode_READ(kind, data, i);
        if (is_separator(c)) {
            if (c == '\n') {
                lines++;
                newline = i;
                marks = 0;
            }
            else if (c == '|') {
                skeleton[kept++] = c;
            }
            else if (is_other_space(c)) {
                out = Py_NewRef(Py_None);
                goto done;
            }
            i++;
            continue;
        }
        Py_ssize_t end = i + 1;
        while (end < n && !is_separator(PyUnicode_READ(kind, data, end))) {
            end++;
        }
        if (is_value(kind, data, i, end)) {
            if ((with_gaps && append_new(gaps, PyUnicode_Substring(region, gap, i)) < 0)
                || append_new(values, PyUnicode_Substring(region, i, end)) < 0
                || append_new(starts, PyLong_FromSsize_t(i)) < 0
                || append_new(wheres, place(line + lines, i - newline - marks)) < 0) {
                goto done;
            }
            skeleton[kept++] = 0;
            gap = end;
            marks += marked && PyUnicode_READ(kind, data, i) == EMPTY_CELL;
        }
        else {
            for (Py_ssize_t k = i; k < end; k++) {
                Py_UCS4 c = PyUnicode_READ(kind, data, k);
                skeleton[kept++] = c;
                marks += marked && c == EMPTY_CELL;
            }
        }
        i = end;
    }
    if (with_gaps && append_new(gaps, PyUnicode_Substring(region, gap, n)) < 0) {
        goto done;
    }
    PyObject *text = PyUnicode_FromKindAndData(PyUnicode_4BYTE_KIND, skeleton, kept);
    if (text != NULL) {
        out = PyTuple_Pack(5, text, values, starts, wheres, gaps);
        Py_DECREF(text);
    }
done:
    PyMem_Free(skeleton);
    Py_XDECREF(values);
    Py_XDECREF(starts);
    Py_XDECREF(wheres);
    Py_XDECREF(gaps);
    return out;
}

/* the argument of a function taking one text is a str (else TypeError) */
static int
is_str(PyObject *text, const char *function)
{
    if (!PyUnicode_Check(text)) {
        PyErr_Format(PyExc_TypeError, "%s: a str is needed", function);
        return 0;
    }
    return 1;
}

/* without_whitespace(text) -> the text without whitespace (str.isspace), as "".join(text.split())
 * gives it: one pass, no list of pieces (the prose check flattens a report's whole text) */
static PyObject *
without_whitespace(PyObject *module, PyObject *text)
{
    if (!is_str(text, "without_whitespace")) {
        return NULL;
    }
    int kind = PyUnicode_KIND(text);
    const void *data = PyUnicode_DATA(text);
    Py_ssize_t n = PyUnicode_GET_LENGTH(text), kept = 0;
    Py_UCS4 *out = PyMem_Malloc(sizeof(Py_UCS4) * (size_t)(n ? n : 1));
    if (out == NULL) {
        return PyErr_NoMemory();
    }
    for (Py_ssize_t i = 0; i < n; i++) {
        Py_UCS4 c = PyUnicode_READ(kind, data, i);
        if (!is_space(c)) {
            out[kept++] = c;
        }
    }
    PyObject *result = kept == n ? Py_NewRef(text) : PyUnicode_FromKindAndData(PyUnicode_4BYTE_KIND, out, kept);
    PyMem_Free(out);
    return result;
}

/* line_stats(text) -> (longest, piped, tabbed): the length of the longest line (lines end at
 * "\n"), the number of lines holding two pipes or more and of lines holding a tab: what a text's
 * layout is named by (ingest.document.text_layout), in one pass */
static PyObject *
line_stats(PyObject *module, PyObject *text)
{
    if (!is_str(text, "line_stats")) {
        return NULL;
    }
    int kind = PyUnicode_KIND(text);
    const void *data = PyUnicode_DATA(text);
    Py_ssize_t n = PyUnicode_GET_LENGTH(text);
    Py_ssize_t longest = 0, piped = 0, tabbed = 0, start = 0, pipes = 0;
    int tab = 0;
    for (Py_ssize_t i = 0; i <= n; i++) {
        Py_UCS4 c = i < n ? PyUnicode_READ(kind, data, i) : '\n';
        if (c == '\n') {
            longest = i - start > longest ? i - start : longest;
            piped += pipes >= 2;
            tabbed += tab;
            start = i + 1;
            pipes = 0;
            tab = 0;
        }
        else if (c == '|') {
            pipes++;
        }
        else if (c == '\t') {
            tab = 1;
        }
    }
    return Py_BuildValue("nnn", longest, piped, tabbed);
}

/* blank_page_furniture(text): ingest.document.blank_page_furniture, whose regex (_PAGE_FURNITURE)
 * it follows line by line: a line printing only "— 3 —", "第 3 页 共 6 页" or "3/6", or ending
 * with 年度报告 (a running title, perhaps after a line of a bare page number), is turned to spaces
 * (its "\r" kept). The regex tries every line in turn, and the next after a match. */
static inline int
is_pad(Py_UCS4 c)
{
    return c == ' ' || c == '\t' || c == '\r';
}

static inline int
is_dash(Py_UCS4 c)
{
    return c == '-' || c == 0x2014 || c == 0xFF0D;  /* - — － */
}

typedef struct {
    int kind;
    const void *data;
} Text;

#define AT(t, i) PyUnicode_READ((t)->kind, (t)->data, (i))

static Py_ssize_t
skip_pad(const Text *t, Py_ssize_t i, Py_ssize_t end)
{
    while (i < end && is_pad(AT(t, i))) {
        i++;
    }
    return i;
}

static inline int
is_decimal(Py_UCS4 c)
{
    return Py_UNICODE_ISDECIMAL(c);  /* \d */
}

/* past a run of one or more characters `in` takes, from i: -1 where none */
static Py_ssize_t
skip_run(const Text *t, Py_ssize_t i, Py_ssize_t end, int (*in)(Py_UCS4))
{
    Py_ssize_t start = i;
    while (i < end && in(AT(t, i))) {
        i++;
    }
    return i > start ? i : -1;
}

#define skip_digits(t, i, end) skip_run((t), (i), (end), is_decimal)
#define skip_dashes(t, i, end) skip_run((t), (i), (end), is_dash)

/* the rest of the line [i, end) is padding only */
static int
pad_to(const Text *t, Py_ssize_t i, Py_ssize_t end)
{
    return i >= 0 && skip_pad(t, i, end) == end;
}

/* [i, end) ends with 年度报告 and padding */
static int
ends_with_title(const Text *t, Py_ssize_t i, Py_ssize_t end)
{
    static const Py_UCS4 title[4] = {0x5E74, 0x5EA6, 0x62A5, 0x544A};  /* 年度报告 */
    while (end > i && is_pad(AT(t, end - 1))) {
        end--;
    }
    if (end - i < 4) {
        return 0;
    }
    for (int k = 0; k < 4; k++) {
        if (AT(t, end - 4 + k) != title[k]) {
            return 0;
        }
    }
    return 1;
}

/* where the furniture starting at the line [start, end) ends (end, or the next line's end), or -1 */
static Py_ssize_t
furniture_end(const Text *t, Py_ssize_t start, Py_ssize_t end, Py_ssize_t n)
{
    Py_ssize_t i = skip_pad(t, start, end), j;
    /* — 3 — */
    j = skip_dashes(t, i, end);
    if (j >= 0) {
        j = skip_digits(t, skip_pad(t, j, end), end);
        if (j >= 0 && (j = skip_dashes(t, skip_pad(t, j, end), end)) >= 0 && pad_to(t, j, end)) {
            return end;
        }
    }
    /* 第 3 页, 第 3 页 共 6 页 (a comma or slash between) */
    if (i < end && AT(t, i) == 0x7B2C) {  /* 第 */
        j = skip_digits(t, skip_pad(t, i + 1, end), end);
        if (j >= 0) {
            j = skip_pad(t, j, end);
            if (j < end && AT(t, j) == 0x9875) {  /* 页 */
                j++;
                Py_ssize_t k = skip_pad(t, j, end);
                if (k < end && (AT(t, k) == ',' || AT(t, k) == 0xFF0C || AT(t, k) == '/')) {  /* , ， / */
                    k = skip_pad(t, k + 1, end);
                }
                if (k < end && AT(t, k) == 0x5171) {  /* 共 */
                    k = skip_digits(t, skip_pad(t, k + 1, end), end);
                    if (k >= 0) {
                        k = skip_pad(t, k, end);
                        if (k < end && AT(t, k) == 0x9875 && pad_to(t, k + 1, end)) {
                            return end;
                        }
                    }
                }
                if (pad_to(t, j, end)) {
                    return end;
                }
            }
        }
    }
    /* 3/6 */
    Py_ssize_t digits = skip_digits(t, i, end);
    if (digits >= 0) {
        j = skip_pad(t, digits, end);
        if (j < end && AT(t, j) == '/') {
            j = skip_digits(t, skip_pad(t, j + 1, end), end);
            if (pad_to(t, j, end)) {
                return end;
            }
        }
    }
    /* a line of a bare number, then a line ending with 年度报告; or a line ending with it */
    if (digits >= 0 && pad_to(t, digits, end) && end < n) {
        Py_ssize_t next_end = end + 1;
        while (next_end < n && AT(t, next_end) != '\n') {
            next_end++;
        }
        if (ends_with_title(t, end + 1, next_end)) {
            return next_end;
        }
    }
    if (ends_with_title(t, i, end)) {
        return end;
    }
    return -1;
}

static PyObject *
blank_page_furniture(PyObject *module, PyObject *text)
{
    if (!is_str(text, "blank_page_furniture")) {
        return NULL;
    }
    Text t = {PyUnicode_KIND(text), PyUnicode_DATA(text)};
    Py_ssize_t n = PyUnicode_GET_LENGTH(text);
    Py_UCS4 *out = NULL;  /* made at the first furniture: most texts have none */
    Py_ssize_t start = 0;
    while (start <= n) {
        Py_ssize_t end = start;
        while (end < n && AT(&t, end) != '\n') {
            end++;
        }
        Py_ssize_t stop = furniture_end(&t, start, end, n);
        if (stop < 0) {
            start = end + 1;
            continue;
        }
        if (out == NULL) {
            out = PyMem_Malloc(sizeof(Py_UCS4) * (size_t)(n ? n : 1));
            if (out == NULL) {
                return PyErr_NoMemory();
            }
            for (Py_ssize_t k = 0; k < n; k++) {
                out[k] = AT(&t, k);
            }
        }
        for (Py_ssize_t k = start; k < stop; k++) {
            if (out[k] != '\r' && out[k] != '\n') {
                out[k] = ' ';
            }
        }
        start = stop + 1;
    }
    if (out == NULL) {
        return Py_NewRef(text);
    }
    PyObject *result = PyUnicode_FromKindAndData(PyUnicode_4BYTE_KIND, out, n);
    PyMem_Free(out);
    return result;
}

#undef AT

/* plain_counts(values) -> [int or None]: each value read as a plain count where it is one, as
 * fast._PLAIN has them: a number of one to four digits, all ASCII or all full-width, printed
 * without a leading zero, or a zero mark (— —— - － / ／ 无, the empty-cell mark); None for any
 * other (money, a sign, a thousands comma: fast._value reads those) */
static PyObject *
plain_counts(PyObject *module, PyObject *values)
{
    if (!PyList_Check(values)) {
        PyErr_SetString(PyExc_TypeError, "plain_counts: a list is needed");
        return NULL;
    }
    Py_ssize_t n = PyList_GET_SIZE(values);
    PyObject *out = PyList_New(n);
    if (out == NULL) {
        return NULL;
    }
    for (Py_ssize_t k = 0; k < n; k++) {
        PyObject *value = PyList_GET_ITEM(values, k), *count = NULL;
        if (PyUnicode_Check(value)) {
            int kind = PyUnicode_KIND(value);
            const void *data = PyUnicode_DATA(value);
            Py_ssize_t length = PyUnicode_GET_LENGTH(value);
            Py_UCS4 first = length ? PyUnicode_READ(kind, data, 0) : 0;
            Py_UCS4 zero = first >= 0xFF10 ? 0xFF10 : '0';  /* ASCII digits, or full-width ones */
            if (length >= 1 && length <= 4 && first >= zero && first <= zero + 9 && (first != zero || length == 1)) {
                long number = 0;
                Py_ssize_t i = 0;
                for (; i < length; i++) {
                    Py_UCS4 c = PyUnicode_READ(kind, data, i);
                    if (c < zero || c > zero + 9) {
                        break;
                    }
                    number = number * 10 + (long)(c - zero);
                }
                if (i == length) {
                    count = PyLong_FromLong(number);
                }
            }
            else if ((length == 1 && (first == 0x2014 || first == '-' || first == 0xFF0D || first == '/'
                                      || first == 0xFF0F || first == 0x65E0 || first == EMPTY_CELL))
                     || (length == 2 && first == 0x2014 && PyUnicode_READ(kind, data, 1) == 0x2014)) {
                count = PyLong_FromLong(0);
            }
        }
        if (count == NULL) {
            if (PyErr_Occurred()) {
                Py_DECREF(out);
                return NULL;
            }
            count = Py_NewRef(Py_None);
        }
        PyList_SET_ITEM(out, k, count);
    }
    return out;
}

/* nest(row, layout) -> {table: {row: {col: value}}}: the tables of a report read by its known
 * skeleton, from its values in printed order (`row`) and where each row's values sit in it
 * (`layout`: per table, its rows' names, each row's columns and each row's slice of `row`;
 * fast.RowLayout.tables). What the Python builds with dict(zip(...)) per row, in one call. */
static PyObject *
nest(PyObject *module, PyObject *args)
{
    PyObject *row, *layout;
    if (!PyArg_ParseTuple(args, "O!O!:nest", &PyList_Type, &row, &PyTuple_Type, &layout)) {
        return NULL;
    }
    PyObject *out = PyDict_New();
    if (out == NULL) {
        return NULL;
    }
    for (Py_ssize_t t = 0; t < PyTuple_GET_SIZE(layout); t++) {
        PyObject *table, *names, *colss, *slices, *entry = PyTuple_GET_ITEM(layout, t);
        if (!PyTuple_Check(entry)) {
            PyErr_SetString(PyExc_TypeError, "nest: each table of the layout must be a tuple");
            goto fail;
        }
        if (!PyArg_ParseTuple(entry, "UO!O!O!", &table, &PyTuple_Type, &names,
                              &PyTuple_Type, &colss, &PyTuple_Type, &slices)) {
            goto fail;
        }
        Py_ssize_t rows = PyTuple_GET_SIZE(names);
        if (PyTuple_GET_SIZE(colss) != rows || PyTuple_GET_SIZE(slices) != rows) {
            PyErr_SetString(PyExc_ValueError, "nest: a table's names, columns and slices differ in number");
            goto fail;
        }
        PyObject *rows_dict = PyDict_New();
        if (rows_dict == NULL || PyDict_SetItem(out, table, rows_dict) < 0) {
            Py_XDECREF(rows_dict);
            goto fail;
        }
        Py_DECREF(rows_dict);  /* `out` holds it */
        for (Py_ssize_t r = 0; r < rows; r++) {
            PyObject *cols = PyTuple_GET_ITEM(colss, r), *slice = PyTuple_GET_ITEM(slices, r);
            Py_ssize_t start, stop, step;
            if (!PyTuple_Check(cols) || !PySlice_Check(slice) || PySlice_Unpack(slice, &start, &stop, &step) < 0) {
                PyErr_SetString(PyExc_TypeError, "nest: a row's columns must be a tuple and its values a slice");
                goto fail;
            }
            Py_ssize_t width = PyTuple_GET_SIZE(cols);
            if (step != 1 || start < 0 || stop - start != width || stop > PyList_GET_SIZE(row)) {
                PyErr_SetString(PyExc_ValueError, "nest: a row's slice does not fit its columns or the values");
                goto fail;
            }
            PyObject *cells = PyDict_New();
            if (cells == NULL || PyDict_SetItem(rows_dict, PyTuple_GET_ITEM(names, r), cells) < 0) {
                Py_XDECREF(cells);
                goto fail;
            }
            Py_DECREF(cells);  /* `rows_dict` holds it */
            for (Py_ssize_t c = 0; c < width; c++) {
                if (PyDict_SetItem(cells, PyTuple_GET_ITEM(cols, c), PyList_GET_ITEM(row, start + c)) < 0) {
                    goto fail;
                }
            }
        }
    }
    return out;
fail:
    Py_DECREF(out);
    return NULL;
}

static PyMethodDef methods[] = {
    {"scan", scan, METH_VARARGS,
     "scan(region, line, marked, gaps) -> (skeleton, values, starts, wheres, gaps) or None: the fast path's values of a "
     "tables' region, read in one pass (see pipelines.parse.fast)."},
    {"without_whitespace", without_whitespace, METH_O,
     "without_whitespace(text) -> the text without whitespace: \"\".join(text.split())."},
    {"line_stats", line_stats, METH_O,
     "line_stats(text) -> (longest line, lines with two pipes or more, lines with a tab)."},
    {"blank_page_furniture", blank_page_furniture, METH_O,
     "blank_page_furniture(text) -> the text with page furniture turned to spaces "
     "(ingest.document.blank_page_furniture)."},
    {"plain_counts", plain_counts, METH_O,
     "plain_counts(values) -> each value as a plain count (int) where it is one, else None (fast._PLAIN)."},
    {"nest", nest, METH_VARARGS,
     "nest(row, layout) -> {table: {row: {col: value}}}: a report's tables from its values in printed "
     "order (see pipelines.parse.fast._read_known)."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {
    PyModuleDef_HEAD_INIT, "_textscan", "The parser's text scans, in C (see pipelines.textscan).", -1, methods,
};

PyMODINIT_FUNC
PyInit__textscan(void)
{
    return PyModule_Create(&module);
}
