"""JSON Schemas and the data reference, generated from the models so they never drift.

`python -m macros.schema` writes schemas/<file>.schema.json (used by editors such as
VS Code, through the `# yaml-language-server: $schema=...` line at the top of each data
file) and schemas/README.md, the data reference. `--check` only reports whether the
committed files are up to date.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

import yaml
from pydantic import TypeAdapter

from .models import FILES, DataFile

ROOT = Path(__file__).resolve().parent.parent
SCHEMAS = ROOT / "schemas"

#: One valid item per file, shown in the schema and in the data reference.
EXAMPLES: dict[str, dict[str, Any]] = {
    "sources": {
        "id": "nice-ng226",
        "title": "Osteoarthritis in over 16s: diagnosis and management",
        "publisher": "National Institute for Health and Care Excellence (NICE)",
        "year": 2022,
        "url": "https://www.nice.org.uk/guidance/ng226",
        "kind": "guideline",
    },
    "facts": {
        "id": "work-return",
        "about": "When many people go back to work after a stem cell session",
        "amount": {"min": 1, "max": 2, "unit": "day"},
        "sources": ["clinic-session-guide"],
    },
    "pages": {
        "id": "recovery",
        "path": "stem-cell-therapy/recovery.md",
        "medical": True,
        "contexts": ["after-hip-injection", "after-spine-injection"],
        "review": {"last": "2026-11-23", "next": "2027-11-23", "editor": "Editorial team"},
    },
    "topics": {"id": "recovery", "name": "Recovery after treatment", "page": "recovery"},
    "faqs": {
        "id": "recovery-work",
        "topic": "recovery",
        "question": "When can I return to work?",
        "answer": "Many people go back within {work-return}.",
        "sources": ["clinic-session-guide"],
    },
    "care_levels": {
        "id": "call",
        "heading": "Call your care team or doctor today",
        "icon": "material/phone-alert",
        "action": "Call the clinic that treated you on the same day.",
    },
    "symptoms": {
        "id": "tiredness",
        "name": "Feeling tired",
        "level": "expected",
        "contexts": ["after-hip-injection", "after-spine-injection"],
        "lasts": "tiredness-duration",
        "what_to_do": "Rest and drink plenty of water.",
        "sources": ["clinic-session-guide"],
    },
    "care_tips": {
        "id": "drink-water",
        "title": "Drink plenty of water",
        "icon": "material/cup-water",
        "body": "The clinics suggest drinking plenty of water after treatment.",
        "topics": ["recovery"],
        "sources": ["clinic-session-guide"],
    },
    "timelines": {
        "id": "hip-recovery",
        "title": "Hip recovery after stem cell therapy",
        "starts_at": "after treatment",
        "date_key": "treatment",
        "date_label": "Your treatment date",
        "context": "after-hip-injection",
        "sources": ["clinic-hip-aftercare"],
    },
    "phases": {
        "id": "hip-first-weeks",
        "timeline": "hip-recovery",
        "title": "Move gently",
        "end": {"min": 2, "unit": "week"},
        "do": ["Walk a little each day"],
        "avoid": ["Squats and twisting moves"],
        "sources": ["clinic-hip-aftercare"],
    },
    "session_steps": {
        "id": "collect",
        "title": "Collect the cells",
        "duration": {"min": 30, "max": 45, "unit": "minute"},
        "anesthesia": "Local anesthetic (numbing medicine)",
        "what_happens": ["The doctor takes cells from your hip bone with a needle"],
        "sources": ["clinic-session-guide"],
    },
    "preparation": {
        "id": "hydrate",
        "task": "Drink plenty of water in the days before",
        "why": "The clinic says it helps when cells are collected.",
        "sources": ["clinic-session-guide"],
    },
    "glossary": {
        "id": "nsaid",
        "term": "NSAID",
        "matches": ["NSAIDs"],
        "meaning": "A pain medicine that also lowers swelling, such as ibuprofen.",
        "search_words": ["anti-inflammatory"],
    },
    "evidence": {
        "id": "exercise-for-hip-arthritis",
        "topic": "physical-therapy",
        "strength": "recommended",
        "heading": "Exercise is the core treatment for hip arthritis",
        "summary": "Guidelines strongly recommend exercise for hip osteoarthritis.",
        "sources": ["nice-ng226"],
    },
    "claims": {
        "id": "lasting-relief",
        "claim": "Many patients get relief that lasts for years.",
        "claimed_by": ["spine-clinic-back"],
        "independent_view": "Reviews of the research have not shown lasting benefit.",
        "sources": ["review-disc-cells-2023"],
    },
    "notices": {
        "id": "emergency",
        "title": "In an emergency",
        "body": "Call {emergency-number} or go to the nearest emergency room.",
    },
    "contexts": {"id": "after-hip-injection", "name": "After a hip injection", "after_procedure": True},
    "red_flags": {
        "id": "fever",
        "name": "A fever, chills, or feeling hot and shivery",
        "min_level": "call",
        "after_procedure": "emergency",
        "why": "After an injection, a fever can be the first sign of a deep infection.",
        "words": ["fever", "chills"],
        "sources": ["nhs-septic-arthritis"],
    },
    "region": {
        "id": "us",
        "country": "United States",
        "emergency_number": "911",
        "regulator": "U.S. Food and Drug Administration (FDA)",
        "report_harm": "FDA MedWatch",
        "report_harm_url": "https://www.fda.gov/safety/medwatch-fda-safety-information-and-adverse-event-reporting-program",
        "elsewhere": "This guide is written for people in the United States. Elsewhere, call your local emergency number.",
        "sources": ["us-911"],
    },
    "risks": {
        "id": "infection",
        "name": "Infection",
        "what_happens": "Germs get in where the needle went through the skin.",
        "contexts": ["after-hip-injection"],
        "symptoms": ["spreading-redness", "fever-after"],
        "sources": ["nhs-steroid-injections"],
    },
    "options": {
        "id": "hip-wait",
        "name": "Wait and keep doing what you do now",
        "kind": "wait",
        "involves": "You carry on with your usual care and look at your choices again later.",
        "time_to_work": "Does not apply.",
        "recovery": "Nothing changes in your daily life.",
        "benefits": [{"what": "No new risks or costs", "sources": ["nice-ng226"]}],
        "harms": [{"what": "Pain may stay the same or get worse", "sources": ["nice-ng226"]}],
        "certainty": "moderate",
        "certainty_note": "Long studies show how hip arthritis usually goes.",
        "coverage": "no-cost",
        "cost": "No extra cost.",
        "sources": ["nice-ng226"],
    },
    "decisions": {
        "id": "hip-arthritis",
        "page": "hip-choices",
        "worksheet": "hip-worksheet",
        "title": "Hip arthritis: choosing a treatment",
        "condition": "Hip osteoarthritis is wear of the hip joint that causes pain and stiffness.",
        "question": "Which treatment should I try next for my hip arthritis?",
        "who_for": "Adults with hip arthritis that a doctor has diagnosed.",
        "not_for": "Anyone with a warning sign: get help first.",
        "options": ["hip-exercise", "hip-medicines", "hip-wait"],
        "sources": ["nice-ng226"],
    },
    "values": {
        "id": "avoid-surgery",
        "statement": "I want to avoid surgery if I can.",
        "decisions": ["hip-arthritis"],
    },
    "clinic_questions": {
        "id": "trial-number",
        "group": "proof",
        "question": "Is this treatment part of a registered clinical trial? What is its number?",
        "why": "Trials are checked by the FDA and an ethics board. Treatment sold outside a trial is not.",
        "sources": ["fda-consumer-regen"],
    },
    "first_days": {
        "id": "ride-home",
        "task": "Have an adult drive you home and stay with you",
        "why": "Medicine to make you sleepy slows your reactions for hours.",
        "only_if": "If you had sedation",
        "sources": ["nhs-sedation"],
    },
    "exercises": {
        "id": "bridge",
        "name": "Bridge",
        "purpose": "Makes the muscles of your buttocks stronger.",
        "not_for": "Ask your physical therapist first if you have had hip surgery.",
        "steps": ["Lie on your back with your knees bent.", "Lift your hips, then lower them slowly."],
        "dose": "Do it {bridge-reps}.",
        "stop_if": "Stop if it causes sharp pain.",
        "figure": {
            "setting": "floor",
            "keep_still": "hips",
            "start": {
                "says": "Lie on your back with your knees bent.",
                "trunk": 180,
                "near_arm": [-15, -15],
                "far_arm": [-15, -15],
                "near_leg": [50, -60],
                "far_leg": [50, -60],
            },
            "end": {
                "says": "Lift your hips into a straight line with your knees.",
                "trunk": 195,
                "near_arm": [-15, -15],
                "far_arm": [-15, -15],
                "near_leg": [20, -85],
                "far_leg": [20, -85],
            },
        },
        "topics": ["physical-therapy"],
        "sources": ["nhs-hip-exercises"],
    },
    "pain_areas": {
        "id": "groin",
        "name": "Groin and front of the hip",
        "felt": "A deep ache in the groin that can spread to the thigh or knee.",
        "causes": ["Wear and tear of the hip joint (osteoarthritis)"],
        "what_to_do": "Keep moving gently. See [hip pain](hip-pain/index.md).",
        "symptoms": ["hip-pain-fever"],
        "spot": {"view": "front", "x": 78, "y": 232, "width": 30, "height": 24},
        "sources": ["medlineplus-hip-pain"],
    },
    "treatment_sites": {
        "id": "bone-marrow",
        "role": "collect",
        "name": "The back of the hip bone",
        "what_happens": "A needle takes a small amount of bone marrow.",
        "spot": {"view": "back", "x": 122, "y": 212, "width": 18, "height": 18},
        "sources": ["nhlbi-bone-marrow-tests"],
    },
    "reviewers": {
        "id": "jane-doe",
        "name": "Jane Doe",
        "credential": "Physical therapist, DPT",
        "signed": "2027-01-15",
        "pages": ["hip-pain", "physical-therapy"],
    },
}


def file_schema(spec: DataFile) -> dict[str, Any]:
    """The JSON Schema of one data file: a list of items of its model."""
    schema = TypeAdapter(list[spec.model]).json_schema()
    item_name = spec.model.__name__
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"{spec.name}.schema.json",
        "title": f"data/{spec.name}.yml",
        "description": (spec.model.__doc__ or "").strip(),
        "type": "array",
        "items": {"$ref": f"#/$defs/{item_name}"},
        "examples": [[EXAMPLES[spec.name]]],
        "$defs": schema["$defs"],
    }


def _type_words(prop: dict[str, Any], defs: dict[str, Any]) -> str:
    """A field's type in words: 'text', 'list of id', 'one of: day, week'."""
    if "anyOf" in prop:
        options = [option for option in prop["anyOf"] if option.get("type") != "null"]
        return " or ".join(_type_words(option, defs) for option in options)
    if "$ref" in prop:
        return prop["$ref"].rsplit("/", 1)[-1].lower()
    if "enum" in prop:
        return "one of: " + ", ".join(f"`{value}`" for value in prop["enum"])
    kind = prop.get("type")
    if kind == "array":
        return "list of " + _type_words(prop.get("items", {}), defs)
    if kind == "string":
        if prop.get("format") == "date":
            return "date (year-month-day)"
        if prop.get("pattern", "").startswith("^[a-z0-9]"):
            return "id"
        if prop.get("pattern", "").startswith("^https"):
            return "web address"
        if prop.get("format") == "markdown":
            return "text (Markdown)"
        return "text"
    return {"number": "number", "integer": "whole number", "boolean": "true or false"}.get(str(kind), str(kind))


def _field_table(model: dict[str, Any], defs: dict[str, Any]) -> list[str]:
    required = set(model.get("required", []))
    rows = ["| Field | Type | Required | What it is |", "| --- | --- | --- | --- |"]
    for name, prop in model["properties"].items():
        description = prop.get("description", "").replace("|", "\\|")
        rows.append(f"| `{name}` | {_type_words(prop, defs)} | {'yes' if name in required else 'no'} | {description} |")
    return rows


def data_reference(schemas: dict[str, dict[str, Any]]) -> str:
    """The data reference for editors, in Markdown, built from the schemas."""
    lines = [
        "# Data reference",
        "",
        "<!-- Generated by `python -m macros.schema` from macros/models.py. Do not edit by hand. -->",
        "",
        "Every file in `data/` is a list of items. This page lists each file's fields.",
        "Text fields may not contain digits: write `{fact-id}` where a number from",
        "`data/facts.yml` (or the time span of a phase in `data/phases.yml`) should appear.",
        "",
    ]
    shared: dict[str, dict[str, Any]] = {}
    for name, schema in schemas.items():
        defs = schema["$defs"]
        item = schema["items"]["$ref"].rsplit("/", 1)[-1]
        lines += [f"## data/{name}.yml", "", schema["description"], ""]
        lines += _field_table(defs[item], defs)
        example = yaml.safe_dump(schema["examples"][0], sort_keys=False, allow_unicode=True, width=100)
        lines += ["", "Example:", "", "```yaml", example.rstrip(), "```", ""]
        shared.update({key: value for key, value in defs.items() if key != item})
    for name, model in sorted(shared.items()):
        lines += [f"## {name.lower()}", "", model.get("description", ""), ""]
        lines += _field_table(model, shared)
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def generated_files() -> dict[str, str]:
    """Every generated file, by name inside schemas/, with its content."""
    schemas = {spec.name: file_schema(spec) for spec in FILES}
    files = {f"{name}.schema.json": json.dumps(schema, indent=2, ensure_ascii=False) + "\n" for name, schema in schemas.items()}
    files["README.md"] = data_reference(schemas)
    return files


def validate_data(root: Path = ROOT) -> list[str]:
    """Check each data file against its committed JSON Schema, as an editor's tools do."""
    import jsonschema

    problems = []
    for spec in FILES:
        schema_file = root / "schemas" / f"{spec.name}.schema.json"
        data_file = root / "data" / f"{spec.name}.yml"
        validator = jsonschema.Draft202012Validator(json.loads(schema_file.read_text(encoding="utf-8")))
        data = yaml.load(data_file.read_text(encoding="utf-8"), Loader=_TextDates)
        for error in sorted(validator.iter_errors(data), key=lambda e: list(e.absolute_path)):
            where = "/".join(str(part) for part in error.absolute_path) or "(whole file)"
            problems.append(f"data/{spec.name}.yml at {where}: {error.message}")
    return problems


class _TextDates(yaml.SafeLoader):
    """YAML as the editor's schema sees it: dates stay text, as JSON has no date type."""


_TextDates.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def main(argv: list[str] | None = None) -> int:
    """Write the schemas and the data reference, or check them (--check) or the data (--validate)."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--check", action="store_true", help="only check that schemas/ is up to date")
    parser.add_argument("--validate", action="store_true", help="check data/ against the committed schemas")
    args = parser.parse_args(argv)
    if args.validate:
        problems = validate_data()
        print("\n".join(problems) or "Data files match their schemas.")
        return 1 if problems else 0
    expected = generated_files()
    if args.check:
        stale = [
            name
            for name, content in expected.items()
            if not (SCHEMAS / name).is_file() or (SCHEMAS / name).read_text(encoding="utf-8") != content
        ]
        extra = [path.name for path in SCHEMAS.glob("*") if path.name not in expected]
        if stale or extra:
            print("schemas/ is out of date: run `make schemas`.", *(f"  {n}" for n in stale + extra), sep="\n")
            return 1
        return 0
    SCHEMAS.mkdir(exist_ok=True)
    for name, content in expected.items():
        (SCHEMAS / name).write_text(content, encoding="utf-8")
    print(f"Wrote {len(expected)} files to {SCHEMAS.relative_to(ROOT)}/")
    return 0


if __name__ == "__main__":
    sys.exit(main())
