"""Evaluation: gold files (PLOVER records or Accord's own), scoring, CI floors and the readout check."""

from accord.eval.gold import GoldDocument, GoldEvent, load_gold
from accord.eval.runner import evaluate
from accord.eval.scoring import Prediction, Report, score

__all__ = ["GoldDocument", "GoldEvent", "Prediction", "Report", "evaluate", "load_gold", "score"]
