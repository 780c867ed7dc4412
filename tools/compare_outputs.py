"""Which printed numbers move between runs of the same notebooks on different CPU paths (ISA, threads)?

    python tools/compare_outputs.py RUN.json [RUN2.json ...] [--committed]

Each RUN.json comes from `tools/notebook_outputs.py`; `--committed` adds the outputs saved in the notebooks themselves
(the run that made them) as one more run. For every cell whose text output differs, it prints the numbers that moved,
with their range over the runs, and every cell that raised. These ranges are the noise that an assertion must allow.
"""
import argparse, json, re
from pathlib import Path
from notebook_outputs import text_outputs

NUMBER = re.compile(r'-?\d+\.\d+(?:e[-+]?\d+)?|-?\d+')


def committed_run(paths):
    notebooks = {}
    for p in paths:
        nb = json.loads(Path(p).read_text())
        cells = [dict(index=i, source=''.join(c['source']), outputs=c['outputs'], error=None)
                 for i, c in enumerate(nb['cells']) if c['cell_type'] == 'code' and c.get('outputs')]
        notebooks[p] = dict(cells=cells)
    return dict(cpu=dict(capability='as committed'), notebooks=notebooks)


def key(source):
    "A cell's source without its `#|` directives (nbdev's processor strips them before running)."
    return '\n'.join(l for l in source.splitlines() if not l.startswith('#|')).strip()


def numbers(text): return [float(x) for x in NUMBER.findall(text)]


def compare(runs, names):
    for nb in sorted({k for r in runs for k in r['notebooks']}):
        by_source = [{key(c['source']): c for c in r['notebooks'].get(nb, {}).get('cells', [])} for r in runs]
        print(f"\n=== {nb}")
        for source in by_source[0]:
            cells = [b.get(source) for b in by_source]
            for name, c in zip(names, cells):
                if c and c['error']: print(f"  [{name}] cell {c['index']} raised: {c['error'][:300]}")
            texts = [text_outputs(c) if 'outputs' in c else c['text'] for c in cells if c is not None]
            if len(texts) < 2 or len(set(texts)) == 1: continue
            values = [numbers(t) for t in texts]
            if len({len(v) for v in values}) != 1:
                print(f"  cell {cells[0]['index']} ({source.splitlines()[0][:60]}): outputs differ in shape")
                continue
            moved = [(i, [v[i] for v in values]) for i in range(len(values[0]))
                     if len({v[i] for v in values}) > 1]
            words = NUMBER.split(texts[0])
            print(f"  cell {cells[0]['index']} ({source.splitlines()[0][:60]}): {len(moved)} numbers moved")
            for i, vs in moved[:40]:
                context = (words[i][-30:] if i < len(words) else '').replace('\n', ' | ')
                print(f"    ...{context!s:>32} {vs}  spread {max(vs) - min(vs):.4g}")


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument('runs', nargs='*', type=Path)
    p.add_argument('--committed', action='store_true')
    a = p.parse_args()
    runs = [json.loads(r.read_text()) for r in a.runs]
    names = [r.stem for r in a.runs]
    if a.committed:
        runs.insert(0, committed_run(sorted({nb for r in runs for nb in r['notebooks']})))
        names.insert(0, 'committed')
    for n, r in zip(names, runs): print(f"{n}: {r['cpu']}")
    compare(runs, names)


if __name__ == '__main__':
    main()
