"""Real-browser check of `LatentExplorer`: Voilà on localhost, headless Chromium, move a slider, the image must change.

    python tests/browser_check.py [--model models/beta1_sigma0.2/model.safetensors] [--out tests/screenshots]

Needs Debian's `chromium` (`apt-get install chromium`) and `pip install -e ".[browser]"` (playwright's Python client and
Voilà); playwright is pointed at the system binary, no browser is downloaded. Writes explorer_before.png /
explorer_after.png (whole page) and decoded_before.png / decoded_after.png (the decoded image) to --out, prints what it
measured, and exits 1 if the decoded image did not change.
"""
import argparse, json, shutil, socket, subprocess, sys, tempfile, time, urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

def free_port():
    with socket.socket() as s:
        s.bind(('127.0.0.1', 0)); return s.getsockname()[1]

def notebook(model_path):
    code = (f"from vae_probe.model import load\nfrom vae_probe.traversals import LatentExplorer\n"
            f"explorer = LatentExplorer(load({str(model_path)!r}), n_probe=500)\nexplorer")
    return {'cells': [{'cell_type': 'code', 'metadata': {}, 'execution_count': None, 'outputs': [], 'source': code}],
            'metadata': {'kernelspec': {'name': 'python3', 'display_name': 'python3', 'language': 'python'}},
            'nbformat': 4, 'nbformat_minor': 5}

def wait_http(url, proc, timeout=120, name='voila'):
    "Wait until the server `proc` (called `name` in errors) answers at `url`."
    t0 = time.time()
    while time.time() - t0 < timeout:
        if proc.poll() is not None: raise RuntimeError(f"{name} exited with code {proc.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=5): return
        except OSError: time.sleep(0.5)
    raise TimeoutError(f"{name} did not answer at {url} within {timeout} s")

def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('--model', default=str(ROOT / 'models' / 'beta1_sigma0.2' / 'model.safetensors'))
    ap.add_argument('--out', default=str(ROOT / 'tests' / 'screenshots'))
    ap.add_argument('--chromium', default=shutil.which('chromium') or '/usr/bin/chromium')
    args = ap.parse_args()
    if not Path(args.chromium).exists(): sys.exit(f"error: no Chromium at {args.chromium}; apt-get install chromium")
    from playwright.sync_api import sync_playwright
    out = Path(args.out); out.mkdir(parents=True, exist_ok=True)
    port = free_port()
    with tempfile.TemporaryDirectory() as tmp:
        nb = Path(tmp) / 'explorer.ipynb'; nb.write_text(json.dumps(notebook(Path(args.model).resolve())))
        command = [sys.executable, '-m', 'voila', str(nb), '--no-browser', f'--port={port}', '--Voila.ip=127.0.0.1']
        proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=tmp)
        try:
            url = f'http://127.0.0.1:{port}/'
            wait_http(url, proc)
            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path=args.chromium, args=['--no-sandbox', '--disable-gpu'])
                page = browser.new_page(viewport={'width': 1100, 'height': 900})
                t0 = time.time()
                page.goto(url, timeout=180_000)
                handle = page.locator('.widget-slider .noUi-handle').first
                handle.wait_for(timeout=180_000)
                decoded = page.locator('.widget-image').nth(2)
                decoded.wait_for(); page.wait_for_timeout(1000)
                sliders, images = page.locator('.widget-slider').count(), page.locator('.widget-image').count()
                print(f"page with {sliders} sliders and {images} images ready in {time.time() - t0:.1f} s")
                page.screenshot(path=str(out / 'explorer_before.png'))
                before = decoded.screenshot(path=str(out / 'decoded_before.png'))
                src_before = decoded.get_attribute('src')
                handle.focus()
                for _ in range(15): page.keyboard.press('ArrowRight')
                t1 = time.time()
                page.wait_for_function("([el, src]) => el.getAttribute('src') !== src",
                                       arg=[decoded.element_handle(), src_before], timeout=10_000)
                print(f"decoded image replaced {1000 * (time.time() - t1):.0f} ms after the last key press")
                page.wait_for_timeout(500)
                page.screenshot(path=str(out / 'explorer_after.png'))
                after = decoded.screenshot(path=str(out / 'decoded_after.png'))
                tracebacks = page.locator('text=Traceback').count()
                browser.close()
        finally:
            proc.terminate(); proc.wait(timeout=30)
    changed = before != after
    print(f"decoded image changed: {changed}; tracebacks on the page: {tracebacks}; screenshots in {out}")
    sys.exit(0 if changed and tracebacks == 0 else 1)

if __name__ == '__main__': main()
