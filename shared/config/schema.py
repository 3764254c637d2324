"""Write the JSON Schemas of the file formats (generated from the pydantic models).

    python -m shared.config.schema        # writes scenarios/*.schema.json
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from pydantic import BaseModel

from shared.config.manifest import Manifest
from shared.config.scenario import Scenario
from shared.config.site import SiteProfile
from shared.config.template import FormTemplate

__all__ = ["SCHEMAS", "schema_text", "write_schemas"]

SCHEMAS: dict[str, type[BaseModel]] = {
    "scenario.schema.json": Scenario,
    "template.schema.json": FormTemplate,
    "site.schema.json": SiteProfile,
    "manifest.schema.json": Manifest,
}


def schema_text(model: type[BaseModel]) -> str:
    schema = {"$schema": "https://json-schema.org/draft/2020-12/schema", **model.model_json_schema()}
    return json.dumps(schema, ensure_ascii=False, indent=2) + "\n"


def write_schemas(folder: Path) -> list[Path]:
    written = []
    for name, model in SCHEMAS.items():
        path = folder / name
        path.write_text(schema_text(model), encoding="utf-8")
        written.append(path)
    return written


if __name__ == "__main__":
    for path in write_schemas(Path(sys.argv[1] if len(sys.argv) > 1 else "scenarios")):
        print(path)
