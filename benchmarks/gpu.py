"""One command for a machine with a GPU: check the fast path, measure it, then train protocol-length seeds in a budget.

    python benchmarks/gpu.py --out gpu_run --budget 480            # on the GPU machine, 8 minutes in all
    python benchmarks/gpu.py --out gpu_run --budget 480 --resume   # a later machine goes on where the last one stopped
    python benchmarks/gpu.py --out /tmp/rehearsal --tiny           # the same path on a CPU at tiny sizes (a test)

1. Parity: `fit` with the compiled fast path against eager for `--check-steps` steps, same seed and batches. Their
   logged total losses must agree within `--rtol` (relative); if they do not, training below runs eager.
2. Speed: steps/s of one model (`fit`), and model-steps/s of K = `--k` seeds batched (`fit_many`).
3. Training: the journal's settings (β = 1 σ = 0.2, β = 1 iid, β = 2 σ = 0.2) × `--seeds`, `--steps` each, batched as
   one model in a child process that is stopped when the budget runs out. Checkpoints every
   `--checkpoint-every` steps, so a cut run leaves resumable state (`--resume`). Each model lands in
   OUT/models/<setting>_seed<S>.
Everything measured goes to OUT/summary.json, written after each stage.
"""
import argparse, json, math, subprocess, sys, time, warnings
from pathlib import Path
import torch
from vae_probe.train import fit, fit_many, resolve_device
from vae_probe.data import make_sampler
from train_speed import fit_speed, fit_many_speed          # benchmarks/ is on the path: run as a script

SETTINGS = {'beta1_sigma0.2': (1.0, 0.2), 'beta1_iid': (1.0, math.inf), 'beta2_sigma0.2': (2.0, 0.2)}


def write_summary(out, summary):
    tmp = out / 'summary.json.tmp'
    tmp.write_text(json.dumps(summary, indent=1, default=str)); tmp.replace(out / 'summary.json')


def parity(device, steps, rtol):
    "Compiled against eager over `steps`: the largest relative gap between their logged total losses."
    common = dict(steps=steps, log_every=max(1, steps // 10), checkpoint_every=10 * steps, progress=False,
                  device=device, seed=0)
    with warnings.catch_warnings():
        warnings.simplefilter('ignore')
        eager = fit('beta_vae', compile=False, **common).training_log
        compiled = fit('beta_vae', compile=True, **common).training_log
    gaps = [abs(a['total'] - b['total']) / abs(a['total']) for a, b in zip(eager, compiled)]
    return dict(steps=steps, rows=len(gaps), max_rel_gap=max(gaps), rtol=rtol, ok=max(gaps) <= rtol,
                eager_total=[r['total'] for r in eager], compiled_total=[r['total'] for r in compiled])


def speed(device, steps, k, compile):
    "steps/s of one model and model-steps/s of k batched, each over its second logged window."
    return dict(one_model_steps_per_s=fit_speed(device, steps, compile=compile), k=k,
                batched_model_steps_per_s=fit_many_speed(device, steps, k, compile=compile))


def queue(seeds):
    return [(name, beta, sigma, s) for s in seeds for name, (beta, sigma) in SETTINGS.items()]


def train_child(job):
    "Runs in the child process: the whole queue as one batched model, resumed from its checkpoints if there are any."
    device = resolve_device(job['device'])
    specs = [dict(kind='beta_vae', seed=s, beta=b) for _, b, _, s in job['queue']]
    samplers = [make_sampler([('posX', 'posY')] if math.isfinite(sg) else None, sg, device=device)
                for _, _, sg, _ in job['queue']]
    out_dirs = [Path(job['out']) / 'models' / f'{n}_seed{s}' for n, _, _, s in job['queue']]
    resume = all((o / 'checkpoints').is_dir() for o in out_dirs)
    fit_many(specs, samplers=samplers, out_dirs=out_dirs, steps=job['steps'], device=device, compile=job['compile'],
             checkpoint_every=job['checkpoint_every'], log_every=job['log_every'], resume=resume, progress=False,
             provenance=dict(command='python benchmarks/gpu.py ' + ' '.join(job['argv'])))


def train(out, args, compile, seconds):
    "Train the queue in a child process stopped after `seconds`; what each model reached, from its log."
    job = dict(queue=queue(args.seeds), device=args.device, out=str(out), steps=args.steps, compile=compile,
               checkpoint_every=args.checkpoint_every, log_every=args.log_every, argv=sys.argv[1:])
    t0, finished = time.perf_counter(), True
    child = subprocess.Popen([sys.executable, __file__, '--out', str(out), '--child', json.dumps(job)])
    try: child.wait(timeout=max(1.0, seconds))
    except subprocess.TimeoutExpired:
        child.terminate(); child.wait(); finished = False
    if finished and child.returncode != 0: raise SystemExit(f"training failed (exit {child.returncode})")
    reached = {}
    for name, _, _, s in job['queue']:
        log = out / 'models' / f'{name}_seed{s}' / 'log.jsonl'
        rows = [json.loads(l) for l in log.read_text().splitlines() if l.strip()] if log.exists() else []
        reached[f'{name}_seed{s}'] = rows[-1]['step'] if rows else 0
    return dict(seconds=round(time.perf_counter() - t0, 1), finished=finished, steps_reached=reached,
                models=len(job['queue']), steps_each=args.steps)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('--out', type=Path, required=True)
    ap.add_argument('--budget', type=float, default=480, help='seconds for the whole command')
    ap.add_argument('--device', default='cuda' if torch.cuda.is_available() else 'cpu')
    ap.add_argument('--steps', type=int, default=300_000, help='training steps of each model')
    ap.add_argument('--seeds', type=lambda s: [int(x) for x in s.split(',')], default=list(range(6)))
    ap.add_argument('--check-steps', type=int, default=300)
    ap.add_argument('--rtol', type=float, default=0.02)
    ap.add_argument('--speed-steps', type=int, default=200)
    ap.add_argument('--k', type=int, default=16)
    ap.add_argument('--checkpoint-every', type=int, default=5_000)
    ap.add_argument('--log-every', type=int, default=500)
    ap.add_argument('--resume', action='store_true', help='go on training the models already in OUT')
    ap.add_argument('--tiny', action='store_true', help='a rehearsal: tiny sizes (for a CPU)')
    ap.add_argument('--child', help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child: return train_child(json.loads(args.child))
    if args.tiny:
        args.steps, args.check_steps, args.speed_steps, args.k, args.seeds = 40, 20, 10, 2, [0]
        args.checkpoint_every, args.log_every = 20, 10
    t0 = time.perf_counter()
    args.out.mkdir(parents=True, exist_ok=True)
    if (args.out / 'models').exists() and not args.resume:
        raise SystemExit(f"{args.out} already holds models: pass --resume to go on training them, or another --out")
    device = resolve_device(args.device)
    summary = dict(device=torch.cuda.get_device_name(device) if device.type == 'cuda' else 'cpu',
                   torch=torch.__version__, budget_s=args.budget, argv=sys.argv[1:])
    summary['parity'] = parity(device, args.check_steps, args.rtol); write_summary(args.out, summary)
    compile = summary['parity']['ok'] and device.type == 'cuda'       # fit's own rule: compiled on a GPU only
    print(f"parity: compiled vs eager over {args.check_steps} steps, largest relative gap "
          f"{summary['parity']['max_rel_gap']:.2e} ({'ok' if summary['parity']['ok'] else 'too large'}); "
          f"training {'compiled' if compile else 'eager'}", flush=True)
    summary['speed'] = speed(device, args.speed_steps, args.k, compile); write_summary(args.out, summary)
    print(f"speed: {summary['speed']}", flush=True)
    left = args.budget - (time.perf_counter() - t0)
    summary['training'] = train(args.out, args, compile, left); write_summary(args.out, summary)
    print(f"training: {summary['training']}", flush=True)


if __name__ == '__main__':
    main()
