"""Digests of weights and logs from small fixed-seed trainings, on a pinned CPU path, so that a change to the training
loop can be checked to give bit-identical results (02_train's "one loop" test).

The ISA is pinned (ATen, oneDNN and MKL held to AVX2, one thread), so any x86 CPU with AVX2 gives the same bits.
Usage: python tools/fit_reference.py            # print the digests as JSON
       python tools/fit_reference.py --write    # store them in nbs/fixtures/fit_reference.json
"""
import os, subprocess, sys
PINNED = dict(ATEN_CPU_CAPABILITY='avx2', DNNL_MAX_CPU_ISA='AVX2', MKL_CBWR='AVX2', MKL_ENABLE_INSTRUCTIONS='AVX2',
              OMP_NUM_THREADS='1', MKL_NUM_THREADS='1')
if any(os.environ.get(k) != v for k, v in PINNED.items()):         # re-run in a process with the pinned path
    r = subprocess.run([sys.executable, __file__, *sys.argv[1:]], env={**os.environ, **PINNED})
    sys.exit(r.returncode)

import hashlib, json, warnings
from pathlib import Path
import torch
from vae_probe.data import IIDSampler, CorrelatedSampler
from vae_probe.train import fit, fit_many

torch.set_num_threads(1)
SMALL = dict(batch_size=8, log_every=10, checkpoint_every=10, progress=False, device='cpu')
VOLATILE = ('time', 'steps_per_s')


def digest(model):
    "sha256 over the weights (sorted names, raw bytes) and over the log without its timings."
    h = hashlib.sha256()
    for name, t in sorted(model.state_dict().items()):
        h.update(name.encode()); h.update(t.detach().contiguous().numpy().tobytes())
    rows = [{k: v for k, v in r.items() if k not in VOLATILE} for r in model.training_log]
    return dict(weights=h.hexdigest()[:16], log=hashlib.sha256(json.dumps(rows).encode()).hexdigest()[:16])


def nan_at(step):
    "A step callback that poisons one bias at `step`, once: the run must roll back and go on at a lower lr."
    done = []
    def poison(event, s, model):
        if s == step and not done:
            done.append(s)
            with torch.no_grad(): model.decoder.dense.bias.fill_(float('nan'))
    return poison


def main():
    out = {}
    out['beta_vae'] = digest(fit('beta_vae', seed=3, steps=30, sampler=CorrelatedSampler(sigma=0.2), **SMALL))
    out['annealed_vae'] = digest(fit('annealed_vae', seed=0, steps=20, **SMALL))
    out['factor_vae'] = digest(fit('factor_vae', seed=0, steps=20, **SMALL))
    with warnings.catch_warnings():
        warnings.simplefilter('ignore')
        out['nan_rollback'] = digest(fit('beta_vae', seed=1, steps=30, callback=nan_at(15), **SMALL))
    specs = [dict(kind='beta_vae', seed=1, beta=1.0), dict(kind='beta_vae', seed=2, beta=4.0)]
    batched = fit_many(specs, samplers=[IIDSampler(), CorrelatedSampler(sigma=0.2)], steps=20, **SMALL)
    out['fit_many'] = [digest(m) for m in batched]
    return out


if __name__ == '__main__':
    result = main()
    if '--write' in sys.argv:
        path = Path(__file__).resolve().parent.parent / 'nbs' / 'fixtures' / 'fit_reference.json'
        path.write_text(json.dumps(result, indent=1) + '\n')
    print(json.dumps(result))
