#!/usr/bin/env python3
"""Fill the official blank 2021 template (.docx) with a complete, balanced report.

The result keeps Word's own structure (the template's merged cells, styles and
paragraph properties): only text is written into the existing paragraphs and cells,
as a person typing into the template in Word would. Multi-digit numbers and some
texts are written as several runs, the way Word splits text it has edited.

Usage: scripts/fill-docx-template.py BLANK.docx OUT.docx

The numbers are chosen by hand (tables 三 and 四 satisfy rules H1-H4 of the spec);
tests/it/import_docx.rs writes the same values again, by hand, as its expectations.
"""

import re
import sys
import zipfile

AGENCY = "江宁市生态环境局"
TITLE = [AGENCY, "2022年政府信息公开", "工作年度报告"]  # three runs
HEADER = (
    "根据《中华人民共和国政府信息公开条例》（以下简称《条例》）和《中华人民共和国政府信息公开"
    "工作年度报告格式》（国办公开办函〔2021〕30号）要求，编制本报告。全文包括总体情况、主动公开"
    "政府信息情况、收到和处理政府信息公开申请情况、政府信息公开行政复议和行政诉讼情况、存在的主要"
    "问题及改进情况、其他需要报告的事项。本报告中所列数据的统计期限自2022年1月1日起至2022年12月"
    "31日止。本报告电子版可在江宁市人民政府门户网站“政府信息公开”专栏查阅或下载。如对本报告有"
    "疑问，请与江宁市生态环境局办公室联系（地址：江宁市建设路18号；邮编：211100；"
    "电话：025-52101234）。"
)
SECTION_1 = [
    "2022年，我局坚持以习近平新时代中国特色社会主义思想为指导，认真贯彻落实《条例》，"
    "围绕生态环境保护中心工作，扎实推进政府信息公开工作。",
    "（一）主动公开。全年通过门户网站主动公开政府信息412条，其中环境质量信息96条、"
    "行政许可信息121条、行政处罚信息87条。",
    "（二）依申请公开。全年新收政府信息公开申请19件，上年结转3件，均在法定期限内答复。",
    "（三）政府信息管理。修订《江宁市生态环境局政府信息公开保密审查办法》，"
    "对拟公开信息逐条审查。",
    "（四）平台建设。优化门户网站“政府信息公开”专栏栏目设置，新增“环评审批”子栏目。",
    "（五）监督保障。将政府信息公开工作纳入年度绩效考核，全年未发生责任追究情况。",
]
SECTION_5 = [
    "存在的主要问题：一是部分科室对主动公开的时效性重视不够；二是政策解读形式较为单一。",
    "改进措施：一是建立信息发布提醒机制；二是增加图解、视频等解读形式。",
]
SECTION_6 = [
    "本年度未收取信息处理费。",
    "我局认真办理人大代表建议和政协提案，办理结果均已在门户网站公开。",
]
SIGNATURE = AGENCY
DATE = "2023年1月18日"

# Table 二: rows 规章, 行政规范性文件 (制发, 废止, 现行有效); then one value each.
TABLE_2 = {
    "规章": ["2", "1", "15"],
    "行政规范性文件": ["5", "2", "38"],
    "行政许可": ["356"],
    "行政处罚": ["87"],
    "行政强制": ["12"],
    "行政事业性收费": ["1.2345"],
}

# Table 三: 自然人, 商业企业, 科研机构, 社会公益组织, 法律服务机构, 其他, 总计.
TABLE_3 = [
    ("一、本年新收", [12, 3, 1, 0, 2, 1, 19]),
    ("二、上年结转", [2, 1, 0, 0, 0, 0, 3]),
    ("（一）予以公开", [5, 2, 1, 0, 0, 0, 8]),
    ("（二）部分公开", [2, 1, 0, 0, 0, 0, 3]),
    ("1.属于国家秘密", [0] * 7),
    ("2.其他法律行政法规禁止公开", [0] * 7),
    ("3.危及", [1, 0, 0, 0, 0, 0, 1]),
    ("4.保护第三方", [0, 1, 0, 0, 0, 0, 1]),
    ("5.属于三类内部事务", [0] * 7),
    ("6.属于四类过程性", [1, 0, 0, 0, 0, 0, 1]),
    ("7.属于行政执法案卷", [0] * 7),
    ("8.属于行政查询事项", [0] * 7),
    ("1.本机关不掌握", [2, 0, 0, 0, 1, 0, 3]),
    ("2.没有现成信息", [0] * 7),
    ("3.补正后申请内容", [0] * 7),
    ("1.信访举报投诉", [1, 0, 0, 0, 0, 0, 1]),
    ("2.重复申请", [0, 0, 0, 0, 0, 1, 1]),
    ("3.要求提供公开出版物", [0] * 7),
    ("4.无正当理由大量反复", [0] * 7),
    ("5.要求行政机关确认", [0] * 7),
    ("1.申请人无正当理由逾期不补正", [1, 0, 0, 0, 0, 0, 1]),
    ("2.申请人逾期未按收费通知", [0] * 7),
    ("3.其他", [0] * 7),
    ("（七）总计", [13, 4, 1, 0, 1, 1, 20]),
    ("四、结转下年度", [1, 0, 0, 0, 1, 0, 2]),
]

# Table 四: 行政复议 (维持, 纠正, 其他, 尚未审结, 总计), then 未经复议直接起诉, 复议后起诉.
TABLE_4 = [2, 1, 0, 1, 4, 1, 0, 1, 0, 2, 0, 1, 0, 1, 2]

RUN_PR = (
    '<w:rPr><w:rFonts w:hint="eastAsia" w:ascii="宋体" w:hAnsi="宋体" '
    'w:eastAsia="宋体" w:cs="宋体"/><w:sz w:val="20"/><w:szCs w:val="20"/></w:rPr>'
)


def esc(s):
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def runs(text, split=True):
    """Runs for a value; numbers of two or more characters split after the first."""
    parts = [text[:1], text[1:]] if split and len(text) > 1 else [text]
    return "".join(f"<w:r>{RUN_PR}<w:t>{esc(p)}</w:t></w:r>" for p in parts)


def text_of(xml):
    return "".join(re.findall(r"<w:t(?: [^>]*)?>([^<]*)</w:t>", xml))


def fill_cell(tc, value):
    """Writes `value` into a cell's only paragraph, replacing fullwidth-space filler."""
    tc = re.sub(r"<w:r>(?:(?!</w:r>).)*<w:t>[\u3000 ]*</w:t></w:r>", "", tc, flags=re.S)
    if "</w:pPr>" in tc:
        return tc.replace("</w:pPr>", "</w:pPr>" + runs(value), 1)
    return re.sub(r"(<w:p(?: [^>]*)?>)", lambda m: m.group(1) + runs(value), tc, count=1)


def cells(tr):
    return re.findall(r"<w:tc>.*?</w:tc>", tr, flags=re.S)


def fill_row(tr, values, first_value_cell):
    tcs = cells(tr)
    targets = [
        i
        for i, tc in enumerate(tcs)
        if i >= first_value_cell and 'w:vMerge/>' not in tc and 'w:val="continue"' not in tc
    ]
    assert len(targets) == len(values), (text_of(tr)[:30], len(targets), len(values))
    out = tr
    for i, v in zip(targets, values):
        out = out.replace(tcs[i], fill_cell(tcs[i], str(v)), 1)
    return out


def fill_tables(doc):
    tables = re.findall(r"<w:tbl>.*?</w:tbl>", doc, flags=re.S)
    assert len(tables) == 3
    t2, t3, t4 = tables
    new = t2
    for tr in re.findall(r"<w:tr[ >].*?</w:tr>", t2, flags=re.S):
        label = text_of(cells(tr)[0]).strip()
        if label in TABLE_2:
            new = new.replace(tr, fill_row(tr, TABLE_2[label], 1), 1)
    doc = doc.replace(t2, new, 1)
    new = t3
    rows = re.findall(r"<w:tr[ >].*?</w:tr>", t3, flags=re.S)
    for tr in rows[3:]:
        t = text_of(tr)
        matches = [v for k, v in TABLE_3 if k in t]
        assert len(matches) == 1, t
        # The value cells are the 7 without text after the labels.
        tcs = cells(tr)
        first = next(
            i
            for i, tc in enumerate(tcs)
            if not text_of(tc).strip("\u3000 ") and i > 0 and "vMerge" not in tc
        )
        new = new.replace(tr, fill_row(tr, matches[0], first), 1)
    doc = doc.replace(t3, new, 1)
    rows = re.findall(r"<w:tr[ >].*?</w:tr>", t4, flags=re.S)
    doc = doc.replace(t4, t4.replace(rows[3], fill_row(rows[3], TABLE_4, 0), 1), 1)
    return doc


def paragraph_with(doc, text):
    m = [p for p in re.findall(r"<w:p [^>]*>(?:(?!</w:p>).)*</w:p>", doc, flags=re.S) if text in p]
    assert m, text
    return m[0]


def replace_paragraph(doc, placeholder, texts, split_first=False):
    """Replaces the placeholder paragraph by one paragraph per text, in its style."""
    p = paragraph_with(doc, placeholder)
    p_clean = re.sub(r' w14:paraId="[^"]*"', "", p)
    out = []
    for i, t in enumerate(texts):
        if split_first and i == 0:
            # Word splits a paragraph into runs wherever it was edited.
            body = "".join(
                f"<w:r>{RUN_PR}<w:t>{esc(part)}</w:t></w:r>" for part in (t[:7], t[7:20], t[20:])
            )
        else:
            body = f"<w:r>{RUN_PR}<w:t>{esc(t)}</w:t></w:r>"
        q = re.sub(r"<w:r>.*</w:r>", lambda _: body, p_clean, flags=re.S)
        out.append(q)
    return doc.replace(p, "".join(out), 1)


def main():
    blank, out = sys.argv[1], sys.argv[2]
    with zipfile.ZipFile(blank) as z:
        parts = {i: z.read(i.filename) for i in z.infolist()}
    info = next(i for i in parts if i.filename == "word/document.xml")
    doc = parts[info].decode("utf-8")

    title = paragraph_with(doc, "政府信息公开工作年度报告格式模板")
    new_title = re.sub(
        r"(<w:r>(?:(?!</w:r>).)*?)<w:t>政府信息公开工作年度报告格式模板</w:t></w:r>",
        lambda m: "".join(m.group(1) + f"<w:t>{esc(t)}</w:t></w:r>" for t in TITLE),
        title,
        flags=re.S,
    )
    doc = doc.replace(title, new_title, 1)
    # The header paragraph goes into the empty paragraph under the title.
    after_title = doc.index(new_title) + len(new_title)
    m = re.compile(r"<w:p [^>]*>(?:(?!</w:p>).)*</w:p>", re.S).match(doc, after_title)
    empty = m.group(0)
    filled = empty.replace("</w:pPr></w:p>", f"</w:pPr><w:r>{RUN_PR}<w:t>{esc(HEADER)}</w:t></w:r></w:p>")
    assert filled != empty
    doc = doc[:after_title] + filled + doc[m.end():]

    doc = replace_paragraph(doc, "（文字描述）", SECTION_1, split_first=True)
    doc = replace_paragraph(doc, "（文字描述）", SECTION_5)
    doc = replace_paragraph(doc, "（文字描述，收取信息处理费", SECTION_6)
    doc = fill_tables(doc)

    # Signature and date, right-aligned, in the template's last (empty) paragraph.
    right = '<w:pPr><w:jc w:val="right"/></w:pPr>'
    tail = "".join(
        f"<w:p>{right}<w:r>{RUN_PR}<w:t>{esc(t)}</w:t></w:r></w:p>" for t in (SIGNATURE, DATE)
    )
    doc = re.sub(r'<w:p w14:paraId="[^"]*"/>(<w:sectPr>)', lambda m: tail + m.group(1), doc, count=1)
    assert DATE in doc

    parts[info] = doc.encode("utf-8")
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for i, data in parts.items():
            z.writestr(i, data)


if __name__ == "__main__":
    main()
