"""Great Expectations costs seconds to import: only running the checks may import it."""

from __future__ import annotations

import subprocess
import sys


def test_importing_the_checks_package_does_not_import_great_expectations() -> None:
    code = "import sys, generator.checks; print('great_expectations' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True)
    assert out.stdout.strip() == "False"
