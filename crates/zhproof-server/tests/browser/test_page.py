"""The proofreading page in real headless Chromium (WebDriver via selenium and chromedriver).

Run by scripts/test-browser.sh against a `zhproof serve` it starts: ZHPROOF_URL is the page,
CHROMEDRIVER the driver, ZHPROOF_SCREENSHOT (optional) where to save a screenshot.
"""

import os
import tempfile
import unittest

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait

URL = os.environ["ZHPROOF_URL"]
ARTICLE = (
    "关于做好2024年政务公开工作的通知\n"
    "会议对下一阶段工作进行了全面布署，要求各单位认真落实。\n"
    "联系人：张三，电话13812345678。\n"
)


def chrome(width=1280, height=860):
    o = webdriver.ChromeOptions()
    for flag in [
        "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--disable-dev-shm-usage", "--lang=zh-CN", f"--window-size={width},{height}",
        "--user-data-dir=" + tempfile.mkdtemp(prefix="zhproof-chromium-"),
    ]:
        o.add_argument(flag)
    if os.environ.get("CHROMIUM"):
        o.binary_location = os.environ["CHROMIUM"]
    return webdriver.Chrome(service=Service(os.environ.get("CHROMEDRIVER", "chromedriver")), options=o)


class Page(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.d = chrome()
        cls.wait = WebDriverWait(cls.d, 20)

    @classmethod
    def tearDownClass(cls):
        cls.d.quit()

    def open(self):
        self.d.get(URL)
        self.wait.until(lambda d: d.find_element(By.ID, "as-of").get_attribute("value"))
        return self.d.find_element(By.ID, "text")

    def marks(self):
        return self.d.find_elements(By.CSS_SELECTOR, "#backdrop mark")

    def value(self):
        return self.d.find_element(By.ID, "text").get_property("value")

    def test_type_see_highlights_apply_a_suggestion(self):
        t = self.open()
        self.assertEqual(self.d.find_element(By.TAG_NAME, "html").get_attribute("lang"), "zh-CN")
        t.send_keys(ARTICLE)
        self.wait.until(lambda d: len(self.marks()) >= 2)
        marks = {m.text: m.get_attribute("class") for m in self.marks()}
        self.assertIn("布署", marks)
        self.assertIn("13812345678", marks)
        self.assertIn(marks["布署"], {"error", "warning", "info"})
        # The highlight sits exactly over the word in the textarea (same layout).
        # Side list: grouped by kind, with Chinese labels.
        labels = [s.text for s in self.d.find_elements(By.CSS_SELECTOR, "details.group > summary")]
        self.assertTrue(any(l.startswith("错别字") for l in labels), labels)
        self.assertTrue(any(l.startswith("个人隐私") for l in labels), labels)
        if os.environ.get("ZHPROOF_SCREENSHOT"):
            self.d.save_screenshot(os.environ["ZHPROOF_SCREENSHOT"])
        # Jump from the list: the flagged word gets selected.
        typo = self.d.find_element(By.CSS_SELECTOR, "details.group[data-kind=typo] .finding button.go")
        typo.click()
        sel = self.d.execute_script(
            "const t = document.getElementById('text'); return t.value.slice(t.selectionStart, t.selectionEnd);")
        self.assertEqual(sel, "布署")
        self.assertEqual(self.d.switch_to.active_element.get_attribute("id"), "text")
        # One click applies the suggestion; the recheck drops its highlight.
        self.d.find_element(By.CSS_SELECTOR, "details.group[data-kind=typo] .finding button.apply").click()
        self.wait.until(lambda d: "全面部署" in self.value())
        self.assertNotIn("布署", self.value())
        # The recheck keeps the other finding and drops the fixed one.
        self.wait.until(lambda d: [m.text for m in self.marks()] == ["13812345678"])

    def test_info_findings_only_when_asked_for(self):
        # 、 between two titles is an info hint (GB/T 15834-2011 4.5.3.5); 布署 a warning.
        t = self.open()
        t.send_keys("学习《宪法》、《民法典》，全面布署。")
        self.wait.until(lambda d: "布署" in [m.text for m in self.marks()])
        hint = lambda: [m for m in self.marks() if "、" in m.text]  # the finding is 》、《
        self.assertEqual(hint(), [])
        self.assertIn("条提示未显示", self.d.find_element(By.ID, "status").text)
        self.d.find_element(By.ID, "show-info").click()
        self.wait.until(lambda d: hint())
        self.assertEqual(hint()[0].get_attribute("class"), "info")
        self.d.find_element(By.ID, "show-info").click()
        self.wait.until(lambda d: not hint())

    def test_typing_rechecks_without_moving_the_cursor(self):
        t = self.open()
        t.send_keys("全面布署")
        self.wait.until(lambda d: [m.text for m in self.marks()] == ["布署"])
        t.send_keys(Keys.HOME, Keys.ARROW_RIGHT, "x")  # type in the middle, then wait for the recheck
        # Before the recheck answers, the highlight has already moved with the text.
        self.assertEqual([m.text for m in self.marks()], ["布署"])
        self.wait.until(lambda d: self.value() == "全x面布署" and [m.text for m in self.marks()] == ["布署"])
        pos = self.d.execute_script("return document.getElementById('text').selectionStart")
        self.assertEqual(pos, 2)

    def test_an_uploaded_html_file_is_checked_as_a_page(self):
        self.open()
        path = os.path.join(tempfile.mkdtemp(prefix="zhproof-upload-"), "通知.html")
        with open(path, "w", encoding="utf-8") as f:
            f.write("<html><head><title>通知</title><script>var x = '全面布署';</script></head>"
                    "<body><h1>通知</h1><p>会议要求全面布署。</p>"
                    "<div style=\"display:none\"><a href=\"http://www.188bet88.com/\">真人百家乐</a></div>"
                    "</body></html>")
        self.d.find_element(By.ID, "file").send_keys(path)
        # The source stays in the editor; only what the reader sees is proofread (not the
        # script), and the hidden gambling link is flagged where it is in the source.
        self.wait.until(lambda d: "布署" in [m.text for m in self.marks()])
        self.assertIn("<p>", self.value())
        self.assertTrue(self.d.find_element(By.ID, "html-mode").is_selected())
        marks = [m.text for m in self.marks()]
        self.assertEqual(marks.count("布署"), 1, marks)
        self.assertTrue(any("188bet88" in m for m in marks), marks)
        # Fixing all keeps the markup and the script byte for byte.
        self.d.find_element(By.ID, "fix-all").click()
        self.wait.until(lambda d: "<p>会议要求全面部署。</p>" in self.value())
        self.assertIn("var x = '全面布署';", self.value())

    def test_fix_all_and_mask_buttons(self):
        t = self.open()
        t.send_keys(ARTICLE)
        self.wait.until(lambda d: len(self.marks()) >= 2)
        self.d.find_element(By.ID, "fix-all").click()
        self.wait.until(lambda d: "全面部署" in self.value())
        self.d.find_element(By.ID, "mask").click()
        self.wait.until(lambda d: "138****5678" in self.value())
        self.assertNotIn("13812345678", self.value())
        self.wait.until(lambda d: "13812345678" not in [m.text for m in self.marks()])

    def test_keyboard_only(self):
        t = self.open()
        t.send_keys("第一段全面布署。\n第二段也要全面布署。")
        self.wait.until(lambda d: len(self.marks()) == 2)
        t.send_keys(Keys.CONTROL, Keys.HOME)
        t.send_keys(Keys.F8)
        self.wait.until(lambda d: self.d.find_elements(By.CSS_SELECTOR, "#current .finding"))
        first = self.d.execute_script("return document.getElementById('text').selectionStart")
        self.d.switch_to.active_element.send_keys(Keys.F8)
        second = self.d.execute_script("return document.getElementById('text').selectionStart")
        self.assertEqual(self.value()[first:first + 2], "布署")
        self.assertEqual(self.value()[second:second + 2], "布署")
        self.assertLess(first, second)

    def test_phone_width_stacks_the_list_under_the_text(self):
        d = chrome()
        try:
            # A phone's viewport (desktop windows have a minimum width).
            d.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                              {"width": 390, "height": 844, "deviceScaleFactor": 2, "mobile": True})
            d.get(URL)
            editor = d.find_element(By.ID, "editor").rect
            side = d.find_element(By.CSS_SELECTOR, "aside.side").rect
            self.assertGreater(side["y"], editor["y"] + editor["height"] - 1)
            self.assertLessEqual(editor["x"] + editor["width"], 390)
            width = d.execute_script("return document.documentElement.scrollWidth")
            self.assertLessEqual(width, 390, "no horizontal scrolling on a phone")
        finally:
            d.quit()


if __name__ == "__main__":
    unittest.main(verbosity=2)
