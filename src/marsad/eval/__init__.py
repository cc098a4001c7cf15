"""Quality harnesses behind `marsad eval TASK GOLD`: one module per task, each reading its gold
format (see ../shared/EVAL_FORMATS.md and docs/eval.md), running marsad's real pipeline and returning
the JSON object the CLI prints. `common.py` holds the fixed scoring normalisation."""
