"""Draw docs/screenshot-pr-comment.png: the comment ``kpi diff`` writes for a real change of the sample.

    .venv/bin/python docs/pr_comment_screenshot.py [--data-dir data]

The shipped catalogue is committed in a temporary git repository, the MQL threshold raised 60 → 70
(the change bench/bench_diff.py times), and ``kpi diff HEAD~1 HEAD`` run on the sample data. Its
Markdown is rendered as GitHub-flavoured Markdown (markdown-it, tables on, raw HTML only for the
comment's own <details>) in a page styled like a GitHub comment, and drawn by the Chromium the browser
tests use.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

from markdown_it import MarkdownIt
from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))
from bench_diff import make_repo  # noqa: E402

KPI = Path(sys.executable).with_name("kpi")
CHROMIUM = "/usr/bin/chromium"
STYLE = """
body { background: #f6f8fa; margin: 0; padding: 24px;
  font: 14px/1.5 -apple-system, "Segoe UI", "Noto Sans CJK JP", "Noto Sans", sans-serif; color: #1f2328; }
.comment { max-width: 860px; background: #fff; border: 1px solid #d0d7de; border-radius: 6px; }
.header { background: #f6f8fa; border-bottom: 1px solid #d0d7de; padding: 8px 16px; color: #59636e;
  border-radius: 6px 6px 0 0; }
.header b { color: #1f2328; }
.body { padding: 4px 16px 12px; }
h3 { font-size: 1.25em; border-bottom: 1px solid #d1d9e0; padding-bottom: .3em; }
h4 { font-size: 1em; margin: 1.2em 0 .5em; }
table { border-collapse: collapse; margin: 8px 0 12px; display: block; overflow: auto; }
th, td { border: 1px solid #d1d9e0; padding: 6px 13px; }
th { font-weight: 600; } tr:nth-child(2n) { background: #f6f8fa; }
details summary { cursor: pointer; margin: 6px 0; }
ul { padding-left: 2em; margin: 4px 0 12px; }
"""


def comment_markdown(data_dir: Path) -> str:
    with tempfile.TemporaryDirectory() as folder:
        repo = make_repo(Path(folder))
        done = subprocess.run(
            [str(KPI), "diff", "HEAD~1", "HEAD", "--project", str(repo), "--data-dir", str(data_dir)],
            capture_output=True,
            text=True,
            check=True,
        )
    return done.stdout


def comment_page(markdown: str) -> str:
    body = MarkdownIt("commonmark", {"html": True}).enable("table").render(markdown)
    header = "<b>github-actions</b> bot commented"
    return (
        f'<!doctype html><html lang="ja"><meta charset="utf-8"><style>{STYLE}</style>'
        f'<div class="comment"><div class="header">{header}</div><div class="body">{body}</div></div></html>'
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--data-dir", type=Path, default=ROOT / "data")
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshot-pr-comment.png")
    arguments = parser.parse_args()
    page_html = comment_page(comment_markdown(arguments.data_dir.resolve()))
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        page = browser.new_page(viewport={"width": 908, "height": 600}, device_scale_factor=1)
        page.set_content(page_html)
        page.evaluate("document.querySelectorAll('details').forEach(d => { d.open = true; })")
        page.locator(".comment").screenshot(path=str(arguments.out))
        browser.close()
    sys.stdout.write(f"{arguments.out}\n")


if __name__ == "__main__":
    main()
