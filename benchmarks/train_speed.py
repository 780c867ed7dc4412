"""Training throughput on this machine, each number against a baseline measured in the same run.

(a) baseline: a plain fp32 eager loop of the same model — batches from the same BatchStream, `model.loss`, backward,
    torch.optim.Adam, one `.item()` a step;
(a') the same loop after `fewer_page_faults()` (glibc mallopt, which `vae_probe_train` applies on a CPU);
(b) `fit` with its defaults, after that setting (as `vae_probe_train` runs it); (c) `fit(precision='bf16')`: bf16
    autocast (emulated, and so slow, on a CPU without AVX-512 BF16/AMX — then run for a few steps only);
(a)-(c) are timed in interleaved repeats, each in a fresh process (the allocator setting is per process), and
compared by their medians. Then, for several seeds on a CPU:
(d) one process with all threads training one model, (e) `fit_many` K = 2 batched in one process, (f) two
    single-thread processes side by side (what `vae_probe_train --seeds 0,1` does on a CPU): model-steps/s.

Usage: python benchmarks/train_speed.py [--steps 100] [--repeats 3] [--device cpu|cuda] [--skip-seeds]
"""
import argparse, platform, statistics, subprocess, sys, time, warnings
import torch
from vae_probe.data import BatchStream, IIDSampler
from vae_probe.model import make_model
from vae_probe.train import fewer_page_faults, fit, fit_many, native_bf16

def sync(device):
    if device.type == 'cuda': torch.cuda.synchronize()

def plain_loop(device, steps, warm=10):
    "steps/s of the plain loop, after `warm` untimed steps."
    torch.manual_seed(0)
    model = make_model('beta_vae').to(device); opt = torch.optim.Adam(model.parameters(), lr=1e-4)
    stream = BatchStream(IIDSampler(device=device), 64)
    for i in range(warm + steps):
        if i == warm: sync(device); t0 = time.perf_counter()
        x = next(stream)[0]
        out = model.loss(x); opt.zero_grad(); out['total'].backward(); opt.step(); out['total'].item()
    sync(device)
    return steps / (time.perf_counter() - t0)

def fit_speed(device, steps, **kw):
    "steps/s of `fit` over its second logged window (set-up and warm-up fall in the first)."
    with warnings.catch_warnings():
        warnings.simplefilter('ignore')
        m = fit('beta_vae', steps=2 * steps, log_every=steps, checkpoint_every=10 * steps, progress=False,
                device=device, **kw)
    return m.training_log[-1]['steps_per_s']

def fit_many_speed(device, steps, k, **kw):
    "model-steps/s of `fit_many` training k models batched, over its second logged window."
    with warnings.catch_warnings():
        warnings.simplefilter('ignore')
        ms = fit_many([dict(kind='beta_vae', seed=s) for s in range(k)], steps=2 * steps, log_every=steps,
                      checkpoint_every=10 * steps, progress=False, device=device, **kw)
    return k * ms[0].training_log[-1]['steps_per_s']

def one_measurement(kind, device, steps):
    "steps/s of one of (a)-(c), run in this (fresh) process."
    if kind == 'plain': return plain_loop(device, steps)
    if device.type == 'cpu' and kind != 'plain' and not fewer_page_faults(): return float('nan')
    if kind == 'plain_mallopt': return plain_loop(device, steps)
    return fit_speed(device, steps, precision='bf16' if kind == 'bf16' else 'fp32')

def in_fresh_process(kind, device, steps):
    out = subprocess.run([sys.executable, __file__, '--child', kind, '--device', str(device), '--steps', str(steps)],
                         capture_output=True, text=True, check=True).stdout
    return float(out.split()[-1])

CHILD = ("import sys, torch; torch.set_num_threads(1); from vae_probe.train import fit, fewer_page_faults; "
         "fewer_page_faults(); "
         "s = int(sys.argv[1]); m = fit('beta_vae', steps=2 * s, log_every=s, checkpoint_every=10 * s, progress=False, "
         "device='cpu', seed=int(sys.argv[2])); print(m.training_log[-1]['steps_per_s'])")

def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('--device', default='cuda' if torch.cuda.is_available() else 'cpu')
    ap.add_argument('--steps', type=int, default=100)
    ap.add_argument('--repeats', type=int, default=3)
    ap.add_argument('--skip-seeds', action='store_true', help='skip (d)-(f)')
    ap.add_argument('--child', help=argparse.SUPPRESS)
    args = ap.parse_args()
    device, steps = torch.device(args.device), args.steps
    if args.child: print(one_measurement(args.child, device, steps)); return
    name = torch.cuda.get_device_name(device) if device.type == 'cuda' else \
        f"CPU {platform.processor() or platform.machine()}, {torch.get_num_threads()} threads"
    native = native_bf16(device)
    isa = torch.backends.cpu.get_cpu_capability() if device.type == 'cpu' else 'cuda'
    print(f"device: {name} ({isa}, native bf16: {native}); torch {torch.__version__}; batch 64; "
          f"{args.repeats} interleaved repeats, medians")
    bf16_steps = steps if native else max(10, steps // 10)
    kinds = {'(a) plain fp32 loop': ('plain', steps), "(a') plain + mallopt": ('plain_mallopt', steps),
             '(b) fit, defaults (+ mallopt)': ('fit', steps), '(c) fit, bf16': ('bf16', bf16_steps)}
    runs = {label: [] for label in kinds}
    for _ in range(args.repeats):
        for label, (kind, n) in kinds.items(): runs[label].append(in_fresh_process(kind, device, n))
    base = statistics.median(runs['(a) plain fp32 loop'])
    for label, v in runs.items():
        med = statistics.median(v)
        print(f"{label:22s}: {med:7.2f} steps/s = {1e3 / med:6.1f} ms/step   {med / base:5.2f}x of (a)   "
              f"(repeats: {', '.join(f'{x:.2f}' for x in v)})")
    if args.skip_seeds or device.type != 'cpu': return
    fewer_page_faults()                                     # (d)-(f) as the training commands run them
    one = fit_speed(device, steps)
    batched = fit_many_speed(device, steps, 2)
    procs = [subprocess.Popen([sys.executable, '-c', CHILD, str(steps), str(s)], stdout=subprocess.PIPE, text=True)
             for s in (0, 1)]
    separate = sum(float(p.communicate()[0].split()[-1]) for p in procs)
    print(f"(d) one process, {torch.get_num_threads()} threads, one model: {one:7.2f} model-steps/s")
    print(f"(e) fit_many K = 2, one process   : {batched:7.2f} model-steps/s   {batched / one:5.2f}x of (d)")
    print(f"(f) 2 single-thread processes      : {separate:7.2f} model-steps/s   {separate / one:5.2f}x of (d)")

if __name__ == '__main__': main()
