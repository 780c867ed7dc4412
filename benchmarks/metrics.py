"""DCI parity vs fast mode, in one run on the same codes: seconds and agreement; then the whole `metrics_report` in fast
mode on a shipped model.

The codes are nbs/fixtures/metrics_parity/codes.npz (10,000 train / 5,000 test codes of the β=1 σ=0.2 model, 10 dims ×
5 dSprites factors); disentanglement_lib's own values on them are in reference.json beside it.

Usage: python benchmarks/metrics.py [--skip-parity] [--model models/beta1_sigma0.2/model.safetensors]
"""
import argparse, json, time
from pathlib import Path
import numpy as np
from vae_probe.responsibilities import dci, metrics_report, report_table
from vae_probe.model import load

ROOT = Path(__file__).resolve().parent.parent

def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('--skip-parity', action='store_true', help='skip the (minutes-long) parity-mode DCI')
    ap.add_argument('--model', default=str(ROOT / 'models' / 'beta1_sigma0.2' / 'model.safetensors'))
    args = ap.parse_args()
    fx = np.load(ROOT / 'nbs' / 'fixtures' / 'metrics_parity' / 'codes.npz')
    ref = json.loads((ROOT / 'nbs' / 'fixtures' / 'metrics_parity' / 'reference.json').read_text())['full']['dci']
    arrays = (fx['mus_train'], fx['ys_train'].astype(np.int64), fx['mus_test'], fx['ys_test'].astype(np.int64))
    rows = {}
    for mode in (['fast'] if args.skip_parity else ['parity', 'fast']):
        t0 = time.perf_counter(); res = dci(*arrays, mode=mode); rows[mode] = (time.perf_counter() - t0, res)
        print(f"DCI {mode:6s} 10,000/5,000: {rows[mode][0]:7.1f} s  " + '  '.join(f"{k}={v:.4f}" for k, v in res.items()), flush=True)
    print('disentanglement_lib reference: ' + '  '.join(f"{k}={v:.4f}" for k, v in ref.items()))
    if 'parity' in rows:
        (tp, rp), (tf, rf) = rows['parity'], rows['fast']
        print(f"speed-up fast vs parity: {tp / tf:.1f}x; max |fast - parity| = {max(abs(rf[k] - rp[k]) for k in rp):.4f}; "
              f"max |parity - disentanglement_lib| = {max(abs(rp[k] - ref[k]) for k in ref):.4f}")
    print(f"max |fast - disentanglement_lib| = {max(abs(rows['fast'][1][k] - ref[k]) for k in ref):.4f}")
    model = load(args.model)
    rep = metrics_report(model, mode='fast', progress=False)
    print(report_table(rep).round(4).to_string())
    print(f"metrics_report (fast) on {Path(args.model).parent.name}: {rep['total_seconds']:.1f} s in all "
          f"(encode {rep['encode_seconds']:.1f} s)")

if __name__ == '__main__': main()
