"""Which modules of a package a piece of Python code imports, read with ``ast``.

Used by :mod:`.freshness` and :mod:`.apistubs`.  Module names are dotted
(``pkg``, ``pkg.sub``, ``pkg.sub._impl``); a package's ``__init__.py`` is the module of
the package itself.  Rules, conservative where Python is dynamic:

- ``import pkg.a.b`` imports ``pkg``, ``pkg.a`` and ``pkg.a.b`` (Python runs every
  parent's ``__init__``);
- ``from pkg.a import b`` imports ``pkg`` and ``pkg.a``, and ``pkg.a.b`` when that is a
  submodule (otherwise ``b`` is a name defined in ``pkg.a``);
- relative imports inside the package resolve against the importing module, at any depth;
- ``import pkg`` and ``from pkg import *`` count as importing every module of the package;
- imports inside functions count too; code that does not parse counts as importing all.
"""

import ast
import importlib.util
from pathlib import Path

from sphinx.errors import ExtensionError

EVERYTHING = "*"


def package_files(package):
    """``{module name: source file}`` of the importable package ``package``, subpackages included."""
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        raise ExtensionError(f"dlnotes_site: cannot find the package {package!r} "
                             "(sphinx_gallery_conf['doc_module']); is it installed?")
    files = {}
    for location in spec.submodule_search_locations:
        root = Path(location)
        for path in sorted(root.rglob("*.py")):
            parts = path.relative_to(root).with_suffix("").parts
            if parts[-1] == "__init__":
                parts = parts[:-1]
            files[".".join((package, *parts))] = path
    return files


def _with_parents(name, universe):
    parts = name.split(".")
    return {".".join(parts[:i]) for i in range(1, len(parts) + 1)} & universe


def imported_names(tree, universe, module=None, is_package=False):
    """The names of ``universe`` that the parsed code ``tree`` imports directly.

    ``module`` is the dotted name of the code's own module (for relative imports), and
    ``is_package`` says whether it is a package's ``__init__``.  The result may hold
    :data:`EVERYTHING`.
    """
    roots = {name.split(".")[0] for name in universe}
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                found |= {EVERYTHING} if alias.name in roots else _with_parents(alias.name, universe)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                if module is None:
                    continue  # a relative import outside the package: not ours
                package = module if is_package else module.rpartition(".")[0]
                parts = package.split(".")
                base = ".".join(parts[: len(parts) - (node.level - 1)] + ([node.module] if node.module else []))
            else:
                base = node.module
            names = [alias.name for alias in node.names]
            if base in roots and "*" in names:
                found.add(EVERYTHING)
            found |= _with_parents(base, universe)
            found |= {f"{base}.{name}" for name in names} & universe
    return found


def _parse(code):
    try:
        return ast.parse(code)
    except SyntaxError:
        # IPython magics and shell escapes in notebook cells
        lines = [line for line in code.splitlines() if not line.lstrip().startswith(("%", "!"))]
        try:
            return ast.parse("\n".join(lines))
        except SyntaxError:
            return None


def code_imports(sources, files, known=()):
    """The modules (of ``files`` or ``known`` names) that the code in ``sources`` imports."""
    universe = set(files) | set(known)
    found = set()
    for code in sources:
        tree = _parse(code)
        found |= {EVERYTHING} if tree is None else imported_names(tree, universe)
    return set(universe) if EVERYTHING in found else found


def module_imports(files, known=()):
    """``{module: the modules it imports directly}``, parents' ``__init__`` included."""
    universe = set(files) | set(known)
    graph = {}
    for name in universe:
        deps = _with_parents(name, universe) - {name}
        path = files.get(name)
        if path is not None:
            tree = _parse(Path(path).read_text(encoding="utf-8"))
            found = {EVERYTHING} if tree is None else imported_names(
                tree, universe, module=name, is_package=Path(path).name == "__init__.py")
            deps |= universe if EVERYTHING in found else found
        graph[name] = deps - {name}
    return graph


def affected_modules(files, changed, known=()):
    """The ``changed`` modules and every module that imports one of them, transitively."""
    graph = module_imports(files, known)
    affected = set(changed)
    while True:
        more = {name for name, deps in graph.items() if deps & affected} - affected
        if not more:
            return affected
        affected |= more
