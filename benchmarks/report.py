"""Wall time of the main job, in one run on this machine: `vae_probe_demo` (the README's first command, after install)
and `vae_probe_probe` on the shipped model at the default sizes, each section's share of the probe, and the work the
report saves by fitting the GBTs once (DCI from the report's own fit) against a separate DCI fit, measured in the same
run.

Usage: python benchmarks/report.py [--model models/beta1_sigma0.2]
"""
import argparse, json, os, platform, subprocess, sys, tempfile, time
from pathlib import Path
import torch

ROOT = Path(__file__).resolve().parent.parent

def timed(cmd, cwd):
    t0 = time.perf_counter()
    done = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True)
    if done.returncode: sys.exit(f"{' '.join(cmd)} failed:\n{done.stderr[-2000:]}")
    return time.perf_counter() - t0

def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('--model', default=str(ROOT / 'models' / 'beta1_sigma0.2'))
    args = ap.parse_args()
    print(f"machine: {platform.machine()} {platform.processor() or ''}, {os.cpu_count()} cores, "
          f"torch {torch.__version__} ({torch.get_num_threads()} threads)")
    with tempfile.TemporaryDirectory() as tmp:
        demo = timed(['vae_probe_demo', '--out', str(Path(tmp) / 'demo')], tmp)
        probe = timed(['vae_probe_probe', args.model, '--out', str(Path(tmp) / 'probe')], tmp)
        rep = json.loads((Path(tmp) / 'probe' / 'report.json').read_text())
    print(f"vae_probe_demo: {demo:.0f} s   vae_probe_probe {Path(args.model).name}: {probe:.0f} s")
    total = sum(rep['seconds'].values())
    print('probe sections: ' + ', '.join(f"{k} {v:.1f} s ({v / total:.0%})" for k, v in rep['seconds'].items()))

    from vae_probe.model import load
    from vae_probe.codes import encode
    from vae_probe.data import IIDSampler
    from vae_probe.metrics import dci
    from vae_probe.report import REPORT_SIZES
    m = load(Path(args.model) / 'model.safetensors')
    codes = encode(m, IIDSampler(), n=REPORT_SIZES['probe'], seed=0, progress=False)
    mu, y = codes.numpy(); ntr = 2 * len(mu) // 3                       # the report's split of its probe set
    t0 = time.perf_counter()
    dci(mu[:ntr], y[:ntr], mu[ntr:], y[ntr:], mode='fast'); separate = time.perf_counter() - t0
    print(f"a separate fast DCI fit at the metric sizes: {separate:.1f} s, which the report no longer spends "
          f"(its GBT section took {rep['seconds']['gbt']:.1f} s): the report is {(total + separate) / total:.2f}× "
          f"faster than with the duplicate fit")

if __name__ == '__main__': main()
