"""Run notebooks as `nbdev_test` does, but go on past failures and keep every cell's text output and error.

    python tools/notebook_outputs.py --out OUT.json [--flags slow] nbs/05_metrics.ipynb ...
    ATEN_CPU_CAPABILITY=avx2 ONEDNN_MAX_CPU_ISA=AVX2 OMP_NUM_THREADS=1 NUMBA_NUM_THREADS=1 \
        python tools/notebook_outputs.py ...

The CPU path (ISA, threads) is whatever the environment sets before torch is imported; it is recorded in the JSON.
`tools/compare_outputs.py` then lists the numbers that differ between two such runs: the measured noise that the
notebooks' assertions must allow for.
"""
import argparse, json, os, sys, time
from pathlib import Path


def text_outputs(cell):
    "The text a cell printed or displayed (stream text and text/plain results)."
    parts = []
    for o in cell.get('outputs', []):
        if o.get('output_type') == 'stream': parts.append(''.join(o.get('text', '')))
        elif 'data' in o and 'text/plain' in o['data'] and 'image/png' not in o['data']:
            parts.append(''.join(o['data']['text/plain']))
    return '\n'.join(l for l in '\n'.join(parts).splitlines() if not l.startswith('<Figure size'))


def run_notebook(path, flags, precision=None):
    from execnb.shell import CaptureShell
    from fastcore.xtras import working_directory
    from nbdev.process import NBProcessor
    from nbdev.frontmatter import FrontmatterProc
    skip = {'slow', 'gpu'} - set(flags)
    nb = NBProcessor(path, procs=FrontmatterProc, process=True).nb

    def no_eval(cell):                       # the same rule as nbdev.test.test_nb
        if cell.cell_type != 'code' or 'nbdev_export(' in cell.source: return True
        directives = getattr(cell, 'directives_', {}) or {}
        if directives.get('eval:', [''])[0].lower() == 'false': return True
        return bool(skip & directives.keys())

    shell, cells, t0 = CaptureShell(path), [], time.time()
    # tables printed whole, as Jupyter shows them; with --precision, to more digits than the notebook prints
    shell.run_cell("import pandas as _pd, numpy as _np; _pd.set_option('display.max_columns', 40); "
                   "_pd.set_option('display.width', 250)"
                   + (f"; _pd.set_option('display.precision', {precision}); _np.set_printoptions(precision={precision})"
                      if precision else ''))
    with working_directory(path.parent):
        for i, cell in enumerate(nb.cells):
            if no_eval(cell): continue
            shell.exc = None
            shell.cell(cell)
            error = None
            if shell.exc is not None: error = f"{type(shell.exc).__name__}: {shell.exc}"[:2000]
            cells.append(dict(index=i, source=cell.source, text=text_outputs(cell), error=error))
    return dict(seconds=round(time.time() - t0, 1), cells=cells)


def cpu_path():
    import torch
    return dict(capability=torch.backends.cpu.get_cpu_capability(), threads=torch.get_num_threads(),
                env={k: os.environ.get(k) for k in ('ATEN_CPU_CAPABILITY', 'ONEDNN_MAX_CPU_ISA', 'OMP_NUM_THREADS',
                                                     'NUMBA_NUM_THREADS')})


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument('notebooks', nargs='+', type=Path)
    p.add_argument('--out', type=Path, required=True)
    p.add_argument('--flags', default='', help='space-separated test flags to run, e.g. "slow"')
    p.add_argument('--precision', type=int, help='print tables and arrays to this many digits (to measure noise)')
    a = p.parse_args()
    os.environ['IN_TEST'] = '1'
    result = dict(cpu=cpu_path(), notebooks={})
    for path in a.notebooks:
        r = run_notebook(path.resolve(), a.flags.split(), a.precision)
        result['notebooks'][str(path)] = r
        failed = [c['index'] for c in r['cells'] if c['error']]
        print(f"{path}: {r['seconds']} s, failing cells {failed or 'none'}", flush=True)
        a.out.write_text(json.dumps(result, indent=1))
    sys.exit(1 if any(c['error'] for r in result['notebooks'].values() for c in r['cells']) else 0)


if __name__ == '__main__':
    main()
