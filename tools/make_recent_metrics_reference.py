"""Reference values of InfoMEC, FoS and DCI-ES explicitness from their authors' code, for 05a's parity tests.

Not run by CI. `known` first writes 05's four synthetic codes (aligned, partial, rotated, noise; 1,000 points each)
to nbs/fixtures/recent_metrics_parity/known_codes.npz; then each part runs one reference on inputs from
nbs/fixtures/metrics_parity/codes.npz (the β=1 σ=0.2 shipped model's means on iid dSprites) and merges its values into
nbs/fixtures/recent_metrics_parity/reference.json:

    python tools/make_recent_metrics_reference.py known -                            # with vae_probe installed
    python tools/make_recent_metrics_reference.py infomec LATENT_QUANTIZATION_DIR   # kylehkhsu/latent_quantization;
        # its LogisticRegression(penalty=None, multi_class='multinomial') needs scikit-learn < 1.7 (1.5.2 was used)
    python tools/make_recent_metrics_reference.py fos DISENTANGLING_CORRELATED_FACTORS_DIR  # facebookresearch/...;
        # its `fastargs` decorator is stubbed, its package's other metrics not imported
    python tools/make_recent_metrics_reference.py explicitness DCI_ES_DIR           # andreinicolicioiu/DCI-ES
    python tools/make_recent_metrics_reference.py hfs DISENTANGLING_CORRELATED_FACTORS_DIR   # its HFS loss (01_model)

The inputs: InfoMEC on the first 2,000 training codes and classes, and on each known code; FoS on the first 1,000 codes
and on each known code, with batch size 128 and all 45 pairs; explicitness on the loss-capacity curves stored in the
fixture (seeded random curves and two whose answer is known by hand); the HFS loss
(`dent/losses/factorizedsupportvae.py` with the repository's defaults: β 1, γ 1, δ 0, hard Hausdorff over the full
factorised support of 25 random pairs) on a seeded batch of 64 images, means, log-variances and decoder logits, with the
pairs it drew.
"""
import json, platform, sys, types
from pathlib import Path
import numpy as np

ROOT = Path(__file__).resolve().parent.parent / 'nbs' / 'fixtures'
OUT = ROOT / 'recent_metrics_parity'

def codes():
    f = np.load(ROOT / 'metrics_parity' / 'codes.npz')
    return f['mus_train'], f['ys_train']

KINDS = ('aligned', 'partial', 'rotated', 'noise')

def known(_repo=None):
    "05's synthetic codes of known structure (1,000 points each, seed 0), written once for every reference to read."
    from vae_probe.fixtures import synthetic_codes
    arrays = {}
    for kind in KINDS:
        x, c, _, _ = synthetic_codes(kind, n_train=1000, n_test=10)
        arrays[f'{kind}_codes'], arrays[f'{kind}_classes'] = x, c
    np.savez_compressed(OUT / 'known_codes.npz', **arrays)
    return dict(kinds=list(KINDS), n=1000, file='known_codes.npz')

def known_codes():
    f = np.load(OUT / 'known_codes.npz')
    return {kind: (f[f'{kind}_codes'], f[f'{kind}_classes']) for kind in KINDS}

def infomec(repo):
    import importlib.util                                     # the module alone: the package imports jax
    spec = importlib.util.spec_from_file_location('infomec', repo / 'disentangle' / 'metrics' / 'infomec.py')
    module = importlib.util.module_from_spec(spec); spec.loader.exec_module(module)
    compute_infomec = module.compute_infomec
    import sklearn
    mu, ys = codes()
    np.random.seed(0)                                         # mutual_info_classif's jitter draws from the global RNG
    r = compute_infomec(ys[:2000].astype(np.int64), mu[:2000].astype(np.float64), discrete_latents=False)
    out = dict(n=2000, sklearn=sklearn.__version__, infom=float(r['infom']), infoe=float(r['infoe']),
               infoc=float(r['infoc']), nmi=r['nmi'].tolist(), active=r['active_latents'].tolist(), known={})
    for kind, (x, c) in known_codes().items():
        np.random.seed(0)
        with np.errstate(invalid='ignore', divide='ignore'):
            k = compute_infomec(c.astype(np.int64), x.astype(np.float64), discrete_latents=False)
        out['known'][kind] = {m: float(k[m]) for m in ('infom', 'infoe', 'infoc')}     # nan where undefined
    return out

def fos(repo):
    stub_dent(repo, 'metrics')
    import torch
    from dent.metrics.fos import FoS
    def reference_fos(mu):                                   # stats [N, D, (mean, logvar)]; FoS reads the means
        z = torch.as_tensor(mu, dtype=torch.float32)
        return float(FoS(num_pairs=-1, batch_size=128, device='cpu')(torch.stack([z, torch.zeros_like(z)], -1))['fos'])
    known = {kind: reference_fos(x) for kind, (x, _) in known_codes().items()}
    return dict(n=1000, batch_size=128, torch=torch.__version__, fos=reference_fos(codes()[0][:1000]), known=known)

def stub_dent(repo, *subpackages):
    ("The reference's `dent` package and `subpackages` as bare packages (their own imports, e.g. pyitlib, not run), "
     "and its `fastargs` config decorator as a no-op.")
    fastargs = types.ModuleType('fastargs'); fastargs.decorators = types.ModuleType('fastargs.decorators')
    fastargs.decorators.param = lambda name: (lambda f: f)
    sys.modules['fastargs'], sys.modules['fastargs.decorators'] = fastargs, fastargs.decorators
    dent = types.ModuleType('dent'); dent.__path__ = [str(repo / 'dent')]; sys.modules['dent'] = dent
    for name in subpackages:
        package = types.ModuleType(f'dent.{name}'); package.__path__ = [str(repo / 'dent' / name)]
        sys.modules[f'dent.{name}'] = package; setattr(dent, name, package)

def hfs(repo):
    stub_dent(repo, 'losses', 'utils')
    sys.modules['dent.utils.math'] = types.ModuleType('dent.utils.math')      # imported by losses/utils, unused here
    import dent.losses.baseloss
    import torch
    from dent.losses.factorizedsupportvae import Loss
    g = torch.Generator().manual_seed(0)
    x = (torch.rand(64, 1, 64, 64, generator=g) < 0.1).float()
    mu, logvar = torch.randn(64, 10, generator=g), 0.3 * torch.randn(64, 10, generator=g) - 1
    logits = 3 * torch.randn(64, 1, 64, 64, generator=g)
    loss = Loss(n_data=737280, record_loss_every=50, rec_dist='bernoulli', use_rec=1, beta=1., gamma=1., delta=0.,
                reg_mode='variance', matching='hausdorff_hard', factorized_support_estimation='full',
                latent_select='pair', num_latent_pairs=25)
    np.random.seed(0)
    out = loss(x, torch.sigmoid(logits), torch.stack([mu, logvar], -1), is_train=True, samples_qzx=mu)
    return dict(seed=0, total=float(out['loss']), hausdorff=out['to_log']['factorizedsupport_loss'],
                kl=out['to_log']['kl_loss'], pairs=loss.pairs_of_latents.tolist(), torch=torch.__version__)

def curves():
    "Loss-capacity curves: seeded random ones (not monotone, some above the baseline) and two known by hand."
    rng = np.random.default_rng(0)
    x = [1, 2, 3, 4, 8, 10, 12, 14, 16, 18, 20, 32]
    out = [dict(x=x, y=(np.exp(-rng.uniform(0.05, 1) * np.array(x)) + rng.uniform(0, 0.2, len(x))).tolist(),
                baseline=float(b)) for b in (1.0, 2 / 3, 1.0, 1.0)]
    out.append(dict(x=[1, 2, 3], y=[1.0, 0.0, 0.0], baseline=1.0))        # 1 − 2 × 0.5 / 2 = 0.5
    out.append(dict(x=[1, 2, 3], y=[1.0, 1.2, 1.0], baseline=1.0))        # flat once made non-increasing: E = 1
    return out

def explicitness(repo):
    sys.path.insert(0, str(repo))
    from metrics.explitcitness import Explitcitness
    out = []
    for c in curves():
        e = Explitcitness()
        e.add_curve(c['x'], c['y'], c['baseline'], name='curve')
        out.append(dict(c, E=float(e.get_explitcitness()['curve'])))
    return dict(curves=out)

def main(part, repo):
    OUT.mkdir(parents=True, exist_ok=True)
    path = OUT / 'reference.json'
    ref = json.loads(path.read_text()) if path.exists() else {}
    make = {'known': known, 'infomec': infomec, 'fos': fos, 'explicitness': explicitness, 'hfs': hfs}[part]
    ref[part] = dict(make(Path(repo)), python=platform.python_version(), numpy=np.__version__)
    path.write_text(json.dumps(ref, indent=1) + '\n')
    print(f"{part}: written to {path}")

if __name__ == '__main__':
    if len(sys.argv) != 3 or sys.argv[1] not in ('known', 'infomec', 'fos', 'explicitness', 'hfs'): sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2])
