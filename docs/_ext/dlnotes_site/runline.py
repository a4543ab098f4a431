"""One line at the top of every example page: how to run the example on one's own machine.

Gap: sphinx-gallery offers an example's script and notebook (at the bottom of the page)
but says nothing about what they need; it has no option for a per-example header in
the page (``first_notebook_cell`` reaches only the notebook).  A transform puts a
paragraph under the example's title: download the script (or its notebook) and the
package's wheel (:mod:`.wheel`), ``pip install`` the wheel with the exact pins of the distributions the
script needs, then run it.

What a script needs is read with ``ast`` (:mod:`.imports`): the modules it imports, and
for modules of the documented package, every module those import in turn (imports
inside functions too, e.g. a font imported when the style is applied).  Top-level names
are mapped to distributions with ``importlib.metadata.packages_distributions``; the
standard library is left out; each distribution's pin comes from the requirements file
``dlnotes_requirements`` (default ``requirements.in`` beside ``conf.py``), in that
file's order.  An import that is neither the package, the standard library nor a pinned
distribution is a warning (``-W``: the build fails).  Delete when sphinx-gallery can put
a header of one's own on example pages.
"""

import ast
import re
import sys
from functools import cache
from importlib.metadata import packages_distributions
from pathlib import Path

from docutils import nodes
from sphinx import addnodes
from sphinx.transforms import SphinxTransform
from sphinx.util import logging

from .imports import code_imports, module_imports, package_files
from .wheel import download_node, requires_python, wheel_path

logger = logging.getLogger(__name__)


def _normalise(name):
    return re.sub(r"[-_.]+", "-", name).lower()


def read_pins(path):
    """``{normalised name: "name==version"}`` of the ``name==version`` lines of a requirements file."""
    pins = {}
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        match = re.fullmatch(r"([A-Za-z0-9][A-Za-z0-9._-]*)\s*==\s*([^\s;]+)", line)
        if match:
            pins[_normalise(match[1])] = f"{match[1]}=={match[2]}"
    return pins


def top_level_imports(tree):
    """The first component of every absolute import in the parsed code ``tree``."""
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and not node.level and node.module:
            names.add(node.module.split(".")[0])
    return names


@cache
def _package(package):
    """Modules, import graph and each module's top-level imports of the package."""
    files = package_files(package)
    graph = module_imports(files)
    tops = {name: top_level_imports(ast.parse(Path(path).read_text(encoding="utf-8")))
            for name, path in files.items()}
    return files, graph, tops


def script_imports(code, packages):
    """Top-level names the script ``code`` needs, its own imports and the package's."""
    needed = top_level_imports(ast.parse(code))
    for package in packages:
        files, graph, tops = _package(package)
        todo, seen = list(code_imports([code], files)), set()
        while todo:
            module = todo.pop()
            if module not in seen:
                seen.add(module)
                needed |= tops.get(module, set())
                todo.extend(graph.get(module, ()))
    return needed


@cache
def _distributions():
    """``{top-level module: [distributions]}`` of the environment (slow to compute: once)."""
    return packages_distributions()


def requirements(names, packages, pins):
    """``(pinned requirements in the pins' order, names nobody pins)`` for the top-level ``names``."""
    dists = _distributions()
    wanted, unknown = set(), []
    for name in sorted(names):
        if name in sys.stdlib_module_names or name in packages or name == "__future__":
            continue
        found = [_normalise(d) for d in dists.get(name, ())]
        pinned = [d for d in found if d in pins]
        if pinned:
            wanted.update(pinned)
        else:
            unknown.append(name)
    return [pin for key, pin in pins.items() if key in wanted], unknown


def is_example(env, docname):
    """Whether ``docname`` is a page sphinx-gallery made from a script (the script is beside it)."""
    dirs = env.config.sphinx_gallery_conf["gallery_dirs"]
    dirs = [dirs] if isinstance(dirs, str) else dirs
    return any(docname.startswith(d.rstrip("/") + "/") for d in dirs) and \
        Path(env.srcdir, docname + ".py").is_file()


def _download(name):
    """A ``:download:`` link to the file ``name`` beside the page."""
    node = addnodes.download_reference("", "", reftarget=name, refdomain="", reftype="download",
                                       refexplicit=True, refwarn=False)
    node += nodes.literal(name, name, classes=["xref", "download"])
    return node


def run_paragraph(env, script, pins):
    """The paragraph telling how to run ``script`` (a path beside its page)."""
    packages = tuple(env.config.sphinx_gallery_conf.get("doc_module") or ())
    needed = script_imports(script.read_text(encoding="utf-8"), packages)
    pinned, unknown = requirements(needed, packages, pins)
    wheel = wheel_path(env).name
    command = " ".join(["pip", "install", wheel, *pinned])
    python = requires_python(env)
    para = nodes.paragraph("", "", classes=["dlnotes-run"])
    para += [nodes.strong("运行本例", "运行本例"), nodes.Text("：下载 "), _download(script.name)]
    notebook = script.with_suffix(".ipynb")
    if notebook.is_file():  # sphinx-gallery's notebook of the script, beside it
        para += [nodes.Text("（或笔记本 "), _download(notebook.name), nodes.Text("）")]
    para += [nodes.Text(" 与 "), download_node(env),
             nodes.Text(f"，在 Python {python} 下执行 " if python else "，执行 "),
             nodes.literal(command, command), nodes.Text("，再执行 "),
             nodes.literal(f"python {script.name}", f"python {script.name}"), nodes.Text("。")]
    return para, unknown


class RunLine(SphinxTransform):
    """Put the run line under the title of each example page."""

    default_priority = 500

    def apply(self):
        env, docname = self.env, self.env.current_document.docname
        if not is_example(env, docname):
            return
        section = self.document.next_node(nodes.section)
        if section is None:
            return
        req = env.dlnotes_requirements
        env.note_dependency(str(req))
        para, unknown = run_paragraph(env, Path(env.srcdir, docname + ".py"), read_pins(req))
        if unknown:
            logger.warning("dlnotes_site.runline: %s.py imports %s, which %s does not pin; add a "
                           "pin or drop the import", docname, ", ".join(unknown), req.name, location=docname)
        section.insert(1, para)


def locate_requirements(app):
    """builder-inited: the requirements file, for the transform (it gets the env, not the app)."""
    app.env.dlnotes_requirements = Path(app.confdir, app.config.dlnotes_requirements)


def setup(app):
    app.setup_extension("sphinx_gallery.gen_gallery")
    app.setup_extension(f"{__package__}.wheel")
    app.add_config_value("dlnotes_requirements", "requirements.in", "env", str)
    app.connect("builder-inited", locate_requirements)
    app.add_transform(RunLine)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
