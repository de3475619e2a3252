"""The annual summary as a person sees it (issue 20), checked by scripts/document-tests.

  document_check.py pdf SUMMARY.pdf SUMMARY.txt MIN_PAGES MAX_PAGES
      The PDF LibreOffice made of the .docx: its page count is plausible and the text
      pdftotext extracts holds every heading, every paragraph and every figure of the text
      rendering (whitespace aside: PDF text breaks lines where the page does).

  document_check.py html PAGE.html SCREENSHOT.png CHART_ID...
      Opens the page in headless Chromium over the DevTools protocol, takes a full-page
      screenshot, and fails unless every named chart's <svg id="chart-ID"> is there with a
      non-empty bounding box, and no console error, uncaught exception or failed load was
      logged.

Exit 0 when the check passes, 1 with one line per finding when it does not.
"""

import base64
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import unicodedata

FIGURE = re.compile(r"\d+(?:\.\d+)?(?:%|件|个|名|次|项|人| items| units)?")


def squash(text):
    return re.sub(r"\s+", "", text)


def letters(text):
    """Text without whitespace and punctuation: pdftotext drops a hyphen or a comma where
    a line ends in the PDF (a date broken at "2022-12-", a "，" hung in the margin)."""
    return "".join(c for c in text if not c.isspace() and not unicodedata.category(c).startswith("P"))


def check_pdf(pdf, txt, min_pages, max_pages):
    findings = []
    info = subprocess.run(["pdfinfo", pdf], check=True, capture_output=True, text=True).stdout
    pages = int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))
    if not min_pages <= pages <= max_pages:
        findings.append(f"{pdf}: {pages} pages, expected {min_pages}..{max_pages}")
    extracted = subprocess.run(
        ["pdftotext", "-raw", "-enc", "UTF-8", pdf, "-"], check=True, capture_output=True, text=True
    ).stdout
    flat = squash(extracted)
    bare = letters(extracted)
    lines = [l for l in open(txt, encoding="utf-8").read().splitlines() if l.strip()]
    figures = 0
    for line in lines:
        if letters(line) not in bare:
            findings.append(f"{pdf}: the text rendering's line is not in the PDF: {line[:60]}…")
        for figure in FIGURE.findall(line):
            figures += 1
            if squash(figure) not in flat:
                findings.append(f"{pdf}: figure {figure!r} of the text rendering is not in the PDF")
    print(f"   {pdf}: {pages} pages; {len(lines)} lines and {figures} figures of the text found")
    return findings


def cdp(url, html, screenshot, chart_ids):
    """Drives Chromium over the DevTools protocol; returns the findings."""
    from websockets.sync.client import connect

    findings = []
    with connect(url, max_size=64 * 1024 * 1024) as ws:
        counter = iter(range(1, 1_000_000))
        events = []

        def call(method, **params):
            n = next(counter)
            ws.send(json.dumps({"id": n, "method": method, "params": params}))
            while True:
                message = json.loads(ws.recv(timeout=60))
                if message.get("id") == n:
                    if "error" in message:
                        raise RuntimeError(f"{method}: {message['error']}")
                    return message.get("result", {})
                events.append(message)

        for domain in ("Runtime", "Log", "Page", "Network"):
            call(f"{domain}.enable")
        call("Page.navigate", url="file://" + os.path.abspath(html))
        deadline = time.time() + 60
        while not any(e.get("method") == "Page.loadEventFired" for e in events):
            if time.time() > deadline:
                raise RuntimeError("the page did not load in 60 s")
            events.append(json.loads(ws.recv(timeout=60)))
        # Let late console messages arrive.
        call("Runtime.evaluate", expression="new Promise(r => setTimeout(r, 500))", awaitPromise=True)
        probe = """JSON.stringify(Array.from(document.querySelectorAll('svg.jianyi-chart')).map(s => {
            const b = s.getBoundingClientRect();
            return {id: s.id, width: b.width, height: b.height,
                    title: (s.querySelector('title') || {}).textContent || '',
                    desc: (s.querySelector('desc') || {}).textContent || '',
                    texts: s.querySelectorAll('text').length};
        }))"""
        found = json.loads(call("Runtime.evaluate", expression=probe, returnByValue=True)["result"]["value"])
        by_id = {c["id"]: c for c in found}
        for chart in chart_ids:
            c = by_id.get(f"chart-{chart}")
            if c is None:
                findings.append(f"{html}: chart {chart} is missing")
            elif c["width"] <= 0 or c["height"] <= 0 or c["texts"] == 0:
                findings.append(f"{html}: chart {chart} is empty ({c['width']}×{c['height']}, {c['texts']} texts)")
            elif not c["title"] or not c["desc"]:
                findings.append(f"{html}: chart {chart} has no title or text alternative")
        metrics = call("Page.getLayoutMetrics")
        size = metrics.get("cssContentSize") or metrics["contentSize"]
        # The screenshot shows the figures' appendix: from its heading, 1800 px down.
        top = call(
            "Runtime.evaluate",
            expression="(() => { const h = Array.from(document.querySelectorAll('h2')).pop();"
            " return h ? h.getBoundingClientRect().top + window.scrollY - 16 : 0; })()",
            returnByValue=True,
        )["result"].get("value", 0)
        height = max(1, min(1800, size["height"] - top))
        shot = call(
            "Page.captureScreenshot",
            format="png",
            captureBeyondViewport=True,
            clip={"x": 0, "y": top, "width": size["width"], "height": height, "scale": 1},
        )
        with open(screenshot, "wb") as f:
            f.write(base64.b64decode(shot["data"]))
        for e in events:
            method, p = e.get("method"), e.get("params", {})
            if method == "Runtime.consoleAPICalled" and p.get("type") in ("error", "assert"):
                text = " ".join(str(a.get("value", a.get("description", ""))) for a in p.get("args", []))
                findings.append(f"{html}: console error: {text}")
            elif method == "Runtime.exceptionThrown":
                findings.append(f"{html}: uncaught exception: {p['exceptionDetails'].get('text')}")
            elif method == "Log.entryAdded" and p["entry"].get("level") == "error":
                findings.append(f"{html}: logged error: {p['entry'].get('text')}")
            elif method == "Network.loadingFailed":
                findings.append(f"{html}: a load failed: {p.get('errorText')}")
        print(f"   {html}: {len(found)} charts, screenshot {screenshot} ({size['width']:.0f}×{size['height']:.0f})")
    return findings


def check_html(html, screenshot, chart_ids):
    browser = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
    if browser is None:
        return ["chromium is not installed"]
    profile = tempfile.mkdtemp(prefix="jianyi-chromium-")
    proc = subprocess.Popen(
        [browser, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
         "--remote-debugging-port=0", f"--user-data-dir={profile}",
         "--window-size=1280,1024", "about:blank"],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
    )
    try:
        url = None
        deadline = time.time() + 60
        while url is None and time.time() < deadline:
            line = proc.stderr.readline()
            if not line and proc.poll() is not None:
                break
            m = re.search(r"DevTools listening on (ws://\S+)", line)
            if m:
                url = m.group(1)
        if url is None:
            return ["chromium did not start its DevTools endpoint"]
        port = re.search(r":(\d+)/", url).group(1)
        from urllib.request import urlopen

        pages = json.load(urlopen(f"http://127.0.0.1:{port}/json/list"))
        page = next(p for p in pages if p.get("type") == "page")
        return cdp(page["webSocketDebuggerUrl"], html, screenshot, chart_ids)
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
        shutil.rmtree(profile, ignore_errors=True)


def main(argv):
    if len(argv) >= 5 and argv[0] == "pdf":
        findings = check_pdf(argv[1], argv[2], int(argv[3]), int(argv[4]))
    elif len(argv) >= 4 and argv[0] == "html":
        findings = check_html(argv[1], argv[2], argv[3:])
    else:
        print(__doc__, file=sys.stderr)
        return 2
    for f in findings:
        print(f"   FAIL {f}")
    return 1 if findings else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
