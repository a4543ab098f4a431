"""Computed answers of the site's exercises, one module per chapter.

Every number that a solution on an exercise page quotes is computed by the chapter's
module (its ``answers()`` function returns them by glue name; the page's hidden cell
glues them) and checked independently in ``tests/exercises/test_answers_<chapter>.py`` against
PyTorch, scikit-learn, SciPy or a closed form computed another way.  The code-task
solutions are the public functions of these modules, shown on the pages with
``literalinclude``.  NumPy only: importing any of them never imports torch.
"""

__all__ = ["activations", "architectures", "layers", "losses", "metrics", "optimization", "regularization"]
