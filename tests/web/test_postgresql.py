"""The web application against a real PostgreSQL server (DATABASE_URL=postgresql://…).

A throw-away server is made for the test: initdb into a temporary folder with
Debian's binaries (/usr/lib/postgresql/*/bin, `make` installs the `postgresql`
package), started on 127.0.0.1 on a free port, stopped afterwards. Django reads
its settings once per process, so the web flows run in a child pytest with
DATABASE_URL set: migrations, uploading seeds, findings, editing cells and the
review workflow, permission denials, backup and restore.

Without the binaries the test is skipped on a developer's machine and fails
under CI=true, where the Makefile has installed them.
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import socket
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow  # initdb and a real PostgreSQL server

ROOT = Path(__file__).resolve().parents[2]
INNER = os.environ.get("ZFXXGK_PG_INNER") == "1"

# The flows the child run repeats against PostgreSQL (names in tests/web).
FLOWS = [
    "tests/web/test_postgresql.py::test_vendor_is_postgresql",
    "tests/web/test_api.py::test_upload_and_read",
    "tests/web/test_api.py::test_reader_denied_every_write",
    "tests/web/test_api.py::test_cells_check_patch_and_workflow",
    "tests/web/test_api.py::test_batches_agencies_dashboard",
    "tests/web/test_batches.py::test_interrupted_batch_resumes_without_duplicates",
    "tests/web/test_batches.py::test_claims",
    "tests/web/test_batches.py::test_threaded_worker_completes_uploaded_batch",
    "tests/web/test_pages.py::test_upload_example_to_report_page",
    "tests/web/test_pages.py::test_edit_cell_live_check_save_and_submit",
    "tests/web/test_pages.py::test_workflow_roles",
    "tests/web/test_sessions.py::test_logout_in_one_process_is_seen_by_the_others",
    "tests/web/test_sessions.py::test_sessions_of_the_former_backend_stay_logged_in",
    "tests/web/test_sessions.py::test_kept_permissions_follow_every_change",
    "tests/web/test_batches.py::test_killed_worker_batch_is_queued_again",
    "tests/web/test_pages.py::test_reader_cannot_write",
    "tests/web/test_backup.py::test_round_trip",
    "tests/web/test_backup.py::test_restore_refuses_non_empty_folder",
    "tests/web/test_backup.py::test_a_postgresql_backup_made_before_the_summary_table_loads",
    "tests/web/test_cases_store.py::test_saved_case_is_replayed_and_indexed",
    "tests/web/test_cases_store.py::test_number_unique_per_agency",
    "tests/web/test_cases_pages.py::test_extension_needs_an_approver_and_answer_gives_letter",
    "tests/web/test_cases_pages.py::test_work_lists_and_reminders",
    "tests/web/test_case_import.py::test_preview_then_import_then_reimport",
    "tests/web/test_case_import.py::test_store_refusal_rolls_back_the_rows_already_saved",
    "tests/web/test_case_calendar.py::test_entering_the_year_makes_the_open_deadline_final",
    "tests/web/test_case_calendar.py::test_a_case_the_new_year_makes_invalid_blocks_the_entry",
    "tests/web/test_case_registers.py::test_compile_button_makes_a_draft_report",
    # jsonb must keep money as written (8235.4200, past fifteen digits), as SQLite's text does
    "tests/web/test_money_digits.py::test_an_amount_sent_to_the_api_is_kept_as_written[8235.4200]",
    "tests/web/test_money_digits.py::test_an_amount_sent_to_the_api_is_kept_as_written[123456789012345.6789]",
    "tests/web/test_money_digits.py::test_an_uploaded_report_json_keeps_its_amount",
    "tests/web/test_money_digits.py::test_a_backup_copy_keeps_the_amount",
    # table 二's register: jsonb too, and a register row's version to the microsecond
    "tests/web/test_register_money.py::test_an_amount_typed_on_the_page_is_kept[8235.4200]",
    "tests/web/test_register_money.py::test_an_amount_sent_to_the_api_is_kept[123456789012345.6789]",
    "tests/web/test_lost_updates.py::test_two_clerks_on_one_entry_api",
    "tests/web/test_lost_updates.py::test_workflow_steps_name_their_version",
    # a clerk's event during a 台账 import waits for the import's row locks
    "tests/web/test_import_lock.py::test_an_event_recorded_during_an_import_is_not_overwritten",
    # the calendar's recomputation, retention and the JSON import against a writer meanwhile
    "tests/web/test_case_locks.py::test_an_event_during_a_calendar_entry_is_kept_and_counted_on_the_new_year",
    "tests/web/test_case_locks.py::test_a_replacement_during_retention_is_not_undone",
    "tests/web/test_case_locks.py::test_a_case_registered_during_a_json_import_is_not_overwritten",
    "tests/web/test_case_locks.py::test_a_case_registered_while_a_year_is_entered_gets_the_new_year",
    # retention and a calendar entry hold their agencies against merges only: uploads go on
    "tests/web/test_case_lock_scope.py::test_retention_holds_up_neither_uploads_nor_new_cases_of_its_agencies",
    "tests/web/test_case_lock_scope.py::test_a_calendar_entry_does_not_hold_up_uploads_of_its_agencies",
    # the dashboard's summary table kept in step by every save, made again only if not saved meanwhile
    "tests/web/test_summary_table.py::test_upload_and_edit",
    "tests/web/test_summary_table.py::test_verdict_recheck_reread_and_new_version",
    "tests/web/test_summary_table.py::test_merge_of_agencies_and_delete",
    "tests/web/test_summary_table.py::test_missing_or_stale_summaries_are_made_again",
    "tests/web/test_summary_table.py::test_a_summary_made_while_the_report_is_saved_leaves_the_saves[True]",
    "tests/web/test_summary_table.py::test_a_summary_made_while_the_report_is_saved_leaves_the_saves[False]",
    "tests/web/test_summary_table.py::test_dashboard_reads_only_the_narrow_table",
    # the dashboard's sums in SQL (a window over the bodies, the agencies' names in C order) as recounted
    "tests/web/test_dashboard_tally.py::test_the_figures_equal_a_recount_from_the_data[None-None]",
    "tests/web/test_dashboard_tally.py::test_the_figures_equal_a_recount_from_the_data[2023-county]",
    "tests/web/test_summary_refresh.py::test_the_cells_csv_says_how_many_it_leaves_out_without_a_row_of_its_own",
    # merging agencies, a verdict's recount and the next year's re-check against an edit meanwhile
    "tests/web/test_report_locks.py::test_a_hand_placement_during_a_merge_is_kept_or_refused",
    "tests/web/test_report_locks.py::test_an_edit_while_a_verdict_recounts_its_subject_keeps_its_totals[decide]",
    "tests/web/test_report_locks.py::test_an_edit_while_a_verdict_recounts_its_subject_keeps_its_totals[confirm_open]",
    "tests/web/test_bulk_review.py::test_a_report_confirmed_with_one_recount_stores_what_verdict_by_verdict_did",
    "tests/web/test_report_locks.py::test_an_edit_during_the_next_years_recheck_keeps_its_findings",
    "tests/web/test_report_locks.py::test_a_case_registered_during_a_merge_is_refused_or_carried",
    # a 台账 import and a calendar entry take the agencies before the case rows, as a merge does
    "tests/web/test_report_locks.py::test_a_ledger_import_during_a_merge_waits_for_it_or_goes_first",
    "tests/web/test_report_locks.py::test_a_calendar_entry_during_a_merge_of_two_agencies_waits_for_it",
    "tests/web/test_report_locks.py::test_a_register_entry_linked_to_cases_during_a_merge_waits_for_it",
]


def _pg_bin() -> Path | None:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"),
                   key=lambda p: int(Path(p).parts[-3]) if Path(p).parts[-3].isdigit() else 0)
    return Path(found[-1]).parent if found else None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _run(args: list[str], env: dict) -> None:
    done = subprocess.run(args, capture_output=True, text=True, env=env, timeout=120)
    if done.returncode:
        pytest.fail(f"{' '.join(args)} failed ({done.returncode}):\n{done.stdout}\n{done.stderr}")


@pytest.fixture(scope="module")
def postgres():
    """A running PostgreSQL server on loopback: yields its DATABASE_URL."""
    bindir = _pg_bin()
    if bindir is None:
        message = "PostgreSQL server binaries not found (apt-get install postgresql)"
        if os.environ.get("CI", "").lower() in ("1", "true"):
            pytest.fail(message)
        pytest.skip(message)
    # Not under pytest's tmp folder: that one is private to root, the server runs as postgres.
    base = Path(tempfile.mkdtemp(prefix="zfxxgk-pg-"))
    data = base / "data"
    run_as: list[str] = []
    if os.geteuid() == 0:  # initdb and postgres refuse to run as root
        try:
            pwd.getpwnam("postgres")
        except KeyError:
            pytest.fail("running as root and there is no `postgres` user to run the server")
        shutil.chown(base, "postgres")
        os.chmod(base, 0o700)
        run_as = ["runuser", "-u", "postgres", "--"]
    port = _free_port()
    env = {**os.environ, "LC_ALL": "C.UTF-8", "LANG": "C.UTF-8"}
    _run([*run_as, str(bindir / "initdb"), "-D", str(data), "-U", "zfxxgk",
                    "--auth=trust", "-E", "UTF8", "--no-sync"],
                   env=env)
    options = f"-h 127.0.0.1 -p {port} -k {base} -c fsync=off -c full_page_writes=off"
    _run([*run_as, str(bindir / "pg_ctl"), "-D", str(data), "-o", options,
          "-l", str(base / "log"), "-w", "-t", "30", "start"], env=env)
    try:
        _run([*run_as, str(bindir / "createdb"), "-h", "127.0.0.1", "-p", str(port),
              "-U", "zfxxgk", "zfxxgk"], env=env)
        yield f"postgresql://zfxxgk@127.0.0.1:{port}/zfxxgk"
    finally:
        subprocess.run([*run_as, str(bindir / "pg_ctl"), "-D", str(data), "-m", "immediate",
                        "-w", "stop"], capture_output=True, env=env)
        shutil.rmtree(base, ignore_errors=True)


@pytest.mark.skipif(INNER, reason="already inside the PostgreSQL run")
def test_web_flows_on_postgresql(postgres, tmp_path):
    env = {**os.environ, "DATABASE_URL": postgres, "ZFXXGK_PG_INNER": "1",
           "ZFXXGK_DATA": str(tmp_path / "data")}
    env.pop("PYTEST_ADDOPTS", None)
    done = subprocess.run([sys.executable, "-m", "pytest", "-o", "addopts=", "-q", "-rs",
                           "-p", "no:cacheprovider",
                           "-x", *FLOWS], cwd=ROOT, env=env, capture_output=True, text=True,
                          timeout=600)  # a guard against a hang: 60 flows took over 300 s at load 20
    assert done.returncode == 0, done.stdout[-6000:] + done.stderr[-3000:]
    summary = done.stdout.strip().splitlines()[-1]
    assert f"{len(FLOWS)} passed" in summary and "skipped" not in summary, done.stdout


@pytest.mark.skipif(INNER, reason="already inside the PostgreSQL run")
def test_backup_restore_commands_on_postgresql(postgres, tmp_path):
    """zfxxgk backup from one PostgreSQL database, zfxxgk restore into another
    (empty) one: the same rows (dumpdata of both) and the same files."""
    bindir = _pg_bin()
    source_url = postgres.rsplit("/", 1)[0] + "/cli_source"
    target_url = postgres.rsplit("/", 1)[0] + "/cli_target"
    port = postgres.rsplit(":", 1)[1].split("/")[0]
    for name in ("cli_source", "cli_target"):
        _run((["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else [])
             + [str(bindir / "createdb"), "-h", "127.0.0.1", "-p", port, "-U", "zfxxgk", name],
             env=dict(os.environ))

    def run(url: str, code: str, *args: str, ok: bool = True) -> subprocess.CompletedProcess:
        env = {**os.environ, "DATABASE_URL": url}
        env.pop("ZFXXGK_DATA", None)
        done = subprocess.run([sys.executable, "-c", code, *args], cwd=ROOT, env=env,
                              capture_output=True, text=True, timeout=120)
        assert (done.returncode == 0) == ok, done.stdout + done.stderr
        return done

    cli = "from zfxxgk.cli import main; main()"
    seed = ("from zfxxgk.web.server import prepare, ensure_admin, load_examples; import pathlib, sys; "
            "prepare(sys.argv[1]); ensure_admin(); print(load_examples(pathlib.Path(sys.argv[2])))")
    dump = ("from zfxxgk.web.server import prepare; import sys; prepare(sys.argv[1]); "
            "from django.core.management import call_command; "
            "call_command('dumpdata', exclude=['sessions'], indent=1)")
    src, dst, archive = tmp_path / "src", tmp_path / "dst", tmp_path / "pg.zip"
    assert int(run(source_url, seed, str(src), str(ROOT / "examples")).stdout) > 0
    run(source_url, cli, "backup", "--data", str(src), "-o", str(archive))
    with zipfile.ZipFile(archive) as z:
        assert "database.json" in z.namelist()
    run(target_url, cli, "restore", str(archive), "--data", str(dst))
    assert run(source_url, dump, str(src)).stdout == run(target_url, dump, str(dst)).stdout
    files = {p.relative_to(src).as_posix(): p.read_bytes() for p in src.rglob("files/**/*") if p.is_file()}
    assert files and files == {p.relative_to(dst).as_posix(): p.read_bytes()
                               for p in dst.rglob("files/**/*") if p.is_file()}
    # The target now holds data: a second restore into it is refused without --force.
    empty = tmp_path / "empty"
    refused = run(target_url, cli, "restore", str(archive), "--data", str(empty), ok=False)
    assert "--force" in refused.stderr


@pytest.mark.skipif(not INNER, reason="runs inside the PostgreSQL run only")
@pytest.mark.django_db
def test_vendor_is_postgresql():
    from django.db import connection

    assert connection.vendor == "postgresql"
    with connection.cursor() as cursor:
        cursor.execute("SELECT version()")
        assert "PostgreSQL" in cursor.fetchone()[0]
