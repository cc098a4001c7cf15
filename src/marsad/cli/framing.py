"""``marsad framing`` and ``marsad eval marks GOLD``: how outlets frame what they cover."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from marsad.cli.common import archive_option, fail, json_option, open_archive, print_json


def eval_marks(gold: Path = typer.Argument(..., help="JSONL gold of quoted spans (EVAL_FORMATS.md, marks)."),
               as_json: bool = json_option,
               show_errors: bool = typer.Option(False, "--errors", help="List the spans marsad got wrong.")) -> None:
    """Score what marsad says each pair of quotation marks does (speech, title, scare, term)."""
    from marsad.errors import GoldFormatError
    from marsad.eval.marks import errors, evaluate_marks

    if not gold.exists():
        fail(f"gold file not found: {gold}")
    try:
        result = evaluate_marks(gold)
    except GoldFormatError as exc:
        fail(str(exc))
    if as_json:
        print_json(result)
        return
    typer.echo(f"accuracy {result['accuracy']:.3f}  macro-F1 {result['macro_f1']:.3f}  spans {result['spans']}")
    for name, s in result["per_function"].items():
        typer.echo(f"{name:7} P {s['p']:.3f}  R {s['r']:.3f}  F1 {s['f1']:.3f}  support {s['support']}")
    if show_errors:
        for e in errors(gold):
            typer.echo(f"{e['doc_id']}\tgold {e['gold']}\tpred {e['pred']} ({e['rule']})\t…{e['before'][-40:]}⟦{e['span'][:60]}⟧")


def framing(
    source: Optional[str] = typer.Option(None, "--source", "-s", help="Report this outlet only (compared with all others)."),
    story: Optional[int] = typer.Option(None, "--story", help="Compare the outlets inside one story."),
    storyline: Optional[int] = typer.Option(None, "--storyline", help="Compare the outlets inside one storyline."),
    top: int = typer.Option(12, "--top", help="Distinguishing terms per outlet."),
    as_json: bool = json_option,
    archive: Optional[Path] = archive_option,
) -> None:
    """Per outlet: distinguishing terms (weighted log-odds), contested labels used, scare quotes."""
    from marsad.stories.framing import archive_articles, framing_report

    with open_archive(archive) as arch:
        articles = archive_articles(arch, source=source, story=story, storyline=storyline)
    report = framing_report(articles, source=source, top=top)
    if as_json:
        print_json(report)
        return
    typer.echo(f"{report['articles']} articles")
    for outlet in report["outlets"]:
        _print_outlet(outlet)


def _print_outlet(outlet: dict) -> None:
    marks = outlet["marks"]
    typer.echo(f"\n== {outlet['source']} ({outlet['articles']} articles; quotation marks: "
               + ", ".join(f"{k} {v}" for k, v in sorted(marks["functions"].items())) + ")")
    if outlet["terms"]:
        typer.echo("  distinguishing: " + "، ".join(f"{t['term']} ({t['z']:.1f})" for t in outlet["terms"]))
    if outlet["lexicon"]:
        typer.echo("  labels: " + "، ".join(f"{r['label']} ×{r['count']} [{r['frame']}]" for r in outlet["lexicon"][:10]))
    for ex in marks["examples"][:5]:
        typer.echo(f"  scare “{ex['span']}” — {ex['sentence'][:160]} [{ex['article_id'][:12]}]")


def register(app: typer.Typer, eval_app: typer.Typer, train_app: typer.Typer) -> None:
    eval_app.command("marks")(eval_marks)
    app.command("framing")(framing)
