"""DCI fast mode against parity mode (sklearn's GradientBoostingClassifier, disentanglement_lib's estimator), in one
run on the same codes: the seconds of each (fast repeated around the parity run, median), their ratio, and the largest
difference in the four DCI numbers. Then the whole `metrics_report` in fast mode on a shipped model.

Codes: `synthetic_codes(kind)` (10,000 train / 5,000 test, 10 dims × 5 dSprites factors; kinds aligned, partial,
rotated, noise) and/or `model`: nbs/fixtures/metrics_parity/codes.npz, the β=1 σ=0.2 model's own codes, whose
disentanglement_lib values are in reference.json beside it.

Usage: python benchmarks/metrics.py [--kinds aligned|all|model,...] [--repeats 3] [--skip-parity] [--model PATH]
"""
import argparse, json, os, platform, statistics, time
from pathlib import Path
import numpy as np
from vae_probe.fixtures import CODE_KINDS, synthetic_codes
from vae_probe.metrics import dci, metrics_report, report_table
from vae_probe.model import load

ROOT = Path(__file__).resolve().parent.parent

def codes(kind):
    if kind != 'model': return synthetic_codes(kind), None
    fx = np.load(ROOT / 'nbs' / 'fixtures' / 'metrics_parity' / 'codes.npz')
    ref = json.loads((ROOT / 'nbs' / 'fixtures' / 'metrics_parity' / 'reference.json').read_text())['full']['dci']
    return (fx['mus_train'], fx['ys_train'].astype(np.int64), fx['mus_test'], fx['ys_test'].astype(np.int64)), ref

def timed(arrays, mode):
    t0 = time.perf_counter(); res = dci(*arrays, mode=mode); return time.perf_counter() - t0, res

def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('--kinds', default='aligned', help='aligned, partial, rotated, noise, model (comma-separated), all')
    ap.add_argument('--repeats', type=int, default=3, help='fast-mode runs, spread around the parity run')
    ap.add_argument('--skip-parity', action='store_true', help='skip the (minutes-long) parity-mode DCI')
    ap.add_argument('--model', default=str(ROOT / 'models' / 'beta1_sigma0.2' / 'model.safetensors'))
    args = ap.parse_args()
    kinds = list(CODE_KINDS) + ['model'] if args.kinds == 'all' else args.kinds.split(',')
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores; DCI on 10,000 / 5,000 codes, 10 dims × 5 factors")
    dci(*synthetic_codes('aligned', 300, 100), mode='fast')                  # compile (or load numba's cache) first
    for kind in kinds:
        arrays, dlib = codes(kind)
        fast = [timed(arrays, 'fast')]
        parity = None if args.skip_parity else timed(arrays, 'parity')
        fast += [timed(arrays, 'fast') for _ in range(args.repeats - 1)]
        t_fast, r_fast = statistics.median(t for t, _ in fast), fast[0][1]
        line = f"{kind:8s} fast {t_fast:6.1f} s (median of {len(fast)})"
        if parity:
            t_par, r_par = parity
            gap = max(abs(r_fast[k] - r_par[k]) for k in r_par)
            line += f"   parity {t_par:6.1f} s   parity/fast {t_par / t_fast:5.1f}x   max |fast - parity| {gap:.4f}"
        if dlib: line += f"   max |fast - disentanglement_lib| {max(abs(r_fast[k] - dlib[k]) for k in dlib):.4f}"
        print(line, flush=True)
        print('         fast: ' + '  '.join(f"{k}={v:.4f}" for k, v in r_fast.items()))
    model = load(args.model)
    rep = metrics_report(model, mode='fast', progress=False)
    print(report_table(rep).round(4).to_string())
    print(f"metrics_report (fast) on {Path(args.model).parent.name}: {rep['total_seconds']:.1f} s in all "
          f"(encode {rep['encode_seconds']:.1f} s)")

if __name__ == '__main__': main()
