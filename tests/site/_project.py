"""A tiny Sphinx project in a temporary folder, to test the build layer end to end.

The package ``tinypkg`` has a subpackage whose ``__init__`` re-exports a private module:

    tinypkg/__init__.py            (imports nothing)
    tinypkg/base.py
    tinypkg/metrics/__init__.py    from ._ranking import rank
    tinypkg/metrics/_ranking.py    from ..base import base   (relative, two levels)
    tinypkg/report.py              from tinypkg.metrics import rank
    tinypkg/other.py

Four gallery scripts and two myst-nb pages import one module each; every one of them
appends its name to the file ``$RUN_LOG`` when it runs, so a test can tell exactly what
a build executed.  The site is built with ``sphinx-build`` in a subprocess (a fresh
interpreter, as ``make html`` does), with the dlnotes_site modules under test.
"""

import os
import subprocess
import sys
import textwrap
from pathlib import Path

EXT = Path(__file__).resolve().parents[2] / "docs" / "_ext"

PACKAGE = {
    "__init__.py": '"""tinypkg."""\n',
    "base.py": "def base():\n    return 1\n",
    "metrics/__init__.py": "from ._ranking import rank\n",
    "metrics/_ranking.py": "from ..base import base\n\n\ndef rank(x):\n    return sorted(x)[base()]\n",
    "report.py": "from tinypkg.metrics import rank\n\n\ndef summary(x):\n    return rank(x)\n",
    "other.py": "def other():\n    return 2\n",
}

RUN = "import os\nwith open(os.environ['RUN_LOG'], 'a') as log:\n    log.write('{name}\\n')\n"

SCRIPTS = {
    "plot_a_metrics.py": "from tinypkg.metrics import rank\n",
    "plot_b_report.py": "import tinypkg.report\n",
    "plot_c_other.py": "from tinypkg import other\n",
    "plot_d_base.py": "from tinypkg.base import base\n",
}

PAGES = {
    "nb_report.md": "from tinypkg.report import summary",
    "nb_other.md": "%env TINY_FLAG=1\nimport tinypkg.other",
}

CONF = f"""
import sys
sys.path.insert(0, {str(EXT)!r})
project = "tiny"
extensions = ["sphinx.ext.autosummary", "myst_nb", "sphinx_gallery.gen_gallery",
              "dlnotes_site.freshness", "dlnotes_site.apistubs"]
exclude_patterns = ["generated/**.ipynb", "generated/**.py"]
autosummary_generate = True
nb_execution_mode = "cache"
sphinx_gallery_conf = {{
    "examples_dirs": "../gallery",
    "gallery_dirs": "generated/gallery",
    "doc_module": ("tinypkg",),
    "filename_pattern": "/plot_",
    "image_scrapers": (),
    "min_reported_time": float("inf"),
    "download_all_examples": False,
}}
"""

INDEX = """
tiny
====

.. toctree::

   generated/gallery/index
   nb_report
   nb_other
   api
"""

API = """
API
===

.. autosummary::
   :toctree: generated/api

   tinypkg.metrics
   tinypkg.other
"""


def _script(name, body):
    title = name.removesuffix(".py")
    return f'"""\n{title}\n{"=" * len(title)}\n\nA script.\n"""\n\n{body}' + RUN.format(name=title)


def _page(name, code):
    title = name.removesuffix(".md")
    return textwrap.dedent(f"""\
        ---
        file_format: mystnb
        kernelspec:
          name: python3
          display_name: Python 3
        ---

        # {title}

        ```{{code-cell}} ipython3
        """) + code + "\n" + RUN.format(name=title) + "```\n"


def write(root):
    """Write the project into ``root``."""
    for rel, text in PACKAGE.items():
        path = root / "src" / "tinypkg" / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    gallery = root / "gallery"
    gallery.mkdir()
    (gallery / "GALLERY_HEADER.rst").write_text("Examples\n========\n")
    for name, body in SCRIPTS.items():
        (gallery / name).write_text(_script(name, body))
    docs = root / "docs"
    docs.mkdir()
    (docs / "conf.py").write_text(CONF)
    (docs / "index.rst").write_text(INDEX)
    (docs / "api.rst").write_text(API)
    for name, code in PAGES.items():
        (docs / name).write_text(_page(name, code))


def build(root):
    """Build the project; return (what ran, in order, and the build's output)."""
    log = root / "ran.txt"
    log.write_text("")
    env = dict(os.environ, RUN_LOG=str(log), PYTHONPATH=str(root / "src"), MPLBACKEND="Agg")
    cmd = [sys.executable, "-m", "sphinx", "-M", "html", "docs", "_build", "-W", "--keep-going"]
    proc = subprocess.run(cmd, cwd=root, env=env, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    return log.read_text().split(), proc.stdout
