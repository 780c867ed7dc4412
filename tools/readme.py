"""Write README.md from nbs/index.ipynb without Quarto (what `nbdev_readme` does where Quarto is installed).

Markdown cells are copied; code cells marked `#| hide` are dropped; other code cells show their source unless
marked `#| echo: false`, and their PNG outputs are saved to `index_files/` and linked; links to notebooks point into
nbs/.
Usage: python tools/readme.py
"""
import base64, json, re
from pathlib import Path

root = Path(__file__).resolve().parent.parent
nb = json.loads((root / 'nbs' / 'index.ipynb').read_text())
assets = root / 'index_files'
assets.mkdir(exist_ok=True)
for old in assets.glob('*.png'): old.unlink()

parts, n_fig = [], 0
for cell in nb['cells']:
    src = ''.join(cell['source'])
    if cell['cell_type'] == 'markdown':
        # notebook links, from the top level
        parts.append(re.sub(r'\]\((?!https?:)([^)]+\.ipynb)\)', r'](nbs/\1)', src)); continue
    directives = set(re.findall(r'^#\|\s*(.+?)\s*$', src, flags=re.M))
    if 'hide' in directives: continue
    code = '\n'.join(l for l in src.splitlines() if not l.startswith('#|')).strip()
    if code and 'echo: false' not in directives: parts.append(f"```python\n{code}\n```")
    for out in cell.get('outputs', []):
        data = out.get('data', {})
        if 'image/png' in data:
            n_fig += 1
            name = f'figure-{n_fig}.png'
            (assets / name).write_bytes(base64.b64decode(data['image/png']))
            parts.append(f"![](index_files/{name})")
        elif out.get('output_type') == 'stream' and out.get('name') == 'stdout':
            parts.append(f"```\n{''.join(out['text']).rstrip()}\n```")
(root / 'README.md').write_text('\n\n'.join(parts) + '\n')
print(f"wrote {root / 'README.md'} with {n_fig} figure(s)")
