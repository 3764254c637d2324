"""Writing templates: ``template new`` proposes a template from a sample PDF (filled or
blank), ``propose_export`` from a sample online export (XML, JSON, CSV), ``write_proposal`` and
``write_export_proposal`` write them as files a person checks, ``inspect_form`` draws a
template's boxes over a form."""

from robots.authoring.export_new import ExportProposal, propose_export, write_export_proposal
from robots.authoring.inspection import inspect_form
from robots.authoring.proposal import Proposal, ProposedField
from robots.authoring.template_new import propose
from robots.authoring.writer import scenario_id, write_proposal

__all__ = ["ExportProposal", "Proposal", "ProposedField", "inspect_form", "propose", "propose_export", "scenario_id",
           "write_export_proposal", "write_proposal"]
