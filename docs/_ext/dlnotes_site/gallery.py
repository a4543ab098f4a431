"""The gallery's image scraper: each figure's Chinese description is its ``alt`` text.

sphinx-gallery's matplotlib scraper uses a figure's titles (English here, or none) as
the image's ``alt`` text, and has no option to take it from elsewhere.  Every figure of
the site is described in Chinese by its script (``dlnotes.plotting.describe``); this
scraper only reads that description (``dlnotes.plotting.figure_description``) and
writes the reST with sphinx-gallery's public helper ``figure_rst``, following the
custom-scraper API (https://sphinx-gallery.github.io/stable/advanced.html#write-a-custom-image-scraper).
No upstream issue found; delete when sphinx-gallery can take an image's alt text from
the figure (the scraper would then be the default ``"matplotlib"``).

Figures of one code block are shown one below the other at full width (the figures are
drawn for the content column, so the side-by-side thumbnails of sphinx-gallery's
multi-image layout would shrink their text).  ``image_srcset`` is honoured as in
sphinx-gallery (``_2_00x`` files next to the image).
"""

from pathlib import Path, PurePosixPath


def save(fig, path, srcset=()):
    """Save ``fig`` to ``path`` and at each ``srcset`` multiple; ``{multiple: path}``."""
    import matplotlib

    fig.savefig(path)
    paths = {0: path}
    dpi = matplotlib.rcParams["savefig.dpi"]
    dpi = fig.dpi if dpi == "figure" else dpi
    for mult in srcset:
        hi_path = path.with_name(f"{path.stem}_{mult:.2f}".replace(".", "_") + f"x{path.suffix}")
        fig.savefig(hi_path, dpi=mult * dpi)
        paths[mult] = hi_path
    return paths


def scraper(block, block_vars, gallery_conf):
    """Save the open figures as the example's images; reST with their descriptions as alt."""
    import matplotlib.pyplot as plt
    from sphinx_gallery.scrapers import figure_rst

    from dlnotes.plotting import MIN_DESCRIPTION_CHARS, figure_description

    script = Path(block_vars.get("src_file", "?")).name
    figures = [plt.figure(num) for num in plt.get_fignums()]
    try:
        descriptions = [figure_description(fig) for fig in figures]
        for k, description in enumerate(descriptions, 1):
            if description is None:
                raise ValueError(
                    f"{script}: figure {k} has no Chinese description; give it one with "
                    f"dlnotes.plotting.describe(fig, '…') (at least {MIN_DESCRIPTION_CHARS} "
                    "characters, the image's alt text)")
        rst = ""
        for fig, description, path in zip(figures, descriptions, block_vars["image_path_iterator"]):
            paths = save(fig, PurePosixPath(path), gallery_conf["image_srcset"])
            rst += figure_rst([paths[0]], gallery_conf["src_dir"], description, srcsetpaths=[paths])
    finally:
        plt.close("all")
    return rst


def setup(app):
    return {"version": "2", "parallel_read_safe": True, "parallel_write_safe": True}
