"""Core commands: ingest, search, show, stats, export, sources, delete, reindex, serve."""

from __future__ import annotations

import shlex
import sys
from pathlib import Path
from typing import List, Optional

import typer
from rich.console import Console
from rich.table import Table

from marsad.cli.common import archive_option, fail, json_option, open_archive, print_json

err = Console(stderr=True, soft_wrap=True)
out = Console(soft_wrap=True)
SHOWN_PER_FILE = 10  # rejection lines `marsad ingest` prints per input file; `marsad rejections` lists the rest


def _parse_fields(spec: Optional[List[str]]) -> Optional[dict[str, str]]:
    from marsad.read import parse_field_mapping

    return parse_field_mapping(spec)  # raises ConfigError naming the bad pair or unknown role


def _bytes(megabytes: Optional[float]) -> Optional[int]:
    """A --max-…-mb option in bytes; 0 or less is left for ReadOptions to refuse by name."""
    return None if megabytes is None else int(megabytes * 1_000_000)


def ingest(
    paths: List[str] = typer.Argument(..., help="Files, folders or globs to read."),
    archive: Optional[Path] = archive_option,
    source: Optional[str] = typer.Option(None, "--source", "-s", help="Outlet name for every record."),
    format: str = typer.Option("auto", "--format", "-f", help="auto|text|jsonl|json|csv|html|warc"),
    field: Optional[List[str]] = typer.Option(None, "--field", help="Field mapping, e.g. text=content,title=title,published=date_extracted (repeatable)."),
    stages: Optional[str] = typer.Option(None, "--stages", help="Comma-separated per-article stages (default: all): clean,normalise,published,ner,entities,dates,quotes,events."),
    archive_stages: Optional[str] = typer.Option(None, "--archive-stages", help="Comma-separated archive stages to run after storing (default: all): entities,dedup,stories; 'none' for none."),
    max_page_mb: Optional[float] = typer.Option(None, "--max-page-mb", help="Refuse a page file or record larger than this (default 20)."),
    max_html_mb: Optional[float] = typer.Option(None, "--max-html-mb", help="Refuse HTML larger than this before extracting its text (default 5)."),
    max_member_mb: Optional[float] = typer.Option(None, "--max-member-mb", help="Stop unpacking a zip member, gzip file or WARC record past this (default 5000)."),
    max_unpacked_mb: Optional[float] = typer.Option(None, "--max-unpacked-mb", help="Stop unpacking one zip/gzip/.warc.gz file past this in all (default 20000)."),
    max_json_depth: Optional[int] = typer.Option(None, "--max-json-depth", help="Refuse JSON records nested deeper than this (default 100)."),
    strict: bool = typer.Option(False, "--strict", help="Exit non-zero when any record was rejected."),
    executor: str = typer.Option("local", "--executor", help="local | processes | ray"),
    as_json: bool = json_option,
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress bar."),
    wait: bool = typer.Option(False, "--wait", help="If another process is writing to the archive, wait for it instead of failing."),
    batch_size: int = typer.Option(256, "--batch-size", min=1, max=100_000, help="Articles stored per transaction."),
    ner_neural: bool = typer.Option(True, "--ner-neural/--no-ner-neural", help="Tag names with the neural "
                                    "tagger's help as well as the CRFs (the default; --no-ner-neural tags about "
                                    "twice as fast, about 0.01 worse micro-F1; docs/ner.md)."),
) -> None:
    """Read articles into the archive. Re-ingesting the same input adds nothing."""
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    arch = open_archive(archive, create=True, wait=wait)
    stage_names = [s.strip() for s in stages.split(",")] if stages else None
    post_names = None
    if archive_stages is not None:
        post_names = [] if archive_stages.strip() in ("", "none") else [s.strip() for s in archive_stages.split(",")]
    show = not quiet and not as_json and sys.stderr.isatty()
    with Progress(SpinnerColumn(), TextColumn("{task.description}"), TimeElapsedColumn(),
                  console=err, disable=not show, transient=True) as bar:
        task = bar.add_task("reading …")
        import time

        t0 = time.perf_counter()

        def progress(n: int, rejected: int) -> None:
            rate = n / max(time.perf_counter() - t0, 1e-6)
            bar.update(task, description=f"{n:,} articles · {rate:,.0f} articles/s · {rejected} rejected")

        report = arch.ingest(paths, source=source, format=format, fields=_parse_fields(field), stages=stage_names,
                             max_page_bytes=_bytes(max_page_mb), max_html_bytes=_bytes(max_html_mb),
                             max_member_bytes=_bytes(max_member_mb), max_unpacked_bytes=_bytes(max_unpacked_mb),
                             max_json_depth=max_json_depth,
                             archive_stages=post_names, executor=executor, progress=progress,
                             batch_size=batch_size, ner_neural=ner_neural)
    if as_json:
        print_json(report.to_dict())
    else:
        _print_rejections(report, archive, arch.path)
        out.print(
            f"{report.added} added, {report.unchanged} already in the archive, "
            f"{report.exact_duplicates} exact duplicates of stored texts, {report.rejected_count} rejected "
            f"({report.seconds:.1f} s, {report.articles_per_s:,.0f} articles/s) → {arch.path}",
            markup=False, highlight=False)
    if strict and report.rejected_count:
        raise typer.Exit(1)


def _print_rejections(report, archive_given: Optional[Path], archive_path: Path) -> None:
    """The first SHOWN_PER_FILE rejections of each input file, then one line per file saying how many
    more there are and the command that lists them (a file of 200,000 broken lines is 11 lines)."""
    from marsad.archive import default_path

    shown: dict[str, int] = {}
    for r in report.rejected:
        if shown.get(r.origin, 0) < SHOWN_PER_FILE:
            shown[r.origin] = shown.get(r.origin, 0) + 1
            err.print(f"rejected {r}", markup=False, highlight=False)
    where = "" if archive_given is None or Path(archive_given) == default_path() \
        else f" --archive {shlex.quote(str(archive_path))}"
    for origin, count in report.rejected_by_origin.items():
        if count > shown.get(origin, 0):
            err.print(f"rejected {origin}: {count - shown.get(origin, 0)} more (list them with: marsad rejections "
                      f"--run {report.run_id} --origin {shlex.quote(origin)}{where})", markup=False, highlight=False)


def search(
    query: str = typer.Argument(..., help='Words, "phrases", entity:"name", source:name, -excluded'),
    archive: Optional[Path] = archive_option,
    source: Optional[List[str]] = typer.Option(None, "--source", "-s"),
    since: Optional[str] = typer.Option(None, "--since", help="YYYY-MM-DD"),
    until: Optional[str] = typer.Option(None, "--until", help="YYYY-MM-DD"),
    limit: int = typer.Option(10, "--limit", "-n"),
    offset: int = typer.Option(0, "--offset"),
    as_json: bool = json_option,
) -> None:
    """Full-text search (BM25 over normalised, lightly stemmed Arabic)."""
    res = open_archive(archive).search(query, source=source or None, since=since, until=until, limit=limit,
                                       offset=offset)
    if as_json:
        print_json({"total": res.total, "results": [
            {k: r[k] for k in ("id", "title", "source", "published", "score", "snippet")} for r in res.results]})
        return
    out.print(f"{res.total} matching articles", highlight=False)
    for r in res.results:
        out.print(f"\n[bold]{r['title'] or '(no title)'}[/bold]  [dim]{r['source']} · {r['published'] or 'date unknown'}"
                  f" · {r['id'][:12]} · {r['score']:.2f}[/dim]", highlight=False)
        text, spans = r["snippet"], r["highlights"]
        pieces, last = [], 0
        from rich.markup import escape

        for s, e in spans:
            pieces.append(escape(text[last:s]) + "[reverse]" + escape(text[s:e]) + "[/reverse]")
            last = e
        pieces.append(escape(text[last:]))
        out.print("  " + "".join(pieces), highlight=False)


def show(
    article_id: str = typer.Argument(..., help="Article id (or an unambiguous prefix)."),
    archive: Optional[Path] = archive_option,
    removed: bool = typer.Option(False, "--removed", help="Also list the page chrome removed by cleaning."),
    raw: bool = typer.Option(False, "--raw", help="Print the raw input exactly as it came."),
    as_json: bool = json_option,
) -> None:
    """One article: metadata, clean text and (with --removed) the removed lines with reasons."""
    arch = open_archive(archive)
    a = arch.get(article_id)
    if raw:
        data, encoding, _ = arch.store.raw_input(a.meta["raw_hash"])
        sys.stdout.buffer.write(data)
        return
    if as_json:
        d = a.to_dict()
        if not removed:
            d.pop("removed")
        d["duplicates"] = arch.duplicates_of(a.id)
        print_json(d)
        return
    p = lambda s: out.print(s, markup=False, highlight=False)  # noqa: E731
    p(a.title or "(no title)")
    p(f"id: {a.id}\nsource: {a.source}\npublished: {a.published or 'unknown'}"
      f"{' (' + a.published_how + (': ' + a.published_detail if a.published_detail else '') + ')' if a.published_how else ''}")
    for label, value in (("url", a.url), ("dateline", a.dateline), ("place", a.place), ("agency", a.agency),
                         ("author", a.author), ("language", a.language)):
        if value:
            p(f"{label}: {value}")
    if a.credits:
        p("credits: " + " | ".join(a.credits))
    dups = arch.duplicates_of(a.id)
    if dups:
        p("same text also at: " + ", ".join(f"{d['source']} {d['id'][:12]}" for d in dups))
    p("")
    p(a.text)
    if removed:
        p(f"\n--- removed lines ({len(a.removed)}) ---")
        for r in a.removed:
            p(f"[{r.reason}] {r.text}")


def stats(archive: Optional[Path] = archive_option, as_json: bool = json_option) -> None:
    """Articles per source and per month, duplicates, languages, annotations."""
    s = open_archive(archive).stats()
    if as_json:
        print_json(s)
        return
    out.print(f"{s['articles']:,} articles ({s['distinct_texts']:,} distinct texts; "
              f"{s['exact_duplicates']['articles']:,} articles in {s['exact_duplicates']['groups']:,} exact-duplicate groups)")
    for title, key in (("source", "sources"), ("month", "months"), ("language", "languages")):
        t = Table(title=f"articles per {title}")
        t.add_column(title)
        t.add_column("articles", justify="right")
        for k, v in s[key].items():
            t.add_row(str(k), f"{v:,}")
        out.print(t)
    extra = {k: s[k] for k in ("mentions", "entities", "dates", "quotes", "events", "stories", "rejections") if k in s}
    out.print("  ".join(f"{k}: {v:,}" for k, v in extra.items()))


def export(
    archive: Optional[Path] = archive_option,
    format: str = typer.Option("jsonl", "--format", "-f", help="jsonl | csv | parquet"),
    output: Optional[Path] = typer.Option(None, "--out", "-o", help="Output file (default: standard output)."),
    source: Optional[str] = typer.Option(None, "--source", "-s"),
) -> None:
    """Export articles with their metadata and clean text."""
    n = open_archive(archive).export(format, output, source=source)
    if output:
        err.print(f"{n} articles written to {output}", markup=False)


def sources(
    name: Optional[str] = typer.Argument(None, help="Edit this source (with the options below)."),
    archive: Optional[Path] = archive_option,
    label: Optional[str] = typer.Option(None, "--label"),
    domain: Optional[str] = typer.Option(None, "--domain"),
    country: Optional[str] = typer.Option(None, "--country"),
    kind: Optional[str] = typer.Option(None, "--kind", help="state | private | public | wire | party | ngo | unknown"),
    add: bool = typer.Option(False, "--add", help="Add NAME to the registry if it is not there yet."),
    import_file: Optional[Path] = typer.Option(None, "--import", help="Add or update sources from a JSONL file of {name, label, domain, country, kind, notes}."),
    as_json: bool = json_option,
) -> None:
    """List the source registry, or edit one source: `marsad sources sana --kind state --country SY`."""
    arch = open_archive(archive, create=import_file is not None)
    if import_file:
        err.print(f"{arch.import_sources(import_file)} sources imported from {import_file}", markup=False)
    if name:
        arch.update_source(name, create=add, label=label, domain=domain, country=country, kind=kind)
    rows = arch.sources()
    if name:
        rows = [r for r in rows if r["name"] == name]
    if as_json:
        print_json({"sources": rows})
        return
    t = Table()
    for col in ("name", "label", "domain", "country", "kind", "articles", "first", "last"):
        t.add_column(col)
    for r in rows:
        t.add_row(*[str(r.get(c) or "") for c in ("name", "label", "domain", "country", "kind", "articles", "first", "last")])
    out.print(t)


def delete(article_id: str = typer.Argument(...), archive: Optional[Path] = archive_option) -> None:
    """Delete an article from the archive and the search index."""
    arch = open_archive(archive)
    full = arch._resolve_id(article_id)
    arch.delete(full)
    out.print(f"deleted {full}", markup=False)


def reindex(archive: Optional[Path] = archive_option) -> None:
    """Rebuild the search index from the database."""
    n = open_archive(archive).reindex()
    out.print(f"{n} articles indexed", markup=False)


def serve(
    archive: Optional[Path] = archive_option,
    host: str = typer.Option("127.0.0.1", "--host", help="Address to listen on; the default answers this "
                             "machine only."),
    port: int = typer.Option(8000, "--port", min=1, max=65535),
    protect_reads: bool = typer.Option(False, "--protect-reads", help="Reads need the token too (or "
                                       "$MARSAD_PROTECT_READS=1); browsers log in with a form."),
    allow_host: Optional[List[str]] = typer.Option(None, "--allow-host", help="Another Host name clients "
                                                   "use to reach the server (repeatable; '*' for any)."),
) -> None:
    """Serve the HTTP API and the web UI. Writes need $MARSAD_TOKEN (sent as a Bearer token); without
    it they are off."""
    import uvicorn

    from marsad.api.access import AccessPolicy
    from marsad.api.app import create_app
    from marsad.api.guard import LOCAL_HOSTS

    access = AccessPolicy.from_env(protect_reads=protect_reads or None)
    hosts = [*LOCAL_HOSTS, *([] if host in ("0.0.0.0", "::") else [host]), *(allow_host or [])]
    arch = open_archive(archive)
    arch.index  # open the index now: if nobody else writes, this finishes an interrupted run first
    err.print(f"marsad: serving {arch.path} at http://{host}:{port}", markup=False)
    err.print(f"marsad: writes {'need the token' if access.token else 'are off (set MARSAD_TOKEN to enable)'}; "
              f"reads {'need the token' if access.protect_reads else 'are open'}", markup=False)
    if host not in LOCAL_HOSTS and not allow_host:
        err.print("marsad: clients must reach the server by one of the names "
                  f"{', '.join(hosts)}; add others with --allow-host", markup=False)
    uvicorn.run(create_app(arch, access=access, allowed_hosts=hosts), host=host, port=port, log_level="warning",
                server_header=False)


def register(app: typer.Typer, eval_app: typer.Typer, train_app: typer.Typer) -> None:
    for command in (ingest, search, show, stats, export, sources, delete, reindex, serve):
        app.command()(command)
