"""Data-path speed, in one run on this machine: (a) sample + render a batch, (b) index a pre-rendered uint8 grid,
(c) pre-render all 737,280 images (time and memory). Prints images/s and the ratios.

Usage: python benchmarks/data.py [--device cpu|cuda] [--batch 64] [--seconds 3]
"""
import argparse, time, resource
import torch
from vae_probe.data import CorrelatedSampler, ProceduralDSprites, BatchStream, DSPRITES, sprite_templates

def rate(fn, seconds, batch, device):
    fn()                                                   # warm-up (template cache, allocator)
    n, t0 = 0, time.perf_counter()
    while time.perf_counter() - t0 < seconds:
        fn(); n += 1
    if device.type == 'cuda': torch.cuda.synchronize()
    dt = (time.perf_counter() - t0) / n
    return dt, batch / dt

def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('--device', default='cuda' if torch.cuda.is_available() else 'cpu')
    ap.add_argument('--batch', type=int, default=64)
    ap.add_argument('--seconds', type=float, default=3.0)
    args = ap.parse_args()
    device = torch.device(args.device)
    print(f"device {device}, torch {torch.__version__}, {torch.get_num_threads()} threads, batch {args.batch}")

    t0 = time.perf_counter(); sprite_templates(device)
    print(f"template cache (720 sprites): {time.perf_counter() - t0:.2f} s, once per device")
    stream = BatchStream(CorrelatedSampler(sigma=0.2, device=device), batch_size=args.batch, seed=0)
    dt_a, ips_a = rate(lambda: next(stream), args.seconds, args.batch, device)
    print(f"(a) sample + render        : {dt_a * 1e3:7.3f} ms/batch  {ips_a:12,.0f} images/s")

    rss0 = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    t0 = time.perf_counter(); source = ProceduralDSprites(device).prerender()
    if device.type == 'cuda': torch.cuda.synchronize()
    dt_full = time.perf_counter() - t0
    mem = source.all_images.numel() * source.all_images.element_size()
    pre = BatchStream(CorrelatedSampler(sigma=0.2, device=device), batch_size=args.batch, seed=0, source=source)
    dt_b, ips_b = rate(lambda: next(pre), args.seconds, args.batch, device)
    print(f"(b) sample + index prerender: {dt_b * 1e3:7.3f} ms/batch  {ips_b:12,.0f} images/s")
    print(f"(c) pre-render {DSPRITES.n:,} images: {dt_full:.1f} s ({DSPRITES.n / dt_full:,.0f} images/s), "
          f"{mem / 2**30:.2f} GiB tensor (process peak RSS grew "
          f"{(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - rss0) / 2**20:.2f} GiB)")
    per_image = (dt_full / DSPRITES.n) / (dt_a / args.batch)
    print(f"ratio (a)/(b) time per batch: {dt_a / dt_b:.2f}x; (c)/(a) per image: {per_image:.2f}x")
    met = 'met' if dt_a * 64 / args.batch <= 6e-3 else 'NOT met'
    print(f"target: (a) <= 6 ms per batch of 64 (5% of a ~120 ms CPU training step): {met}")

if __name__ == '__main__': main()
