"""Wall time of the main job, in one run on this machine: `vae_probe_probe` on the shipped model at the default sizes,
section by section, for this tree and for an earlier commit (`--baseline`, default HEAD, checked out in a temporary
worktree and run with the same Python), alternating so that both see the same machine; then `vae_probe_demo`
(the README's first command, after install) for this tree.

Usage: python benchmarks/report.py [--model models/beta1_sigma0.2] [--baseline REF] [--repeats 2]
"""
import argparse, json, os, platform, subprocess, sys, tempfile, time
from pathlib import Path
import torch

ROOT = Path(__file__).resolve().parent.parent
# run as a script: fastcore's call_parse reads sys.argv only when its caller is __main__
PROBE = "from vae_probe.report import probe_cli\nif __name__ == '__main__': probe_cli()\n"

def timed(cmd, cwd, src=None):
    env = {**os.environ, **({'PYTHONPATH': str(src)} if src else {})}
    t0 = time.perf_counter()
    done = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, env=env)
    if done.returncode: sys.exit(f"{' '.join(cmd)} failed:\n{done.stderr[-2000:]}")
    return time.perf_counter() - t0

def probe(src, model, out):
    "Seconds of one `vae_probe_probe` run of the package in `src`, and its report's per-section seconds."
    script = out.parent / 'probe_main.py'
    script.write_text(PROBE)
    took = timed([sys.executable, str(script), model, '--out', str(out)], out.parent, src)
    return took, json.loads((out / 'report.json').read_text())['seconds']

def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('--model', default=str(ROOT / 'models' / 'beta1_sigma0.2'))
    ap.add_argument('--baseline', default='HEAD', help='the commit to compare with')
    ap.add_argument('--repeats', type=int, default=2)
    args = ap.parse_args()
    print(f"machine: {platform.machine()} {platform.processor() or ''}, {os.cpu_count()} cores, "
          f"torch {torch.__version__} ({torch.get_num_threads()} threads)")
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        base = tmp / 'baseline'
        subprocess.run(['git', 'worktree', 'add', '--detach', str(base), args.baseline], cwd=ROOT, check=True,
                       capture_output=True)
        try:
            runs = {'baseline': [], 'this tree': []}
            for r in range(args.repeats):
                for name, src in (('baseline', base), ('this tree', ROOT)):
                    runs[name].append(probe(src, args.model, tmp / f'{name.replace(" ", "_")}{r}'))
        finally:
            subprocess.run(['git', 'worktree', 'remove', '--force', str(base)], cwd=ROOT, capture_output=True)
        best = {name: min(rs, key=lambda t: t[0]) for name, rs in runs.items()}
        for name, (took, seconds) in best.items():
            print(f"vae_probe_probe {Path(args.model).name}, {name} ({args.baseline if name == 'baseline' else 'work'}"
                  f"): {took:.0f} s, best of {args.repeats}; sections: "
                  + ', '.join(f"{k} {v:.1f}" for k, v in seconds.items()))
        print(f"this tree / baseline: {best['this tree'][0] / best['baseline'][0]:.2f}× the time")
        demo = timed(['vae_probe_demo', '--out', str(tmp / 'demo')], tmp)
    print(f"vae_probe_demo (this tree): {demo:.0f} s")

if __name__ == '__main__': main()
