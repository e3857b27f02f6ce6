"""The canonical codes of the report format (shared/spec/report-format.md), as data.

Every layer — parser, generator, warehouse, checks — reads the tables, labels and cross-sum
rules from here, so a change to the format is a change in one place.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

TEMPLATES = ("v2019", "v2021")
TABLES = ("active", "applications", "review_litigation")

# Table 2 — proactive disclosure. item -> metrics, per template, in printed order.
ACTIVE_ITEMS: dict[str, dict[str, tuple[str, ...]]] = {
    "v2021": {
        "rules": ("issued", "repealed", "in_force"),
        "normative_docs": ("issued", "repealed", "in_force"),
        "licensing": ("decisions",),
        "punishment": ("decisions",),
        "enforcement": ("decisions",),
        "fees": ("amount_10k_yuan",),
    },
    "v2019": {
        "rules": ("new_made", "new_published", "total_published"),
        "normative_docs": ("new_made", "new_published", "total_published"),
        "licensing": ("prev_items", "change", "decisions"),
        "other_services": ("prev_items", "change", "decisions"),
        "punishment": ("prev_items", "change", "decisions"),
        "enforcement": ("prev_items", "change", "decisions"),
        "fees": ("prev_items", "change"),
        "procurement": ("projects", "amount_yuan"),
    },
}
# Metrics that hold money (decimals) and the unit the spec stores them in.
MONEY_METRICS: dict[str, str] = {"amount_10k_yuan": "万元", "amount_yuan": "元"}
# Metrics that may be negative.
SIGNED_METRICS = frozenset({"change"})

# Table 3 — applications. Applicant columns in printed order.
APPLICANTS: tuple[str, ...] = (
    "natural_person", "commercial", "research", "social_org", "legal_service", "other", "total",
)
APPLICANT_PARTS: tuple[str, ...] = APPLICANTS[:-1]

_OUTCOMES_COMMON: tuple[str, ...] = (
    "granted", "partial",
    "denied_state_secret", "denied_law_forbidden", "denied_three_safety", "denied_third_party",
    "denied_internal", "denied_process", "denied_enforcement_file", "denied_query",
    "unable_not_held", "unable_need_creation", "unable_unclear",
    "rejected_petition", "rejected_duplicate", "rejected_publication", "rejected_mass",
    "rejected_confirm",
)
OUTCOMES: dict[str, tuple[str, ...]] = {
    "v2019": (*_OUTCOMES_COMMON, "other"),
    "v2021": (*_OUTCOMES_COMMON, "other_no_correction", "other_no_fee", "other_misc"),
}
APPLICATION_ROWS: dict[str, tuple[str, ...]] = {
    t: ("new", "carried_over", *OUTCOMES[t], "total_handled", "carried_forward") for t in TEMPLATES
}

# Table 4 — review and litigation: 3 groups x 5 outcomes, printed as one row of 15.
REVIEW_GROUPS: tuple[str, ...] = ("review", "litigation_direct", "litigation_after_review")
REVIEW_OUTCOMES: tuple[str, ...] = ("upheld", "corrected", "other", "pending", "total")
REVIEW_PARTS: tuple[str, ...] = REVIEW_OUTCOMES[:-1]


@dataclass(frozen=True)
class SumRule:
    """`left` cells added up equal `right` cells added up, within one table.

    Cells are (row, column) pairs of the table; `per` says what the rule is repeated over.
    """

    rule: str  # "rule1" … "rule4", as numbered in the spec
    table: str
    name: str
    left: tuple[tuple[str, str], ...]
    right: tuple[tuple[str, str], ...]


@cache
def sum_rules(template: str) -> tuple[SumRule, ...]:
    """Rules 1–4 of the spec, expanded to one equation per column, row or group."""
    rules: list[SumRule] = []
    outcomes = OUTCOMES[template]
    for col in APPLICANTS:
        rules.append(SumRule(
            "rule1", "applications", f"balance/{col}",
            (("new", col), ("carried_over", col)),
            (("total_handled", col), ("carried_forward", col)),
        ))
    for col in APPLICANTS:
        rules.append(SumRule(
            "rule2", "applications", f"handled/{col}",
            tuple((row, col) for row in outcomes), (("total_handled", col),),
        ))
    for row in APPLICATION_ROWS[template]:
        rules.append(SumRule(
            "rule3", "applications", f"applicants/{row}",
            tuple((row, col) for col in APPLICANT_PARTS), ((row, "total"),),
        ))
    for group in REVIEW_GROUPS:
        rules.append(SumRule(
            "rule4", "review_litigation", f"review/{group}",
            tuple((group, o) for o in REVIEW_PARTS), ((group, "total"),),
        ))
    return tuple(rules)


RULE_TEXT = {
    "rule1": "new + carried_over = total_handled + carried_forward, per applicant column",
    "rule2": "total_handled = the sum of every outcome row, per applicant column",
    "rule3": "the six applicant columns add up to total, per row",
    "rule4": "upheld + corrected + other + pending = total, per review/litigation group",
    "rule5": "every count is a non-negative integer",
    "rule6": "carried_over equals the same agency's carried_forward of the previous year",
}

# ---------------------------------------------------------------------------------------------
# Label vocabulary: how each code is printed. Matching is done on normalised text (NFKC, no
# whitespace, no numbering); each code lists the phrases that identify it, most specific first.
# The first phrase is the canonical label (the generator prints it).

ACTIVE_LABELS: dict[str, tuple[str, ...]] = {
    "rules": ("规章",),
    "normative_docs": ("行政规范性文件", "规范性文件"),
    "licensing": ("行政许可",),
    "other_services": ("其他对外管理服务事项", "其他对外管理", "对外管理服务事项"),
    "punishment": ("行政处罚",),
    "enforcement": ("行政强制",),
    "fees": ("行政事业性收费", "事业性收费"),
    "procurement": ("政府集中采购", "集中采购"),
}

METRIC_LABELS: dict[str, tuple[str, ...]] = {
    "issued": ("本年制发件数", "制发件数"),
    "repealed": ("本年废止件数", "废止件数"),
    "in_force": ("现行有效件数", "有效件数"),
    "new_made": ("本年新制作数量", "新制作数量"),
    "new_published": ("本年新公开数量", "新公开数量"),
    "total_published": ("对外公开总数量", "公开总数量"),
    "prev_items": ("上一年项目数量", "项目数量"),
    "change": ("本年增/减", "增/减", "增减"),
    "decisions": ("本年处理决定数量", "处理决定数量"),
    "amount_10k_yuan": ("本年收费金额(单位:万元)", "收费金额"),
    "projects": ("采购项目数量",),
    "amount_yuan": ("采购总金额",),
}

APPLICANT_LABELS: dict[str, tuple[str, ...]] = {
    "natural_person": ("自然人",),
    "commercial": ("商业企业",),
    "research": ("科研机构",),
    "social_org": ("社会公益组织",),
    "legal_service": ("法律服务机构",),
    "other": ("其他",),
    "total": ("总计",),
}

# Row labels of table 3. Group prefixes (三、本年度办理结果, （三）不予公开 …) are not part of
# the phrases: a row is identified by its own words.
APPLICATION_LABELS: dict[str, tuple[str, ...]] = {
    "new": ("本年新收政府信息公开申请数量", "本年新收", "新收政府信息公开申请"),
    "carried_over": ("上年结转政府信息公开申请数量", "上年结转"),
    "granted": ("予以公开",),
    "partial": ("部分公开",),
    "denied_state_secret": ("属于国家秘密", "国家秘密"),
    "denied_law_forbidden": ("其他法律行政法规禁止公开", "法律行政法规禁止公开", "禁止公开"),
    "denied_three_safety": ("危及“三安全一稳定”", "危及三安全一稳定", "三安全一稳定"),
    "denied_third_party": ("保护第三方合法权益", "第三方合法权益"),
    "denied_internal": ("属于三类内部事务信息", "内部事务信息", "内部事务"),
    "denied_process": ("属于四类过程性信息", "过程性信息"),
    "denied_enforcement_file": ("属于行政执法案卷", "行政执法案卷", "执法案卷"),
    "denied_query": ("属于行政查询事项", "行政查询事项", "查询事项"),
    "unable_not_held": ("本机关不掌握相关政府信息", "不掌握相关政府信息", "本机关不掌握"),
    "unable_need_creation": ("没有现成信息需要另行制作", "需要另行制作", "另行制作"),
    "unable_unclear": ("补正后申请内容仍不明确", "仍不明确"),
    "rejected_petition": ("信访举报投诉类申请", "信访举报投诉"),
    "rejected_duplicate": ("重复申请",),
    "rejected_publication": ("要求提供公开出版物", "公开出版物"),
    "rejected_mass": ("无正当理由大量反复申请", "大量反复申请"),
    "rejected_confirm": ("要求行政机关确认或重新出具已获取信息", "重新出具已获取信息", "确认或重新出具"),
    "other": ("其他处理",),
    "other_no_correction": (
        "申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请", "逾期不补正",
    ),
    "other_no_fee": (
        "申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", "未按收费通知",
        "缴纳费用",
    ),
    "other_misc": ("其他",),
    "total_handled": ("总计",),
    "carried_forward": ("结转下年度继续办理", "结转下年度", "结转下一年度"),
}

# Phrases so common that they identify a row only as the last words of its label
# ("（六）其他处理 3.其他", "（七）总计"), not inside a longer label ("不计其他情形", a header's "总计").
END_ONLY_PHRASES = frozenset({"其他", "总计"})

REVIEW_GROUP_LABELS: dict[str, tuple[str, ...]] = {
    "review": ("行政复议",),
    "litigation_direct": ("未经复议直接起诉",),
    "litigation_after_review": ("复议后起诉",),
}
REVIEW_OUTCOME_LABELS: dict[str, tuple[str, ...]] = {
    "upheld": ("结果维持",),
    "corrected": ("结果纠正",),
    "other": ("其他结果",),
    "pending": ("尚未审结",),
    "total": ("总计",),
}

# Headings and markers that locate each table by its content.
TABLE_MARKERS: dict[str, tuple[str, ...]] = {
    "active": ("第二十条第", "信息内容", "本年制发件数", "本年新制作数量", "处理决定数量"),
    "applications": ("本年新收政府信息公开申请数量", "申请人情况", "本年度办理结果"),
    "review_litigation": ("未经复议直接起诉", "复议后起诉", "尚未审结"),
}

# Labels that tell the templates apart (spec table "how to tell it apart").
TEMPLATE_MARKERS: dict[str, tuple[str, ...]] = {
    "v2021": ("本年制发件数", "本年废止件数", "现行有效件数", "逾期不补正", "未按收费通知"),
    "v2019": ("本年新制作数量", "本年新公开数量", "对外公开总数量", "政府集中采购", "上一年项目数量"),
}


def empty_tables(template: str) -> dict[str, dict[str, dict[str, object]]]:
    """The shape of a report's three tables for a template, every cell None."""
    return {
        "active": {item: dict.fromkeys(metrics) for item, metrics in ACTIVE_ITEMS[template].items()},
        "applications": {row: dict.fromkeys(APPLICANTS) for row in APPLICATION_ROWS[template]},
        "review_litigation": {g: dict.fromkeys(REVIEW_OUTCOMES) for g in REVIEW_GROUPS},
    }
