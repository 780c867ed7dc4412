"""Encoding throughput, in one run on one device: `encode` (rendering included) vs the encoder's bare forward pass on
pre-made tensors, vs a naive loop (render a batch on the host, move it to the device, encode, `.cpu().numpy()`,
concatenate); optionally the time to encode the whole 737,280-image grid.

Usage: python benchmarks/encode.py [--device cpu|cuda] [--n 8192] [--batch 1024] [--grid] [--model PATH]
"""
import argparse, time
import numpy as np
import torch
from vae_probe.data import DSPRITES, IIDSampler, render
from vae_probe.model import make_model, load
from vae_probe.codes import encode

def sync(device):
    if device.type == 'cuda': torch.cuda.synchronize()

def best_of(fn, device, repeats=3):
    times = []
    for _ in range(repeats):
        sync(device); t0 = time.perf_counter(); fn(); sync(device); times.append(time.perf_counter() - t0)
    return min(times)

def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('--device', default='cuda' if torch.cuda.is_available() else 'cpu')
    ap.add_argument('--n', type=int, default=8192)
    ap.add_argument('--batch', type=int, default=1024)
    ap.add_argument('--grid', action='store_true', help='also encode all 737,280 images')
    ap.add_argument('--model', default=None,
                    help='a vae_probe .safetensors (default: a freshly initialised Locatello model)')
    args = ap.parse_args()
    device = torch.device(args.device)
    model = (load(args.model) if args.model else make_model('beta_vae')).to(device).eval()
    classes = IIDSampler().sample(args.n, torch.Generator().manual_seed(0))
    images = render(classes).to(device)
    what = torch.cuda.get_device_name(device) if device.type == 'cuda' else f'{torch.get_num_threads()} threads'
    print(f"device {device} ({what}), n = {args.n}, batch {args.batch}")

    def bare():
        with torch.inference_mode():
            for i in range(0, args.n, args.batch): model.encode(images[i:i + args.batch])
    def ours(): encode(model, classes.to(device), batch_size=args.batch, progress=False)
    def naive():
        out = []
        with torch.no_grad():
            for i in range(0, args.n, args.batch):
                x = render(classes[i:i + args.batch]).to(device)
                out.append(model.encode(x)[0].cpu().numpy())
        return np.concatenate(out)
    ours(); bare(); naive()                                                          # warm-up
    t_bare, t_ours, t_naive = best_of(bare, device), best_of(ours, device), best_of(naive, device)
    for name, t in (('bare encoder forward (pre-made images)', t_bare), ('encode (renders on the device)', t_ours),
                    ('naive loop (host render, copy, .cpu())', t_naive)):
        print(f"{name:42s}: {args.n / t:10,.0f} images/s")
    print(f"encode / bare forward: {t_bare / t_ours:.2f}x   encode / naive loop: {t_naive / t_ours:.2f}x")
    if args.grid:
        t0 = time.perf_counter()
        codes = encode(model, 'grid', batch_size=args.batch, dtype=torch.float16); sync(device)
        dt = time.perf_counter() - t0
        print(f"full grid: {len(codes):,} images in {dt:.1f} s ({len(codes) / dt:,.0f} images/s)")

if __name__ == '__main__': main()
