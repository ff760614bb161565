"""The CI accuracy floors (tests/eval_floors.json): check a report against them, raise them, never lower.

Each gold set has an entry keyed by its file stem: the sha256 of the gold file it was measured on and
one floor per gated metric. A floor is only ever raised to the current score (rounded down to three
decimals so float noise cannot fail CI). When the gold file changes, its fingerprint no longer
matches: the gate fails and says so, and only an explicit re-baseline (``--rebaseline``, a reviewed
change) records the new fingerprint with the scores measured on it.

Run ``python -m accord.eval.floors GOLD_FILE ...`` (or ``accord eval GOLD_FILE --update-floors``).
"""

from __future__ import annotations

import argparse
import json
import math
from pathlib import Path

from accord.errors import AccordError, Code
from accord.eval.scoring import Report

FLOORS_FILE = Path("tests") / "eval_floors.json"
GATED_METRICS = ("type_precision", "type_recall", "f1", "triple_accuracy")
#: Gold formats scored with other metrics (PLV dyads have no precision: see accord.eval.plv).
GATED_BY_FORMAT = {"plv": ("type_found", "type_source", "type_both")}


def gated_metrics(report: Report) -> tuple[str, ...]:
    """The metrics that get a floor for this report's gold format."""
    return GATED_BY_FORMAT.get(report.format, GATED_METRICS)


def load_floors(path: str | Path = FLOORS_FILE) -> dict:
    path = Path(path)
    if not path.is_file():
        return {}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise AccordError(Code.DATA_INVALID, f"{path}: {exc}") from exc
    if not isinstance(data, dict):
        raise AccordError(Code.DATA_INVALID, f"{path}: expected an object keyed by gold set name")
    return data


def save_floors(floors: dict, path: str | Path = FLOORS_FILE) -> None:
    Path(path).write_text(json.dumps(floors, indent=2, sort_keys=True) + "\n", encoding="utf-8")


def _round_down(value: float) -> float:
    return math.floor(value * 1000 + 1e-9) / 1000


def check(report: Report, entry: dict) -> list[str]:
    """Reasons the report fails its floors (empty when it passes)."""
    failures = []
    if entry.get("sha256") and entry["sha256"] != report.sha256:
        failures.append(
            f"{report.name}: the gold file changed (sha256 {report.sha256[:12]}… ≠ recorded "
            f"{entry['sha256'][:12]}…); review the change, then re-baseline with "
            f"`python -m accord.eval.floors {report.path} --rebaseline`"
        )
        return failures
    for metric, floor in entry.items():
        if metric == "sha256":
            continue
        value = report.metrics.get(metric)
        if value is None or value + 1e-9 < float(floor):
            failures.append(f"{report.name}: {metric} = {value if value is None else round(value, 4)} is below its floor {floor}")
    return failures


def raise_floors(floors: dict, report: Report, *, rebaseline: bool = False) -> tuple[dict, list[str]]:
    """A copy of ``floors`` with ``report``'s set raised to its scores; and the changes made.

    Floors never go down. A changed fingerprint is refused unless ``rebaseline`` is set, in which
    case the entry is replaced by the scores on the new gold file.
    """
    floors = json.loads(json.dumps(floors))
    entry = floors.get(report.name)
    changes = []
    if entry and entry.get("sha256") not in (None, report.sha256) and not rebaseline:
        raise AccordError(
            Code.GOLD_INVALID,
            f"{report.path} changed since its floors were recorded; pass --rebaseline to record the new file.",
        )
    if entry is None or (rebaseline and entry.get("sha256") != report.sha256):
        entry = {"sha256": report.sha256, **{m: 0.0 for m in gated_metrics(report)}}
        changes.append(f"{report.name}: new baseline (sha256 {report.sha256[:12]}…)")
    elif not entry.get("sha256"):
        entry["sha256"] = report.sha256
        changes.append(f"{report.name}: fingerprint recorded (sha256 {report.sha256[:12]}…)")
    for metric in set(gated_metrics(report)) | (set(entry) - {"sha256"}):
        current = _round_down(report.metrics.get(metric) or 0.0)
        old = float(entry.get(metric, 0.0))
        if current > old:
            entry[metric] = current
            changes.append(f"{report.name}: {metric} {old} -> {current}")
        else:
            entry.setdefault(metric, old)
    floors[report.name] = entry
    return floors, changes


def main(argv: list[str] | None = None) -> int:
    from accord.eval.runner import evaluate

    parser = argparse.ArgumentParser(prog="python -m accord.eval.floors", description=__doc__.split("\n\n")[0])
    parser.add_argument("gold", nargs="+", help="gold JSONL files to evaluate")
    parser.add_argument("--floors", default=str(FLOORS_FILE), help="floors file (default: %(default)s)")
    parser.add_argument("--rebaseline", action="store_true", help="accept a changed gold file")
    args = parser.parse_args(argv)
    floors = load_floors(args.floors)
    below: list[str] = []
    for gold in args.gold:
        report = evaluate(gold)
        if report.name in floors and not args.rebaseline:
            below += check(report, floors[report.name])  # said, not hidden: a raise elsewhere never masks a drop
        floors, changes = raise_floors(floors, report, rebaseline=args.rebaseline)
        for line in changes or [f"{Path(gold).stem}: no floor raised"]:
            print(line)
    save_floors(floors, args.floors)
    for line in below:
        print(f"BELOW FLOOR {line}")
    return 1 if below else 0


if __name__ == "__main__":
    raise SystemExit(main())
