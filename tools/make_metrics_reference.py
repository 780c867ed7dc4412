"""Reference metric values from disentanglement_lib's own code, for 05_metrics' parity tests.

Not run by CI. Needs the disentanglement_lib wheel unpacked somewhere (`pip download disentanglement-lib==1.4
--no-deps`, then unzip) and passed as DLIB_DIR; gin, absl and six are stubbed (only gin's decorators, absl.logging and
six's range are imported); nothing of TensorFlow is used.

    python tools/make_metrics_reference.py DLIB_DIR [--encode]

--encode first writes nbs/fixtures/metrics_parity/codes.npz: the β=1 σ=0.2 shipped model's means on 10,000 + 5,000
iid dSprites images (seed 0). Then the reference values of DCI, MIG, SAP (discrete), modularity/explicitness and the
unsupervised scores are computed on the full arrays and on the first 1,000 / 500 points, and written to reference.json.
"""
import sys, types, json, time, platform
from pathlib import Path
import numpy as np

HERE = Path(__file__).resolve().parent.parent / 'nbs' / 'fixtures' / 'metrics_parity'

def stub_gin():
    gin = types.ModuleType('gin'); gin.REQUIRED = object()
    gin.configurable = lambda *a, **k: (lambda f: f)
    gin.tf = types.ModuleType('gin.tf'); gin.tf.configurable = gin.configurable
    sys.modules['gin'], sys.modules['gin.tf'] = gin, gin.tf
    import logging                                       # absl.logging and six.moves.range: the two other imports used
    absl = types.ModuleType('absl'); absl.logging = logging; sys.modules['absl'] = absl
    six = types.ModuleType('six'); six.moves = types.ModuleType('six.moves'); six.moves.range = range
    sys.modules['six'], sys.modules['six.moves'] = six, six.moves

def encode_fixture():
    import torch
    from vae_probe.model import load
    from vae_probe.codes import encode
    from vae_probe.data import IIDSampler
    torch.manual_seed(0)
    m = load(HERE.parent.parent.parent / 'models' / 'beta1_sigma0.2' / 'model.safetensors')
    c = encode(m, IIDSampler(), n=15000, seed=0)
    mu, ys = c.mu.numpy().astype(np.float32), c.classes.numpy().astype(np.uint8)
    np.savez_compressed(HERE / 'codes.npz', mus_train=mu[:10000], ys_train=ys[:10000], mus_test=mu[10000:],
                        ys_test=ys[10000:])

def main(dlib_dir, do_encode=False):
    if do_encode: encode_fixture()
    stub_gin(); sys.path.insert(0, dlib_dir)
    from disentanglement_lib.evaluation.metrics import utils, dci, mig, sap_score
    from disentanglement_lib.evaluation.metrics import modularity_explicitness as me, unsupervised_metrics as um
    # the gin binding of the study's configs
    utils.make_discretizer = lambda target: utils._histogram_discretize(target, 20)
    f = np.load(HERE / 'codes.npz')
    full = {k: f[k].astype(np.float64).T for k in f.files}                          # dlib's layout: [dims, points]
    out = dict(sklearn=__import__('sklearn').__version__, numpy=np.__version__, python=platform.python_version(),
               disentanglement_lib='1.4',
               note='values from disentanglement_lib 1.4 evaluation/metrics code on codes.npz')
    for name, (ntr, nte) in {'small': (1000, 500), 'full': (10000, 5000)}.items():
        mt, yt = full['mus_train'][:, :ntr], full['ys_train'][:, :ntr]
        ms, ys = full['mus_test'][:, :nte], full['ys_test'][:, :nte]
        res, t = {}, time.time()
        res['dci'] = {k: float(v) for k, v in dci._compute_dci(mt, yt, ms, ys).items()}
        res['dci_seconds'] = time.time() - t
        res['mig'] = {k: float(v) for k, v in mig._compute_mig(mt, yt).items()}
        t = time.time()
        res['sap'] = {k: float(v) for k, v in sap_score._compute_sap(mt, yt, ms, ys, False).items()}
        res['sap_seconds'] = time.time() - t
        disc = utils.make_discretizer(mt)
        mi = utils.discrete_mutual_info(disc, yt)
        mtn, mean, std = utils.normalize_data(mt); msn, _, _ = utils.normalize_data(ms, mean, std)
        ex = np.array([me.explicitness_per_factor(mtn, yt[i], msn, ys[i]) for i in range(yt.shape[0])])
        res['modularity_explicitness'] = dict(modularity_score=float(me.modularity(mi)),
                                              explicitness_score_train=float(ex[:, 0].mean()),
                                              explicitness_score_test=float(ex[:, 1].mean()))
        cov = np.cov(mt)
        dm = utils.make_discretizer(mt); mim = utils.discrete_mutual_info(dm, dm); np.fill_diagonal(mim, 0)
        wasserstein = float(um.gaussian_wasserstein_correlation(cov).real)
        res['unsupervised'] = dict(gaussian_total_correlation=float(um.gaussian_total_correlation(cov)),
                                   gaussian_wasserstein_correlation=wasserstein,
                                   gaussian_wasserstein_correlation_norm=wasserstein / float(np.trace(cov)),
                                   mutual_info_score=float(mim.sum() / (len(mt) ** 2 - len(mt))))
        out[name] = dict(num_train=ntr, num_test=nte, **res)
        print(name, json.dumps(res, indent=1), flush=True)
    (HERE / 'reference.json').write_text(json.dumps(out, indent=1))

if __name__ == '__main__': main(sys.argv[1], '--encode' in sys.argv)
