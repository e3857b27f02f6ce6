"""A small report printed exactly as the 2021 template prints it, tab-separated (`TABS`), and the
same as a PDF's text (`PDF`) or one HTML table (`as_html`): tests change a line or two of it and
read it back."""

from __future__ import annotations

TABS = "\n".join([
    "平湖市统计局2022年度政府信息公开工作年度报告",
    "二、主动公开政府信息情况",
    "第二十条第（一）项", "信息内容\t本年制发件数\t本年废止件数\t现行有效件数",
    "规章\t0\t0\t0", "行政规范性文件\t1\t0\t12",
    "第二十条第（五）项", "信息内容\t本年处理决定数量", "行政许可\t35",
    "第二十条第（六）项", "信息内容\t本年处理决定数量", "行政处罚\t7", "行政强制\t0",
    "第二十条第（八）项", "信息内容\t本年收费金额（单位：万元）", "行政事业性收费\t1.5",
    "三、收到和处理政府信息公开申请情况",
    "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）\t申请人情况",
    "自然人\t法人或其他组织\t总计", "商业企业\t科研机构\t社会公益组织\t法律服务机构\t其他",
    "一、本年新收政府信息公开申请数量\t3\t1\t0\t0\t0\t0\t4",
    "二、上年结转政府信息公开申请数量\t1\t0\t0\t0\t0\t0\t1",
    "三、本年度办理结果\t（一）予以公开\t2\t1\t0\t0\t0\t0\t3",
    "（二）部分公开（区分处理的，只计这一情形，不计其他情形）\t0\t0\t0\t0\t0\t0\t0",
    "（三）不予公开\t1.属于国家秘密\t0\t0\t0\t0\t0\t0\t0",
    *[f"{label}\t0\t0\t0\t0\t0\t0\t0" for label in (
        "2.其他法律行政法规禁止公开", "3.危及“三安全一稳定”", "4.保护第三方合法权益", "5.属于三类内部事务信息",
        "6.属于四类过程性信息", "7.属于行政执法案卷", "8.属于行政查询事项")],
    "（四）无法提供\t1.本机关不掌握相关政府信息\t1\t0\t0\t0\t0\t0\t1",
    *[f"{label}\t0\t0\t0\t0\t0\t0\t0" for label in ("2.没有现成信息需要另行制作", "3.补正后申请内容仍不明确")],
    "（五）不予处理\t1.信访举报投诉类申请\t0\t0\t0\t0\t0\t0\t0",
    *[f"{label}\t0\t0\t0\t0\t0\t0\t0" for label in (
        "2.重复申请", "3.要求提供公开出版物", "4.无正当理由大量反复申请", "5.要求行政机关确认或重新出具已获取信息")],
    "（六）其他处理\t1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请\t0\t0\t0\t0\t0\t0\t0",
    "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请\t0\t0\t0\t0\t0\t0\t0",
    "3.其他\t0\t0\t0\t0\t0\t0\t0",
    "（七）总计\t3\t1\t0\t0\t0\t0\t4",
    "四、结转下年度继续办理\t1\t0\t0\t0\t0\t0\t1",
    "四、政府信息公开行政复议、行政诉讼情况",
    "行政复议\t行政诉讼", "结果维持\t结果纠正\t其他结果\t尚未审结\t总计\t未经复议直接起诉\t复议后起诉",
    "结果维持\t结果纠正\t其他结果\t尚未审结\t总计\t结果维持\t结果纠正\t其他结果\t尚未审结\t总计",
    "1\t0\t0\t0\t1\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0",
    "五、存在的主要问题及改进情况", "2023年计划培训3 次。",
]) + "\n"


PDF = TABS.replace("\t", " ")


def as_html(text: str) -> str:
    """The tab-separated report as one HTML table, a <tr> per line and a <td> per cell."""
    rows = "".join("<tr>" + "".join(f"<td><span>{c}</span></td>" for c in line.split("\t")) + "</tr>\n"
                   for line in text.splitlines()[1:])
    return f"<html><head><title>{text.splitlines()[0]}</title></head><body><table>{rows}</table></body></html>"
