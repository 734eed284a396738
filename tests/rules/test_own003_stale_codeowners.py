"""OWN003 and ``kpi codeowners`` on the minimal fixture (teams marketing, inside_sales, sales).

The block, sorted by path: line 1 the begin marker, 2 the SLA (mql agreed_by marketing, inside_sales;
sql agreed_by inside_sales, sales), 3 avg_deal_size (sales), 4 cost_per_mql, 5 deals_won,
6 email_click_rate, 7 mql_count (marketing), …
"""

from __future__ import annotations

from click.testing import CliRunner

from generator.cli import main
from generator.codeowners import CODEOWNERS_FILE, owner_lines, updated_text
from generator.rules.own003_stale_codeowners import StaleCodeowners

from .conftest import Sandbox

RULE = StaleCodeowners()
TEAMS = "definitions/teams.yml"


def with_handles(sandbox: Sandbox) -> None:
    for team, handle in (("marketing", "@acme/mkt"), ("inside_sales", "@acme/is"), ("sales", "@acme/sales")):
        sandbox.edit(TEAMS, f"  - id: {team}\n", f'  - id: {team}\n    github: "{handle}"\n')


def test_each_kpi_file_goes_to_its_owner_and_the_sla_to_its_parties(sandbox: Sandbox) -> None:
    with_handles(sandbox)
    lines = owner_lines(sandbox.load().project)
    assert lines[:3] == [
        "/definitions/sla/standard_sla.yml @acme/mkt @acme/is @acme/sales",
        "/metrics/avg_deal_size.yml @acme/sales",
        "/metrics/cost_per_mql.yml @acme/mkt",
    ]
    assert "/metrics/sql_count.yml @acme/is" in lines
    assert len(lines) == 12  # 11 KPI files and the SLA


def test_a_team_without_a_handle_is_left_out(sandbox: Sandbox) -> None:
    sandbox.edit(TEAMS, "  - id: marketing\n", '  - id: marketing\n    github: "@acme/mkt"\n')
    lines = owner_lines(sandbox.load().project)
    assert lines[0] == "/definitions/sla/standard_sla.yml @acme/mkt"
    assert not any("avg_deal_size" in line for line in lines)  # sales has no handle


def test_a_current_file_passes_and_its_own_lines_are_kept(sandbox: Sandbox) -> None:
    with_handles(sandbox)
    text = updated_text("# ours\n* @acme/admins\n", sandbox.load().project)
    assert text.startswith("# ours\n* @acme/admins\n\n# >>> kpi codeowners")
    sandbox.write(CODEOWNERS_FILE, text)
    assert sandbox.found(RULE) == []
    assert updated_text(text, sandbox.load().project) == text  # rewriting changes nothing


def test_an_owner_changed_without_rewriting_is_stale(sandbox: Sandbox) -> None:
    with_handles(sandbox)
    sandbox.write(CODEOWNERS_FILE, updated_text(None, sandbox.load().project))
    sandbox.edit("metrics/mql_count.yml", "  team: marketing", "  team: sales")
    assert sandbox.found(RULE) == [".github/CODEOWNERS:7:1 OWN003"]
    assert "kpi codeowners" in sandbox.issues(RULE)[0].message_ja


def test_a_removed_kpi_leaves_a_stale_line(sandbox: Sandbox) -> None:
    with_handles(sandbox)
    sandbox.write(CODEOWNERS_FILE, updated_text(None, sandbox.load().project))
    sandbox.remove("metrics/sql_to_won_rate.yml")  # the last KPI: line 13, the end marker follows
    issues = [i for i in sandbox.load().issues]  # other rules may object; the loader does not
    assert issues == []
    assert sandbox.found(RULE) == [".github/CODEOWNERS:13:1 OWN003"]


def test_a_file_without_the_block_or_no_file_is_not_checked(sandbox: Sandbox) -> None:
    with_handles(sandbox)
    assert sandbox.found(RULE) == []
    sandbox.write(CODEOWNERS_FILE, "* @acme/admins\n")
    assert sandbox.found(RULE) == []


def test_a_handle_that_is_not_a_github_name_is_located(sandbox: Sandbox) -> None:
    sandbox.edit(TEAMS, "  - id: sales\n", '  - id: sales\n    github: "acme sales"\n')
    issues = sandbox.load().issues
    assert [(str(i.location), i.code) for i in issues] == [("definitions/teams.yml:11:13", "SCHEMA001")]
    assert "@組織/チーム" in issues[0].message_ja


def test_the_command_writes_the_file_and_kpi_check_catches_a_stale_one(sandbox: Sandbox) -> None:
    with_handles(sandbox)
    project = ["--project", str(sandbox.root)]
    written = CliRunner().invoke(main, ["codeowners", *project])
    assert written.exit_code == 0, written.output
    assert "12 件のファイル" in written.output
    assert sandbox.read(CODEOWNERS_FILE).splitlines()[6] == "/metrics/mql_count.yml @acme/mkt"
    assert CliRunner().invoke(main, ["check", *project]).exit_code == 0
    sandbox.edit("metrics/mql_count.yml", "  team: marketing", "  team: sales")
    checked = CliRunner().invoke(main, ["check", *project])
    assert checked.exit_code == 1
    assert ".github/CODEOWNERS:7:1: OWN003" in checked.output
    assert "kpi codeowners を実行し" in checked.output
