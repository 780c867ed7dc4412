"""JupyterLab check: the notebooks and `LatentExplorer` in a real JupyterLab 4, driven in headless Chromium.

    python tests/lab_check.py [--out tests/screenshots/lab] [--notebooks 03_codes 03a_interventions 06_traversals]

Starts `jupyter lab` on 127.0.0.1 (random port and token; config, settings, workspaces and runtime files in a temporary
folder, nothing written into the clone) and opens it through playwright with Debian's `chromium`. Then:
1. a notebook with a `LatentExplorer` on the shipped β = 1 σ = 0.2 model, with one dim made dead by construction (its
   encoder mean row and its decoder column zeroed): change the anchor's shape in the dropdown, move a used dim's
   slider with the keyboard (20 single presses, each timed in the browser from the key press to the new image) and
   with a mouse drag, move the dead dim's slider, press reset. The decoded image must change for the used dim, stay
   byte-identical for the dead one, and return to the anchor's on reset;
2. temporary copies of the named notebooks (committed outputs cleared), run top to bottom in the same JupyterLab with
   the environment's kernel, saved, and read back: every code cell must have run and none may hold an error.
Prints the time to a ready page and the per-update latency (median, max), writes screenshots to --out, exits 1 on any
failure. The server is stopped in every case. Needs `pip install -e ".[dev,browser]"` (JupyterLab is in `browser`).
"""
import argparse, json, os, re, secrets, shutil, subprocess, sys, tempfile, time
from pathlib import Path
from browser_check import free_port, wait_http          # tests/ is this script's folder, so on sys.path

ROOT = Path(__file__).resolve().parent.parent
DEAD = 5   # the dim the explorer notebook kills

EXPLORER = f"""import torch
from vae_probe.model import load
from vae_probe.traversals import LatentExplorer
model = load('../models/beta1_sigma0.2/model.safetensors')
with torch.no_grad():   # z{DEAD} dead by construction: its mean ignores the image,
    model.encoder.means.weight[{DEAD}] = 0; model.encoder.means.bias[{DEAD}] = 0
    model.decoder.dense.weight[:, {DEAD}] = 0   # and the decoder ignores it
explorer = LatentExplorer(model, n_probe=500, show_dead=True)
explorer"""

def write_notebook(path, sources):
    cells = [dict(cell_type='code', metadata={}, execution_count=None, outputs=[], source=s) for s in sources]
    kernel = dict(name='python3', display_name='Python 3', language='python')
    nb = dict(cells=cells, metadata=dict(kernelspec=kernel), nbformat=4, nbformat_minor=5)
    path.write_text(json.dumps(nb))

def cleared_copy(src, dst):
    "A copy of notebook `src` with every output and execution count removed, so only a fresh run can fill them."
    nb = json.loads(src.read_text())
    for c in nb['cells']:
        if c['cell_type'] == 'code': c['outputs'], c['execution_count'] = [], None
    dst.write_text(json.dumps(nb))

def workspace(tmp):
    """The project's layout under `tmp`, for reading only: nbs/ (without notebooks), models/ and tests/ as symlinks,
    and a copy of settings.ini, so that 06's `nbdev_export` cell writes its modules under `tmp`, not into the clone."""
    (tmp / 'nbs').mkdir()
    for p in (ROOT / 'nbs').iterdir():
        if p.suffix != '.ipynb': (tmp / 'nbs' / p.name).symlink_to(p)
    for name in ('models', 'tests'): (tmp / name).symlink_to(ROOT / name)
    shutil.copy(ROOT / 'settings.ini', tmp / 'settings.ini')
    return tmp / 'nbs'

def stop(proc):
    "Stop the server and its kernels: SIGTERM to its process group, SIGKILL if it has not gone in 20 s."
    if proc.poll() is None:
        os.killpg(proc.pid, 15)
        try: proc.wait(timeout=20)
        except subprocess.TimeoutExpired: os.killpg(proc.pid, 9); proc.wait()

class Lab:
    "The JupyterLab page: open a notebook, run all its cells through the Run menu as a person would, save it."
    CURRENT = "window.jupyterapp.shell.currentWidget"

    def __init__(self, page, base): self.page, self.base, self.loaded = page, base, False

    def open(self, path, timeout=180_000):
        t0 = time.time()
        if not self.loaded:
            self.page.goto(f"{self.base}/lab/tree/{path}", timeout=timeout); self.loaded = True
            self.page.wait_for_function(f"() => window.jupyterapp && {self.CURRENT} && {self.CURRENT}.context"
                                        f" && {self.CURRENT}.context.path === {json.dumps(path)}", timeout=timeout)
        else:
            self.page.evaluate("""async (path) => { const app = window.jupyterapp;
                const w = await app.commands.execute('docmanager:open', {path});
                app.shell.activateById(w.id); }""", path)
        session = f"{self.CURRENT}.sessionContext.session"
        self.page.wait_for_function(f"() => {self.CURRENT}.context.path === {json.dumps(path)} && {session}"
                                    f" && {session}.kernel && {session}.kernel.status === 'idle'", timeout=timeout)
        return time.time() - t0

    def run_all(self, timeout):
        self.page.locator('.lm-MenuBar-itemLabel', has_text='Run').first.click()
        self.page.locator('.lm-Menu-itemLabel', has_text=re.compile(r'^Run All Cells$')).click()
        # done: the kernel is idle, no cell is queued, and every code cell has run unless one failed (that stops a run)
        done = f"""() => {{ const w = {self.CURRENT};
            const cells = [...w.content.model.cells].filter(c => c.type === 'code');
            const failed = cells.some(c => c.outputs.toJSON().some(o => o.output_type === 'error'));
            const queued = [...w.node.querySelectorAll('.jp-InputArea-prompt')].some(p => p.textContent.includes('*'));
            const ran = cells.every(c => c.executionCount !== null || !c.sharedModel.getSource().trim());
            return w.sessionContext.session.kernel.status === 'idle' && !queued && (ran || failed); }}"""
        self.page.wait_for_function(done, timeout=timeout, polling=500)

    def save(self):
        self.page.evaluate("() => window.jupyterapp.commands.execute('docmanager:save')")
        self.page.wait_for_function(f"() => !{self.CURRENT}.context.model.dirty", timeout=30_000)

def check_saved_run(path):
    "Errors and unrun cells of a notebook saved after a run, as a list of strings (empty when the run was clean)."
    problems = []
    for i, c in enumerate(json.loads(path.read_text())['cells']):
        if c['cell_type'] != 'code' or not ''.join(c['source']).strip(): continue
        if c['execution_count'] is None: problems.append(f"{path.name} cell {i}: not run")
        for o in c['outputs']:
            if o['output_type'] == 'error': problems.append(f"{path.name} cell {i}: {o['ename']}: {o['evalue'][:200]}")
    return problems

def image_digest(page, img):
    "SHA-256 of the PNG an ipywidgets Image shows (its `src` is a fresh blob: URL for every value, equal bytes or not)."
    return page.evaluate("""async (img) => { const b = await (await fetch(img.getAttribute('src'))).arrayBuffer();
        const h = new Uint8Array(await crypto.subtle.digest('SHA-256', b));
        return [...h].map(x => x.toString(16).padStart(2, '0')).join(''); }""",
                         img.element_handle())

def timed_update(page, img, action):
    """Run `action` (key presses or a drag) and return ms from its first input event to the decoded image's new `src`,
    both stamped in the browser; None if the image did not change within 10 s."""
    page.evaluate("""(img) => { window.__t0 = null; window.__dt = null; const src = img.getAttribute('src');
        const stamp = () => { if (window.__t0 === null) window.__t0 = performance.now(); };
        for (const ev of ['keydown', 'pointerdown']) document.addEventListener(ev, stamp, {capture: true, once: true});
        const obs = new MutationObserver(() => { if (img.getAttribute('src') !== src) {
            window.__dt = performance.now() - window.__t0; obs.disconnect(); } });
        obs.observe(img, {attributes: true, attributeFilter: ['src']}); window.__obs = obs; }""", img.element_handle())
    action()
    try: page.wait_for_function("() => window.__dt !== null", timeout=10_000, polling='raf')
    except Exception:
        page.evaluate("() => window.__obs.disconnect()"); return None
    return page.evaluate("() => window.__dt")

def drive_explorer(page, out):
    "Drive the explorer as a person would; returns (results, problems)."
    problems, res = [], {}
    area = page.locator('.jp-OutputArea-output .widget-vbox').first
    area.wait_for(timeout=180_000)
    sliders = page.locator('.widget-slider')
    names = [sliders.nth(i).locator('.widget-label').first.inner_text() for i in range(sliders.count())]
    used = next(i for i, n in enumerate(names) if '†' not in n)
    dead = next((i for i, n in enumerate(names) if n.startswith(f'z{DEAD}') and '†' in n), None)
    if dead is None: return res, [f"no slider for the dead dim z{DEAD} marked † (labels: {names})"]
    images = page.locator('.widget-image')
    anchor_img, decoded = images.nth(0), images.nth(2)
    page.wait_for_timeout(500)
    page.screenshot(path=str(out / 'lab_explorer_before.png'))
    digest0 = image_digest(page, decoded)

    anchor0 = anchor_img.get_attribute('src')    # the anchor's shape, through the dropdown
    page.locator('.widget-dropdown select').first.select_option(label='heart')
    try: page.wait_for_function("([el, s]) => el.getAttribute('src') !== s", arg=[anchor_img.element_handle(), anchor0],
                                timeout=10_000)
    except Exception: problems.append("anchor image did not change when the shape dropdown moved to 'heart'")
    page.wait_for_timeout(500)
    heart = image_digest(page, decoded)
    if heart == digest0: problems.append("decoded image did not follow the new anchor")

    handle = sliders.nth(used).locator('.noUi-handle')
    latencies = []
    for _ in range(20):
        handle.focus()
        dt = timed_update(page, decoded, lambda: page.keyboard.press('ArrowRight'))
        if dt is None: problems.append(f"'{names[used]}': a key press did not change the decoded image"); break
        latencies.append(dt)
    box = handle.bounding_box()
    page.mouse.move(box['x'] + box['width'] / 2, box['y'] + box['height'] / 2)
    def drag():
        page.mouse.down(); page.mouse.move(box['x'] - 60, box['y'] + box['height'] / 2, steps=8); page.mouse.up()
    dt = timed_update(page, decoded, drag)
    if dt is None: problems.append(f"'{names[used]}': a mouse drag did not change the decoded image")
    else: latencies.append(dt)
    page.wait_for_timeout(500)
    page.screenshot(path=str(out / 'lab_explorer_after.png'))
    moved = image_digest(page, decoded)
    if moved == heart: problems.append(f"'{names[used]}' moved but the decoded image is the anchor's")

    dead_readout = sliders.nth(dead).locator('.widget-readout')
    value_before = dead_readout.inner_text()
    sliders.nth(dead).locator('.noUi-handle').focus()
    for _ in range(15): page.keyboard.press('ArrowRight')
    page.wait_for_timeout(1500)
    value_after = dead_readout.inner_text()
    if value_after == value_before: problems.append(f"the dead dim's slider did not move ({value_before})")
    if image_digest(page, decoded) != moved: problems.append(f"moving the dead dim z{DEAD} changed the decoded image")

    page.get_by_role('button', name='reset', exact=True).click()
    page.wait_for_timeout(1500)
    if image_digest(page, decoded) != heart: problems.append("reset did not bring back the anchor's decoded image")
    stderr = page.locator('.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]')
    if stderr.filter(has_text='Traceback').count():
        problems.append("a traceback is shown under the explorer")
    res.update(used=names[used], dead=names[dead], dead_readout=(value_before, value_after), latencies=latencies)
    return res, problems

def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('--out', default=str(ROOT / 'tests' / 'screenshots' / 'lab'))
    ap.add_argument('--notebooks', nargs='*', default=['03_codes', '03a_interventions', '06_traversals'])
    ap.add_argument('--chromium', default=shutil.which('chromium') or '/usr/bin/chromium')
    ap.add_argument('--timeout', type=float, default=1200, help='seconds allowed for running each notebook')
    args = ap.parse_args()
    if not Path(args.chromium).exists(): sys.exit(f"error: no Chromium at {args.chromium}; apt-get install chromium")
    if shutil.which('jupyter-lab') is None: sys.exit('error: JupyterLab is not installed; pip install -e ".[browser]"')
    from playwright.sync_api import sync_playwright
    out = Path(args.out); out.mkdir(parents=True, exist_ok=True)
    port, token, problems, page = free_port(), secrets.token_hex(16), [], None
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp); (tmp / 'project').mkdir(); nbs = workspace(tmp / 'project')
        write_notebook(nbs / 'lab_explorer.ipynb', [EXPLORER])
        news = tmp / 'settings' / '@jupyterlab' / 'apputils-extension' / 'notification.jupyterlab-settings'
        news.parent.mkdir(parents=True); news.write_text(json.dumps({'fetchNews': 'false'}))   # no "get news?" toast
        for name in args.notebooks: cleared_copy(ROOT / 'nbs' / f'{name}.ipynb', nbs / f'{name}.ipynb')
        env = {**os.environ, 'JUPYTER_CONFIG_DIR': str(tmp / 'config'), 'JUPYTER_RUNTIME_DIR': str(tmp / 'runtime'),
               'JUPYTERLAB_SETTINGS_DIR': str(tmp / 'settings'), 'JUPYTERLAB_WORKSPACES_DIR': str(tmp / 'workspaces'),
               'IPYTHONDIR': str(tmp / 'ipython'), 'MPLBACKEND': 'module://matplotlib_inline.backend_inline'}
        log = open(tmp / 'lab.log', 'w')
        proc = subprocess.Popen([sys.executable, '-m', 'jupyterlab', '--no-browser', f'--ServerApp.port={port}',
                                 '--ServerApp.ip=127.0.0.1', f'--IdentityProvider.token={token}',
                                 f'--ServerApp.root_dir={tmp / "project"}', '--LabApp.expose_app_in_browser=True',
                                 '--ServerApp.open_browser=False', '--LabApp.news_url=None',
                                 '--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate']
                                + (['--allow-root'] if os.geteuid() == 0 else []),
                                stdout=log, stderr=subprocess.STDOUT, env=env, cwd=tmp, start_new_session=True)
        try:
            base = f'http://127.0.0.1:{port}'
            wait_http(f'{base}/api/status?token={token}', proc, name='jupyter lab')
            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path=args.chromium, args=['--no-sandbox', '--disable-gpu'])
                context = browser.new_context(viewport={'width': 1280, 'height': 1000})
                page = context.new_page()
                page.goto(f'{base}/lab?token={token}', timeout=180_000)     # the token becomes a cookie
                try: run_checks(Lab(page, base), page, nbs, out, args, problems)
                except Exception:
                    page.screenshot(path=str(out / 'lab_failure.png'))
                    print(f"the page at the failure: {out / 'lab_failure.png'}")
                    raise
                browser.close()
        except Exception as e:
            problems.append(f"{type(e).__name__}: {e}")
            print(''.join((tmp / 'lab.log').read_text().splitlines(True)[-30:]), file=sys.stderr)
        finally:
            stop(proc); log.close()
    for pr in problems: print('FAIL:', pr)
    print(f"lab check: {'passed' if not problems else 'failed'}; screenshots in {out}")
    sys.exit(1 if problems else 0)

def run_checks(lab, page, nbs, out, args, problems):
    ready = lab.open('nbs/lab_explorer.ipynb')
    t0 = time.time(); lab.run_all(timeout=300_000)
    print(f"JupyterLab {lab_version()}: page with a kernel ready in {ready:.1f} s; "
          f"explorer shown {time.time() - t0:.1f} s after 'run all'")
    res, found = drive_explorer(page, out); problems += found
    if res.get('latencies'):
        import statistics
        lat = res['latencies']
        print(f"{len(lat)} slider moves on '{res['used']}' (20 key presses, 1 drag): decoded image replaced "
              f"{statistics.median(lat):.0f} ms (median), {max(lat):.0f} ms (max) after the input")
        before, after = res['dead_readout']
        print(f"dead dim '{res['dead']}': slider {before} → {after}, decoded image unchanged")
    lab.save(); problems += check_saved_run(nbs / 'lab_explorer.ipynb')
    for name in args.notebooks:
        t0 = time.time(); lab.open(f'nbs/{name}.ipynb')
        lab.run_all(timeout=args.timeout * 1000); lab.save()
        page.screenshot(path=str(out / f'lab_{name}.png'))
        found = check_saved_run(nbs / f'{name}.ipynb'); problems += found
        cells = sum(c['cell_type'] == 'code' for c in json.loads((nbs / f'{name}.ipynb').read_text())['cells'])
        print(f"{name}: {cells} code cells run top to bottom in JupyterLab in {time.time() - t0:.0f} s, "
              f"{'no errors' if not found else f'{len(found)} problems'}")

def lab_version():
    import jupyterlab; return jupyterlab.__version__

if __name__ == '__main__': main()
