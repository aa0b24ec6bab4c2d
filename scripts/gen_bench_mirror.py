#!/usr/bin/env python3
"""Generates a mirrored government site of N pages for benchmarking `zhproof site`.

    scripts/gen_bench_mirror.py OUT_DIR [PAGES=10000]

Writes OUT_DIR/www.bench.gov.cn/ as `wget --mirror` would: a home page, 20 columns with list pages
(20 items each, paginated) and article pages of about 25 KB each (a real CMS template is heavy:
navigation, sub-menus, breadcrumbs, scripts, styles, footer). Article text is taken from
../shared/corpus/clean_gov (or $ZHPROOF_SHARED) when present, else from a built-in paragraph set;
a few pages carry problems (a typo, a hidden link, an identity number) so the report is not
empty. Deterministic for a given N.
"""
import os, pathlib, random, sys

out = pathlib.Path(sys.argv[1]) / "www.bench.gov.cn"
n_pages = int(sys.argv[2]) if len(sys.argv) > 2 else 10000
rng = random.Random(17)

def corpus_lines():
    roots = [os.environ.get("ZHPROOF_SHARED"), str(pathlib.Path(__file__).resolve().parents[1] / "../shared")]
    for r in roots:
        if r and pathlib.Path(r, "corpus/clean_gov").is_dir():
            lines = []
            for p in sorted(pathlib.Path(r, "corpus/clean_gov").rglob("*.txt")):
                lines += [l.strip() for l in p.read_text(encoding="utf-8").splitlines() if len(l.strip()) > 20]
            if lines:
                return lines
    return ["会议强调，要坚持以人民为中心的发展思想，扎实推进乡村振兴，切实保障和改善民生。",
            "各乡镇、各部门要压实工作责任，细化工作措施，确保各项任务按时保质完成。",
            "下一步，我县将持续优化营商环境，推动政务服务事项“一网通办”，不断提升群众满意度。"]

LINES = corpus_lines()
COLUMNS = ["政务动态", "乡镇动态", "部门动态", "通知公告", "公示公告", "政策文件", "规范性文件", "政策解读", "人事信息", "规划计划",
           "财政预决算", "重点项目", "民生实事", "应急管理", "教育信息", "医疗卫生", "社会保障", "生态环境", "市场监管", "统计数据"]
NAV = "".join(f'<li><a href="/col{i:02d}/index.html">{c}</a><ul class="sub" style="display:none">' +
              "".join(f'<li><a href="/col{i:02d}/index.html#s{j}">{c}子栏目{j}</a></li>' for j in range(6)) + "</ul></li>"
              for i, c in enumerate(COLUMNS))
STYLE = "<style>" + "".join(f".c{i}{{margin:{i}px;padding:{i % 7}px;color:#{i * 12345 % 0xffffff:06x}}}" for i in range(120)) + "</style>"
SCRIPT = "<script>" + "var cfg={" + ",".join(f"k{i}:'v{i}'" for i in range(200)) + "};function f(a,b){return a<b&&b>0}</script>"

def page(title, col, body, date=None):
    meta = f'<meta name="PubDate" content="{date} 09:00">' if date else ""
    return f"""<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="SiteName" content="基准县人民政府">
<meta name="ColumnName" content="{col}">{meta}<title>{title}_基准县人民政府</title>{STYLE}{SCRIPT}</head><body>
<div class="top"><a href="/index.html"><img src="/images/logo.png" alt="基准县人民政府"></a><form action="/search"><input name="q" title="请输入关键词"></form></div>
<ul class="nav">{NAV}</ul>
<div class="crumb">当前位置：<a href="/index.html">首页</a>&nbsp;&gt;&nbsp;{col}</div>
{body}
<div class="footer"><p>主办单位：基准县人民政府办公室　网站标识码：0000000000</p><p><a href="https://beian.miit.gov.cn/">ICP备00000000号</a></p></div>
</body></html>
"""

def date_for(k):
    d = 1 + k % 28
    m = 1 + (k // 28) % 12
    return f"2024-{m:02d}-{d:02d}" if m < 3 else f"2023-{m:02d}-{d:02d}"

def write(rel, text):
    p = out / rel
    p.parent.mkdir(parents=True, exist_ok=True)
    p.write_text(text, encoding="utf-8")

total = 0
articles_per_col = max(1, (n_pages - 1 - 20 * 5) // 20)
for ci, col in enumerate(COLUMNS):
    items = []
    for k in range(articles_per_col):
        date = date_for(k + ci)
        title = LINES[(ci * 7919 + k * 31) % len(LINES)][:28]
        paras = [LINES[(ci * 104729 + k * 13 + j) % len(LINES)] for j in range(14)]
        if (ci * articles_per_col + k) % 997 == 0:
            paras[3] = paras[3][:10] + "全面布署" + paras[3][10:]
        if (ci * articles_per_col + k) % 1999 == 0:
            paras[5] += '<span style="position:absolute;left:-9999px"><a href="http://www.amjs8888.cc/">澳门金沙</a></span>'
        body = f'<div class="article"><h1>{title}</h1><div class="info">发布时间：{date}　来源：基准县</div><div class="content">' + \
               "".join(f'<p style="text-indent:2em">{p}</p>' for p in paras) + "</div></div>"
        rel = f"col{ci:02d}/{date[:7].replace('-', '')}/t{date.replace('-', '')}_{k}.html"
        write(rel, page(title, col, body, date))
        items.append((date, title, "/" + rel))
        total += 1
    items.sort(reverse=True)
    for pg in range(0, len(items), 20):
        chunk = items[pg:pg + 20]
        lst = "<ul class=\"list\">" + "".join(f'<li><a href="{h}">{t}</a><span>{d}</span></li>' for d, t, h in chunk) + "</ul>"
        name = "index.html" if pg == 0 else f"index_{pg // 20}.html"
        if pg // 20 < 5:
            write(f"col{ci:02d}/{name}", page(col, col, f"<h2>{col}</h2>{lst}"))
            total += 1
home = "".join(f'<div class="box"><h2>{c}</h2><ul><li><a href="/col{i:02d}/index.html">{c}</a><span>{date_for(i)}</span></li></ul></div>' for i, c in enumerate(COLUMNS))
write("index.html", page("首页", "首页", home).replace("<title>首页_", "<title>"))
total += 1
size = sum(p.stat().st_size for p in out.rglob("*.html"))
print(f"{total} pages, {size / 1e6:.1f} MB in {out}")
