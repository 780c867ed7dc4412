"""Images the references themselves produce, for nbs/00b_datasets.ipynb (not run by CI).

- XYObject: disent 0.8.0's `XYObjectData()` (its defaults), observations at fixed indices with their factors.
- colour- and noisy-dSprites: disentanglement_lib's `ColorDSprites` / `NoisyDSprites`
  `sample_observations_from_factors`, run on vae_probe's own sprites (no dSprites file can be downloaded here, and
  the sprites are checked in 00_data): what is checked is the colour and the noise the references add.

Neither reference imports without packages that cannot load here (disent imports torchvision, whose registry build
needs CUDA; disentanglement_lib imports TensorFlow), and neither uses them on these paths, so this script stands in
for both at import time. Run it in a scratch virtual environment, never in the project's:

    python -m venv /tmp/refvenv && /tmp/refvenv/bin/pip install torch==2.13.0 numpy scipy h5py tqdm pillow six
    /tmp/refvenv/bin/pip install --no-deps disent==0.8.0 disentanglement-lib==1.5
    /tmp/refvenv/bin/pip install --no-deps -e .
    /tmp/refvenv/bin/python tools/make_dataset_fixtures.py nbs/fixtures/datasets
"""
import importlib.abc, importlib.machinery, sys, types
from pathlib import Path
import numpy as np

class _Anything(types.ModuleType):
    def __getattr__(self, name):
        if name.startswith('__'): raise AttributeError(name)
        if name == 'Open': return open                                   # tensorflow.compat.v1.gfile.Open
        return _Anything(f'{self.__name__}.{name}') if name.islower() else type(name, (), {})

class _StandIn(importlib.abc.MetaPathFinder, importlib.abc.Loader):
    def find_spec(self, name, path, target=None):
        if name.split('.')[0] in ('torchvision', 'tensorflow'):
            return importlib.machinery.ModuleSpec(name, self, is_package=True)
    def create_module(self, spec): return _Anything(spec.name)
    def exec_module(self, module): module.__path__ = []

sys.meta_path.insert(0, _StandIn())
import torch
from disent.dataset.data import XYObjectData
from disentanglement_lib.data.ground_truth import dsprites as dlib_dsprites
from vae_probe.data import DSPRITES, render, write_dsprites_npz

out = Path(sys.argv[1] if len(sys.argv) > 1 else 'nbs/fixtures/datasets')
out.mkdir(parents=True, exist_ok=True)
rng = np.random.default_rng(0)

xy = XYObjectData()
index = np.concatenate([[0, len(xy) - 1], rng.choice(len(xy), 46, replace=False)])
np.savez_compressed(out / 'xyobject_disent.npz', index=index, factor_sizes=np.array(xy.factor_sizes),
                    classes=np.stack([xy.idx_to_pos(i) for i in index]),
                    images=np.stack([np.asarray(xy[i]) for i in index]))

class _Sprites:
    "Stands for the npz's `imgs` array: the sprite of each official index, rendered by vae_probe."
    def __getitem__(self, index):
        return render(DSPRITES.classes_of(torch.as_tensor(np.asarray(index))), dtype=torch.uint8)[:, 0].numpy()

Path('/tmp/dsprites').mkdir(exist_ok=True)
npz = '/tmp/dsprites/dsprites_ndarray_co1sh3sc6or40x32y32_64x64.npz'
write_dsprites_npz(npz, DSPRITES.grid()[:1])
np.savez(npz, **{**np.load(npz, allow_pickle=True),
                 'metadata': np.array({'latents_sizes': np.array([1, 3, 6, 40, 32, 32])}, dtype=object)})
dlib_dsprites.DSPRITES_PATH = npz
for name, cls, n in (('color_dsprites', dlib_dsprites.ColorDSprites, 16),
                     ('noisy_dsprites', dlib_dsprites.NoisyDSprites, 4)):
    data = cls([1, 2, 3, 4, 5])
    data.images = _Sprites()
    factors = data.sample_factors(n, np.random.RandomState(0))
    images = data.sample_observations_from_factors(factors, np.random.RandomState(1))
    np.savez_compressed(out / f'{name}_dlib.npz', classes=factors, images=images.astype(np.float32))
print('wrote', sorted(p.name for p in out.iterdir()))
