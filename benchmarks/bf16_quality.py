"""Does bf16 autocast train the protocol's model as well as fp32? The quality study behind the choice of precision.

Trains β = 1 on iid dSprites for --steps (5,000) with each of --seeds (0,1,2), once in fp32 and once in bf16, with
`vae_probe_train` (on a CPU one single-thread process per core), then scores every model on one held-out set
(08's `heldout_losses`: 2,000 iid images and fixed noise, the same for every model).

A seed fixes the initial weights, the batches and the noise, so fp32 and bf16 of one seed differ only by the
precision: the study compares that paired difference with what changing the seed does to fp32 (its seed-to-seed
standard deviation). bf16 counts as equal when, for held-out recon and for KL, every seed's |bf16 − fp32| is smaller
than fp32's seed-to-seed standard deviation. Writes OUT/summary.json; rerun the same command to resume a cut run.

Usage: python benchmarks/bf16_quality.py --out benchmarks/results/bf16_quality [--steps 5000] [--seeds 0,1,2]
"""
import argparse, json, platform, statistics, subprocess, time
from pathlib import Path
import torch
from vae_probe.compare import heldout_losses
from vae_probe.model import load
from vae_probe.train import native_bf16

PRECISIONS = ('fp32', 'bf16')

def train(out, precision, steps, seeds):
    "Train (or finish) every seed of one precision under out/precision/seed_S."
    folder = out / precision
    if all((folder / f'seed_{s}' / 'model.safetensors').exists() for s in seeds): return
    cmd = ['vae_probe_train', '--kind', 'beta_vae', '--beta', '1', '--steps', str(steps),
           '--seeds', ','.join(map(str, seeds)), '--precision', precision, '--out', str(folder),
           '--checkpoint_every', '500', '--log_every', '250']
    if folder.exists(): cmd.append('--resume')
    t0 = time.perf_counter()
    subprocess.run(cmd, check=True)
    print(f"{precision}: trained in {time.perf_counter() - t0:.0f} s")

def verdict(rows, seeds):
    "Per measure: fp32's mean and seed-to-seed sd, bf16's mean, the paired differences, and whether they are smaller."
    out = {}
    for key in ('recon', 'kl'):
        fp32 = [rows['fp32'][s][key] for s in seeds]
        diffs = [rows['bf16'][s][key] - rows['fp32'][s][key] for s in seeds]
        sd = statistics.stdev(fp32)
        out[key] = dict(fp32_mean=statistics.fmean(fp32), fp32_seed_sd=sd,
                        bf16_mean=statistics.fmean(rows['bf16'][s][key] for s in seeds),
                        paired_diffs=diffs, equal=max(abs(d) for d in diffs) < sd)
    return out

def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('--out', required=True)
    ap.add_argument('--steps', type=int, default=5000)
    ap.add_argument('--seeds', default='0,1,2')
    args = ap.parse_args()
    seeds = [int(s) for s in args.seeds.split(',')]
    if len(seeds) < 2: raise SystemExit("--seeds: give at least two seeds (the study needs a seed-to-seed spread)")
    out = Path(args.out)
    if not native_bf16('cpu'):
        print("this CPU has no native bf16 (AVX-512 BF16 or AMX): bf16 would be emulated and is not a candidate here")
    for precision in PRECISIONS: train(out, precision, args.steps, seeds)
    rows = {p: {s: heldout_losses(load(out / p / f'seed_{s}' / 'model.safetensors')) for s in seeds}
            for p in PRECISIONS}
    summary = dict(cpu=platform.processor() or platform.machine(), native_bf16=native_bf16('cpu'),
                   isa=torch.backends.cpu.get_cpu_capability(), torch=torch.__version__, steps=args.steps,
                   seeds=seeds, heldout=dict(n=2000, sampler='iid', seed=0),
                   losses={p: {str(s): v for s, v in r.items()} for p, r in rows.items()},
                   verdict=verdict(rows, seeds))
    (out / 'summary.json').write_text(json.dumps(summary, indent=1))
    for key, v in summary['verdict'].items():
        print(f"{key:5s}: fp32 {v['fp32_mean']:.3f} (seed sd {v['fp32_seed_sd']:.3f}), bf16 {v['bf16_mean']:.3f}; "
              f"bf16 − fp32 per seed {', '.join(f'{d:+.3f}' for d in v['paired_diffs'])}: "
              f"{'within' if v['equal'] else 'NOT within'} the seed spread")

if __name__ == '__main__': main()
