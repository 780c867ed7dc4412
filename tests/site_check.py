"""Open every page of the offline docs site in headless Chromium; fail on a broken link, a missing image or a Python
traceback in an output cell; save a screenshot of each page.

    python tools/build_site.py && python tests/site_check.py [--site _site] [--out tests/screenshots/site] \
        [--report report.html]

With --report, it also opens a probe report (07_report) and checks that it opens with its verdict card, that every
figure loads and that no HTML tag came through unescaped, and saves three screenshots of it (report_top,
report_traversals, report_pairwise) beside the others.

Needs Debian's `chromium` and playwright's Python client (`pip install -e ".[browser]"`); no browser is downloaded.
"""
import argparse, functools, http.server, json, shutil, sys, threading
from pathlib import Path
from urllib.parse import urljoin, urlparse

ROOT = Path(__file__).resolve().parent.parent

def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('--site', default=str(ROOT / '_site'))
    ap.add_argument('--out', default=str(ROOT / 'tests' / 'screenshots' / 'site'))
    ap.add_argument('--chromium', default=shutil.which('chromium') or '/usr/bin/chromium')
    ap.add_argument('--report', default=None,
                    help='a report.html written by vae_probe_probe / probe_report, to check and screenshot')
    args = ap.parse_args()
    site, out = Path(args.site), Path(args.out)
    if not (site / 'pages.json').exists() and not args.report:
        sys.exit(f"error: no site at {site}: run python tools/build_site.py first")
    if not Path(args.chromium).exists(): sys.exit(f"error: no Chromium at {args.chromium}; apt-get install chromium")
    out.mkdir(parents=True, exist_ok=True)
    pages = json.loads((site / 'pages.json').read_text()) if (site / 'pages.json').exists() else []
    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *a): pass
    handler = functools.partial(Quiet, directory=str(site if site.exists() else ROOT))
    server = http.server.ThreadingHTTPServer(('127.0.0.1', 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f'http://127.0.0.1:{server.server_address[1]}/'
    from playwright.sync_api import sync_playwright
    problems, shots = [], []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=args.chromium, args=['--no-sandbox', '--disable-gpu'])
        page = browser.new_page(viewport={'width': 1280, 'height': 1000})
        for rel in pages:
            url = urljoin(base, rel)
            resp = page.goto(url, wait_until='load')
            if resp is None or not resp.ok:
                problems.append(f"{rel}: HTTP {resp.status if resp else 'no response'}"); continue
            broken_imgs = page.evaluate("Array.from(document.images).filter(i => !i.complete || i.naturalWidth === 0)"
                                        ".map(i => i.src.slice(0, 80))")
            problems += [f"{rel}: image not loaded: {s}" for s in broken_imgs]
            outputs = page.evaluate("Array.from(document.querySelectorAll('.jp-OutputArea-output'))"
                                    ".map(e => e.innerText)")
            problems += [f"{rel}: traceback in an output cell: {t[:120]!r}"
                         for t in outputs if 'Traceback (most recent call last)' in t]
            links = page.evaluate("Array.from(document.querySelectorAll('a[href]')).map(a => a.getAttribute('href'))")
            for href in links:
                target = urlparse(urljoin(url, href))
                # external links cannot be checked offline
                if target.netloc != urlparse(base).netloc or not target.path: continue
                local = site / target.path.lstrip('/')
                if not local.exists(): problems.append(f"{rel}: broken link {href}")
            shot = out / (rel.replace('/', '__').replace('.html', '.png'))
            page.screenshot(path=str(shot)); shots.append(shot.name)
            images = page.evaluate('document.images.length')
            print(f"{rel}: {len(outputs)} outputs, {len(links)} links, {images} images", flush=True)
        if args.report: problems += check_report(page, Path(args.report), out, shots)
        browser.close()
    server.shutdown()
    print(f"screenshots ({len(shots)}) in {out}: {', '.join(shots)}")
    if problems:
        print('\n'.join(['PROBLEMS:'] + problems)); sys.exit(1)
    what = f"{len(pages)} pages{' and the report' if args.report else ''}"
    print(f"site check: {what}, no broken link, image or traceback")

def check_report(page, report, out, shots):
    ("Open a probe report as a reader would; return its problems; screenshot the top, the traversals and the pairwise "
     "plots.")
    problems = []
    page.set_viewport_size({'width': 1280, 'height': 1100})
    page.goto(report.resolve().as_uri(), wait_until='load')
    first = page.evaluate("document.querySelector('h2') && document.querySelector('h2').innerText")
    if first != 'Verdict': problems.append(f"report: the first section is {first!r}, not the verdict card")
    card = page.evaluate("Array.from(document.querySelectorAll('ul.card li')).map(li => li.innerText)")
    if len(card) < 3: problems.append(f"report: the verdict card has {len(card)} lines")
    broken = page.evaluate("Array.from(document.images).filter(i => !i.complete || i.naturalWidth === 0).length")
    if broken: problems.append(f"report: {broken} images did not load")
    if page.evaluate("document.querySelectorAll('script, iframe, [onerror], [onload]').length"):
        problems.append("report: active HTML found")
    for name, heading in (('top', None), ('traversals', 'Traversals'), ('pairwise', 'Pairwise latent plots')):
        if heading:
            found = page.evaluate("(() => { const h = Array.from(document.querySelectorAll('h2'))"
                                  f".find(h => h.innerText === {heading!r}); "
                                  "if (h) h.scrollIntoView(); return !!h; })()")
            if not found: problems.append(f"report: no {heading!r} section"); continue
        else: page.evaluate("window.scrollTo(0, 0)")
        shot = out / f'report_{name}.png'
        page.screenshot(path=str(shot)); shots.append(shot.name)
    images = page.evaluate('document.images.length')
    print(f"report: verdict card of {len(card)} lines, {images} images", flush=True)
    return problems

if __name__ == '__main__': main()
