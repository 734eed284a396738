"""BASE and HEAD as loaded catalogues: a git revision read without checking it out, or the working tree."""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from pathlib import Path

from ..loading.catalogue import LoadResult, load_catalogue
from ..loading.source_tree import DirectoryTree, GitRevisionTree
from ..model.bilingual import BilingualError


class RevisionProblem(BilingualError):
    """A revision git does not know, or a project outside a git repository: said, never a traceback."""


@dataclass(frozen=True)
class Revision:
    label: str  # what the user typed, or 作業ツリー / working tree
    loaded: LoadResult


def load_revision(project_dir: Path, revision: str | None) -> Revision:
    """The project at ``revision`` (None: the working tree as it is on disk, uncommitted edits included)."""
    if revision is None:
        return Revision("working tree", load_catalogue(DirectoryTree(project_dir)))
    root, prefix = _repository(project_dir)
    tree_id = _git(root, "rev-parse", "--verify", "--quiet", f"{revision}^{{commit}}:{prefix}")
    if tree_id is None:
        raise RevisionProblem(
            f"git のリビジョン「{revision}」が見つかりません(またはこのプロジェクトのフォルダがありません)"
            " — ブランチ名・タグ・コミットを確認し、CI では fetch-depth: 0 で取得してください",
            f"git revision {revision!r} not found (or the project folder is not in it)"
            " — check the branch, tag or commit; in CI check out with fetch-depth: 0",
        )
    return Revision(revision, load_catalogue(GitRevisionTree(root, tree_id)))


def _repository(project_dir: Path) -> tuple[Path, str]:
    top = _git(project_dir, "rev-parse", "--show-toplevel")
    prefix = _git(project_dir, "rev-parse", "--show-prefix")
    if top is None or prefix is None:
        raise RevisionProblem(
            f"{project_dir}: git リポジトリの中にありません — git init とコミットをしてから比較してください",
            f"{project_dir} is not inside a git repository — git init and commit before comparing",
        )
    return Path(top), prefix


def _git(where: Path, *arguments: str) -> str | None:
    """One git command's output, or None when it fails (unknown revision, not a repository)."""
    try:
        done = subprocess.run(
            ["git", "-C", str(where), *arguments], capture_output=True, text=True, check=False
        )
    except OSError:
        return None
    return done.stdout.strip() if done.returncode == 0 else None
