"""Publishing a built site: swapped into place so that ``site/`` is never half-written."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path


def swap_into_place(staging: Path, site_dir: Path) -> None:
    """Rename the old site away, the new one in, then delete the old: ``site_dir`` is never half-written."""
    retired: Path | None = None
    if site_dir.exists():
        retired = Path(tempfile.mkdtemp(prefix=".site-old-", dir=site_dir.parent))
        retired.rmdir()
        os.replace(site_dir, retired)
    try:
        os.replace(staging, site_dir)
    except OSError:
        if retired is not None:
            os.replace(retired, site_dir)  # put the last good site back
        raise
    if retired is not None:
        shutil.rmtree(retired, ignore_errors=True)
