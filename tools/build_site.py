"""Offline docs site: the processed notebooks (nbdev's processors, without Quarto) as static HTML with navigation.

    python tools/build_site.py [--out _site]

The published site is built with Quarto (`nbdev_docs`, from _quarto.yml) where Quarto exists. Quarto cannot be
installed here, so this builds the same pages from the same processed notebooks: nbdev's `proc_nbs` (front matter,
hidden cells removed, links to the API added), then nbconvert's HTML exporter with the executed outputs as they are
committed, a sidebar on every page, and links to the API rewritten to the local pages. `tests/site_check.py` opens it.
"""
import argparse, html, json, re, shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

def front_matter(nb):
    import yaml
    first = nb.cells[0] if nb.cells else None
    if first is None or first.cell_type != 'raw' or not first.source.startswith('---'): return {}
    return yaml.safe_load(first.source.strip().strip('-')) or {}

def cut_descriptions(nbs_dir):
    "Notebooks whose first cell's `>` description spans several lines: nbdev keeps only the first line of it."
    import nbformat
    cut = []
    for path in sorted(Path(nbs_dir).rglob('*.ipynb')):
        if any(part.startswith(('_', '.')) for part in path.relative_to(nbs_dir).parts): continue
        first = next((c for c in nbformat.read(path, as_version=4).cells if c.cell_type == 'markdown'), None)
        lines = first.source.split('\n') if first else []
        quoted = [i for i, l in enumerate(lines) if l.startswith('>')]
        if len(quoted) > 1 and quoted[1] == quoted[0] + 1: cut.append(str(path.relative_to(nbs_dir)))
    return cut

def clean(nb):
    "Drop the front matter and nbdev's warning; strip `#|` directive lines; drop code cells left empty."
    keep = []
    for c in nb.cells[1:]:
        if c.cell_type == 'markdown' and c.source.startswith('<!-- WARNING'): continue
        if c.cell_type == 'code':
            src = '\n'.join(l for l in c.source.split('\n') if not l.lstrip().startswith('#|'))
            c.source = src.strip('\n')
            if not c.source and not c.get('outputs'): continue
        keep.append(c)
    nb.cells = keep
    return nb

def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('--out', default=str(ROOT / '_site'))
    args = ap.parse_args()
    import nbformat
    from nbconvert import HTMLExporter
    from nbdev.config import get_config
    from nbdev.serve import proc_nbs
    cfg = get_config(path=ROOT)
    cut = cut_descriptions(cfg.nbs_path)
    if cut: raise SystemExit(f"error: the `>` description of {', '.join(cut)} spans several lines; nbdev would keep "
                             "only the first on the site: write it on one line")
    proc = proc_nbs(n_workers=0)
    out = Path(args.out)
    if out.exists(): shutil.rmtree(out)
    out.mkdir(parents=True)
    pages = []
    for path in sorted(proc.rglob('*.ipynb'), key=lambda p: (p.parent != proc, p.name != 'index.ipynb', str(p))):
        if '_proc/fixtures' in str(path) or '.ipynb_checkpoints' in str(path): continue
        nb = nbformat.read(path, as_version=4)
        fm = front_matter(nb)
        name = fm.get('output-file') or path.with_suffix('.html').name
        rel = path.relative_to(proc).parent
        pages.append(dict(nb=clean(nb), title=fm.get('title', path.stem), description=fm.get('description', ''),
                          file=str(rel / name), src=path))
    online = f"{cfg.doc_host}{cfg.doc_baseurl}/"
    exporter = HTMLExporter(template_name='lab')
    by_source = {p['src'].stem: p['file'] for p in pages}
    groups = {'': 'Modules', 'journal': 'Journal'}
    for page in pages:
        depth = page['file'].count('/')
        up = '../' * depth
        nav = ['<nav class="vp-nav"><a class="vp-home" href="' + up + 'index.html">vae_probe</a>']
        for folder, label in groups.items():
            in_folder = lambda p: (p['file'].rsplit('/', 1)[0] if '/' in p['file'] else '') == folder
            items = [p for p in pages if in_folder(p) and p['file'] != 'index.html']
            if not items: continue
            nav.append(f'<div class="vp-group">{label}</div>')
            for p in items:
                cls = ' class="vp-here"' if p is page else ''
                nav.append(f'<a{cls} href="{up}{p["file"]}">{html.escape(p["title"])}</a>')
        nav.append('</nav>')
        body, _ = exporter.from_notebook_node(page['nb'], resources={'metadata': {'name': page['title']}})
        # API links → local pages; notebook links → their pages, as Quarto does
        body = re.sub(re.escape(online) + r'([A-Za-z0-9_]+\.html)(#[^"\')\s]*)?', lambda m: up + m.group(1), body)
        page_of = lambda m: f'href="{up}{by_source.get(m.group(2), m.group(0))}"'
        body = re.sub(r'href="([^"]*?)([^"/]+)\.ipynb"', page_of, body)
        header = (f'<header class="vp-title"><h1>{html.escape(page["title"])}</h1>'
                  f'<p>{html.escape(page["description"])}</p></header>')
        style = ('<style>.vp-nav{position:fixed;top:0;left:0;width:230px;height:100%;overflow:auto;background:#f6f6f6;'
                 'padding:12px;font:14px sans-serif;box-sizing:border-box}'
                 '.vp-nav a{display:block;margin:4px 0;color:#225}'
                 '.vp-nav .vp-here{font-weight:bold}.vp-home{font-size:18px;font-weight:bold}.vp-group{margin-top:12px;'
                 'color:#666;text-transform:uppercase;font-size:11px}body{margin-left:240px!important}'
                 '.vp-title{padding:0 16px}</style>')
        body = body.replace('</head>', style + '</head>', 1)
        body = re.sub(r'(<body[^>]*>)', lambda m: m.group(1) + ''.join(nav) + header, body, count=1)
        target = out / page['file']
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(body)
    (out / 'pages.json').write_text(json.dumps([p['file'] for p in pages], indent=1))
    print(f"wrote {len(pages)} pages to {out.resolve()}")

if __name__ == '__main__': main()
