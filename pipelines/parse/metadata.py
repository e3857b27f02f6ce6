"""Who published a report and for which year: the agency's official name, the reporting year,
and the agency's region, read from the title lines (and the text where the title falls short).

The agency is given by its official full name, so that one agency is one agency across years:
abbreviations are expanded (上海市科委 → 上海市科学技术委员会), preferring the full name the
report itself prints; a region name garbled by OCR is corrected against the gazetteer. The
vocabulary (abbreviations, kinds of agency, special zones) is data: data/agency_vocab.json.

Cheap by design: only the title lines and a few regular-expression scans of the text are read.
Never raises: odd input gives None fields and issues.
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from importlib.resources import files
from typing import Any

from pipelines import gazetteer

Issue = tuple[str, str, str]  # (code, severity, message), codes from report.ISSUE_CODES

# "…政府信息公开工作年度报告", "…政务公开工作年度报告", "…信息公开年报",
# "…关于2023年度政府信息公开工作的年度报告", "…政府信息公开工作2021年度报告", "…政务公开2021年报"
_ANCHOR = re.compile(
    r"(?:政府)?(?:信息|政务)公开(?:工作)?(?:情况)?的?(?:(?:19|20)\d{2}(?:年度|(?=年)))?(?:年度)?(?:报告|年报)"
)
# a phrase about the report rather than its title: "关于做好2019年政府信息公开工作年度报告编制…的通知"
_NOT_A_TITLE = re.compile(r"^(?:编制|工作的|的通知|有关|相关|格式)")
_YEAR = re.compile(r"((?:19|20)\d{2})年(?:度)?")
_YEAR_RANGE_START = re.compile(r"(?:19|20)\d{2}年?[-—~至到]$")
_CN_YEAR = re.compile(r"[〇○零一二三四五六七八九]{4}(?=年)")
_CN_DIGITS = str.maketrans("〇○零一二三四五六七八九", "00012345678" "9")
_BRACKETED = re.compile(r"《([^《》]*)》")
_HEADER = re.compile(r"^\s*标题\s*[:：]\s*")
_BREADCRUMB = ("当前位置", "首页", "您的位置", "位置:")
_EDGE_JUNK = " \t·•-—_|:：,，.。、;；!！?？\"'“”‘’()（）[]【】<>〈〉《》#*"  # '#', '*': Markdown
_CJK = re.compile(r"[\u4e00-\u9fff]")
# what an agency's name never holds: digits (a date, a page mark), an enumeration comma, a
# section heading's words — a title joined with the lines around it holds them
_NOT_IN_NAMES = re.compile(r"[0-9、:：]|公开(?!办)|情况|第.{1,3}页")
# the reporting period printed in the text: "统计期限自2021年1月1日起至2021年12月31日止"
_PERIOD = re.compile(r"((?:19|20)\d{2})年1月1日(?:起)?(?:至|到|—|-|~)")
_YEAR_IN_TEXT = re.compile(r"((?:19|20)\d{2})年度?(?:政府)?(?:信息|政务)公开(?:工作)?(?:年度)?(?:报告|年报)")
_PUBLISHED = re.compile(r"(?:发布(?:时间|日期)|成文日期|时间)[:：]\s*((?:19|20)\d{2})[-年/.]\d")
_LEVEL_CHARS = frozenset("省市区县州旗盟")
_MIN_YEAR, _MAX_YEAR = 2000, 2100
# how much of the text the cheap scans look at
_HEAD_CHARS = 8000
_TITLE_CHARS = 300
_SPLIT_LINE_CHARS = 60  # a piece of a title set over several lines is no longer than this
_BODY_CHARS = 200_000


@dataclass
class Metadata:
    agency: str | None = None  # official full name, e.g. 上海市科学技术委员会
    year: int | None = None  # reporting year (not the publication year)
    title: str | None = None  # the title line used
    region: dict[str, Any] = field(default_factory=dict)  # province, city, county, township, adcode, kind, level
    issues: list[Issue] = field(default_factory=list)


@dataclass(frozen=True)
class _Vocab:
    abbreviations: dict[str, str]
    government_units: dict[str, str]
    kinds: tuple[tuple[re.Pattern[str], str], ...]
    zones: dict[str, dict[str, str]]
    zone_names: tuple[str, ...]  # the zones' names, as `zones` orders them
    national: tuple[str, ...]
    header_keys: tuple[str, ...]


@cache
def vocab() -> _Vocab:
    raw = json.loads(files("pipelines").joinpath("data/agency_vocab.json").read_text("utf-8"))
    return _Vocab(
        abbreviations=dict(raw["abbreviations"]),
        government_units=dict(raw["government_units"]),
        kinds=tuple((re.compile(p), k) for p, k in raw["kinds"]),
        # longest first, so that a zone inside another's name cannot shadow it
        zones=dict(sorted(raw["special_zones"].items(), key=lambda kv: -len(kv[0]))),
        zone_names=tuple(sorted(raw["special_zones"], key=lambda k: -len(k))),
        national=tuple(sorted(raw["national_prefixes"], key=len, reverse=True)),
        header_keys=tuple(raw["header_keys"]),
    )


# ---------------------------------------------------------------- titles


def normalize(line: str) -> str:
    """Full-width forms folded (NFKC), Chinese-numeral years in digits, all whitespace removed:
    titles are set with stray spaces (平湖市统计局 2021 年度 …), never meaningful ones."""
    if not unicodedata.is_normalized("NFKC", line):  # the quick check is much cheaper than the fold
        line = unicodedata.normalize("NFKC", line)
    if "年" in line:
        line = _CN_YEAR.sub(lambda m: m.group(0).translate(_CN_DIGITS), line)
    return "".join(line.split())


@dataclass(frozen=True)
class _Title:
    text: str  # the title as used
    agency: str | None  # the agency as written in it
    year: int | None


def _parse_title(line: str) -> _Title | None:
    """Split one (joined) title line into agency and year; None when it is no report title.
    A line may say 信息公开 more than once (a crawler's breadcrumb "政务公开 > 政府信息公开年报"
    before the title): each mention is read with the text since the one before it, and the first
    that names both an agency and a year wins."""
    for inner in _BRACKETED.findall(line):  # 关于印发《…年度报告》的通知
        if _ANCHOR.search(inner):
            line = inner
            break
    first: _Title | None = None
    start = 0
    for m in _ANCHOR.finditer(line):
        t = _title_at(line, start, m)
        start = m.end()
        if t is not None and t.agency and t.year:
            return t
        first = first or t
    return first


def _title_at(line: str, start: int, m: re.Match[str]) -> _Title | None:
    if _NOT_A_TITLE.match(line[m.end():]):
        return None
    head, tail = line[start: m.start()], line[m.end():]
    year: int | None = None
    years = list(_YEAR.finditer(head))
    if years:
        last = years[-1]
        year = int(last.group(1))
        # the agency is what surrounds the year: before it ("平湖市统计局2021年度") or after ("2024年上海市科委")
        before, after = head[: last.start()], head[last.end():]
        before = _YEAR_RANGE_START.sub("", before)  # 2020-2021年度: the range's first year
        agency = after if _CJK.search(after) and not _CJK.search(before) else before + after
    else:
        agency = head
        # "…政府信息公开工作2021年度报告", "…政府信息公开工作年度报告(2021年)"
        ty = _YEAR.search(m.group()) or _YEAR.search(tail[:12])
        if ty:
            year = int(ty.group(1))
    if year is not None and not _MIN_YEAR <= year <= _MAX_YEAR:
        year = None
    agency = _clean_agency(agency)
    bracket = _BRACKET_NOTE.match(tail)  # …年度报告(2021年)
    title = line[start: m.end()].strip(_EDGE_JUNK) + (bracket.group(0) if bracket else "")
    if agency is None and year is None:
        return None
    return _Title(title or line[start: m.end()], agency, year)


def _clean_agency(s: str) -> str | None:
    if any(b in s for b in _BREADCRUMB):
        s = _after_breadcrumb(s)
    s = s.strip(_EDGE_JUNK)
    for word in ("关于", "印发", "公布"):
        s = s.removeprefix(word)
    for word in ("关于", "的"):
        s = s.removesuffix(word)
    s = s.strip(_EDGE_JUNK)
    if s.count("(") > s.count(")"):  # 杭州市高新区(滨江): the edge strip took its closing parenthesis
        s += ")"
    if not 2 <= len(s) <= 40 or len(_CJK.findall(s)) < max(2, len(s) * 2 // 3) or _NOT_IN_NAMES.search(s):
        # no one agency's name, but perhaps two (平湖市统计局、平湖市发展和改革局): `extract_metadata` parts them
        return s if len(joint_agencies(s)) > 1 else None
    # an agency's name ends as agencies' names do, or is a region's or zone's own name;
    # anything else is a sentence about the report ("我局编制了…")
    if _kind(s) == "other" and not s.startswith(vocab().zone_names) \
            and gazetteer.match_prefix(s).end != len(s):
        return None
    return s


# between two agencies' names in a joint title: a list mark, or 和/与/及 after a name's last character
_BRACKET_NOTE = re.compile(r"\([^()]{1,12}\)")
_JOINER = re.compile(r"[、,，]|(?<=[局委办院会厅署部室处府站所队心])(?:和|与|及)")
_JOINER_CHARS = frozenset("、,，和与及")


def joint_agencies(written: str) -> list[str]:
    """The agencies a joint report's title names (平湖市统计局、平湖市发展和改革局, or the same
    with a space between them, which titles lose: 平湖市统计局平湖市发展和改革局), else [written].
    Each part must read as an agency's name; a region named again starts the next name. A website
    named before the agency (平湖市人民政府门户网站 平湖市统计局…) is no agency: dropped."""
    parts = [written] if _JOINER_CHARS.isdisjoint(written) else _JOINER.split(written)
    if len(parts) == 1:
        if written.find(written[:2], 2) < 0:  # (most titles: no name begins twice)
            return [written]
        region_end = gazetteer.match_prefix(written).end
        if region_end < 2:
            return [written]
        region, parts, start = written[:region_end], [], 0
        at = written.find(region, region_end + 1)
        while at > 0:
            parts.append(written[start:at])
            start, at = at, written.find(region, at + region_end + 1)
        parts.append(written[start:])
        if len(parts) == 1:
            return [written]
    agencies = [p for p in parts if not p.endswith(_WEBSITE_ENDINGS)]
    if agencies and all(2 <= len(p) <= 40 and _CJK.search(p) and not _NOT_IN_NAMES.search(p)
                        and _kind(p) != "other" and gazetteer.match_prefix(p).end >= 2 for p in agencies):
        return agencies
    return [written]


_WEBSITE_ENDINGS = ("网站", "政府网", "门户")


def _after_breadcrumb(s: str) -> str:
    """'当前位置:首页政务公开部门文件平潭综合实验区市场监督管理局' → from the first place a region,
    a zone or a central agency is named after the breadcrumb."""
    start = max(s.rfind(b) + len(b) for b in _BREADCRUMB if b in s)
    v = vocab()
    for i in range(start, len(s) - 1):
        rest = s[i:]
        if rest.startswith(v.zone_names) or rest.startswith(v.national):
            return rest
        if gazetteer.match_prefix(rest).region is not None:
            return rest
    return s[start:]


def _starts_title(line: str, following: str) -> bool:
    """Whether a line may be the first of a title set over several lines (not "正文", a date…):
    it says 公开 or a year, or begins with a place's or a zone's name — which the line break may
    cut in two (马边彝族自 / 治县…, 20 / 21年度…)."""
    if "公开" in line or _YEAR.search(line):
        return True
    v = vocab()
    if line.startswith(v.zone_names) or line.startswith(v.national):
        return True
    m = gazetteer.match_prefix(line)
    if m.region is not None or m.candidates:
        return True
    joined = line + following[:12]
    if joined.startswith(v.zone_names) or _YEAR.match(joined):
        return True
    m = gazetteer.match_prefix(joined)
    return m.end > len(line) or bool(m.candidates)


_NOTICE_END = re.compile(r"(?:的)?(?:通知|意见|办法|方案)$")


def notice_title(lines: list[str]) -> _Title | None:
    """The document's own title when it is a notice about annual reports ("关于做好2021年度政府
    信息公开工作年度报告编制发布工作的通知") rather than a report: such a file has no reporting
    year, and names an agency only before its 关于. A notice that publishes a report
    (关于印发《…年度报告》的通知) is a report. Only the first line is the document's title."""
    first = next((ln for ln in lines if isinstance(ln, str) and ln.strip()), None)
    if first is None or "报告" not in first[:_TITLE_CHARS]:
        return None
    line = normalize(_HEADER.sub("", first[:_TITLE_CHARS])).strip(_EDGE_JUNK)
    if any(_ANCHOR.search(inner) for inner in _BRACKETED.findall(line)):
        return None
    m = _ANCHOR.search(line)
    if m is None or not (_NOT_A_TITLE.match(line[m.end():]) or _NOTICE_END.search(line)):
        return None
    head = line[: m.start()]
    about = head.find("关于")
    agency = _clean_agency(head[:about]) if about > 0 else None
    return _Title(line, agency, None)


def find_title(lines: list[str]) -> _Title | None:
    """The report title among the opening lines: crawler 标题 headers first, then each line on
    its own or joined with the next one to three (titles set over several lines).

    A title is short, so a line is read only as far as one could reach (a crawler's body is one
    line), and only lines that can hold one are normalised: a line that says 公开, or a short
    line that may begin a title set over several lines."""
    best: _Title | None = None
    for ln in lines:
        # the substring test first: most lines say no 标题
        if isinstance(ln, str) and "标题" in ln and _HEADER.match(head := ln[:_TITLE_CHARS]):
            t = _parse_title(normalize(_HEADER.sub("", head)))
            if t and t.agency and t.year:
                return t
            best = best or t
    # the lines with text, each as far as a title could reach, taken as far as they are read
    rest = (ln[:_TITLE_CHARS] for ln in lines if isinstance(ln, str) and ln.strip())
    raw: list[str] = []

    def taken(n: int) -> int:
        """How many of the first `n` lines there are."""
        while len(raw) < n:
            ln = next(rest, None)
            if ln is None:
                break
            raw.append(ln)
        return min(n, len(raw))

    norm: dict[int, str] = {}

    def at(i: int) -> str:
        if i not in norm:
            norm[i] = normalize(raw[i])
        return norm[i]

    i = 0
    while taken(i + 1) > i:
        ln = raw[i]
        for span in (1, 2, 3, 4):
            if taken(i + span) < i + span:
                break
            if span > 1 and len(ln) > _SPLIT_LINE_CHARS:
                break
            # a title says 报告 or 年报 (公开 may be cut in two by the line break: 信息公 / 开工作)
            if not any("报" in raw[j] for j in range(i, i + span)):
                continue
            if span > 1 and not _starts_title(at(i), at(i + 1)):
                break
            t = _parse_title("".join(at(j) for j in range(i, i + span)))
            if t is None:
                continue
            if t.agency and t.year:
                return t
            best = best or t
            break
        i += 1
    return best


# ---------------------------------------------------------------- agency names


@dataclass
class _Agency:
    name: str
    region: dict[str, Any]
    issues: list[Issue]


def _region_dict(r: gazetteer.Region | None, kind: str | None, level: str | None,
                 township: str | None = None) -> dict[str, Any]:
    d: dict[str, Any] = {"province": None, "city": None, "county": None, "township": None,
                         "adcode": None, "kind": kind, "level": level}
    if r is not None:
        d.update(r.as_dict())
        d["level"] = level or r.level
    d["township"] = township
    return d


_PARENTHESISED = re.compile(r"\([^()]*\)")
# a county-level name left over below the region found: one the register does not have
_UNKNOWN_PLACE = re.compile(
    r"^([\u4e00-\u9fff]{1,6}?(?:自治县|自治旗|区|县|旗))(?=人民政府|[\u4e00-\u9fff]{1,12}(?:局|委员会|委|办公室))")
_TOWNSHIP = re.compile(r"^([\u4e00-\u9fff]{1,10}?(?:镇|乡|街道|苏木))")
_ZONE_ENDINGS = ("开发区", "高新区", "新区", "园区", "实验区", "示范区", "合作区", "保税区", "自贸区", "管理区", "景区")


def _kind(unit: str) -> str:
    unit = _PARENTHESISED.sub("", unit)
    for pattern, kind in vocab().kinds:
        if pattern.search(unit):
            return kind
    return "other"


def _expand_unit(prefix: str, unit: str, level_char: str | None, text: str) -> tuple[str, str | None]:
    """An abbreviated unit → its full form: as the report prints it after the same region name
    when it does (上海市科学技术委员会), else from the vocabulary. Returns (unit, how)."""
    v = vocab()
    if unit in v.government_units:
        return v.government_units[unit], "vocabulary"
    stem = unit
    if unit and unit[0] in _LEVEL_CHARS and unit[0] == level_char and unit[1:] in v.abbreviations:
        stem = unit[1:]  # 上海市 + 市科委
    full = v.abbreviations.get(stem)
    if full is None or full == stem:
        return unit, None
    printed = _printed_full_name(prefix, stem, full, text)
    return (printed, "text") if printed else (full, "vocabulary")


def _printed_full_name(prefix: str, abbrev: str, full: str, text: str) -> str | None:
    """The full unit name the text prints after `prefix` that the abbreviation abbreviates
    (its characters in order), ending as the vocabulary's full form ends."""
    if not prefix or not text:
        return None
    ending = "委员会" if full.endswith("委员会") else full[-1]
    pattern = re.compile(re.escape(prefix) + r"([\u4e00-\u9fff]{2,16}?" + re.escape(ending) + ")")
    seen: dict[str, int] = {}
    body = text[:_BODY_CHARS]
    at = body.find(prefix)
    while at != -1:  # str.find skips through long texts far faster than a regex scan
        m = pattern.match(body, at)
        at = body.find(prefix, at + 1)
        if m is None:
            continue
        cand = m.group(1)
        if len(cand) > len(abbrev) and _subsequence(abbrev.removesuffix(abbrev[-1]), cand):
            seen[cand] = seen.get(cand, 0) + 1
    return max(seen, key=lambda k: seen[k]) if seen else None


def _subsequence(short: str, long: str) -> bool:
    it = iter(long)
    return all(ch in it for ch in short)


def canonical_agency(written: str, text: str = "", printable: frozenset[str] | None = None) -> _Agency:
    """The official full name and region of an agency as written in a title."""
    return _canonical_agency(written, text[:_HEAD_CHARS], text, printable)


def _canonical_agency(written: str, context: str, text: str, printable: frozenset[str] | None = None) -> _Agency:
    """`canonical_agency`, `context` the opening text that tells apart regions sharing a name."""
    v = vocab()
    issues: list[Issue] = []
    for zone, info in v.zones.items() if written.startswith(v.zone_names) else ():
        if written.startswith(zone):
            host = gazetteer.match_prefix(info["host"]).region
            unit = written[len(zone):]
            kind = "special_zone" if not unit else _kind(unit)
            name = written
            if unit:
                new_unit, how = _expand_unit(zone, unit, None, text)
                if how:
                    name = zone + new_unit
                    issues.append(_expanded(written, name, how))
            return _Agency(name, _region_dict(host, kind, info.get("level")), issues)
    if written.startswith(v.national):
        return _Agency(written, _region_dict(None, _kind(written), "national"), issues)

    match = gazetteer.match_prefix(written, context, printable)
    region = match.region
    prefix = written[: match.end]
    for wrong, right in match.corrected:
        prefix = prefix.replace(wrong, right, 1)
        issues.append(("agency_corrected", "warning",
                       f"{wrong} is not in the gazetteer; read as {right} (OCR garble): "
                       f"{written} → {prefix}{written[match.end:]}"))
    unit = written[match.end:]
    if region is None:
        msg = f"no region of the gazetteer starts the agency name {written}"
        if match.candidates:
            names = "、".join(r.full_name for r in match.candidates[:6])
            msg = f"the region of {written} is ambiguous: {names}"
        issues.append(("region_unresolved", "warning", msg))
        return _Agency(prefix + unit, _region_dict(None, _kind(unit or written), None), issues)

    township = None
    if not unit:  # a bare region name stands for its people's government
        new_unit, how = "人民政府", "vocabulary"
    else:
        new_unit, how = _expand_unit(prefix, unit, region.name[-1], text)
        tm = _TOWNSHIP.match(new_unit)
        if tm and _kind(new_unit) == "township":
            township = tm.group(1)
    name = prefix + new_unit
    if how:
        issues.append(_expanded(written if not match.corrected else prefix + unit, name, how))
    kind = _kind(new_unit)
    level = "township" if kind == "township" else None
    if match.ambiguous:
        names = "、".join(r.full_name for r in match.candidates[:6])
        issues.append(("region_unresolved", "warning",
                       f"{written}: below {region.full_name} the region is ambiguous: {names}"))
    elif region.level != "county" and (place := _UNKNOWN_PLACE.match(unit)) and \
            not place.group(1).endswith(_ZONE_ENDINGS):
        issues.append(("region_unresolved", "warning",
                       f"{written}: {place.group(1)} is not a region of {region.full_name} in the gazetteer "
                       f"(renamed or abolished?); the region is given as {region.full_name}"))
    return _Agency(name, _region_dict(region, kind, level, township), issues)


def _expanded(before: str, after: str, how: str) -> Issue:
    source = "as the report prints it" if how == "text" else "from the abbreviation list"
    return ("agency_expanded", "info", f"{before} → {after} ({source})")


# ---------------------------------------------------------------- year


def _year_from_text(text: str) -> tuple[int | None, Issue | None]:
    head = normalize(text[:_HEAD_CHARS])
    for pattern in (_PERIOD, _YEAR_IN_TEXT):
        m = pattern.search(head)
        if m and _MIN_YEAR <= int(m.group(1)) <= _MAX_YEAR:
            return int(m.group(1)), None
    m = _PUBLISHED.search(head)
    if m and _MIN_YEAR < int(m.group(1)) <= _MAX_YEAR:
        # reports are published early in the year after the one they cover
        year = int(m.group(1)) - 1
        return year, ("year_missing", "warning",
                      f"no reporting year printed; taken as {year}, the year before publication")
    return None, None


# a year that has begun: the calendar is read (a system call) only for a year after it
_A_YEAR_BEGUN = date.today().year


def _year_conflicts(year: int, text: str) -> list[Issue]:
    """The title's year against the statistics period the text states (本报告中所列数据统计期限自
    2021年1月1日…) and against the calendar: a report covers a year that has begun."""
    if year > _A_YEAR_BEGUN and year > date.today().year:
        return [("year_conflict", "warning", f"the title's year {year} has not come yet: a misprint?")]
    # the period's "1月1日" is found in C, and only the few characters around it normalised
    # (normalising the whole head of the text cost more than the rest of the metadata)
    at = text.find("1月1日", 0, _HEAD_CHARS)
    while at >= 0:
        period = _PERIOD.search(normalize(text[max(0, at - 12):at + 8]))
        if period is not None:
            if int(period.group(1)) == year:
                return []
            return [("year_conflict", "warning",
                     f"the title says {year}, the statistics period {period.group(1)}; the title's year is used")]
        at = text.find("1月1日", at + 1, _HEAD_CHARS)
    return []


def _agency_from_headers(lines: list[str]) -> str | None:
    keys = vocab().header_keys
    for ln in lines:
        if not any(key in ln for key in keys):
            continue
        s = normalize(ln)
        for key in keys:
            if s.startswith(key):
                value = _clean_agency(s[len(key):].lstrip(":："))
                if value:
                    return value
    return None


# ---------------------------------------------------------------- entry point


def extract_metadata(title_candidates: list[str], text: str, printable: frozenset[str] | None = None) -> Metadata:
    """Agency (official full name), reporting year, title and region of one report. `printable`:
    the characters the text's source could print, where it could not print every one (OCR): a
    region's name read one character off, where the register's character is not among them, is
    read as the register's."""
    lines = [ln for ln in (title_candidates or []) if isinstance(ln, str)]
    text = text if isinstance(text, str) else ""
    meta = Metadata()
    notice = notice_title(lines)
    if notice is not None:
        meta.title = notice.text
        meta.issues.append(("year_missing", "error",
                            "the title is a notice about annual reports, not a report: no reporting year"))
        if notice.agency is None:
            meta.issues.append(("agency_missing", "error", "the notice's title names no agency"))
            meta.region = _region_dict(None, None, None)
            return meta
        agency = canonical_agency(notice.agency, text, printable)
        meta.agency, meta.region = agency.name, agency.region
        meta.issues.extend(agency.issues)
        return meta
    title = find_title(lines)
    if (title is None or title.agency is None) and text:
        # the title lines name no agency: the text's own title may (a page whose <title> is generic)
        in_text = find_title(text[:_HEAD_CHARS].splitlines()[:60])
        if in_text and in_text.agency and (title is None or title.year in (None, in_text.year)):
            title = in_text
        title = title or in_text
    written = title.agency if title else None
    if title:
        meta.title, meta.year = title.text, title.year
    if written is None:
        written = _agency_from_headers(lines + text[:2000].splitlines()[:30])

    if meta.year is None:
        meta.year, issue = _year_from_text(text)
        if issue:
            meta.issues.append(issue)
    else:
        meta.issues.extend(_year_conflicts(meta.year, text))
    if meta.year is None:
        meta.issues.append(("year_missing", "error", "no reporting year in the title or the text"))

    if written is None:
        meta.issues.append(("agency_missing", "error", "no agency name in the title or the text"))
        meta.region = _region_dict(None, None, None)
        return meta
    parts = joint_agencies(written)
    agencies = [canonical_agency(p, text, printable) for p in parts]
    meta.agency, meta.region = "、".join(a.name for a in agencies), agencies[0].region
    for agency in agencies:
        meta.issues.extend(agency.issues)
    if len(parts) > 1:
        meta.issues.append(("agency_joint", "warning",
                            f"the title names {len(parts)} agencies ({'、'.join(parts)}): the report is filed under "
                            f"their names together, {meta.agency}, with the first one's region"))
    return meta
