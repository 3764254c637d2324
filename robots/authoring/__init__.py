"""Writing templates: ``template new`` proposes a template and a scenario draft from a form;
``template inspect`` draws a template's areas over a form."""

from robots.authoring.inspection import inspect_form
from robots.authoring.proposal import Proposal, ProposedField
from robots.authoring.template_new import propose
from robots.authoring.writer import scenario_id, write_proposal

__all__ = ["Proposal", "ProposedField", "inspect_form", "propose", "scenario_id", "write_proposal"]
