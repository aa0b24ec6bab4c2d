#!/usr/bin/env python3
"""Writes the site fixtures under tests/site/ (run from the project root; output is committed).

- tests/site/mirror/www.ay.gov.cn/   a county site as `wget --mirror` saves it: home page, column
  list pages (动态 overdue, 通知公告 current, 政策文件 overdue, two empty columns), articles
  (a typo, a 公示 leaking an identity number), a dead link.
- tests/site/mirror/www.xf.gov.cn/   a small clean site.
- tests/site/cy.warc                 崇义县 as a WARC file: a page dated ahead of its capture and a
  hidden gambling link.
- tests/site/wechat/赣州发布/          a WeChat account saved as article pages (last one > 2 weeks old).
- tests/site/feed/ningdu.json         a new-media feed export.
Deterministic (no clock, no hash seed). `--check` compares with the committed files instead of
writing them (scripts/test.sh runs it).

All text is written for these fixtures; names of people are placeholders (某某).
"""
import json, os, pathlib, sys, zlib

REPO = pathlib.Path(__file__).resolve().parent.parent
ROOT = REPO / "tests/site"
# Every file the generators make, path -> bytes: written at the end, or compared with --check.
OUT = {}

def idc(body):
    w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    return body + "10X98765432"[sum(int(a) * b for a, b in zip(body, w)) % 11]

def page(site, col, title, body, extra="", nav=True):
    navs = """<ul class="nav"><li><a href="/index.html">首页</a></li><li><a href="/xxgk/zwdt/index.html">政务动态</a></li>
<li><a href="/xxgk/tzgg/index.html">通知公告</a></li><li><a href="/xxgk/zcwj/index.html">政策文件</a></li>
<li><a href="/xxgk/rsxx/index.html">人事信息</a></li><li><a href="/xxgk/ghjh/index.html">规划计划</a></li></ul>""" if nav else ""
    return f"""<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8">
<meta name="SiteName" content="{site['name']}"><meta name="ColumnName" content="{col}">
{extra}<title>{title}_{site['name']}</title></head>
<body>
<div class="header"><img src="/images/logo.png" alt="{site['name']}"></div>
{navs}
{body}
<div class="footer"><p>主办单位：{site['sponsor']}　网站标识码：{site['code']}</p></div>
</body></html>
"""

def listing(items):
    return "<ul class=\"list\">\n" + "\n".join(
        f'<li><a href="{h}">{t}</a><span>{d}</span></li>' for d, t, h in items) + "\n</ul>"

def write(path, text, enc="utf-8"):
    OUT[path] = text.encode(enc)

def ay():
    s = {"name": "安远县人民政府", "sponsor": "安远县人民政府办公室", "code": "3607260001"}
    d = ROOT / "mirror/www.ay.gov.cn"
    news = [("2024-02-20", "我县召开春耕生产工作会议", "/xxgk/zwdt/202402/t20240220_1.html"),
            ("2024-02-08", "县领导走访慰问困难群众", "/xxgk/zwdt/202402/t20240208_2.html"),
            ("2024-01-30", "我县开展安全生产大检查", "/xxgk/zwdt/202401/t20240130_3.html")]
    notices = [("2024-03-08", "关于2024年春季森林防火工作的通知", "/xxgk/tzgg/202403/t20240308_1.html"),
               ("2024-02-26", "2024年城乡居民最低生活保障对象公示", "/xxgk/tzgg/202402/t20240226_2.html"),
               ("2024-01-12", "关于春节期间烟花爆竹燃放管理的通告", "/xxgk/tzgg/202401/t20240112_3.html")]
    policy = [("2023-06-15", "安远县促进民营经济发展若干措施", "/xxgk/zcwj/202306/t20230615_1.html"),
              ("2023-04-02", "安远县城区停车管理办法", "/xxgk/zcwj/202304/t20230402_2.html"),
              ("2023-01-10", "安远县农村人居环境整治实施方案", "/xxgk/zcwj/202301/t20230110_3.html")]
    home = page(s, "首页", "首页", "<div class=\"box\"><h2>政务动态</h2>" + listing(news) +
                "</div><div class=\"box\"><h2>通知公告</h2>" + listing(notices) + "</div>")
    write(d / "index.html", home.replace("<title>首页_", "<title>"))
    write(d / "xxgk/zwdt/index.html", page(s, "政务动态", "政务动态", "<h2>政务动态</h2>" + listing(news)))
    write(d / "xxgk/tzgg/index.html", page(s, "通知公告", "通知公告", "<h2>通知公告</h2>" + listing(notices)))
    write(d / "xxgk/zcwj/index.html", page(s, "政策文件", "政策文件", "<h2>政策文件</h2>" + listing(policy)))
    for c, n in [("rsxx", "人事信息"), ("ghjh", "规划计划")]:
        write(d / f"xxgk/{c}/index.html", page(s, n, n, f"<h2>{n}</h2><div class=\"empty\">暂无信息</div>"))
    art = lambda t, date, body: page(s, "政务动态", t, f"<h1>{t}</h1><div class=\"info\">发布时间：{date} 09:30</div><div class=\"content\">{body}</div>",
                                     extra=f'<meta name="PubDate" content="{date} 09:30">\n')
    write(d / "xxgk/zwdt/202402/t20240220_1.html", art(news[0][1], news[0][0],
          "<p>2月20日，我县召开春耕生产工作会议，全面<b>布</b>署今年春耕备耕工作。</p>"
          "<p>会议要求，各乡镇要压实粮食安全责任，详见<a href=\"../../tzgg/202401/t20240105_9.html\">往期通知</a>。</p>"))
    write(d / "xxgk/zwdt/202402/t20240208_2.html", art(news[1][1], news[1][0],
          "<p>春节前夕，县领导深入乡镇走访慰问困难群众，送去米、油等慰问品。</p>"))
    write(d / "xxgk/zwdt/202401/t20240130_3.html", art(news[2][1], news[2][0],
          "<p>1月30日，我县组织开展安全生产大检查，重点检查企业消防通道和应急预案。</p>"))
    write(d / "xxgk/tzgg/202402/t20240226_2.html", page(s, "通知公告", notices[1][1],
          f"<h1>{notices[1][1]}</h1><div class=\"info\">发布日期：2024年2月26日</div><table>"
          "<tr><th>姓名</th><th>乡镇</th><th>身份证号码</th></tr>"
          f"<tr><td>刘某某</td><td>欣山镇</td><td>{idc('36073319850612031')}</td></tr></table>",
          extra='<meta name="PubDate" content="2024-02-26 09:00">\n'))
    for col, items in [("通知公告", notices), ("政策文件", policy)]:
        for date, t, h in items:
            f = d / h.lstrip("/")
            if not f.exists():
                write(f, page(s, col, t, f"<h1>{t}</h1><div class=\"info\">发布时间：{date}</div><p>{t}，请各有关单位认真贯彻执行。</p>",
                              extra=f'<meta name="PubDate" content="{date}">\n'))
    write(d / "css/main.css", "body{font-size:14px}\n")

def xf():
    s = {"name": "信丰县人民政府", "sponsor": "信丰县人民政府办公室", "code": "3607220001"}
    d = ROOT / "mirror/www.xf.gov.cn"
    news = [("2024-03-11", "信丰县推进政务服务“一网通办”", "/xxgk/zwdt/t20240311_1.html"),
            ("2024-03-06", "信丰县召开乡村振兴工作推进会", "/xxgk/zwdt/t20240306_2.html"),
            ("2024-02-28", "信丰县开展植树造林活动", "/xxgk/zwdt/t20240228_3.html")]
    write(d / "index.html", page(s, "首页", "首页", "<h2>政务动态</h2>" + listing(news), nav=False).replace("<title>首页_", "<title>"))
    write(d / "xxgk/zwdt/index.html", page(s, "政务动态", "政务动态", listing(news), nav=False))
    for date, t, h in news:
        write(d / h.lstrip("/"), page(s, "政务动态", t, f"<h1>{t}</h1><div class=\"info\">发布时间：{date}</div><p>{t}，各有关单位负责同志参加会议。</p>",
                                      extra=f'<meta name="PubDate" content="{date}">\n', nav=False))

def warc_record(uri, date, html):
    body = html.encode("utf-8")
    http = (b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: "
            + str(len(body)).encode() + b"\r\n\r\n" + body)
    head = (f"WARC/1.0\r\nWARC-Type: response\r\nWARC-Date: {date}\r\nWARC-Target-URI: {uri}\r\n"
            f"WARC-Record-ID: <urn:uuid:00000000-0000-4000-8000-{zlib.crc32(uri.encode()):012d}>\r\n"
            f"Content-Type: application/http; msgtype=response\r\nContent-Length: {len(http)}\r\n\r\n").encode()
    return head + http + b"\r\n\r\n"

def cy():
    s = {"name": "崇义县人民政府", "sponsor": "崇义县人民政府办公室", "code": "3607250001"}
    news = [("2024-03-11", "崇义县召开防汛工作会议", "http://www.cy.gov.cn/xxgk/zwdt/t20240311_1.html"),
            ("2024-03-15", "崇义县开展植树节义务植树活动", "http://www.cy.gov.cn/xxgk/zwdt/t20240315_2.html"),
            ("2024-03-01", "崇义县部署春季森林防火工作", "http://www.cy.gov.cn/xxgk/zwdt/t20240301_3.html")]
    home = page(s, "首页", "首页", "<h2>政务动态</h2>" + listing(news) +
                '<div style="display:none"><a href="http://www.amjs8888.cc/">澳门金沙</a></div>', nav=False).replace("<title>首页_", "<title>")
    recs = [warc_record("http://www.cy.gov.cn/", "2024-03-12T02:00:00Z", home),
            warc_record("http://www.cy.gov.cn/xxgk/zwdt/index.html", "2024-03-12T02:00:05Z", page(s, "政务动态", "政务动态", listing(news), nav=False))]
    for date, t, h in news:
        recs.append(warc_record(h, "2024-03-12T02:00:10Z", page(s, "政务动态", t,
                    f"<h1>{t}</h1><div class=\"info\">发布时间：{date}</div><p>{t}，县有关部门负责同志参加。</p>",
                    extra=f'<meta name="PubDate" content="{date}">\n', nav=False)))
    info = b"WARC/1.0\r\nWARC-Type: warcinfo\r\nWARC-Date: 2024-03-12T02:00:00Z\r\nWARC-Record-ID: <urn:uuid:00000000-0000-4000-8000-000000000000>\r\nContent-Type: application/warc-fields\r\nContent-Length: 25\r\n\r\nsoftware: zhproof-fixture\r\n\r\n"
    info = info.replace(b"Content-Length: 25", b"Content-Length: " + str(len(b"software: zhproof-fixture")).encode())
    info = info.replace(b"zhproof-fixture\r\n\r\n", b"zhproof-fixture\r\n\r\n")
    OUT[ROOT / "cy.warc"] = info + b"".join(recs)

def wechat():
    d = ROOT / "wechat/赣州发布"
    arts = [("1707120000", "2024-02-05", "赣州市召开优化营商环境大会", "会议要求，全面布署2024年优化营商环境重点任务。"),
            ("1706688000", "2024-01-31", "赣州市开展春节前安全生产检查", "检查组深入企业一线，排查安全隐患。")]
    for i, (ct, date, t, p) in enumerate(arts, 1):
        write(d / f"article{i}.html", f"""<!DOCTYPE html><html><head><meta charset="utf-8">
<meta property="og:title" content="{t}"><meta property="og:site_name" content="微信公众平台"><title>{t}</title></head>
<body><div class="rich_media"><h1 class="rich_media_title" id="activity-name">{t}</h1>
<div id="meta_content"><a id="js_name">赣州发布</a><em id="publish_time">{date}</em></div>
<div class="rich_media_content" id="js_content"><p>{p}</p></div></div>
<script>var nickname = "赣州发布"; var ct = "{ct}"; var msg_link = "http://mp.weixin.qq.com/s?__biz=x";</script>
</body></html>
""")

def feed():
    items = [{"title": "宁都公安提醒：谨防电信网络诈骗", "published": "2024-03-10 18:00",
              "content": "近期电信网络诈骗案件多发，请广大群众提高警惕。\n不要轻信陌生来电，不要向陌生账户转账。"},
             {"title": "宁都县公安局开展“护航春耕”行动", "published": "2024-03-05",
              "content": "<p>为保障春耕生产顺利进行，县公安局开展专项行动，严厉打击坑农害农违法犯罪。</p>"}]
    write(ROOT / "feed/ningdu.json", json.dumps({"account": "宁都公安(微信公众号)", "sponsor": "宁都县公安局", "items": items}, ensure_ascii=False, indent=1) + "\n")

if __name__ == "__main__":
    ay(); xf(); cy(); wechat(); feed()
    if "--check" in sys.argv[1:]:
        stale = [p for p, b in sorted(OUT.items()) if not p.is_file() or p.read_bytes() != b]
        for p in stale:
            print(f"{p.relative_to(REPO)} is out of date: run scripts/gen_site_fixtures.py", file=sys.stderr)
        sys.exit(1 if stale else 0)
    for p, b in OUT.items():
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_bytes(b)
    print("wrote", ROOT.relative_to(REPO))
