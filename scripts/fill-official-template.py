#!/usr/bin/env python3
"""Fills the official blank 2021 template (.docx) with a made-up agency's report.

The values are chosen by hand (balanced: 一 + 二 = （七） + 四 in every column of table 三)
and written out again in tests/it/import_pdf.rs. Usage: fill-official-template.py BLANK.docx OUT.docx
"""
import io, re, sys, zipfile
import xml.etree.ElementTree as ET

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
Q = "{%s}" % W

TITLE = "苍梧市云岭区交通运输局2022年政府信息公开工作年度报告"
S1 = [
    "2022年，苍梧市云岭区交通运输局认真贯彻落实《中华人民共和国政府信息公开条例》，坚持以公开为常态、不公开为例外，围绕交通运输重点工作，持续加大主动公开力度，规范依申请公开办理流程，政府信息公开工作取得新进展。",
    "本报告中所列数据的统计期限自2022年1月1日起至2022年12月31日止。如对本报告有疑问，请联系苍梧市云岭区交通运输局办公室，电话：0771-5551234。",
]
S5 = ["存在的主要问题：政策解读形式较为单一，信息发布时效有待提高。改进措施：丰富解读形式，加强业务培训，严格落实发布审核制度。"]
S6 = ["本年度未收取信息处理费。"]
SIGN = ["苍梧市云岭区交通运输局", "2023年1月20日"]

T2 = {2: ["1", "0", "5"], 3: ["12", "3", "46"], 6: ["1520"], 9: ["347"], 10: ["28"], 13: ["56.38"]}
T3 = {
    3: "68 13 1 1 3 1 87", 4: "6 2 0 0 0 0 8",
    5: "31 5 1 0 2 1 40", 6: "4 2 0 0 0 0 6",
    7: "1 0 0 0 0 0 1", 8: "0 1 0 0 0 0 1", 9: "2 0 0 0 0 0 2", 10: "3 1 0 0 0 0 4",
    11: "0 0 0 0 0 0 0", 12: "1 0 0 0 0 0 1", 13: "0 0 0 0 1 0 1", 14: "2 0 0 0 0 0 2",
    15: "12 3 0 1 0 0 16", 16: "2 0 0 0 0 0 2", 17: "1 0 0 0 0 0 1",
    18: "5 0 0 0 0 0 5", 19: "3 1 0 0 0 0 4", 20: "0 0 0 0 0 0 0", 21: "1 0 0 0 0 0 1",
    22: "0 0 0 0 0 0 0",
    23: "2 0 0 0 0 0 2", 24: "1 0 0 0 0 0 1", 25: "0 1 0 0 0 0 1",
    26: "71 14 1 1 3 1 91", 27: "3 1 0 0 0 0 4",
}
T4 = "2 1 0 1 4 1 0 0 1 2 1 1 0 0 2"


def set_text(p, text):
    """Puts `text` in paragraph `p`: into its first run, other runs emptied."""
    runs = p.findall(Q + "r")
    ts = [t for r in runs for t in r.findall(Q + "t")]
    if ts:
        ts[0].text = text
        for t in ts[1:]:
            t.text = ""
    else:
        r = ET.SubElement(p, Q + "r")
        ET.SubElement(r, Q + "t").text = text


def fill_row(tr, values):
    cells = tr.findall(Q + "tc")
    for tc, v in zip(cells[len(cells) - len(values):], values):
        set_text(tc.find(Q + "p"), v)


def main(src, dst):
    zin = zipfile.ZipFile(src)
    xml = zin.read("word/document.xml").decode("utf-8")
    for prefix, uri in re.findall(r'xmlns:(\w+)="([^"]+)"', xml):
        ET.register_namespace(prefix, uri)
    root = ET.fromstring(xml)
    body = root.find(Q + "body")
    paras = [e for e in body if e.tag == Q + "p"]
    text = lambda e: "".join(t.text or "" for t in e.iter(Q + "t"))
    set_text(next(p for p in paras if text(p) == "政府信息公开工作年度报告格式模板"), TITLE)
    placeholders = [p for p in paras if text(p).startswith("（文字描述")]
    for p, texts in zip(placeholders, [S1, S5, S6 + SIGN]):
        set_text(p, texts[0])
        at = list(body).index(p)
        for i, t in enumerate(texts[1:], 1):
            q = ET.fromstring(ET.tostring(p))
            set_text(q, t)
            body.insert(at + i, q)
    t2, t3, t4 = body.findall(Q + "tbl")
    rows2 = t2.findall(Q + "tr")
    for r, vals in T2.items():
        fill_row(rows2[r], vals)
    rows3 = t3.findall(Q + "tr")
    for r, vals in T3.items():
        fill_row(rows3[r], vals.split())
    fill_row(t4.findall(Q + "tr")[3], T4.split())
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == "word/document.xml":
                data = ET.tostring(root, encoding="utf-8", xml_declaration=True)
            zout.writestr(item, data)
    open(dst, "wb").write(out.getvalue())


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
