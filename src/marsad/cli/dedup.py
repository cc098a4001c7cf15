"""Copies and wire republication: ``marsad copies``, ``marsad republication``, ``marsad eval dedup``."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from marsad.cli.common import archive_option, fail, json_option, open_archive, print_json


def eval_dedup(
    gold: Path = typer.Argument(..., help="JSONL of labelled pairs {a, b, label}."),
    corpus: Path = typer.Option(..., "--corpus", help="JSONL articles {id, source, published, title, text}."),
    memory: bool = typer.Option(False, "--memory", help="Development shortcut: run only the near-duplicate "
                                "index on the raw texts, without an archive or the clean stage."),
    as_json: bool = json_option,
) -> None:
    """Score duplicate grouping on labelled pairs (positives: the `duplicate` pairs)."""
    from marsad.errors import GoldFormatError
    from marsad.eval.dedup import check_ids, evaluate_archive, evaluate_memory, read_corpus, read_pairs

    for path in (gold, corpus):
        if not path.exists():
            fail(f"file not found: {path}")
    try:
        pairs = read_pairs(gold)
        docs = read_corpus(corpus)
        check_ids(pairs, docs, str(gold))
    except GoldFormatError as exc:
        fail(str(exc))
    result = evaluate_memory(pairs, docs) if memory else evaluate_archive(pairs, docs)
    if as_json:
        print_json(result)
        return
    typer.echo(f"dedup  P {result['p']:.3f}  R {result['r']:.3f}  F1 {result['f1']:.3f}  "
               f"({result['pairs']} pairs: {result['tp']} TP, {result['fp']} FP, {result['fn']} FN)")


def copies(
    source: Optional[str] = typer.Option(None, "--source", "-s", help="Only groups this outlet republished."),
    origin: Optional[str] = typer.Option(None, "--origin", "-o", help="Only texts first published by, or crediting, "
                                         "this outlet or agency (spa, «واس», afp …)."),
    group: Optional[str] = typer.Option(None, "--group", "-g", help="Show one group with its edits."),
    limit: int = typer.Option(20, "--limit", "-n"),
    rebuild: bool = typer.Option(False, "--rebuild", help="Recompute near-duplicates for the whole archive."),
    archive: Optional[Path] = archive_option,
    as_json: bool = json_option,
) -> None:
    """Duplicate groups: the first publisher of each text and who copied it, with their edits."""
    from marsad.dedup import queries

    arch = open_archive(archive)
    if rebuild:
        arch.rebuild_stage("dedup")
    if group:
        g = queries.get_group(arch, group)
        if as_json:
            print_json(g)
        else:
            _print_group(g)
        return
    total, groups = queries.list_groups(arch, source=source, origin=origin, limit=limit)
    if as_json:
        print_json({"total": total, "groups": groups})
        return
    if not groups:
        typer.echo("no duplicate groups" + (f" with copies by {source}" if source else "")
                   + (f" from {origin}" if origin else ""))
        return
    for g in groups:
        _print_group(g, brief=True)
    typer.echo(f"{len(groups)} of {total} groups")


def _print_group(g: dict, brief: bool = False) -> None:
    origin = f"{g['first_publisher']}" + (f" (credits {g['agency']})" if g.get("agency") else "")
    typer.echo(f"{g['group_id']}  first: {origin}  {g['published'] or ''}  {g['title'] or ''}")
    for m in g["members"][1:]:
        delay = f"+{m['delay_hours']}h" if m["delay_hours"] is not None else ""
        kept = f"kept {m['kept_share']:.0%}" if m["kept_share"] is not None else ""
        edit = f"+{m['lines_added']}/-{m['lines_removed']} sentences" if m["lines_added"] is not None else ""
        typer.echo(f"   {m['role']:7} {m['source']:14} {delay:9} {kept:9} {edit}"
                   + ("" if brief else f"  {m['title'] or ''}  {m['id']}"))


def republication(archive: Optional[Path] = archive_option, as_json: bool = json_option) -> None:
    """Which outlets republish which agency or outlet, how often and how fast."""
    from marsad.dedup import queries

    rows = queries.republication(open_archive(archive))
    if as_json:
        print_json({"rows": rows})
        return
    if not rows:
        typer.echo("no republication found")
        return
    typer.echo(f"{'outlet':16}{'republishes':16}{'texts':>7}{'copies':>8}{'embedded':>10}{'median delay h':>16}")
    for r in rows:
        delay = "" if r["median_delay_hours"] is None else f"{r['median_delay_hours']:.1f}"
        typer.echo(f"{r['source']:16}{r['origin']:16}{r['texts']:>7}{r['copies']:>8}{r['embedded']:>10}{delay:>16}")


def register(app: typer.Typer, eval_app: typer.Typer, train_app: typer.Typer) -> None:
    eval_app.command("dedup")(eval_dedup)
    app.command("copies")(copies)
    app.command("republication")(republication)
