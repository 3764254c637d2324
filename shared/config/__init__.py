"""File formats (pydantic models: the single source of truth) and their loading."""

from shared.config.loader import LoadedScenario, load_scenario, load_site, load_template, postal_table, validate_all
from shared.config.scenario import FieldSpec, InputSpec, OutputSpec, Scenario, WebSpec
from shared.config.site import BrowserSettings, SiteProfile, SystemSettings
from shared.config.steps import STEP_KINDS, Step
from shared.config.template import Anchor, FieldBinding, Fingerprint, FormTemplate
from shared.config.yamlio import YamlDocument, load_yaml

__all__ = [
    "STEP_KINDS",
    "Anchor",
    "BrowserSettings",
    "FieldBinding",
    "FieldSpec",
    "Fingerprint",
    "FormTemplate",
    "InputSpec",
    "LoadedScenario",
    "OutputSpec",
    "Scenario",
    "SiteProfile",
    "Step",
    "SystemSettings",
    "WebSpec",
    "YamlDocument",
    "load_scenario",
    "load_site",
    "load_template",
    "load_yaml",
    "postal_table",
    "validate_all",
]
