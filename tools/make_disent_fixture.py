"""disent's own conv64 auto-encoder and its outputs, for nbs/01c_foreign.ipynb (not run by CI).

Builds disent 0.8.0's `AutoEncoder(EncoderConv64(z_multiplier=2), DecoderConv64())` for 3 × 64 × 64 images and
10 latents, seeded; most entries of its layers with over 10,000 weights are set to zero so that the stored fixture compresses
to a few hundred kB (the mapping is still checked on every remaining entry: they lie at random places). Stores its
`state_dict` (disent's own key names), 4 input images (uint8; the model reads them / 255), and disent's own encoder halves and decoder output on them.

Run in a scratch virtual environment (disent imports torchvision, which cannot load beside the CPU torch, and
Lightning; stand-ins take their places, as nothing used here needs them), never in the project's:

    python -m venv /tmp/refvenv && /tmp/refvenv/bin/pip install torch==2.13.0 numpy scipy h5py tqdm pillow six
    /tmp/refvenv/bin/pip install --no-deps disent==0.8.0
    /tmp/refvenv/bin/python tools/make_disent_fixture.py nbs/fixtures/disent_conv64.npz
"""
import importlib.abc, importlib.machinery, sys, types
import numpy as np

class _Anything(types.ModuleType):
    def __getattr__(self, name):
        if name.startswith('__'): raise AttributeError(name)
        return _Anything(f'{self.__name__}.{name}') if name.islower() else type(name, (), {})

class _StandIn(importlib.abc.MetaPathFinder, importlib.abc.Loader):
    def find_spec(self, name, path, target=None):
        if name.split('.')[0] in ('torchvision', 'lightning'): return importlib.machinery.ModuleSpec(name, self, is_package=True)
    def create_module(self, spec): return _Anything(spec.name)
    def exec_module(self, module): module.__path__ = []

sys.meta_path.insert(0, _StandIn())
import torch
from disent.model import AutoEncoder
from disent.model.ae import DecoderConv64, EncoderConv64

torch.manual_seed(0)
ae = AutoEncoder(EncoderConv64(x_shape=(3, 64, 64), z_size=10, z_multiplier=2),
                 DecoderConv64(x_shape=(3, 64, 64), z_size=10)).eval()
with torch.no_grad():
    for name, p in ae.named_parameters():
        if p.numel() > 10_000: p.mul_((torch.rand(p.shape) < 0.06) * 4.0)    # keep 6 % of the entries, 4× larger
        if p.ndim > 1: p.mul_(2.5)                 # codes and images that differ from image to image by O(1)
x = torch.randint(0, 256, (4, 3, 64, 64), dtype=torch.uint8)
with torch.no_grad():
    mu, logvar = ae.encode(x / 255, chunk=True)
    out = ae.decode(mu)
np.savez_compressed(sys.argv[1], x=x.numpy(), mu=mu.numpy(), logvar=logvar.numpy(), decoded=out.numpy(),
                    **{'state_dict/' + k: v.numpy() for k, v in ae.state_dict().items()})
print({k: tuple(v.shape) for k, v in ae.state_dict().items()})
