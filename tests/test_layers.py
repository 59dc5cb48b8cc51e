"""The apps depend downwards only: territorial > protocols > secretariat > plans > council.

The layers contract in pyproject.toml is checked by import-linter, the same command as `make lint`. It runs
in its own process: in this one it would reconfigure logging and change sys.path for the rest of the suite.
"""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_no_app_imports_an_app_above_it():
    command = [str(Path(sys.executable).with_name("lint-imports")), "--no-cache", "--no-logo"]
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=120, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout
