"""The docs as a reader finds them: every page linked from the home page, and API pages
that say something before their reference directive (a plain repository browser shows
the directive as text)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

DOCS = Path(__file__).resolve().parents[1] / "docs"
PAGES = sorted(p.relative_to(DOCS).as_posix() for p in DOCS.rglob("*.md") if p.name != "index.md")


@pytest.mark.parametrize("page", PAGES)
def test_the_home_page_links_every_page_once(page: str) -> None:
    """Once in its table of contents (the lists before the first section), once at all."""
    contents = (DOCS / "index.md").read_text(encoding="utf-8").split("\n## ", 1)[0]
    assert re.findall(r"\]\(([^)#]+)\)", contents).count(page) == 1


@pytest.mark.parametrize("page", sorted((DOCS / "api").glob("*.md")), ids=lambda p: p.name)
def test_api_pages_summarise_before_the_directive(page: Path) -> None:
    """A summary and the main names (in backticks) come before the first ``:::``."""
    text = page.read_text(encoding="utf-8")
    before = text.split(":::", 1)[0]
    prose = [line for line in before.splitlines()[1:] if line.strip()]
    assert len(prose) >= 2, page.name
    assert len(re.findall(r"`[\w.()=, ]+`", before)) >= 3, page.name


#: Options every command (or most) takes, which the command line page describes once in
#: its prose rather than in each command's row of the table.
_SHARED_OPTIONS = ("--help", "--debug", "--quiet", "--strict", "--khong-gioi-han", "--db")


def _usage_options(argv: list[str], capsys: pytest.CaptureFixture[str]) -> list[str]:
    """The long options of the usage lines of ``coso-dang ARGV --help``."""
    from coso_dang.cli import main

    assert main([*argv, "--help"]) == 0
    usage = capsys.readouterr().out.split("\n\n", 1)[0]
    return sorted(set(re.findall(r"--[a-z][a-z-]*", usage)))


@pytest.mark.parametrize(
    "command", ["demo", "report", "check", "validate", "convert", "danh-sach", "mau", "thong-ke"]
)
def test_the_command_line_page_names_every_option(
    command: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """Every option of ``coso-dang COMMAND --help`` is on the command line page: in that
    command's row of the table, or (the shared ones) in the page's prose."""
    page = (DOCS / "cli.md").read_text(encoding="utf-8")
    rows = [line for line in page.splitlines() if line.startswith(f"| `coso-dang {command}")]
    assert len(rows) == 1, command
    for option in _usage_options([command], capsys):
        if option in _SHARED_OPTIONS:
            assert re.search(rf"`[^`]*{option}\b", page), option
        else:
            assert re.search(rf"{option}\b", rows[0]), (command, option)


def test_the_command_line_page_names_the_top_level_options(
    capsys: pytest.CaptureFixture[str],
) -> None:
    page = (DOCS / "cli.md").read_text(encoding="utf-8")
    for option in _usage_options([], capsys):
        assert re.search(rf"`[^`]*{option}\b", page), option


def _directives() -> set[str]:
    pages = (DOCS / "api").glob("*.md")
    return {
        target
        for page in pages
        for target in re.findall(r"^::: ([\w.]+)", page.read_text(encoding="utf-8"), re.M)
    }


def test_api_pages_reach_the_functions_a_submodule_hides() -> None:
    """A public function named like a submodule of its package (``operations.deadlines``
    beside the module ``operations/deadlines.py``) is read by the reference as that
    module and left out; a page names it in its own module."""
    import importlib
    import importlib.util
    import inspect

    directives = _directives()
    hidden = []
    for target in sorted(directives):
        try:
            module = importlib.import_module(target)
        except ImportError:  # a directive for one function, not a module
            continue
        if not hasattr(module, "__path__"):
            continue
        for name in getattr(module, "__all__", ()):
            found = getattr(module, name)
            if inspect.ismodule(found) or importlib.util.find_spec(f"{target}.{name}") is None:
                continue
            home = getattr(found, "__module__", target)
            if home not in directives and f"{home}.{name}" not in directives:
                hidden.append(f"{target}.{name}")
    assert hidden == []


def _documented_arguments(doc: str) -> set[str] | None:
    """The names an ``Args:`` section documents (``a, b:`` documents both), or ``None``
    when the docstring has no such section."""
    found = re.search(r"^Args:\n((?:[ \t]+\S.*\n?|\n(?=[ \t]))+)", doc, re.M)
    if found is None:
        return None
    names: set[str] = set()
    for entry in re.findall(r"^    (\*{0,2}[\w, *]+?)(?: \([^)]*\))?:", found.group(1), re.M):
        names.update(name.strip(" *") for name in entry.split(","))
    return names


def _public_functions() -> dict[str, object]:
    """The functions and methods of every module an API page renders."""
    import importlib
    import inspect

    found: dict[str, object] = {}
    for target in sorted(_directives()):
        try:
            module = importlib.import_module(target)
        except ImportError:
            continue
        for name in getattr(module, "__all__", ()):
            thing = getattr(module, name)
            if inspect.isfunction(thing):
                found[f"{target}.{name}"] = thing
            elif inspect.isclass(thing):
                for attribute, value in vars(thing).items():
                    if isinstance(value, (classmethod, staticmethod)):
                        value = value.__func__
                    if not attribute.startswith("_") and inspect.isfunction(value):
                        found[f"{target}.{name}.{attribute}"] = value
    return found


def test_args_sections_name_every_parameter() -> None:
    """A docstring with an ``Args:`` section documents every parameter there (the
    reference lists that section as the function's parameters)."""
    import inspect

    undocumented = []
    for qualified, function in _public_functions().items():
        documented = _documented_arguments(inspect.getdoc(function) or "")
        if documented is None:
            continue
        parameters = inspect.signature(function).parameters.values()  # type: ignore[arg-type]
        for parameter in parameters:
            plain = parameter.kind not in (parameter.VAR_POSITIONAL, parameter.VAR_KEYWORD)
            if plain and parameter.name not in {"self", "cls"} | documented:
                undocumented.append(f"{qualified}({parameter.name})")
    assert undocumented == []


def test_the_reference_reads_every_public_name() -> None:
    """The reference is built by reading the source (griffe), not by importing it: a
    name of ``__all__`` it cannot see (assigned with others in one tuple) is left off
    its module's page, and so is a name without a docstring (a constant, whose comment
    says what it is) unless the build shows those too."""
    import importlib

    griffe = pytest.importorskip("griffe")
    package = griffe.load("coso_dang", search_paths=[str(DOCS.parent / "src")])
    config = (DOCS.parent / "mkdocs.yml").read_text(encoding="utf-8")
    undocumented_shown = re.search(r"^\s+show_if_no_docstring: true$", config, re.M)
    unseen = []
    for target in sorted(_directives()):
        try:
            module = importlib.import_module(target)
        except ImportError:
            continue
        path = target.removeprefix("coso_dang").lstrip(".")
        read = package[path] if path else package
        # The reference leaves out _names (mkdocs.yml filters them), __version__ too.
        for name in [n for n in getattr(module, "__all__", ()) if not n.startswith("_")]:
            member = read.members.get(name)
            if member is None:
                unseen.append(f"{target}.{name}")
            elif not undocumented_shown and not member.is_alias and member.docstring is None:
                unseen.append(f"{target}.{name} (no docstring)")
    assert unseen == []


@pytest.mark.parametrize(
    "loader", ["load", "load_csv", "load_json", "load_xlsx", "load_parquet", "load_frames"]
)
@pytest.mark.parametrize("given", [12, None, "khong-co-thu-muc", "khong-co.json"])
def test_a_loader_raises_what_its_docstring_says(
    loader: str, given: object, tmp_path: Path
) -> None:
    """A path that does not exist, or a value that is no path, raises one of the
    library's errors that the loader's Raises section names."""
    import inspect

    from coso_dang import io
    from coso_dang.errors import CosoDangError

    function = getattr(io, loader)
    value = str(tmp_path / given) if isinstance(given, str) else given
    with pytest.raises(CosoDangError) as caught:
        function(value)
    raises = (inspect.getdoc(function) or "").split("Raises:", 1)[1]
    assert re.search(rf"^\s+{type(caught.value).__name__}:", raises, re.M), raises


def test_the_docs_build_fails_on_a_warning() -> None:
    """CI builds the site with ``--strict``, and never with ``--quiet`` (or ``-q``), which
    drops MkDocs' warnings before strict mode counts them: a link to a missing page or
    heading then built without a word. Links to headings are checked too."""
    ci = (DOCS.parent / ".ci" / "run").read_text(encoding="utf-8")
    builds = [line for line in ci.splitlines() if re.search(r"mkdocs build\b", line)]
    assert builds
    for line in builds:
        assert "--strict" in line.split(), line
        assert not {"--quiet", "-q"} & set(line.split()), line
    config = (DOCS.parent / "mkdocs.yml").read_text(encoding="utf-8")
    assert re.search(r"^validation:\n  links:\n    anchors: warn$", config, re.M)


@pytest.mark.parametrize(
    "counts", [{"dang_vien": -1}, {"dang_vien": 1.5}, {"dang_vien": None}, {"khong_co_ma": 1}]
)
def test_a_tally_raises_what_its_docstring_says(counts: dict[str, object]) -> None:
    import inspect

    from coso_dang import Tally
    from coso_dang.errors import CosoDangError

    with pytest.raises(CosoDangError) as caught:
        Tally(**counts)  # type: ignore[arg-type]
    raises = (inspect.getdoc(Tally) or "").split("Raises:", 1)[1]
    assert re.search(rf"^\s+{type(caught.value).__name__}:", raises, re.M), raises
