"""Build a wheel of this repository, install it into a fresh virtual environment and run `vae_probe_demo --smoke`
there, from a folder outside the repository: the demo must find its model inside the installed package.

    python tests/wheel_check.py

The environment sees the machine's packages (torch and the rest are not downloaded again), but vae_probe itself comes
from the wheel: the check fails if the demo imports it from anywhere else.
"""
import subprocess, sys, tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

def run(*args, cwd=None):
    done = subprocess.run([str(a) for a in args], cwd=cwd, capture_output=True, text=True)
    if done.returncode:
        sys.exit(f"error: {' '.join(map(str, args))} failed:\n{done.stdout[-2000:]}{done.stderr[-2000:]}")
    return done.stdout

def main():
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        run(sys.executable, '-m', 'pip', 'wheel', ROOT, '--no-deps', '--no-build-isolation', '-q', '-w', tmp / 'wheel')
        wheel = next((tmp / 'wheel').glob('vae_probe-*.whl'))
        run(sys.executable, '-m', 'venv', '--system-site-packages', tmp / 'venv')
        bin_ = tmp / 'venv' / 'bin'
        run(bin_ / 'pip', 'install', '-q', '--no-deps', wheel)
        where = run(bin_ / 'python', '-c', 'import vae_probe.report as r; print(r.__file__)', cwd=tmp).strip()
        if not where.startswith(str(tmp / 'venv')):
            sys.exit(f"error: vae_probe was imported from {where}, not the wheel")
        run(bin_ / 'vae_probe_demo', '--smoke', '--out', tmp / 'demo', cwd=tmp)
        report = tmp / 'demo' / 'report' / 'report.json'
        if not report.exists(): sys.exit(f"error: the demo wrote no {report}")
        print(f"wheel check: {wheel.name} installed in a fresh environment; vae_probe_demo ran from {where}")

if __name__ == '__main__': main()
