#!/usr/bin/env python3
"""Makes the office-document fixtures of tests/fixtures/office (committed; rerun to remake).

Each document holds the same known problems at known places, which the tests check:
a typo 布署 (→ 部署), a mobile number 13812345678 and an ID-card number 110101199003074514
(made-up numbers of valid form). Plus the bad inputs: a password-protected .docx (an encrypted
OOXML package is an OLE file), a truncated .docx and a .doc that is not really one.

    python3 -m venv /tmp/fixtures-venv
    /tmp/fixtures-venv/bin/pip install python-docx==1.2.0 openpyxl==3.1.5 odfpy==1.4.1 \
        reportlab==5.1.0 xlwt==1.3.0 msoffcrypto-tool==6.1.0
    /tmp/fixtures-venv/bin/python scripts/make_office_fixtures.py

The PDF embeds a subset of WenQuanYi Micro Hei (Apache-2.0 or GPLv3; Debian's
fonts-wqy-microhei), the only font used; pass another TrueType CJK font as the first argument.
Output is deterministic except for timestamps inside the packages.
"""

from __future__ import annotations

import io
import sys
import zipfile
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "office"
TYPO = "会议对下一阶段工作进行了全面布署。"
PHONE = "联系人：张三，手机13812345678。"
ID = "身份证号110101199003074514"


def docx() -> None:
    import docx

    d = docx.Document()
    d.sections[0].header.paragraphs[0].text = "某某县人民政府办公室"  # header paragraph 1
    d.sections[0].footer.paragraphs[0].text = "经办人手机13812345678"  # footer paragraph 1
    d.add_paragraph("关于开展安全检查的通知")  # paragraph 1
    p = d.add_paragraph("会议对下一阶段工作进行了全面")  # paragraph 2: the typo split over runs
    p.add_run("布")
    p.add_run("署。")
    d.add_paragraph("")  # paragraph 3, empty
    t = d.add_table(rows=2, cols=2)
    t.cell(0, 0).text = "姓名"  # paragraph 4
    t.cell(0, 1).text = "证件号码"  # 5
    t.cell(1, 0).text = "张三"  # 6
    t.cell(1, 1).text = "110101199003074514"  # 7
    d.add_paragraph(PHONE)  # paragraph 8
    d.save(OUT / "notice.docx")


def odt() -> None:
    from odf.opendocument import OpenDocumentText
    from odf.style import Footer, MasterPage, PageLayout
    from odf.text import H, P, Span

    doc = OpenDocumentText()
    layout = PageLayout(name="pm1")
    doc.automaticstyles.addElement(layout)
    master = MasterPage(name="Standard", pagelayoutname=layout)
    footer = Footer()
    footer.addElement(P(text="经办人手机13812345678"))
    master.addElement(footer)
    doc.masterstyles.addElement(master)
    doc.text.addElement(H(outlinelevel=1, text="关于开展安全检查的通知"))  # paragraph 1
    p = P(text="会议对下一阶段工作进行了全面")  # paragraph 2
    p.addElement(Span(text="布署。"))
    doc.text.addElement(p)
    doc.text.addElement(P(text=PHONE))  # paragraph 3
    doc.text.addElement(P(text=ID))  # paragraph 4
    doc.save(str(OUT / "notice.odt"))


def xlsx() -> None:
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "名单"
    ws.append(["姓名", "身份证号", "手机", "备注"])
    ws.append(["张三", "110101199003074514", 13812345678, TYPO])  # B2 text, C2 a number, D2
    ws.append(["李四", "无", "", "无"])
    ws2 = wb.create_sheet("Sheet2")
    ws2["C5"] = PHONE
    wb.save(OUT / "list.xlsx")


def xls() -> None:
    import xlwt

    wb = xlwt.Workbook(encoding="utf-8")
    ws = wb.add_sheet("名单")
    for c, v in enumerate(["姓名", "身份证号", "手机", "备注"]):
        ws.write(0, c, v)
    for c, v in enumerate(["张三", "110101199003074514", 13812345678, TYPO]):
        ws.write(1, c, v)
    wb.save(str(OUT / "list.xls"))


def ods() -> None:
    from odf.opendocument import OpenDocumentSpreadsheet
    from odf.table import Table, TableCell, TableRow
    from odf.text import P

    doc = OpenDocumentSpreadsheet()
    t = Table(name="名单")
    rows = [["姓名", "身份证号", "手机", "备注"], ["张三", "110101199003074514", 13812345678, TYPO]]
    for row in rows:
        tr = TableRow()
        for v in row:
            if isinstance(v, int):
                cell = TableCell(valuetype="float", value=str(v))
            else:
                cell = TableCell(valuetype="string")
            cell.addElement(P(text=str(v)))
            tr.addElement(cell)
        t.addElement(tr)
    doc.spreadsheet.addElement(t)
    doc.save(str(OUT / "list.ods"))


def pdf(font: str) -> None:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(TTFont("CJK", font, subfontIndex=0))
    c = canvas.Canvas(str(OUT / "notice.pdf"), pagesize=A4, invariant=1)
    c.setFont("CJK", 12)
    c.drawString(72, 770, "关于开展安全检查的通知")  # page 1
    c.drawString(72, 750, PHONE)
    c.showPage()
    c.setFont("CJK", 12)
    c.drawString(72, 770, "第二页")  # page 2
    c.drawString(72, 750, TYPO)
    c.showPage()
    c.save()


def bad_inputs() -> None:
    from msoffcrypto.format.ooxml import OOXMLFile

    # Password "zhproof": what Word writes for 文件 → 信息 → 用密码进行加密.
    plain = io.BytesIO((OUT / "notice.docx").read_bytes())
    encrypted = io.BytesIO()
    OOXMLFile(plain).encrypt("zhproof", encrypted)
    (OUT / "encrypted.docx").write_bytes(encrypted.getvalue())
    data = (OUT / "notice.docx").read_bytes()
    (OUT / "truncated.docx").write_bytes(data[: len(data) // 2])
    (OUT / "renamed.doc").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504))


def main() -> None:
    font = sys.argv[1] if len(sys.argv) > 1 else "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"
    OUT.mkdir(parents=True, exist_ok=True)
    docx()
    odt()
    xlsx()
    xls()
    ods()
    pdf(font)
    bad_inputs()
    for p in sorted(OUT.iterdir()):
        if p.suffix != ".md":
            print(f"{p.name}: {p.stat().st_size} bytes")


if __name__ == "__main__":
    main()
