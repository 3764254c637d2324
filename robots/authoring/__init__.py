"""Writing templates: ``template new`` proposes a template from a sample PDF (filled or
blank), ``write_proposal`` writes it as files a person checks, ``inspect_form`` draws a
template's boxes over a form."""

from robots.authoring.inspection import inspect_form
from robots.authoring.proposal import Proposal, ProposedField
from robots.authoring.template_new import propose
from robots.authoring.writer import scenario_id, write_proposal

__all__ = ["Proposal", "ProposedField", "inspect_form", "propose", "scenario_id", "write_proposal"]
