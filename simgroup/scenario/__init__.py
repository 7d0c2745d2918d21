"""The scenario language: models, presets, YAML loading and diagnostics."""

from __future__ import annotations

from simgroup.scenario.diagnostics import Diagnostic, ScenarioError
from simgroup.scenario.loader import load_scenario, load_scenario_text, validate_file, validate_text
from simgroup.scenario.models import Scenario
from simgroup.scenario.params import ModelParams

__all__ = [
    "Diagnostic",
    "ModelParams",
    "Scenario",
    "ScenarioError",
    "load_scenario",
    "load_scenario_text",
    "validate_file",
    "validate_text",
]
