"""The macro reference, generated from the widgets so it never drifts from them.

`python -m macros.macro_reference` writes MACROS.md: every macro pages may call
(`macros.page.MACROS`), each the `Widgets` method of that name. A macro's call is the
method's signature without `self` and `page`, as a page writes it; its description is the
first paragraph of the method's docstring; the data files it reads are found in its code
(the `self.data` attributes it and the helpers it calls use). `--check` only reports
whether MACROS.md is up to date; tests/test_macro_reference.py fails when it is not.

Only the widgets' code is read, never docs/ or data/: editing a page or a fact never makes
the reference out of date.
"""

from __future__ import annotations

import argparse
import ast
import inspect
import json
import sys
import textwrap
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from .models import FILES, attribute_of
from .page import MACROS
from .vocabulary import LEVELS
from .widgets import Widgets

ROOT = Path(__file__).resolve().parent.parent
REFERENCE = ROOT / "MACROS.md"

#: The data file each `SiteData` attribute holds (`regions` and the `region` property: region.yml).
ATTRIBUTE_FILES: dict[str, str] = {attribute_of(spec.name): spec.name for spec in FILES} | {"region": "region"}
#: `SiteData` methods whose first argument names a data file.
FILE_METHODS = frozenset({"file", "all", "get", "has", "ids", "line", "where"})

#: Helpers every widget goes through to show text and cite sources. What they read is
#: listed once, at the top of the reference, rather than under every macro.
SHARED_HELPERS = ("_render", "from_clinic", "_sources", "_fact_sources")

#: What each argument of a macro means. Keyed by name, or by (name, type) where one name
#: means two things. A new argument must be explained here (the generator stops otherwise).
ARGUMENTS: dict[str | tuple[str, str], str] = {
    "fact_id": "the id of a fact in `data/facts.yml`, or of a phase in `data/phases.yml` (for its span of time)",
    "file": "the name of a data file, without `.yml`, such as `session_steps`",
    "topic": "the id of a topic in `data/topics.yml`",
    "source_ids": "one or more ids of sources in `data/sources.yml`",
    "notice_id": "the id of a notice in `data/notices.yml`",
    "timeline_id": "the id of a timeline in `data/timelines.yml`",
    "contexts": "ids of situations in `data/contexts.yml`; with none, the situations the page serves (its `contexts` in `data/pages.yml`)",
    "ids": "ids of evidence summaries of the topic in `data/evidence.yml`, shown in that order; with none, all of the topic's",
    "decision_id": "the id of a decision aid in `data/decisions.yml`",
    "prefix": "the start of the names of its choices, so that two copies on one page do not share answers",
    ("level", "int"): "the level of the macro's own headings: `2` for `##`, `3` for `###`; one below the heading above it",
    ("level", "str"): "a care level from `data/care_levels.yml`: " + ", ".join(f"`{name}`" for name in LEVELS[:-1]) + f" or `{LEVELS[-1]}`",
}


def widget(name: str) -> Callable[..., Any]:
    """The widget method a macro runs."""
    method = getattr(Widgets, name, None)
    if not callable(method):
        raise ValueError(f"MACROS in macros/page.py names {name!r}, which is not a method of Widgets.")
    return method  # type: ignore[no-any-return]


def arguments(name: str) -> list[inspect.Parameter]:
    """The macro's own arguments: the method's parameters after `self` and `page`."""
    parameters = list(inspect.signature(widget(name)).parameters.values())
    if [p.name for p in parameters[:2]] != ["self", "page"]:
        raise ValueError(f"Widgets.{name} must take (self, page: PageContext, ...): pages pass the page first.")
    return parameters[2:]


def _default(value: object) -> str:
    """A default as a page would write it: text in double quotes."""
    return json.dumps(value) if isinstance(value, str) else repr(value)


def call(name: str) -> str:
    """The macro's call as a page writes it, such as `timeline(timeline_id, level=3)`."""
    parts = []
    for parameter in arguments(name):
        if parameter.kind is parameter.VAR_POSITIONAL:
            parts.append(f"*{parameter.name}")
        elif parameter.default is parameter.empty:
            parts.append(parameter.name)
        else:
            parts.append(f"{parameter.name}={_default(parameter.default)}")
    return f"{name}({', '.join(parts)})"


def explain(name: str, parameter: inspect.Parameter) -> str:
    """What an argument means."""
    kind = str(parameter.annotation).split(" |")[0]
    for key in ((parameter.name, kind), parameter.name):
        if key in ARGUMENTS:
            return ARGUMENTS[key]
    raise ValueError(f"The argument {parameter.name!r} of {name} is not explained: add it to ARGUMENTS in macros/macro_reference.py.")


def summary(name: str) -> str:
    """The first paragraph of the widget's docstring, on one line."""
    doc = inspect.getdoc(widget(name))
    if not doc:
        raise ValueError(f"Widgets.{name} has no docstring: say in one sentence what it shows.")
    return " ".join(doc.split("\n\n")[0].split())


# -- the data files a macro reads -------------------------------------------------


def _owner(name: str) -> type:
    """The class (Widgets or a mixin) that defines a method."""
    for cls in Widgets.__mro__:
        if name in vars(cls):
            return cls
    raise ValueError(f"Widgets has no method {name!r} (macros/macro_reference.py names it).")


def _tree(name: str) -> ast.FunctionDef:
    member = vars(_owner(name))[name]
    source = textwrap.dedent(inspect.getsource(member.fget if isinstance(member, property) else member))
    node = ast.parse(source).body[0]
    assert isinstance(node, ast.FunctionDef)
    return node


def _is_self_data(node: ast.AST) -> bool:
    return isinstance(node, ast.Attribute) and node.attr == "data" and isinstance(node.value, ast.Name) and node.value.id == "self"


def _direct_reads(name: str) -> tuple[set[str], set[str]]:
    """The data files a method reads itself, and the other methods of Widgets it uses.

    A file named by an argument (as in `count(file)`) is written `<file>`."""
    tree = _tree(name)
    parameters = {argument.arg for argument in (*tree.args.args, *tree.args.kwonlyargs)}
    files: set[str] = set()
    helpers: set[str] = set()
    looked_up = {id(node.value) for node in ast.walk(tree) if isinstance(node, ast.Attribute)}
    if any(_is_self_data(node) and id(node) not in looked_up for node in ast.walk(tree)):
        raise ValueError(f"Widgets.{name} passes self.data on: use self.data.<file> so macros/macro_reference.py can see what it reads.")
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and _is_self_data(node.value):
            if node.attr in ATTRIBUTE_FILES:
                files.add(ATTRIBUTE_FILES[node.attr])
            elif node.attr not in FILE_METHODS:
                raise ValueError(f"Widgets.{name} reads self.data.{node.attr}: teach macros/macro_reference.py which file that is.")
        elif isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id == "self":
            member = getattr(Widgets, node.attr, None)
            if callable(member) or isinstance(member, property):
                helpers.add(node.attr)
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr in FILE_METHODS
            and _is_self_data(node.func.value)
        ):
            first = node.args[0] if node.args else None
            if isinstance(first, ast.Constant) and isinstance(first.value, str):
                files.add(first.value)
            elif isinstance(first, ast.Name) and first.id in parameters:
                files.add(f"<{first.id}>")
            else:
                raise ValueError(f"Widgets.{name} calls self.data.{node.func.attr} with a file that cannot be read from its code.")
    return files, helpers


def reads(name: str, skip: tuple[str, ...] = SHARED_HELPERS) -> set[str]:
    """The data files a method reads, itself or through the methods it uses (but `skip`)."""
    found: set[str] = set()
    seen: set[str] = set()
    todo = [name]
    while todo:
        current = todo.pop()
        if current in seen:
            continue
        seen.add(current)
        files, helpers = _direct_reads(current)
        found |= files
        todo += [helper for helper in helpers if helper not in skip]
    return found


def shared_reads() -> set[str]:
    """The data files the shared helpers read: every macro that shows text may read them."""
    return set().union(*(reads(helper, skip=()) for helper in SHARED_HELPERS))


def _file_list(files: set[str]) -> str:
    named = sorted(f"`data/{file}.yml`" for file in files if not file.startswith("<"))
    chosen = sorted(f"the file named by `{file[1:-1]}`" for file in files if file.startswith("<"))
    return ", ".join([*named, *chosen])


# -- the reference ---------------------------------------------------------------


def _sections() -> Iterator[str]:
    for name in MACROS:
        yield f"## `{call(name)}`\n"
        yield summary(name) + "\n"
        explained = arguments(name)
        if explained:
            yield "\n".join(f"- `{p.name}`: {explain(name, p)}." for p in explained) + "\n"
        own = reads(name)
        if own:
            yield f"Reads {_file_list(own)}.\n"


def generate() -> str:
    """The text of MACROS.md."""
    shared = _file_list(shared_reads())
    head = f"""# Macro reference

<!-- Generated by `python -m macros.macro_reference` from the widgets in macros/. Do not edit by hand: run `make schemas`. -->

Pages in `docs/` show data with macros in double curly brackets, such as
`{{{{ timeline("hip-recovery") }}}}` or `{{{{ faqs("recovery") }}}}`. This page lists every
macro a page may call, with its arguments as a page writes them. Text goes in double quotes;
numbers do not. An argument with `=` may be left out, and then has the value shown: write
it by name, as in `{{{{ timeline("hip-recovery", level=2) }}}}`. An argument with `*` takes
any number of values, one after another.

Under each macro are the data files it reads. Any macro may also read {shared}: for the
`{{fact-id}}` placeholders in the text it shows, and for the sources it cites, which are
listed at the end of the page. See the [data reference](schemas/README.md) for the fields
of each file, and the [editor's guide](CONTRIBUTING.md) for worked examples.
"""
    return "\n".join([head, *_sections()]).rstrip("\n") + "\n"


def is_current() -> bool:
    """Whether MACROS.md is what `generate` writes."""
    return REFERENCE.is_file() and REFERENCE.read_text(encoding="utf-8") == generate()


def main(argv: list[str] | None = None) -> int:
    """Write MACROS.md, or only check that it is up to date (--check)."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--check", action="store_true", help="only check that MACROS.md is up to date")
    args = parser.parse_args(argv)
    if args.check:
        if is_current():
            return 0
        print(f"{REFERENCE.name} is out of date: run `make schemas` (or `python -m macros.macro_reference`).")
        return 1
    REFERENCE.write_text(generate(), encoding="utf-8")
    print(f"Wrote {REFERENCE.name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
