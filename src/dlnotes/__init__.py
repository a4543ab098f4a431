"""dlnotes: from-scratch implementations behind the deep-learning notes.

Each concept lives in a submodule of the same name as its chapter
(``dlnotes.activations`` for the activation-functions chapter, and so on).
Importing ``dlnotes`` or any NumPy-only submodule never imports torch or matplotlib;
``dlnotes.architectures`` (PyTorch modules) and ``dlnotes.profiler`` (what a PyTorch
model costs) are the submodules that need torch.
"""

__version__ = "0.1.0"
__all__ = ["activations", "architectures", "backprop", "information", "init", "layers", "losses", "metrics", "normalization", "optim", "plotting", "profiler", "regularization", "whitening"]
