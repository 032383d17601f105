#!/usr/bin/env python3
"""Write a county portal's saved article page holding a 2023 annual report, in GB2312/GBK.

The page has what such portals put around a report: site header and navigation, a
search form, breadcrumbs, the 政府信息公开 metadata table (索引号…), the title in its own
heading, an info line (来源/发布时间/浏览次数) with 字号 大 中 小, an attachment link,
print/close/share links, previous/next links and the footer (主办单位, 版权所有, 网站标识码,
ICP备). The report itself is Word-pasted HTML: paragraphs with inline styles, table 二 as one
table per 第二十条 item, tables 三 and 四 with rowspan/colspan, &nbsp; and <span>s in cells.

Usage: scripts/make-portal-page.py OUT.html

The numbers are chosen by hand (tables 三 and 四 satisfy rules H1-H4 of the spec);
tests/it/import_html.rs writes the same values again, by hand, as its expectations.
"""

import sys

AGENCY = "青山县交通运输局"
TITLE = f"{AGENCY}2023年政府信息公开工作年度报告"

TABLE_2 = [
    ("第二十条第（一）项", ["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"],
     [("规章", ["0", "0", "0"]), ("行政规范性文件", ["3", "1", "12"])]),
    ("第二十条第（五）项", ["信息内容", "本年处理决定数量"], [("行政许可", ["1268"])]),
    ("第二十条第（六）项", ["信息内容", "本年处理决定数量"],
     [("行政处罚", ["245"]), ("行政强制", ["6"])]),
    ("第二十条第（八）项", ["信息内容", "本年收费金额（单位：万元）"],
     [("行政事业性收费", ["36.5"])]),
]

# Rows of table 三: (label cells with (text, colspan, rowspan)), values of the 7 columns.
Z = [0] * 7
TABLE_3 = [
    ([("一、本年新收政府信息公开申请数量", 3, 1)], [25, 4, 0, 1, 3, 0, 33]),
    ([("二、上年结转政府信息公开申请数量", 3, 1)], [1, 0, 0, 0, 0, 0, 1]),
    ([("三、本年度办理结果", 1, 22), ("（一）予以公开", 2, 1)], [10, 1, 0, 1, 1, 0, 13]),
    ([("（二）部分公开（区分处理的，只计这一情形，不计其他情形）", 2, 1)], [3, 0, 0, 0, 1, 0, 4]),
    ([("（三）不予公开", 1, 8), ("1.属于国家秘密", 1, 1)], Z),
    ([("2.其他法律行政法规禁止公开", 1, 1)], Z),
    ([("3.危及“三安全一稳定”", 1, 1)], Z),
    ([("4.保护第三方合法权益", 1, 1)], [1, 0, 0, 0, 0, 0, 1]),
    ([("5.属于三类内部事务信息", 1, 1)], [1, 0, 0, 0, 0, 0, 1]),
    ([("6.属于四类过程性信息", 1, 1)], Z),
    ([("7.属于行政执法案卷", 1, 1)], Z),
    ([("8.属于行政查询事项", 1, 1)], [1, 0, 0, 0, 0, 0, 1]),
    ([("（四）无法提供", 1, 3), ("1.本机关不掌握相关政府信息", 1, 1)], [4, 1, 0, 0, 1, 0, 6]),
    ([("2.没有现成信息需要另行制作", 1, 1)], [1, 0, 0, 0, 0, 0, 1]),
    ([("3.补正后申请内容仍不明确", 1, 1)], [0, 1, 0, 0, 0, 0, 1]),
    ([("（五）不予处理", 1, 5), ("1.信访举报投诉类申请", 1, 1)], [1, 0, 0, 0, 0, 0, 1]),
    ([("2.重复申请", 1, 1)], [1, 0, 0, 0, 0, 0, 1]),
    ([("3.要求提供公开出版物", 1, 1)], Z),
    ([("4.无正当理由大量反复申请", 1, 1)], Z),
    ([("5.要求行政机关确认或重新出具已获取信息", 1, 1)], Z),
    ([("（六）其他处理", 1, 3),
      ("1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请", 1, 1)],
     [1, 0, 0, 0, 0, 0, 1]),
    ([("2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", 1, 1)], Z),
    ([("3.其他", 1, 1)], Z),
    ([("（七）总计", 2, 1)], [24, 3, 0, 1, 3, 0, 31]),
    ([("四、结转下年度继续办理", 3, 1)], [2, 1, 0, 0, 0, 0, 3]),
]

TABLE_4 = [1, 0, 0, 0, 1, 0, 1, 0, 1, 2, 0, 0, 0, 0, 0]


def td(text, colspan=1, rowspan=1, center=True):
    attrs = ""
    if colspan > 1:
        attrs += f' colspan="{colspan}"'
    if rowspan > 1:
        attrs += f' rowspan="{rowspan}"'
    align = ' align="center"' if center else ""
    # Word-pasted cells: a styled paragraph around a span; empty ones hold &nbsp;.
    inner = f'<span style="font-family:仿宋_GB2312;font-size:10.5pt">{text}</span>' if text else "&nbsp;"
    return f'<td{attrs} valign="middle" style="border:1px solid #000"><p{align} style="margin:0">{inner}</p></td>'


def table(rows):
    body = "\n".join(f"<tr>{''.join(r)}</tr>" for r in rows)
    return f'<table border="1" cellspacing="0" cellpadding="0" width="100%" style="border-collapse:collapse">\n<tbody>\n{body}\n</tbody>\n</table>'


def p(text, bold=False, indent=True, align=None):
    style = "text-indent:2em;line-height:28pt;margin:0" if indent else "margin:0"
    a = f' align="{align}"' if align else ""
    t = f"<strong>{text}</strong>" if bold else f'<span style="font-family:仿宋_GB2312;font-size:16pt">{text}</span>'
    return f"<p{a} style=\"{style}\">{t}</p>"


def report():
    out = [
        p("根据《中华人民共和国政府信息公开条例》（以下简称《条例》）规定，现公布2023年度"
          "政府信息公开工作年度报告。本报告所列数据的统计期限自2023年1月1日起至2023年12月31日止。"
          "本报告电子版可在青山县人民政府门户网站“政府信息公开”专栏查阅或下载。如对本报告有疑问，"
          "请与青山县交通运输局办公室联系（地址：青山县人民路56号；邮编：411300；电话：0731-58812345）。"),
        p("一、总体情况", bold=True),
        p("2023年，我局认真贯彻落实《条例》和上级关于政务公开工作的部署，围绕交通运输中心工作，"
          "不断加大政府信息公开力度。"),
        p("（一）主动公开。全年主动公开政府信息326条，<span>其中行政许可信息</span>"
          "1268条（含不公开的处理决定）。"),
        p("（二）依申请公开。全年新收政府信息公开申请33件，均按时答复。"),
        p("二、主动公开政府信息情况", bold=True),
    ]
    for title, head, rows in TABLE_2:
        trs = [[td(title, 4)], [td(head[0])] + [td(h, 3 if len(head) == 2 else 1) for h in head[1:]]]
        for label, values in rows:
            trs.append([td(label)] + [td(v, 3 if len(values) == 1 else 1) for v in values])
        out.append(table(trs))
        out.append("<p>&nbsp;</p>")
    out.append(p("三、收到和处理政府信息公开申请情况", bold=True))
    head = [
        [td("（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", 3, 3), td("申请人情况", 7)],
        [td("自然人", 1, 2), td("法人或其他组织", 5), td("总计", 1, 2)],
        [td(x) for x in ["商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"]],
    ]
    body = [[td(t, c, r, center=False) for t, c, r in labels] + [td(str(v)) for v in values]
            for labels, values in TABLE_3]
    out.append(table(head + body))
    out.append(p("四、政府信息公开行政复议、行政诉讼情况", bold=True))
    groups = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]
    head = [
        [td("行政复议", 5), td("行政诉讼", 10)],
        [td(g, 1, 2) for g in groups] + [td("未经复议直接起诉", 5), td("复议后起诉", 5)],
        [td(g) for g in groups * 2],
    ]
    out.append(table(head + [[td(str(v)) for v in TABLE_4]]))
    out += [
        p("五、存在的主要问题及改进情况", bold=True),
        p("一是政策解读的针对性还不够强；二是依申请公开答复的规范化水平有待提高。"
          "下一步，我局将加强业务培训，规范答复文书。"),
        p("六、其他需要报告的事项", bold=True),
        p("本年度未收取信息处理费。"),
        p(AGENCY, indent=False, align="right"),
        p("2024年1月20日", indent=False, align="right"),
    ]
    return "\n".join(out)


PAGE = f"""<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html xmlns="http://www.w3.org/1999/xhtml">
<head>
<meta http-equiv="Content-Type" content="text/html; charset=gb2312" />
<title>{TITLE}_青山县人民政府</title>
<meta name="ArticleTitle" content="{TITLE}" />
<link rel="stylesheet" href="/images/style.css" type="text/css" />
<script type="text/javascript" src="/js/jquery.min.js"></script>
<script type="text/javascript">
function doZoom(size) {{ document.getElementById('zoom').style.fontSize = size + 'px'; }}
var title = "一、总体情况";
</script>
<style type="text/css">.title {{ font-size: 22px; text-align: center; }}</style>
</head>
<body>
<div class="top">
  <div class="logo"><img src="/images/logo.png" alt="青山县人民政府" /></div>
  <div class="search"><form action="/search" method="get"><input type="text" name="q" value="请输入关键字" /><input type="submit" value="搜索" /></form></div>
  <ul class="nav">
    <li><a href="/">首页</a></li><li><a href="/zwgk/">政务公开</a></li><li><a href="/bsfw/">办事服务</a></li><li><a href="/hdjl/">互动交流</a></li><li><a href="/zjqs/">走进青山</a></li>
  </ul>
</div>
<div class="location">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk/">政府信息公开</a> &gt; <a href="/zwgk/nb/">政府信息公开年报</a></div>
<div class="main">
  <div class="left">
    <h3>信息公开目录</h3>
    <ul>
      <li><a href="/zwgk/zn/">政府信息公开指南</a></li>
      <li><a href="/zwgk/zd/">政府信息公开制度</a></li>
      <li><a href="/zwgk/fdzdgk/">法定主动公开内容</a></li>
      <li><a href="/zwgk/nb/">政府信息公开年报</a></li>
    </ul>
    <select onchange="location=this.value"><option>政府部门网站</option><option value="/jtj/">青山县交通运输局</option></select>
  </div>
  <div class="right">
    <table class="xxgk" width="100%">
      <tr><td>索引号：</td><td>431121-2024-00012</td><td>发布机构：</td><td>{AGENCY}</td></tr>
      <tr><td>发文日期：</td><td>2024-01-20</td><td>主题分类：</td><td>政务公开</td></tr>
    </table>
    <h1 class="title">{TITLE}</h1>
    <div class="info">来源：{AGENCY}&nbsp;&nbsp;发布时间：2024-01-20 09:30&nbsp;&nbsp;浏览次数：<span id="hits">1286</span>&nbsp;&nbsp;【字号：<a href="javascript:doZoom(18)">大</a> <a href="javascript:doZoom(16)">中</a> <a href="javascript:doZoom(14)">小</a>】</div>
    <div class="article" id="zoom">
{report()}
    </div>
    <div class="fj">附件下载：<br /><a href="/uploadfiles/202401/nb2023.pdf">{TITLE}.pdf</a></div>
    <div class="tools">【<a href="javascript:window.print()">打印本页</a>】【<a href="javascript:window.close()">关闭窗口</a>】&nbsp;分享到：<a href="#">微信</a> <a href="#">微博</a></div>
    <div class="prevnext">上一篇：<a href="/zwgk/nb/2023/">{AGENCY}2022年政府信息公开工作年度报告</a><br />下一篇：<a href="/zwgk/nb/2024/">青山县自然资源局2023年政府信息公开工作年度报告</a></div>
  </div>
</div>
<div class="footer">
  <p>主办单位：青山县人民政府办公室&nbsp;&nbsp;承办单位：青山县数据资源中心</p>
  <p>版权所有：青山县人民政府&nbsp;&nbsp;网站标识码：4311210001&nbsp;&nbsp;<a href="https://beian.miit.gov.cn">湘ICP备12345678号</a>&nbsp;&nbsp;湘公网安备 43112102000123号</p>
</div>
</body>
</html>
"""

if __name__ == "__main__":
    with open(sys.argv[1], "wb") as f:
        f.write(PAGE.encode("gb2312"))
