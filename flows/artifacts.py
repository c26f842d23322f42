"""Prefect artifacts of a run: one table and one markdown summary under stable keys.

Stable keys make the Prefect UI keep a history per key (Artifacts page), so an operator can see what each
scheduled run loaded and rejected without opening the warehouse.
"""
from __future__ import annotations

from collections import Counter
from typing import Any

from prefect.artifacts import create_markdown_artifact, create_table_artifact

# Keys may only hold lowercase letters, digits and dashes (Prefect's rule); never change them, the UI
# groups the history of runs by key.
SUMMARY_KEY = "gwr-run-summary"
TABLE_KEY = "gwr-run-table"


FETCH_FIGURES = ("pages", "requests", "not_modified", "unchanged", "new", "failed")


def run_table(tables: dict[str, list[dict[str, Any]]], fetch: dict[str, Any] | None = None) -> list[dict[str, Any]]:
    """Rows (kind, name, count): each new document, rejects grouped by reason, indicators grouped by metric,
    and the web fetch figures when the run fetched (what a no-change run cost shows up here)."""
    rows: list[dict[str, Any]] = []
    for doc in sorted(tables.get("documents", []), key=lambda d: (d.get("region_code") or "", d.get("plan_year") or 0)):
        name = f"{doc.get('region_name') or '?'} {doc.get('plan_year') or '?'} ({doc['document_id']})"
        rows.append({"kind": "new document", "name": name, "count": 1})
    for reason, n in sorted(Counter(r["reason"] for r in tables.get("rejects", [])).items()):
        rows.append({"kind": "reject", "name": reason, "count": n})
    for metric, n in sorted(Counter(i["metric"] for i in tables.get("indicators", [])).items()):
        rows.append({"kind": "indicators", "name": metric, "count": n})
    for name in FETCH_FIGURES if fetch else ():
        if name in fetch:
            rows.append({"kind": "fetch", "name": name, "count": fetch[name]})
    return rows


def summary_markdown(summary: dict[str, Any], tables: dict[str, list[dict[str, Any]]]) -> str:
    """A short human summary of the run; rejects are listed one by one since each needs an action."""
    lines = [
        f"# gwr run {summary['run_id']}",
        "",
        "| files seen | new | documents loaded | duplicates | rejected |",
        "|---:|---:|---:|---:|---:|",
        f"| {summary['files_seen']} | {summary['files_new']} | {summary['documents_loaded']} "
        f"| {summary['files_duplicate']} | {summary['files_rejected']} |",
        "",
        f"Warehouse: `{summary.get('warehouse') or '(not published)'}`",
    ]
    fetch = summary.get("fetch") or {}
    if fetch:
        lines += ["", f"Fetched {fetch.get('pages', 0)} pages with {fetch.get('requests', 0)} requests in "
                      f"{fetch.get('seconds', 0):.2f} s: {fetch.get('new', 0)} new, {fetch.get('not_modified', 0)} "
                      f"not modified, {fetch.get('unchanged', 0)} unchanged, {fetch.get('failed', 0)} failed."]
    docs = tables.get("documents", [])
    if docs:
        lines += ["", "## New documents", ""]
        lines += [f"- {d.get('region_name') or '?'} {d.get('plan_year') or '?'}: `{d['document_id']}`"
                  for d in sorted(docs, key=lambda d: (d.get("region_code") or "", d.get("plan_year") or 0))]
    rejects = summary.get("rejects") or []
    if rejects:
        lines += ["", "## Rejects", ""]
        lines += [f"- `{r['source_uri']}`: {r['reason']} ({r.get('detail') or ''})" for r in rejects]
    if summary["files_new"] == 0:
        lines += ["", "Nothing new: no row changed."]
    return "\n".join(lines) + "\n"


def publish_artifacts(summary: dict[str, Any], tables: dict[str, list[dict[str, Any]]]) -> None:
    """Create the two artifacts inside the current flow run (a no-op table still records an empty run)."""
    create_table_artifact(run_table(tables, summary.get("fetch")) or [{"kind": "nothing new", "name": "", "count": 0}],
                          key=TABLE_KEY, description=f"gwr run {summary['run_id']}: new documents, rejects by "
                                                     "reason, indicators by metric")
    create_markdown_artifact(summary_markdown(summary, tables), key=SUMMARY_KEY,
                             description=f"gwr run {summary['run_id']}")
