"""dlnotes: from-scratch implementations behind the deep-learning notes.

Each concept lives in a submodule of the same name as its chapter
(``dlnotes.activations`` for the activation-functions chapter, and so on).
Importing ``dlnotes`` or any NumPy-only submodule never imports torch or matplotlib,
and neither does ``from dlnotes import *``: ``__all__`` lists the NumPy-only submodules.
Three submodules need more and are imported by name:

* ``dlnotes.architectures`` (classic networks as PyTorch modules) and
  ``dlnotes.profiler`` (what a PyTorch model costs) import torch;
* ``dlnotes.plotting`` (the figure style of the gallery) imports matplotlib.

The examples in the docstrings assume ``import numpy as np``.
"""

__version__ = "0.1.0"
# NumPy-only submodules: what `from dlnotes import *` imports.
__all__ = ["activations", "backprop", "information", "init", "layers", "losses", "metrics", "normalization", "optim", "regularization", "whitening"]
