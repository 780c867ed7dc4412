"""Training throughput, in one run on one device: (a) a typical peer loop — a pre-rendered uint8 dSprites in a
DataLoader (shuffle, batch 64), eager model, torch.optim.Adam; (b) vae_probe's `fit`, one model; (c) `fit_many`,
K models batched. Prints steps/s (model-steps/s for K), the ratios to (a), and the data share of (b)'s step.

Usage: python benchmarks/train_speed.py [--device cpu|cuda] [--steps 200] [--ks 4,16] [--compile]
"""
import argparse, time
import torch
from vae_probe.data import DSPRITES, ProceduralDSprites, BatchStream, IIDSampler
from vae_probe.model import make_model
from vae_probe.train import fit, fit_many

def sync(device):
    if device.type == 'cuda': torch.cuda.synchronize()

def peer_loop(device, steps, batch):
    "The usual way: a pre-rendered uint8 tensor in a DataLoader, images moved to the device each step."
    images = ProceduralDSprites('cpu').prerender().all_images                      # 737,280 × 64 × 64 uint8
    loader = torch.utils.data.DataLoader(torch.utils.data.TensorDataset(images), batch_size=batch, shuffle=True, drop_last=True)
    model = make_model('beta_vae').to(device); opt = torch.optim.Adam(model.parameters(), lr=1e-4)
    it, t0 = iter(loader), None
    for i in range(steps + 10):
        if i == 10: sync(device); t0 = time.perf_counter()
        (x,) = next(it)
        x = x[:, None].to(device).float()
        out = model.loss(x); opt.zero_grad(); out['total'].backward(); opt.step()
        out['total'].item()                                                          # the usual per-step logging sync
    sync(device)
    return steps / (time.perf_counter() - t0)

def timed(fn, device):
    sync(device); t0 = time.perf_counter(); fn(); sync(device); return time.perf_counter() - t0

def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('--device', default='cuda' if torch.cuda.is_available() else 'cpu')
    ap.add_argument('--steps', type=int, default=200)
    ap.add_argument('--ks', default='4,16')
    ap.add_argument('--compile', action='store_true', help='use the compiled fast path for (b) and (c)')
    args = ap.parse_args()
    device, steps = torch.device(args.device), args.steps
    name = torch.cuda.get_device_name(device) if device.type == 'cuda' else f"CPU, {torch.get_num_threads()} threads"
    print(f"device: {name}; torch {torch.__version__}; {steps} timed steps, batch 64")
    a = peer_loop(device, steps, 64)
    print(f"(a) peer loop (DataLoader + eager + Adam): {a:8.1f} steps/s")
    # steady state: the second of two logged windows (set-up, warm-up and compilation fall in the first)
    kw = dict(batch_size=64, log_every=steps, checkpoint_every=10 * steps, progress=False, device=device, compile=args.compile or None)
    b = fit('beta_vae', steps=2 * steps, **kw).training_log[-1]['steps_per_s']
    print(f"(b) vae_probe fit, one model            : {b:8.1f} steps/s   ({b / a:.2f}x of (a))")
    stream = BatchStream(IIDSampler(device=device), 64)
    data = timed(lambda: [next(stream) for _ in range(steps)], device) / steps
    print(f"    data (sample + render) per step      : {data * 1e3:8.3f} ms = {data * b:.1%} of (b)'s step")
    for k in [int(k) for k in args.ks.split(',') if k]:
        specs = [dict(kind='beta_vae', seed=i) for i in range(k)]
        c = k * fit_many(specs, steps=2 * steps, **kw)[0].training_log[-1]['steps_per_s']
        print(f"(c) fit_many, K = {k:2d}                    : {c:8.1f} model-steps/s ({c / a:.2f}x of (a), {c / b:.2f}x of (b))")
    if device.type == 'cuda':
        print(f"300k protocol steps at (b): {300_000 / b / 60:.1f} min")

if __name__ == '__main__': main()
