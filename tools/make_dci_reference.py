"""Parity-mode DCI of `synthetic_codes`' four kinds at the protocol sizes, for 05_metrics' fast-mode test.

Not run by CI (about 6 minutes a kind on one core). Parity mode is sklearn's GradientBoostingClassifier() with
disentanglement_lib's settings, checked against disentanglement_lib itself in 05 (tools/make_metrics_reference.py).

    python tools/make_dci_reference.py
"""
import json, time, platform
from pathlib import Path
import sklearn
from vae_probe.fixtures import CODE_KINDS, synthetic_codes
from vae_probe.metrics import dci

OUT = Path(__file__).resolve().parent.parent / 'nbs' / 'fixtures' / 'dci_parity' / 'reference.json'

def main():
    out = dict(sklearn=sklearn.__version__, python=platform.python_version(),
               machine=platform.processor() or platform.machine(),
               note='dci(mode="parity", n_jobs=1) on synthetic_codes(kind) with its defaults (10,000 / 5,000, seed 0); '
                    'seconds: wall time on a shared machine (not a benchmark: benchmarks/metrics.py times both modes)')
    for kind in CODE_KINDS:
        t0 = time.perf_counter()
        out[kind] = dict(dci=dci(*synthetic_codes(kind), mode='parity', n_jobs=1), seconds=time.perf_counter() - t0)
        print(kind, out[kind], flush=True)
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(out, indent=1))

if __name__ == '__main__': main()
