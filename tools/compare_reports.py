"""Compare two `report.json` files value by value, timings aside: the check that a re-layering kept the probe's numbers.

    python tools/compare_reports.py OLD/report.json NEW/report.json [--tolerance 1e-12]

Prints each value that differs (beyond the relative tolerance, for floats) and exits 1 if any does."""
import argparse, json, math, sys

TIMINGS = {'seconds', 'total_seconds', 'encode_seconds', 'wall_s'}


def differences(a, b, path='', tolerance=0.0):
    "(path, old, new) for every leaf that differs; keys naming a time are skipped."
    if isinstance(a, dict) and isinstance(b, dict):
        for k in sorted(set(a) | set(b)):
            if k in TIMINGS: continue
            if k not in a or k not in b: yield (f'{path}/{k}', k in a, k in b); continue
            yield from differences(a[k], b[k], f'{path}/{k}', tolerance)
    elif isinstance(a, list) and isinstance(b, list) and len(a) == len(b):
        for i, (u, v) in enumerate(zip(a, b)): yield from differences(u, v, f'{path}[{i}]', tolerance)
    elif isinstance(a, float) and isinstance(b, float):
        if not (a == b or (math.isnan(a) and math.isnan(b)) or math.isclose(a, b, rel_tol=tolerance)):
            yield (path, a, b)
    elif a != b:
        yield (path, a, b)


def count_leaves(x):
    if isinstance(x, dict): return sum(count_leaves(v) for k, v in x.items() if k not in TIMINGS)
    if isinstance(x, list): return sum(count_leaves(v) for v in x)
    return 1


if __name__ == '__main__':
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('old'); parser.add_argument('new')
    parser.add_argument('--tolerance', type=float, default=0.0, help='relative tolerance for floats')
    args = parser.parse_args()
    old, new = (json.load(open(p)) for p in (args.old, args.new))
    found = list(differences(old, new, tolerance=args.tolerance))
    for d in found: print(*d)
    print(f"{count_leaves(old)} values compared, timings aside; {len(found)} differ")
    sys.exit(1 if found else 0)
