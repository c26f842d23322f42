"""`gwr`: run the ETL, query the warehouse read-only, show run status. Errors become one-line messages."""
from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

# Prefect reads these at import: no telemetry (there is no network) and quiet logs unless asked.
os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")

EXAMPLE_QUERY = ("select region_name, plan_year, speaker, char_count from reporting_v1.documents "
                 "order by plan_year desc, region_name")


class CliError(Exception):
    """A failure to report as one line and exit 1."""


def _connect_ro(path: str):
    import duckdb
    if not Path(path).exists():
        raise CliError(f"no warehouse at {path}; run `gwr run` first")
    try:
        return duckdb.connect(path, read_only=True)
    except duckdb.Error as exc:
        raise CliError(f"cannot open {path} read-only: {exc}") from exc


def print_table(columns: list[str], rows: list[tuple], max_width: int = 60, out=None) -> None:
    """A plain aligned text table; wide CJK characters count double so columns line up in a terminal."""
    import unicodedata
    out = out or sys.stdout

    def w(s: str) -> int:
        return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s)

    def cut(v) -> str:
        s = "NULL" if v is None else str(v).replace("\n", " ")
        while w(s) > max_width:
            s = s[: max(1, len(s) - 4)] + "…"
            if w(s) <= max_width:
                break
            s = s[:-1]
        return s

    cells = [[cut(v) for v in r] for r in rows]
    widths = [max([w(c)] + [w(r[i]) for r in cells]) for i, c in enumerate(columns)]
    line = lambda vals: "  ".join(v + " " * (widths[i] - w(v)) for i, v in enumerate(vals)).rstrip()  # noqa: E731
    print(line(columns), file=out)
    print("  ".join("-" * x for x in widths), file=out)
    for r in cells:
        print(line(r), file=out)
    print(f"({len(rows)} row{'s' if len(rows) != 1 else ''})", file=out)


def cmd_run(args: argparse.Namespace) -> int:
    from .etl import etl
    from .store import WarehouseBusy, WarehouseConflict
    from .warehouse import PublishError
    from .etl import DEFAULT_INBOX
    from .sources import SourcesError, load_sources
    # With web sources an inbox is scanned only when given; without, the bundled samples are the demo inbox.
    inbox = Path(args.inbox) if args.inbox else (None if args.url or args.sources else DEFAULT_INBOX)
    if inbox is not None and not inbox.is_dir():
        raise CliError(f"inbox {inbox} is not a directory")
    try:
        load_sources(args.sources, args.url or [])  # a config mistake is one line before any run starts
    except SourcesError as exc:
        raise CliError(str(exc)) from exc
    if getattr(args, "runner", None):
        from .runners import RunnerConfigError, make_task_runner
        try:
            etl = etl.with_options(task_runner=make_task_runner(args.runner))
        except RunnerConfigError as exc:
            raise CliError(str(exc)) from exc
    try:
        summary = etl(inbox=str(inbox) if inbox else None, warehouse=args.warehouse, sources=args.sources,
                      urls=args.url or None)
    except (WarehouseBusy, WarehouseConflict, PublishError) as exc:
        raise CliError(str(exc)) from exc
    con = _connect_ro(args.warehouse)
    counts = {name: con.execute(f"select count(*) from {sql}").fetchone()[0] for name, sql in (
        ("documents", "reporting_v1.documents"), ("sections", "reporting_v1.sections"),
        ("indicators", "reporting_v1.indicators"), ("glossary entries", "reporting_v1.glossary"),
        ("rejects", "ops.rejects"))}
    con.close()
    if summary.get("fetch"):
        f = summary["fetch"]
        print(f"Web: {f['pages']} pages checked with {f['requests']} requests in {f['seconds']:.2f} s: {f['new']} new, "
              f"{f['not_modified']} not modified, {f['unchanged']} unchanged, {f['failed']} failed.")
    if summary["files_new"] == 0 and not summary["rejects"]:
        print(f"Nothing new: {summary['files_seen']} files already processed; no row changed.")
    else:
        print(f"Run {summary['run_id']}: {summary['files_new']} new files, {summary['documents_loaded']} documents loaded, "
              f"{summary['files_duplicate']} duplicates, {summary['files_rejected']} rejected.")
    for rej in summary["rejects"]:
        print(f"  rejected {rej['source_uri']}: {rej['reason']} - {rej['detail']}")
    print(f"Warehouse {args.warehouse}: " + ", ".join(f"{v} {k}" for k, v in counts.items()))
    # Show the command as the user invoked it (make run calls .venv/bin/gwr, which is not on PATH).
    prog = sys.argv[0] if "/" in sys.argv[0] and Path(sys.argv[0]).name == "gwr" else "gwr"
    print(f'Try: {prog} query "{EXAMPLE_QUERY}"')
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    from .etl import DEFAULT_INBOX
    from .serve import ScheduleConfig, ServeError, serve
    # As `gwr run`: with web sources an inbox is scanned only when given.
    inbox = args.inbox or (None if args.sources else str(DEFAULT_INBOX))
    if inbox and not Path(inbox).is_dir():
        raise CliError(f"inbox {inbox} is not a directory")
    if args.sources:
        from .sources import SourcesError, load_sources
        try:
            load_sources(args.sources, [])  # a config mistake is one line now, not a failed run at 06:00
        except SourcesError as exc:
            raise CliError(str(exc)) from exc
    try:
        serve(inbox, args.warehouse, ScheduleConfig.from_env(args.cron, args.timezone, args.interval),
              name=args.name, runner=args.runner, sources=args.sources, wait=args.wait)
    except ServeError as exc:
        raise CliError(str(exc)) from exc
    return 0


def cmd_query(args: argparse.Namespace) -> int:
    import duckdb
    if not args.sql.strip():
        raise CliError("empty query: give one SQL statement, e.g. \"select * from reporting_v1.documents\"")
    con = _connect_ro(args.warehouse)
    try:
        cur = con.execute(args.sql)
        cols = [d[0] for d in cur.description] if cur.description else []
        rows = cur.fetchall() if cols else []
    except duckdb.Error as exc:
        raise CliError(f"query failed: {str(exc).splitlines()[0]}") from exc
    finally:
        con.close()
    print_table(cols, rows, max_width=args.max_width)
    return 0


def cmd_status(args: argparse.Namespace) -> int:
    con = _connect_ro(args.warehouse)
    try:
        print("Last runs:")
        cur = con.execute("select run_id, started_at, files_seen, files_new, files_rejected, files_duplicate, "
                          "documents_loaded, status, coalesce(error, '') as error from ops.runs order by started_at desc limit ?", [args.limit])
        print_table([d[0] for d in cur.description], cur.fetchall())
        print("\nWarehouse:")
        cur = con.execute("""select 'documents' as item, count(*) as n from reporting_v1.documents
            union all select 'sections', count(*) from reporting_v1.sections
            union all select 'indicators', count(*) from reporting_v1.indicators
            union all select 'glossary', count(*) from reporting_v1.glossary
            union all select 'terms', count(*) from reporting_v1.terms
            union all select 'rejects', count(*) from ops.rejects""")
        print_table([d[0] for d in cur.description], cur.fetchall())
        print("\nRejects:")
        cur = con.execute("select source_uri, reason, detail, seen_at from ops.rejects order by seen_at desc")
        print_table([d[0] for d in cur.description], cur.fetchall(), max_width=100)
    finally:
        con.close()
    return 0


def build_parser() -> argparse.ArgumentParser:
    from .etl import DEFAULT_INBOX, DEFAULT_WAREHOUSE
    p = argparse.ArgumentParser(prog="gwr", description="Government work reports into a DuckDB warehouse.")
    sub = p.add_subparsers(dest="command", required=True)
    r = sub.add_parser("run", help="one run of the ETL flow")
    r.add_argument("--inbox", default=None,
                   help="folder of report files (default: bundled samples, or none when --url/--sources is given)")
    r.add_argument("--url", action="append", metavar="URL",
                   help="fetch this report page (repeatable); polite defaults, or the [fetch] settings of --sources")
    r.add_argument("--sources", metavar="FILE", help="sources.toml of report URLs and listing pages to fetch")
    r.add_argument("--warehouse", default=str(DEFAULT_WAREHOUSE), help="DuckDB file to publish")
    r.add_argument("--runner", choices=("threads", "dask"), default=None,
                   help="task runner for the transforms (default: $GWR_TASK_RUNNER or threads; dask uses $GWR_DASK_ADDRESS)")
    r.set_defaults(func=cmd_run)
    sv = sub.add_parser("serve", help="run the flow on a schedule (needs `prefect server start` and PREFECT_API_URL)")
    sv.add_argument("--inbox", default=None, help="folder of report files (default: bundled samples, or none with --sources)")
    sv.add_argument("--sources", metavar="FILE", help="sources.toml of report URLs and listing pages to fetch each run")
    sv.add_argument("--warehouse", default=str(DEFAULT_WAREHOUSE), help="DuckDB file each scheduled run publishes")
    sv.add_argument("--cron", default=None, help="cron schedule (default: $GWR_SCHEDULE_CRON or '0 6 * * *')")
    sv.add_argument("--timezone", default=None, help="IANA zone of the cron (default: $GWR_SCHEDULE_TIMEZONE or Asia/Shanghai)")
    sv.add_argument("--interval", type=float, default=None, help="run every N seconds instead of the cron ($GWR_SCHEDULE_INTERVAL)")
    sv.add_argument("--name", default="gwr-scheduled", help="deployment name")
    sv.add_argument("--runner", choices=("threads", "dask"), default=None, help="task runner of the served runs")
    sv.add_argument("--wait", type=float, default=0, metavar="SECONDS",
                    help="keep trying to reach the Prefect server this long before giving up (service start-up)")
    sv.set_defaults(func=cmd_serve)
    q = sub.add_parser("query", help="run read-only SQL and print a table")
    q.add_argument("sql")
    q.add_argument("--warehouse", default=str(DEFAULT_WAREHOUSE), help="DuckDB file to read (opened read-only)")
    q.add_argument("--max-width", type=int, default=60, help="truncate cells wider than this")
    q.set_defaults(func=cmd_query)
    s = sub.add_parser("status", help="last runs, counts and rejects")
    s.add_argument("--warehouse", default=str(DEFAULT_WAREHOUSE), help="DuckDB file to read (opened read-only)")
    s.add_argument("--limit", type=int, default=10)
    s.set_defaults(func=cmd_status)
    return p


def main(argv: list[str] | None = None) -> int:
    from .runners import RunnerConfigError
    try:
        args = build_parser().parse_args(argv)   # imports flows.etl, whose task runner comes from GWR_TASK_RUNNER
    except RunnerConfigError as exc:
        print(f"gwr: {exc} (GWR_TASK_RUNNER)", file=sys.stderr)
        return 1
    try:
        return args.func(args)
    except CliError as exc:
        print(f"gwr: {exc}", file=sys.stderr)
        return 1
    except BrokenPipeError:
        # The reader went away (`gwr status | head`): not an error; keep Python from complaining at exit.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except KeyboardInterrupt:
        print("gwr: interrupted; the previous warehouse is unchanged", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
