"""Commands for named entities: train ner/clusters, eval ner, entities, entity."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from marsad.cli.common import archive_option, fail, json_option, open_archive, print_json
from marsad.errors import GoldFormatError, MarsadError


def train_ner_cmd(
    data: Path = typer.Option(..., "--data", help="CoNLL training file (IOB2), e.g. ../shared/data/anercorp/train.txt"),
    dev: Optional[Path] = typer.Option(None, "--dev", help="Separate CoNLL dev file (default: carve --dev-split)."),
    dev_split: float = typer.Option(0.0, "--dev-split", help="Share of sentences at the end of --data kept for dev "
                                    "(default 0: the shipped model learns from all of --data; 0.1 gives the dev model)."),
    out: Optional[Path] = typer.Option(None, "--out", help="Model path (default: the shipped model)."),
    c1: Optional[float] = typer.Option(None, "--c1", help="L1 regularisation."),
    c2: Optional[float] = typer.Option(None, "--c2", help="L2 regularisation."),
    iterations: Optional[int] = typer.Option(None, "--iterations"),
    algorithm: Optional[str] = typer.Option(None, "--algorithm", help="crfsuite learner: lbfgs (shipped), ap "
                                            "(averaged perceptron, ~5x faster to train), pa, arow, l2sgd."),
    augment: Optional[int] = typer.Option(None, "--augment", help="Mention replacement: add N copies of each "
                                          "training sentence with its entities swapped for others of the same type."),
    scheme: str = typer.Option("iobes", "--scheme", help="Label encoding the CRF learns: iobes (shipped) or bio."),
    corpus: Path = typer.Option(Path("../shared/data/saudinewsnet"), "--corpus",
                                help="Unlabelled SaudiNewsNet zips for the self-training gazetteer (skipped if absent)."),
    corpus_gazetteer: Optional[Path] = typer.Option(
        None, "--corpus-gazetteer", help="Reuse a corpus gazetteer built by an earlier run instead of --corpus."),
    without: str = typer.Option("", "--without", help="Feature groups to leave out (ablation), comma-separated."),
    with_: str = typer.Option("", "--with", help="Extra feature groups (e.g. conj), comma-separated."),
    o_bias: Optional[str] = typer.Option(None, "--o-bias", help="Subtracted from the O label's score when decoding "
                                         "(recall over precision); with --folds a comma-separated list to compare."),
    windows: Optional[str] = typer.Option(None, "--windows", help="With --folds: document windows (± sentences of "
                                          "the second stage) to compare, comma-separated."),
    neural_weight: Optional[str] = typer.Option(None, "--neural-weight", help="Weight of the neural tagger's label "
                                                "log-probabilities in the first stage's scores (default 0.25); "
                                                "with --folds a comma-separated list to compare."),
    folds: bool = typer.Option(False, "--folds", help="Only score the settings on three held-out blocks "
                               "(first/middle/last --dev-split of --data; needs --corpus-gazetteer); writes no model."),
) -> None:
    """Train the named-entity tagger (two CRFs and a neural tagger) and report dev micro-F1."""
    from marsad.extract.ner.features import ALL_GROUPS, DEFAULT_GROUPS
    from marsad.extract.ner.train import DEFAULT_O_BIAS, MODEL_PATH, NEURAL_WEIGHT, SCHEMES, cross_validate, train_ner

    drop = {g.strip() for g in without.split(",") if g.strip()}
    add = {g.strip() for g in with_.split(",") if g.strip()}
    if (drop | add) - ALL_GROUPS:
        fail(f"unknown feature groups {sorted((drop | add) - ALL_GROUPS)}; known: {sorted(ALL_GROUPS)}")
    if scheme not in SCHEMES:
        fail(f"--scheme {scheme!r}: expected one of {', '.join(SCHEMES)}")
    params = {k: v for k, v in (("c1", c1), ("c2", c2), ("max_iterations", iterations), ("algorithm", algorithm),
                                ("augment", augment)) if v is not None}
    if algorithm and algorithm not in ("lbfgs", "ap", "pa", "arow", "l2sgd"):
        fail(f"--algorithm {algorithm!r}: expected lbfgs, ap, pa, arow or l2sgd")
    biases = _numbers("--o-bias", o_bias, DEFAULT_O_BIAS, folds)
    try:
        wins = tuple(int(w) for w in windows.split(",")) if windows else None
    except ValueError:
        fail(f"--windows {windows!r}: expected comma-separated whole numbers")
    if wins and not folds:
        fail("--windows is for --folds (the tagger's window is fixed)")
    weights = _numbers("--neural-weight", neural_weight, NEURAL_WEIGHT, folds)
    try:
        if folds:
            if not corpus_gazetteer:
                fail("--folds reuses a corpus gazetteer: pass --corpus-gazetteer (e.g. the shipped one)")
            cross_validate(data, corpus_gazetteer=corpus_gazetteer, groups=(DEFAULT_GROUPS | add) - drop,
                           params=params, ratio=dev_split or 0.1, scheme=scheme, log=typer.echo, o_biases=biases,
                           neural_weights=weights, **({"windows": wins} if wins else {}))
            return
        train_ner(data, out or MODEL_PATH, dev=dev, dev_split=dev_split, groups=(DEFAULT_GROUPS | add) - drop,
                  params=params, corpus=corpus if corpus.is_dir() else None,
                  corpus_gazetteer=corpus_gazetteer, scheme=scheme, o_bias=biases[0], neural_weight=weights[0],
                  log=typer.echo)
    except GoldFormatError as e:
        fail(str(e))


def _numbers(option: str, value: Optional[str], default: float, folds: bool) -> tuple[float, ...]:
    """A decode-time setting: one number, or with --folds a comma-separated list to compare."""
    try:
        numbers = tuple(float(v) for v in value.split(",")) if value else (default,)
    except ValueError:
        fail(f"{option} {value!r}: expected a number or a comma-separated list of numbers")
    if len(numbers) > 1 and not folds:
        fail(f"{option} takes a list only with --folds")
    return numbers


def train_clusters_cmd(
    data: Path = typer.Option(Path("../shared/data/saudinewsnet"), "--data", help="Folder of SaudiNewsNet zips."),
    out: Optional[Path] = typer.Option(None, "--out", help="Output TSV (default: the shipped clusters file)."),
) -> None:
    """Learn word clusters (and corpus counts) from unlabelled news for the tagger."""
    from marsad.extract.ner.clusters import CLUSTERS_PATH, train_clusters

    if not Path(data).is_dir():
        fail(f"{data}: not a folder of SaudiNewsNet zips")
    typer.echo(str(train_clusters(Path(data), out or CLUSTERS_PATH, log=typer.echo)))


def eval_ner_cmd(
    gold: Path = typer.Argument(..., help="CoNLL gold file or folder."),
    types: Optional[str] = typer.Option(None, "--types", help="Types to score, e.g. PER,LOC,ORG,MISC."),
    model: Optional[Path] = typer.Option(None, "--model", help="Model to score (default: the shipped one)."),
    neural: bool = typer.Option(True, "--neural/--no-neural", help="Score the tagger as ingest tags, with its "
                                "neural half (the default), or with the CRFs alone (as `marsad ingest "
                                "--no-ner-neural` tags)."),
    as_json: bool = json_option,
) -> None:
    """Score the tagger on a CoNLL gold (exact spans, micro-averaged)."""
    from marsad.eval.ner import evaluate_ner

    wanted = [t.strip().upper() for t in types.split(",") if t.strip()] if types else None
    try:
        result = evaluate_ner(gold, wanted, model, neural=None if neural else False)
    except MarsadError as e:
        fail(str(e))
    if result.get("extra_field_lines"):
        typer.echo(f"note: {result['extra_field_lines']} gold lines had more than two fields "
                   "(first taken as token, last as tag)", err=True)
    if as_json:
        print_json(result)
        return
    m = result["micro"]
    typer.echo(f"micro  P {m['p']:.4f}  R {m['r']:.4f}  F1 {m['f1']:.4f}   ({result['tokens']} tokens, "
               f"{result['tokens_per_s']:.0f} tokens/s)")
    for t, s in result["per_type"].items():
        typer.echo(f"{t:<5}  P {s['p']:.4f}  R {s['r']:.4f}  F1 {s['f1']:.4f}  support {s['support']}")


def entities_cmd(
    type_: Optional[str] = typer.Option(None, "--type", help="PER, ORG, LOC or MISC."),
    source: Optional[str] = typer.Option(None, "--source"),
    since: Optional[str] = typer.Option(None, "--since", help="Only articles published on or after this date."),
    limit: int = typer.Option(20, "--limit"),
    archive: Optional[Path] = archive_option,
    as_json: bool = json_option,
) -> None:
    """Top entities of the archive with mention and article counts."""
    from marsad.extract.entity_queries import top_entities

    from marsad.validate import iso_date, one_of

    one_of(type_, ("PER", "ORG", "LOC", "MISC"), "--type")
    since = iso_date(since, "--since")
    with open_archive(archive) as arc:
        rows = top_entities(arc.store, type_=type_, source=source, since=since, limit=limit)
    if as_json:
        print_json({"entities": rows})
        return
    for r in rows:
        typer.echo(f"{r['articles']:>6} {r['mentions']:>6}  {r['type']:<4} {r['name']}   [{r['key']}]")


def entity_cmd(
    name: str = typer.Argument(..., help="A name in any variant («لافروف», «سيرجي لافروف») or an entity key."),
    archive: Optional[Path] = archive_option,
    as_json: bool = json_option,
) -> None:
    """One entity: variants, mentions over time, sources, co-mentioned entities."""
    from marsad.extract.entity_queries import entity_detail

    with open_archive(archive) as arc:
        d = entity_detail(arc.store, name)
    if as_json:
        print_json(d)
        return
    typer.echo(f"{d['name']}  ({d['type']}, key {d['key']}): {d['mentions']} mentions in {d['articles']} articles")
    typer.echo("variants: " + "، ".join(d["variants"]))
    if d.get("descriptions"):
        typer.echo("also referred to as: " + "، ".join(f"{x['text']} ({x['mentions']})" for x in d["descriptions"]))
    typer.echo("sources: " + ", ".join(f"{s['source']} ({s['articles']})" for s in d["sources"]))
    typer.echo("over time:")
    for t in d["timeline"]:
        typer.echo(f"  {t['month'] or '?':<8} {t['source']:<16} {t['mentions']}")
    typer.echo("mentioned with: " + "، ".join(f"{c['name']} ({c['articles']})" for c in d["co_mentioned"]))


def register(app: typer.Typer, eval_app: typer.Typer, train_app: typer.Typer) -> None:
    train_app.command("ner")(train_ner_cmd)
    train_app.command("clusters")(train_clusters_cmd)
    eval_app.command("ner")(eval_ner_cmd)
    app.command("entities")(entities_cmd)
    app.command("entity")(entity_cmd)
