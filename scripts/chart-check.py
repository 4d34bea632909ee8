#!/usr/bin/env python3
"""Renders report.html in headless Chromium at 1366 x 768 and fails if any text in a chart
overflows it or the page scrolls sideways (wide tables must scroll inside themselves); then,
where pdftotext is on PATH and report.json sits beside the page, prints the page to PDF as a
reader's "save as PDF" would and fails unless its first page holds the three answers of the brief.

Usage: scripts/chart-check.py REPORT.html
Without Chromium (chromium or chromium-browser on PATH) it says the check was skipped and exits 0,
so the README's test command passes on a machine without it; CI installs Chromium and runs it.
"""
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

PROBE = """
<script>
window.addEventListener('load', () => {
  const out = [];
  document.querySelectorAll('svg').forEach((svg, i) => {
    const vb = svg.viewBox.baseVal;
    const title = (svg.getAttribute('aria-label') || '').slice(0, 80);
    svg.querySelectorAll('text').forEach(t => {
      let b;
      try { b = t.getBBox(); } catch (e) { return; }
      if (b.width === 0 && b.height === 0) return;
      const m = t.getCTM();
      const x0 = b.x * m.a + b.y * m.c + m.e, y0 = b.x * m.b + b.y * m.d + m.f;
      const x1 = (b.x + b.width) * m.a + (b.y + b.height) * m.c + m.e;
      const y1 = (b.x + b.width) * m.b + (b.y + b.height) * m.d + m.f;
      const lo = [Math.min(x0, x1), Math.min(y0, y1)], hi = [Math.max(x0, x1), Math.max(y0, y1)];
      const svgM = svg.getScreenCTM(), tM = t.getScreenCTM();
      const s = svgM.inverse().multiply(tM);
      const ax = b.x * s.a + b.y * s.c + s.e, ay = b.x * s.b + b.y * s.d + s.f;
      const bx = (b.x + b.width) * s.a + (b.y + b.height) * s.c + s.e;
      const by = (b.x + b.width) * s.b + (b.y + b.height) * s.d + s.f;
      const l = Math.min(ax, bx), r = Math.max(ax, bx), top = Math.min(ay, by), bot = Math.max(ay, by);
      if (l < vb.x - 1 || top < vb.y - 1 || r > vb.x + vb.width + 1 || bot > vb.y + vb.height + 1) {
        out.push({chart: title, text: t.textContent.slice(0, 60), box: [l, top, r, bot].map(v => Math.round(v)), view: [vb.width, vb.height]});
      }
    });
  });
  const pre = document.createElement('pre');
  pre.id = 'chart-check';
  pre.textContent = 'CHART-CHECK ' + JSON.stringify({charts: document.querySelectorAll('svg').length, overflow: out, scroll_width: document.scrollingElement.scrollWidth, width: window.innerWidth});
  document.body.appendChild(pre);
});
</script>
"""


# The narrowest laptop screen the report is read on.
WIDTH_PX = 1366


def chromium():
    for name in ("chromium", "chromium-browser", "google-chrome"):
        path = shutil.which(name)
        if path:
            return path
    return None


def main():
    if len(sys.argv) != 2:
        print(__doc__)
        return 2
    browser = chromium()
    if browser is None:
        print("chart check skipped: no chromium on PATH")
        return 0
    html = open(sys.argv[1], encoding="utf-8").read()
    probed = html.replace("</body>", PROBE + "</body>") if "</body>" in html else html + PROBE
    with tempfile.TemporaryDirectory() as tmp:
        page = os.path.join(tmp, "report.html")
        with open(page, "w", encoding="utf-8") as f:
            f.write(probed)
        run = subprocess.run(
            [browser, "--headless", "--no-sandbox", "--disable-gpu", "--virtual-time-budget=10000",
             "--window-size=1366,768",
             "--dump-dom", "file://" + page],
            capture_output=True, text=True, timeout=180)
    found = re.search(r"CHART-CHECK (\{.*?\})\s*</pre>", run.stdout, re.S)
    if not found:
        print("chart check failed: Chromium did not run the probe", run.stderr[-2000:])
        return 1
    result = json.loads(found.group(1).replace("&quot;", '"').replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">"))
    for o in result["overflow"]:
        print(f"overflow in '{o['chart']}': '{o['text']}' at {o['box']} outside {o['view']}")
    print(f"chart check: {result['charts']} charts, {len(result['overflow'])} text(s) outside their chart")
    wide = result["scroll_width"] > WIDTH_PX
    print(f"page width: {result['scroll_width']} px scrolled at a {result['width']} px window"
          + (f", wider than {WIDTH_PX} px" if wide else ""))
    brief_ok = first_page_holds_the_answers(browser, sys.argv[1])
    return 1 if result["overflow"] or wide or not brief_ok else 0


def squeezed(text):
    """Text without whitespace or hyphens: line breaks in a PDF's text fall anywhere."""
    return re.sub(r"[\s\-\u00ad]", "", text)


def first_page_holds_the_answers(browser, page):
    answers_file = os.path.join(os.path.dirname(os.path.abspath(page)), "report.json")
    if shutil.which("pdftotext") is None or not os.path.exists(answers_file):
        print("print check skipped: no pdftotext on PATH or no report.json beside the page")
        return True
    answers = json.load(open(answers_file, encoding="utf-8"))["summary"]["answers"]
    with tempfile.TemporaryDirectory() as tmp:
        pdf = os.path.join(tmp, "report.pdf")
        subprocess.run(
            [browser, "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
             "--print-to-pdf=" + pdf, "file://" + os.path.abspath(page)],
            capture_output=True, text=True, timeout=180)
        first = subprocess.run(["pdftotext", "-f", "1", "-l", "1", pdf, "-"],
                               capture_output=True, text=True, timeout=60).stdout
    missing = [a["question"] for a in answers if squeezed(a["answer"]) not in squeezed(first)]
    for q in missing:
        print(f"print check: the answer to '{q}' is not on the first printed page")
    print(f"print check: {len(answers) - len(missing)} of {len(answers)} answers on the first page")
    return not missing and len(answers) == 3


if __name__ == "__main__":
    sys.exit(main())
