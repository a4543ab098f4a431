"""One common test of bad input for every public function and class of dlnotes.

In the spirit of scikit-learn's common tests (``sklearn/utils/estimator_checks.py``):
nothing here is written per function except one valid call (``VALID_CALLS``).  The
rest is derived:

* the callables: every name in the ``__all__`` of every public submodule of dlnotes
  (found with ``pkgutil``, so the torch and matplotlib modules that ``dlnotes.__all__``
  leaves out are included; a subpackage such as ``dlnotes.metrics`` exports names
  defined in private submodules), plus the public methods that classes define with a
  ``Parameters`` section of their own;
* the arguments and their types: the numpydoc ``Parameters`` section of each docstring
  ("int", "float", "bool", "array_like of int", "{'mean', 'sum', 'none'}", "int or tuple
  of int", "callable", ...).  An entry without a type takes it from the function its
  description points to ("As for :func:`cross_entropy`") or, for a ``*_backward``
  function, from its forward function; ``TYPE_TABLE`` fills what docstrings do not say;
* the bad values: from the type (a string, an object, ``None`` where it is not allowed, a
  bool where an int is expected, a float for an int, complex or boolean arrays, floats
  for class indices), from the words of the description (NaN always, inf where
  "finite", an interval such as ``\\ge 0`` or ``in [0, 1)``, "non-negative", "positive",
  "same shape as"), and from the baseline value (the array with a NaN, with an inf,
  0-d instead of the documented shape, out-of-range class indices, empty).

Each probe calls the function with the valid arguments and one argument replaced.  A
wrong type must raise ``TypeError``, a wrong value ``ValueError``, and the message must
name the argument.  An empty array may be accepted (many losses of nothing are defined)
but must otherwise raise a ``ValueError`` naming it.  The number of (function,
argument) pairs probed is printed in the session summary.
"""

import contextlib
import functools
import importlib
import inspect
import math
import pkgutil
import re
import warnings

import matplotlib

matplotlib.use("Agg")

import matplotlib.figure  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402
import torch  # noqa: E402
from numpydoc.docscrape import NumpyDocString  # noqa: E402
from torch import nn  # noqa: E402

import dlnotes  # noqa: E402
from dlnotes import optim  # noqa: E402


# ----------------------------------------------------------------------- the callables


def _modules():
    """Every public submodule of dlnotes (no name starting with an underscore)."""
    names = sorted(info.name for info in pkgutil.iter_modules(dlnotes.__path__) if not info.name.startswith("_"))
    return [importlib.import_module(f"dlnotes.{name}") for name in names]


def _callables():
    """(qualified name, callable, owner class or None) for every public callable."""
    found = []
    for module in _modules():
        for name in module.__all__:
            obj = getattr(module, name)
            if not callable(obj):
                continue
            qual = f"{module.__name__}.{name}"
            found.append((qual, obj, None))
            if inspect.isclass(obj):
                for meth_name, meth in vars(obj).items():
                    if meth_name.startswith("_") or not inspect.isfunction(meth):
                        continue
                    if NumpyDocString(inspect.getdoc(meth) or "")["Parameters"]:
                        found.append((f"{qual}.{meth_name}", meth, obj))
    return found


CALLABLES = _callables()
BY_NAME = {qual: obj for qual, obj, _ in CALLABLES}

# Types that a docstring does not give (listed in the report of the change that added
# this test).  The metrics' class labels can be strings or bools, so "array_like" alone
# would wrongly make strings bad values there.
_LABEL_FUNCS = [q for q, obj, _ in CALLABLES
                if q.startswith("dlnotes.metrics.") and inspect.isfunction(obj)
                and obj.__module__.endswith(("._classification", "._ranking"))]
_PRF = ["precision_score", "recall_score", "f1_score", "fbeta_score", "precision_recall_fscore_support"]
TYPE_TABLE = {
    **{(q, arg): "labels" for q in _LABEL_FUNCS for arg in ("y_true", "y_pred", "labels")},
    # None is a valid pos_label there, as in scikit-learn (it fails as a label only in
    # the binary mode, with a ValueError saying so)
    **{(f"dlnotes.metrics.{f}", "pos_label"): "int, float, bool, str or None" for f in _PRF},
    # the architecture factories have one-line docstrings without a Parameters section
    **{(f"dlnotes.architectures.{f}", "num_classes"): "int, default 1000"
       for f in ("alexnet", "vgg16", "googlenet", "resnet18", "resnet50", "densenet121")},
    ("dlnotes.architectures.googlenet", "paper"): "bool, default False",
    ("dlnotes.architectures.resnet50", "stride_in_1x1"): "bool, default False",
}
# Values a parameter accepts although its docstring does not say so.
ACCEPTS = {
    ("dlnotes.regularization.EarlyStopping.step", "value"): {"nan", "inf"},  # a loss can diverge
    ("dlnotes.metrics.fbeta_score", "beta"): {"inf"},  # recall, as in precision_recall_fscore_support
}
# Probes known to fail in a file outside this change; strict: the day they pass, the entry
# must go.
PENDING = {}


# ------------------------------------------------------------------ the valid calls


def _meta():
    """Build torch modules on the meta device: shapes only, no memory, no arithmetic."""
    return torch.device("meta")


def _opt():
    return optim.SGD([np.zeros(3)], lr=0.1)


def _tiny_model():
    return nn.Sequential(nn.Conv2d(3, 4, 3), nn.ReLU(), nn.Flatten(), nn.Linear(4 * 6 * 6, 2))


_RNG = np.random.default_rng(0)
_X34 = _RNG.normal(size=(3, 4))
_LOGITS = _RNG.normal(size=(4, 3))
_TARGET = np.array([0, 2, 1, 2])
_IMG = _RNG.normal(size=(2, 3, 6, 5))
_P = np.array([[0.2, 0.3, 0.5], [0.1, 0.1, 0.8]])
_LABELS = np.array([0, 1, 1, 0, 1, 0])
_PRED = np.array([0, 1, 0, 0, 1, 1])
_SCORES = np.array([0.1, 0.8, 0.35, 0.4, 0.9, 0.5])
_W6 = np.array([1.0, 2.0, 0.5, 1.0, 1.0, 3.0])
_REG_TRUE = np.array([[1.0, 2.0], [2.0, 0.5], [3.0, 1.0], [0.5, 1.5]])
_REG_PRED = np.array([[1.5, 2.0], [2.0, 1.0], [2.0, 1.0], [0.5, 1.0]])
_LP = np.log(np.full((6, 2, 4), 0.25))  # CTC: T=6, N=2, C=4


def _sq(v):
    return float(np.sum(np.asarray(v) ** 2))


def _sq_grad(v):
    return 2.0 * np.asarray(v, dtype=float)


# One valid call per public callable: keyword arguments (a factory, so that every call
# gets fresh arrays), or for a method (instance factory, keyword arguments).


def _module(cls):
    """A factory of a small ``dlnotes.architectures.<cls>`` (its valid call), in eval mode."""
    qual = f"dlnotes.architectures.{cls}"
    return lambda: BY_NAME[qual](**VALID_CALLS[qual]()).eval()


VALID_CALLS = {
    # activations
    "dlnotes.activations.sigmoid": lambda: dict(input=_X34),
    "dlnotes.activations.sigmoid_grad": lambda: dict(input=_X34),
    "dlnotes.activations.tanh": lambda: dict(input=_X34),
    "dlnotes.activations.tanh_grad": lambda: dict(input=_X34),
    "dlnotes.activations.relu": lambda: dict(input=_X34),
    "dlnotes.activations.relu_grad": lambda: dict(input=_X34),
    "dlnotes.activations.leaky_relu": lambda: dict(input=_X34, negative_slope=0.1),
    "dlnotes.activations.leaky_relu_grad": lambda: dict(input=_X34, negative_slope=0.1),
    "dlnotes.activations.softmax": lambda: dict(input=_X34, dim=1),
    "dlnotes.activations.log_softmax": lambda: dict(input=_X34, dim=1),
    "dlnotes.activations.softmax_jacobian": lambda: dict(input=_X34[0]),
    "dlnotes.activations.softmax_backward": lambda: dict(grad_output=_X34 * 0.5, input=_X34, dim=1),
    "dlnotes.activations.log_softmax_backward": lambda: dict(grad_output=_X34 * 0.5, input=_X34, dim=1),
    # architectures (built on the meta device)
    "dlnotes.architectures.conv1x1": lambda: dict(x=torch.ones(1, 3, 2, 2), weight=torch.ones(4, 3),
                                                  bias=torch.zeros(4)),
    "dlnotes.architectures.Inception": lambda: dict(in_channels=4, ch1x1=2, ch3x3red=2, ch3x3=2, ch5x5red=2,
                                                    ch5x5=2, pool_proj=2, kernel_5x5=5, batch_norm=False),
    "dlnotes.architectures.NaiveInception": lambda: dict(in_channels=4, ch1x1=2, ch3x3=2, ch5x5=2),
    "dlnotes.architectures.AsymmetricConv2d": lambda: dict(in_channels=2, out_channels=3, n=3, bias=False),
    "dlnotes.architectures.PlainLayer": lambda: dict(features=3),
    "dlnotes.architectures.ResidualLayer": lambda: dict(features=3),
    "dlnotes.architectures.HighwayLayer": lambda: dict(features=3, gate_bias=-1.0),
    "dlnotes.architectures.DeepMLP": lambda: dict(kind="highway", in_features=3, width=4, out_features=2,
                                                  depth=2, gate_bias=-1.0),
    "dlnotes.architectures.AlexNet": lambda: dict(num_classes=10, dropout=0.5),
    "dlnotes.architectures.VGG": lambda: dict(cfg=[8, "M", 16, "M"], num_classes=10, dropout=0.5),
    "dlnotes.architectures.GoogLeNet": lambda: dict(num_classes=10, dropout=0.2, paper=False),
    "dlnotes.architectures.BasicBlock": lambda: dict(in_channels=8, planes=8, stride=1),
    "dlnotes.architectures.Bottleneck": lambda: dict(in_channels=8, planes=4, stride=2, stride_in_1x1=True),
    "dlnotes.architectures.ResNet": lambda: dict(block=BY_NAME["dlnotes.architectures.BasicBlock"],
                                                 blocks=(1, 1, 1, 1), num_classes=10, stride_in_1x1=False),
    "dlnotes.architectures.DenseLayer": lambda: dict(in_channels=8, growth_rate=4, bn_size=2),
    "dlnotes.architectures.DenseBlock": lambda: dict(n_layers=2, in_channels=8, growth_rate=4, bn_size=2),
    "dlnotes.architectures.Transition": lambda: dict(in_channels=8, out_channels=4),
    "dlnotes.architectures.DenseNet": lambda: dict(growth_rate=4, blocks=(1, 2), init_channels=8, bn_size=2,
                                                   num_classes=10),
    "dlnotes.architectures.alexnet": lambda: dict(num_classes=10),
    "dlnotes.architectures.vgg16": lambda: dict(num_classes=10),
    "dlnotes.architectures.googlenet": lambda: dict(num_classes=10, paper=False),
    "dlnotes.architectures.resnet18": lambda: dict(num_classes=10),
    "dlnotes.architectures.resnet50": lambda: dict(num_classes=10, stride_in_1x1=False),
    # forward passes: a small module from the valid call above, in eval mode, on a small input
    **{f"dlnotes.architectures.{cls}.forward": (_module(cls), lambda shape=shape: dict(x=torch.zeros(shape)))
       for cls, shape in [("AlexNet", (1, 3, 64, 64)), ("VGG", (1, 3, 16, 16)), ("GoogLeNet", (1, 3, 64, 64)),
                          ("BasicBlock", (1, 8, 8, 8)), ("Bottleneck", (1, 8, 8, 8)), ("ResNet", (1, 3, 64, 64)),
                          ("DenseLayer", (1, 8, 8, 8)), ("DenseNet", (1, 3, 64, 64)), ("DeepMLP", (2, 3)),
                          ("Inception", (1, 4, 8, 8)), ("NaiveInception", (1, 4, 8, 8)),
                          ("PlainLayer", (2, 3)), ("ResidualLayer", (2, 3))]},
    "dlnotes.architectures.HighwayLayer.forward": (_module("HighwayLayer"),
                                                   lambda: dict(x=torch.zeros(2, 3), return_gate=False)),
    "dlnotes.architectures.densenet121": lambda: dict(num_classes=10),
    # backprop
    "dlnotes.backprop.GradcheckError": lambda: dict(),
    "dlnotes.backprop.numerical_gradient": lambda: dict(func=_sq, inputs=np.ones(3), eps=1e-6,
                                                        method="central"),
    "dlnotes.backprop.gradcheck": lambda: dict(func=_sq, grad_func=_sq_grad, inputs=np.ones(3), eps=1e-6,
                                               atol=1e-5, rtol=1e-3, raise_exception=True),
    "dlnotes.backprop.sigmoid_chain": lambda: dict(w1=0.5, w2=-0.3, w3=0.8, x=np.array([0.2, 0.7]),
                                                   y=np.array([0.0, 1.0]), loss="cross_entropy"),
    # information
    "dlnotes.information.self_information": lambda: dict(p=_P, base=2),
    "dlnotes.information.entropy": lambda: dict(p=_P, base=2, axis=-1),
    "dlnotes.information.cross_entropy_pq": lambda: dict(p=_P, q=_P[::-1].copy(), base=2, axis=-1),
    "dlnotes.information.kl_divergence": lambda: dict(p=_P, q=_P[::-1].copy(), base=2, axis=-1),
    # init
    "dlnotes.init.calculate_gain": lambda: dict(nonlinearity="leaky_relu", param=0.2),
    "dlnotes.init.calculate_fan_in_and_fan_out": lambda: dict(array=np.zeros((4, 3, 2, 2))),
    "dlnotes.init.xavier_uniform_": lambda: dict(array=np.zeros((4, 3)), gain=1.0, rng=0),
    "dlnotes.init.xavier_normal_": lambda: dict(array=np.zeros((4, 3)), gain=1.0, rng=0),
    "dlnotes.init.kaiming_uniform_": lambda: dict(array=np.zeros((4, 3)), a=0.1, mode="fan_in",
                                                  nonlinearity="leaky_relu", rng=0),
    "dlnotes.init.kaiming_normal_": lambda: dict(array=np.zeros((4, 3)), a=0.1, mode="fan_out",
                                                 nonlinearity="leaky_relu", rng=0),
    # layers
    "dlnotes.layers.linear": lambda: dict(input=_X34, weight=np.ones((2, 4)), bias=np.zeros(2)),
    "dlnotes.layers.embedding": lambda: dict(input=np.array([[0, 2], [1, 1]]), weight=_X34, padding_idx=1),
    "dlnotes.layers.embedding_backward": lambda: dict(grad_output=np.ones((2, 2, 4)),
                                                      input=np.array([[0, 2], [1, 1]]),
                                                      num_embeddings=3, padding_idx=1),
    "dlnotes.layers.conv_output_size": lambda: dict(n=9, kernel_size=3, stride=2, padding=1, dilation=1,
                                                    ceil_mode=False),
    "dlnotes.layers.same_padding": lambda: dict(n=9, kernel_size=3, stride=2, dilation=1),
    "dlnotes.layers.conv1d": lambda: dict(input=_IMG[:, :, 0], weight=np.ones((4, 3, 2)), bias=np.zeros(4),
                                          stride=1, padding=1, dilation=1, groups=1),
    "dlnotes.layers.conv2d": lambda: dict(input=_IMG, weight=np.ones((4, 3, 2, 2)), bias=np.zeros(4),
                                          stride=1, padding=1, dilation=1, groups=1),
    "dlnotes.layers.max_pool2d": lambda: dict(input=_IMG, kernel_size=2, stride=1, padding=1, dilation=1,
                                              ceil_mode=False, return_indices=False),
    "dlnotes.layers.max_pool2d_backward": lambda: dict(grad_output=np.ones((2, 3, 7, 6)), input=_IMG,
                                                       kernel_size=2, stride=1, padding=1, dilation=1,
                                                       ceil_mode=False),
    "dlnotes.layers.avg_pool2d": lambda: dict(input=_IMG, kernel_size=2, stride=1, padding=1, ceil_mode=False,
                                              count_include_pad=True, divisor_override=3),
    "dlnotes.layers.avg_pool2d_backward": lambda: dict(grad_output=np.ones((2, 3, 7, 6)), input=_IMG,
                                                       kernel_size=2, stride=1, padding=1, ceil_mode=False,
                                                       count_include_pad=True, divisor_override=3),
    "dlnotes.layers.adaptive_pool_bounds": lambda: dict(input_size=10, output_size=4),
    "dlnotes.layers.adaptive_avg_pool1d": lambda: dict(input=_IMG[:, :, 0], output_size=2),
    "dlnotes.layers.adaptive_avg_pool2d": lambda: dict(input=_IMG, output_size=(2, 3)),
    "dlnotes.layers.receptive_field": lambda: dict(kernel_sizes=[3, 3], strides=[1, 2], dilations=1),
    "dlnotes.layers.conv_params": lambda: dict(in_channels=4, out_channels=8, kernel_size=3, bias=True,
                                               groups=2),
    "dlnotes.layers.conv_macs": lambda: dict(in_channels=4, out_channels=8, kernel_size=3, output_size=5,
                                             groups=2),
    "dlnotes.layers.linear_params": lambda: dict(in_features=4, out_features=3, bias=True),
    "dlnotes.layers.linear_macs": lambda: dict(in_features=4, out_features=3),
    # losses
    "dlnotes.losses.l1_loss": lambda: dict(input=_X34, target=_X34 * 2, reduction="sum",
                                           weight=np.ones((3, 4))),
    "dlnotes.losses.mse_loss": lambda: dict(input=_X34, target=_X34 * 2, reduction="sum",
                                            weight=np.ones((3, 4))),
    "dlnotes.losses.cross_entropy": lambda: dict(input=_LOGITS, target=_TARGET, weight=np.ones(3),
                                                 ignore_index=-100, reduction="mean", label_smoothing=0.1),
    "dlnotes.losses.nll_loss": lambda: dict(input=_LOGITS, target=_TARGET, weight=np.ones(3),
                                            ignore_index=-100, reduction="mean"),
    "dlnotes.losses.poisson_nll_loss": lambda: dict(input=np.abs(_X34), target=np.abs(_X34), log_input=False,
                                                    full=True, eps=1e-8, reduction="mean"),
    "dlnotes.losses.kl_div": lambda: dict(input=np.log(_P), target=_P[::-1].copy(), reduction="batchmean",
                                          log_target=False),
    "dlnotes.losses.binary_cross_entropy": lambda: dict(input=_P, target=_P[::-1].copy(), weight=np.ones(3),
                                                        reduction="mean"),
    "dlnotes.losses.binary_cross_entropy_with_logits": lambda: dict(input=_X34, target=np.ones((3, 4)) * 0.5,
                                                                    weight=np.ones(4), reduction="mean",
                                                                    pos_weight=np.ones(4)),
    "dlnotes.losses.margin_ranking_loss": lambda: dict(input1=_X34[0], input2=_X34[1],
                                                       target=np.array([1.0, -1.0, 1.0, 1.0]), margin=0.1,
                                                       reduction="mean"),
    "dlnotes.losses.hinge_embedding_loss": lambda: dict(input=_X34, target=np.sign(_X34) + (_X34 == 0),
                                                        margin=1.0, reduction="mean"),
    "dlnotes.losses.multilabel_margin_loss": lambda: dict(input=_LOGITS,
                                                          target=np.array([[0, -1, 0], [1, 2, -1], [2, -1, 1],
                                                                           [0, 1, 2]]),
                                                          reduction="mean"),
    "dlnotes.losses.smooth_l1_loss": lambda: dict(input=_X34, target=_X34 * 2, reduction="mean", beta=0.5),
    "dlnotes.losses.soft_margin_loss": lambda: dict(input=_X34, target=np.sign(_X34) + (_X34 == 0),
                                                    reduction="mean"),
    "dlnotes.losses.multilabel_soft_margin_loss": lambda: dict(input=_X34, target=(_X34 > 0).astype(float),
                                                               weight=np.ones(4), reduction="mean"),
    "dlnotes.losses.cosine_embedding_loss": lambda: dict(input1=_X34, input2=_X34[::-1].copy(),
                                                         target=np.array([1.0, -1.0, 1.0]), margin=0.1,
                                                         reduction="mean"),
    "dlnotes.losses.multi_margin_loss": lambda: dict(input=_LOGITS, target=_TARGET, p=2, margin=1.0,
                                                     weight=np.ones(3), reduction="mean"),
    "dlnotes.losses.triplet_margin_loss": lambda: dict(anchor=_X34, positive=_X34 * 0.5, negative=-_X34,
                                                       margin=1.0, p=2, eps=1e-6, swap=True,
                                                       reduction="mean"),
    "dlnotes.losses.ctc_loss": lambda: dict(log_probs=_LP, targets=np.array([[1, 2], [3, 3]]),
                                            input_lengths=np.array([6, 5]), target_lengths=np.array([2, 2]),
                                            blank=0, reduction="mean", zero_infinity=False),
    "dlnotes.losses.huber_loss": lambda: dict(input=_X34, target=_X34 * 2, reduction="mean", delta=0.5,
                                              weight=np.ones((3, 4))),
    "dlnotes.losses.sigmoid_focal_loss": lambda: dict(inputs=_X34, targets=(_X34 > 0).astype(float),
                                                      alpha=0.25, gamma=2.0, reduction="mean"),
    "dlnotes.losses.l1_loss_backward": lambda: dict(grad_output=1.0, input=_X34, target=_X34 * 2,
                                                    reduction="mean"),
    "dlnotes.losses.mse_loss_backward": lambda: dict(grad_output=1.0, input=_X34, target=_X34 * 2,
                                                     reduction="mean"),
    "dlnotes.losses.smooth_l1_loss_backward": lambda: dict(grad_output=1.0, input=_X34, target=_X34 * 2,
                                                           reduction="mean", beta=0.5),
    "dlnotes.losses.huber_loss_backward": lambda: dict(grad_output=1.0, input=_X34, target=_X34 * 2,
                                                       reduction="mean", delta=0.5),
    "dlnotes.losses.cross_entropy_backward": lambda: dict(grad_output=1.0, input=_LOGITS, target=_TARGET,
                                                          weight=np.ones(3), ignore_index=-100,
                                                          reduction="mean", label_smoothing=0.1),
    "dlnotes.losses.binary_cross_entropy_with_logits_backward": lambda: dict(
        grad_output=1.0, input=_X34, target=np.ones((3, 4)) * 0.5, weight=np.ones(4), reduction="mean",
        pos_weight=np.ones(4)),
    "dlnotes.losses.sigmoid_focal_loss_backward": lambda: dict(grad_output=1.0, inputs=_X34,
                                                               targets=(_X34 > 0).astype(float), alpha=0.25,
                                                               gamma=2.0, reduction="mean"),
    # metrics
    "dlnotes.metrics.UndefinedMetricWarning": lambda: dict(),
    "dlnotes.metrics.confusion_matrix": lambda: dict(y_true=_LABELS, y_pred=_PRED, labels=[0, 1],
                                                     sample_weight=_W6, normalize="true"),
    "dlnotes.metrics.accuracy_score": lambda: dict(y_true=_LABELS, y_pred=_PRED, normalize=True,
                                                   sample_weight=_W6),
    "dlnotes.metrics.precision_score": lambda: dict(y_true=_LABELS, y_pred=_PRED, labels=[0, 1], pos_label=1,
                                                    average="binary", sample_weight=_W6, zero_division=0),
    "dlnotes.metrics.recall_score": lambda: dict(y_true=_LABELS, y_pred=_PRED, labels=[0, 1], pos_label=1,
                                                 average="binary", sample_weight=_W6, zero_division=0),
    "dlnotes.metrics.f1_score": lambda: dict(y_true=_LABELS, y_pred=_PRED, labels=[0, 1], pos_label=1,
                                             average="binary", sample_weight=_W6, zero_division=0),
    "dlnotes.metrics.fbeta_score": lambda: dict(y_true=_LABELS, y_pred=_PRED, beta=2.0, labels=[0, 1],
                                                pos_label=1, average="binary", sample_weight=_W6,
                                                zero_division=0),
    "dlnotes.metrics.precision_recall_fscore_support": lambda: dict(
        y_true=_LABELS, y_pred=_PRED, beta=1.0, labels=[0, 1], pos_label=1, average="macro",
        warn_for=("precision",), sample_weight=_W6, zero_division=0),
    "dlnotes.metrics.top_k_accuracy_score": lambda: dict(y_true=np.array([0, 1, 2, 2]), y_score=_LOGITS, k=2,
                                                         normalize=True, sample_weight=np.ones(4),
                                                         labels=[0, 1, 2]),
    "dlnotes.metrics.confusion_matrix_at_thresholds": lambda: dict(y_true=_LABELS, y_score=_SCORES,
                                                                   pos_label=1, sample_weight=_W6),
    "dlnotes.metrics.roc_curve": lambda: dict(y_true=_LABELS, y_score=_SCORES, pos_label=1, sample_weight=_W6,
                                              drop_intermediate=True),
    "dlnotes.metrics.roc_auc_score": lambda: dict(y_true=_LABELS, y_score=_SCORES, average="macro",
                                                  sample_weight=_W6, max_fpr=None, multi_class="raise",
                                                  labels=None),
    "dlnotes.metrics.precision_recall_curve": lambda: dict(y_true=_LABELS, y_score=_SCORES, pos_label=1,
                                                           sample_weight=_W6, drop_intermediate=False),
    "dlnotes.metrics.average_precision_score": lambda: dict(y_true=_LABELS, y_score=_SCORES, average="macro",
                                                            pos_label=1, sample_weight=_W6),
    "dlnotes.metrics.mean_squared_error": lambda: dict(y_true=_REG_TRUE, y_pred=_REG_PRED,
                                                       sample_weight=np.ones(4), multioutput="raw_values"),
    "dlnotes.metrics.root_mean_squared_error": lambda: dict(y_true=_REG_TRUE, y_pred=_REG_PRED,
                                                            sample_weight=np.ones(4), multioutput=[1.0, 2.0]),
    "dlnotes.metrics.mean_absolute_error": lambda: dict(y_true=_REG_TRUE, y_pred=_REG_PRED,
                                                        sample_weight=np.ones(4),
                                                        multioutput="uniform_average"),
    "dlnotes.metrics.r2_score": lambda: dict(y_true=_REG_TRUE, y_pred=_REG_PRED, sample_weight=np.ones(4),
                                             multioutput="variance_weighted", force_finite=True),
    # normalization
    "dlnotes.normalization.batch_norm": lambda: dict(input=_IMG, running_mean=np.zeros(3),
                                                     running_var=np.ones(3), weight=np.ones(3),
                                                     bias=np.zeros(3), training=True, momentum=0.1, eps=1e-5),
    "dlnotes.normalization.batch_norm_backward": lambda: dict(grad_output=_IMG * 0.5, input=_IMG,
                                                              weight=np.ones(3), eps=1e-5),
    # optim
    "dlnotes.optim.Optimizer": lambda: dict(params=[np.zeros(3)], defaults=dict(lr=0.1)),
    "dlnotes.optim.Optimizer.step": (_opt, lambda: dict(grads=[np.ones(3)])),
    "dlnotes.optim.SGD": lambda: dict(params=[np.zeros(3)], lr=0.1, momentum=0.9, dampening=0.0,
                                      weight_decay=1e-4, nesterov=True, maximize=False),
    "dlnotes.optim.Adagrad": lambda: dict(params=[np.zeros(3)], lr=0.1, lr_decay=0.01, weight_decay=1e-4,
                                          initial_accumulator_value=0.1, eps=1e-10, maximize=False),
    "dlnotes.optim.RMSprop": lambda: dict(params=[np.zeros(3)], lr=0.1, alpha=0.9, eps=1e-8,
                                          weight_decay=1e-4, momentum=0.5, centered=True, maximize=False),
    "dlnotes.optim.Adam": lambda: dict(params=[np.zeros(3)], lr=0.1, betas=(0.8, 0.9), eps=1e-8,
                                       weight_decay=1e-4, amsgrad=True, maximize=False,
                                       decoupled_weight_decay=False),
    "dlnotes.optim.AdamW": lambda: dict(params=[np.zeros(3)], lr=0.1, betas=(0.8, 0.9), eps=1e-8,
                                        weight_decay=1e-2, amsgrad=False, maximize=False),
    "dlnotes.optim.LRScheduler": None,  # abstract: its get_lr raises NotImplementedError
    "dlnotes.optim.LambdaLR": lambda: dict(optimizer=_opt(), lr_lambda=lambda t: 0.9**t, last_epoch=-1),
    "dlnotes.optim.StepLR": lambda: dict(optimizer=_opt(), step_size=2, gamma=0.5, last_epoch=-1),
    "dlnotes.optim.ExponentialLR": lambda: dict(optimizer=_opt(), gamma=0.9, last_epoch=-1),
    "dlnotes.optim.CosineAnnealingLR": lambda: dict(optimizer=_opt(), T_max=5, eta_min=0.01, last_epoch=-1),
    "dlnotes.optim.LinearLR": lambda: dict(optimizer=_opt(), start_factor=0.5, end_factor=1.0, total_iters=3,
                                           last_epoch=-1),
    "dlnotes.optim.SequentialLR": lambda: _sequential(),
    "dlnotes.optim.clip_grad_norm_": lambda: dict(grads=[np.ones(3), np.ones(2)], max_norm=1.0, norm_type=2.0,
                                                  error_if_nonfinite=True),
    "dlnotes.optim.clip_grad_value_": lambda: dict(grads=[np.ones(3), np.ones(2)], clip_value=0.5),
    # plotting
    "dlnotes.plotting.use_style": lambda: dict(),
    "dlnotes.plotting.describe": lambda: dict(fig=matplotlib.figure.Figure(),
                                              text="一张用于测试的图：横轴是输入，纵轴是输出。"),
    "dlnotes.plotting.figure_description": lambda: dict(fig=matplotlib.figure.Figure()),
    "dlnotes.plotting.cjk_font_path": lambda: dict(),
    "dlnotes.plotting.color": lambda: dict(role="train"),
    "dlnotes.plotting.sequential": lambda: dict(n=3, reverse=False),
    "dlnotes.plotting.sequential_cmap": lambda: dict(name="ramp"),
    "dlnotes.plotting.relative_luminance": lambda: dict(c="#0072B2"),
    "dlnotes.plotting.contrast_ratio": lambda: dict(c1="#0072B2", c2=(1.0, 1.0, 1.0)),
    "dlnotes.plotting.label_color": lambda: dict(background="#D55E00", candidates=("#000000", "#ffffff")),
    "dlnotes.plotting.lightness": lambda: dict(c="0.5"),
    "dlnotes.plotting.readable": lambda: dict(c="#CC79A7", background="#ffffff", min_contrast=4.5),
    "dlnotes.plotting.pow10": lambda: dict(exponent=-4, math=False),
    "dlnotes.plotting.num": lambda: dict(x=2.6e-5, fmt=".2e", math=True),
    "dlnotes.plotting.num_list": lambda: dict(values=np.array([1.0, 0.8, -0.4]), fmt=".3g"),
    "dlnotes.plotting.tick_format": lambda: dict(fmt=".2f"),
    "dlnotes.plotting.figsize": lambda: dict(ncols=2, nrows=1, aspect=0.7, width=6.72, extra=0.3),
    "dlnotes.plotting.image_axes": lambda: dict(ax=matplotlib.figure.Figure().subplots(), frame=True),
    "dlnotes.plotting.contour_axes": lambda: dict(ax=matplotlib.figure.Figure().subplots()),
    "dlnotes.plotting.keep_colors": lambda: dict(),
    "dlnotes.plotting.label_on": lambda: dict(ax=matplotlib.figure.Figure().subplots(), x=0.5, y=0.5,
                                              text="0.5", background="#0072B2"),
    "dlnotes.plotting.dark_variant": lambda: dict(fig=matplotlib.figure.Figure()),
    "dlnotes.plotting.dark_render": lambda: dict(fig=matplotlib.figure.Figure()),
    # profiler
    "dlnotes.profiler.count_params": lambda: dict(model=_tiny_model(), trainable_only=False),
    "dlnotes.profiler.count_macs": lambda: dict(model=_tiny_model(), input_size=(1, 3, 8, 8)),
    "dlnotes.profiler.count_weight_layers": lambda: dict(model=_tiny_model(), input_size=(1, 3, 8, 8)),
    "dlnotes.profiler.summarize": lambda: dict(model=_tiny_model(), input_size=(1, 3, 8, 8)),
    # regularization
    "dlnotes.regularization.dropout": lambda: dict(input=_X34, p=0.5, training=True, rng=0,
                                                   mask=None),
    "dlnotes.regularization.dropout_mask": lambda: dict(shape=(3, 4), p=0.5, rng=0),
    "dlnotes.regularization.softshrink": lambda: dict(input=_X34, lambd=0.5),
    "dlnotes.regularization.ridge_regression": lambda: dict(X=_REG_TRUE, y=_REG_PRED[:, 0], alpha=1.0),
    "dlnotes.regularization.lasso_regression": lambda: dict(X=_REG_TRUE, y=_REG_PRED[:, 0], alpha=0.1,
                                                            max_iter=50, tol=1e-8, coef_init=np.zeros(2)),
    "dlnotes.regularization.EarlyStopping": lambda: dict(patience=2, min_delta=0.01),
    "dlnotes.regularization.EarlyStopping.step": (lambda: BY_NAME["dlnotes.regularization.EarlyStopping"](),
                                                  lambda: dict(value=0.5)),
    # whitening
    "dlnotes.whitening.Whitening": None,  # built by pca_whiten / zca_whiten, not by hand
    "dlnotes.whitening.Whitening.transform": (lambda: BY_NAME["dlnotes.whitening.zca_whiten"](_IMG[0, 0]),
                                              lambda: dict(X=_IMG[1, 0])),
    "dlnotes.whitening.Whitening.inverse_transform": (
        lambda: BY_NAME["dlnotes.whitening.pca_whiten"](_IMG[0, 0], n_components=3),
        lambda: dict(Z=np.ones((2, 3)))),
    "dlnotes.whitening.pca_whiten": lambda: dict(X=_IMG[0, 0], eps=1e-5, n_components=3, ddof=1),
    "dlnotes.whitening.zca_whiten": lambda: dict(X=_IMG[0, 0], eps=1e-5, ddof=1),
}


def _sequential():
    opt = _opt()
    warm = optim.LinearLR(opt, total_iters=2)
    cos = optim.CosineAnnealingLR(opt, T_max=3)
    return dict(optimizer=opt, schedulers=[warm, cos], milestones=[2], last_epoch=-1)


# ------------------------------------------------------------- documented parameters

_REFERENCE = re.compile(r"^As (?:in|for) :func:`~?([\w.]+)`\.?$")


def _doc_params(obj):
    """{name: (type, description)} from the numpydoc Parameters section of ``obj``."""
    out = {}
    for p in NumpyDocString(inspect.getdoc(obj) or "")["Parameters"]:
        for name in p.name.split(","):
            name = name.strip().lstrip("*")
            if name:
                out[name] = (p.type.strip(), " ".join(p.desc).strip())
    return out


def _resolve(qual, obj, name, typ, desc):
    """Fill an entry that only points elsewhere ("As for :func:`f`", a backward function)."""
    module = qual.rsplit(".", 1)[0]
    target = None
    match = _REFERENCE.match(desc)
    if match:
        target = match.group(1).split(".")[-1]
    elif not typ and qual.endswith("_backward"):
        target = qual.rsplit(".", 1)[1][: -len("_backward")]
    if target:
        other = BY_NAME.get(f"{module}.{target}")
        if other is not None:
            other_typ, other_desc = _doc_params(other).get(name, ("", ""))
            return typ or other_typ, other_desc if match or not desc else desc
    return typ, desc


@functools.cache
def _specs(qual, obj):
    """[(name, type, description, default)] for the documented parameters in the signature."""
    try:
        sig = inspect.signature(obj)
    except (TypeError, ValueError):
        return []
    documented = _doc_params(obj)
    specs = []
    for name, param in sig.parameters.items():
        if name == "self" or param.kind in (param.VAR_POSITIONAL, param.VAR_KEYWORD):
            continue
        typ, desc = documented.get(name, ("", ""))
        typ, desc = _resolve(qual, obj, name, typ, desc)
        typ = TYPE_TABLE.get((qual, name), typ)
        if typ:
            specs.append((name, typ, desc, param.default))
    return specs


# ---------------------------------------------------------------------------- probes

_NUMBER = r"(-?\d+(?:\.\d+)?)"


def _bounds(text):
    """The interval a description states, as (low, high, low_open, high_open) or None.

    Code literals (````pos_weight > 1````) and conditional sentences ("if all scores
    lie in [0, 1]", "usually in [0, 0.5]") state no bound.
    """
    text = re.sub(r"``[^`]*``", "", text).replace(":math:`", "").replace("`", "")
    sentences = re.split(r"(?<=[.;])\s+", text)
    text = " ".join(s for s in sentences if not re.search(r"\b(if|when|usually|unless)\b", s, re.I))
    m = re.search(r"\bin ([\[(])\s*" + _NUMBER + r"\s*,\s*" + _NUMBER + r"\s*([\])])", text, re.I)
    if m:
        return float(m.group(2)), float(m.group(3)), m.group(1) == "(", m.group(4) == ")"
    m = re.search(r"(?:>=|≥|\\geq?)\s*" + _NUMBER, text)
    if m:
        return float(m.group(1)), None, False, False
    m = re.search(r"(?:(?<![<>=-])>|\\gt)\s*" + _NUMBER, text)
    if m:
        return float(m.group(1)), None, True, False
    if re.search(r"\bnon-negative\b", text, re.I):
        return 0.0, None, False, False
    if re.search(r"\b(must be|a) positive\b", text, re.I):
        return 0.0, None, True, False
    return None


def _outside(bounds, integer):
    """Values just outside an interval."""
    low, high, low_open, high_open = bounds
    step = 1 if integer else 0.5
    values = []
    if low is not None and math.isfinite(low):
        values.append(low if low_open else low - step)
    if high is not None and math.isfinite(high):
        values.append(high if high_open else high + step)
    return [int(v) if integer else float(v) for v in values]


class _Kind:
    """What a documented type string says an argument is."""

    def __init__(self, typ, desc, default):
        t = typ.lower()
        self.typ, self.desc, self.default = typ, desc, default
        self.nullable = default is None or "optional" in t or "none" in t
        self.options = None
        if typ.startswith("{"):
            inside = typ[1:typ.index("}")]
            self.options = [o.strip().strip("'\"") for o in inside.split(",")]
            t = t[t.index("}") + 1:]
        self.arrayish = "array_like" in t or "ndarray" in t
        if self.options is not None and not self.arrayish:
            self.kind = "options"
        elif t.startswith("torch.tensor"):
            self.kind = "tensor"
        elif "nn.module" in t:
            self.kind = "module"
        elif "figure" in t:
            self.kind = "figure"
        elif "axes" in t:
            self.kind = "axes"
        elif re.match(r"(sequence|tuple|list) of colou?r", t):
            self.kind = "color_seq"
        elif t.startswith(("color", "colour")):
            self.kind = "color"
        elif t.startswith("optimizer"):
            self.kind = "optimizer"
        elif t.startswith("callable"):
            self.kind = "callable"
        elif t.startswith("type"):
            self.kind = "class"
        elif t.startswith("dict"):
            self.kind = "dict"
        elif "generator" in t:
            self.kind = "rng"
        elif t.startswith("labels"):
            self.kind = "labels"
        elif re.match(r"int,? (or )?(tuple|sequence)", t) or t.startswith("int, tuple"):
            self.kind = "int_tuple"
        elif re.match(r"(tuple|sequence|list) of (\d+ )?int", t):
            self.kind = "int_seq"
        elif t.startswith("tuple of float"):
            self.kind = "float_pair"
        elif t.startswith("tuple of str"):
            self.kind = "str_seq"
        elif re.search(r"list of (numpy\.ndarray|array_like)", t):
            self.kind = "array_list"
        elif t.startswith("list of"):
            self.kind = "object_list"
        elif t.startswith("numpy.ndarray"):
            self.kind = "ndarray"
        elif "array_like of int" in t:
            self.kind = "index_array"
        elif "array_like of bool" in t:
            self.kind = "bool_array"
        elif self.arrayish:
            self.kind = "array"
        elif re.match(r"int, float, bool,? (or )?str", t):
            self.kind = "label"
        elif t.startswith("bool"):
            self.kind = "bool"
        elif t.startswith("int"):
            self.kind = "int"
        elif t.startswith("float") or t.startswith("none or 1"):
            self.kind = "real"
        elif t.startswith("str"):
            self.kind = "str"
        elif t.startswith("none"):
            self.kind = "labels_ignored"
        else:
            self.kind = "unknown"


def _probes(qual, name, kind, base):
    """(label, value, expected exception or None for 'accepted or ValueError')."""
    accepts = ACCEPTS.get((qual, name), set())
    k, desc = kind.kind, kind.desc
    words = f"{kind.typ} {desc}"
    out = [("an object", object(), TypeError)]
    if not kind.nullable and k not in ("array_list", "object_list"):
        out.append(("None", None, TypeError))
    bounds = _bounds(words) if k in ("int", "real", "float_pair", "array", "int_seq") else None
    if k == "int":
        out += [("a str", "1", TypeError), ("a float", 2.5, TypeError), ("a bool", True, TypeError)]
        negative_ok = (any(isinstance(v, int) and v < 0 for v in (base, kind.default))
                       or "negative" in desc.lower())
        if bounds:
            out += [(f"{v} (outside the documented interval)", v, ValueError)
                    for v in _outside(bounds, True)]
        elif not negative_ok:
            out.append(("a negative size", -1, ValueError))
    elif k == "real":
        out += [("a str", "1.0", TypeError), ("a bool", True, TypeError)]
        if "nan" not in accepts:
            out.append(("NaN", math.nan, ValueError))
        inf_ok = "inf" in accepts or re.search(r"\binf\b|infty", words)
        if not inf_ok:
            out.append(("inf", math.inf, ValueError))
        if bounds:
            out += [(f"{v} (outside the documented interval)", v, ValueError)
                    for v in _outside(bounds, False)]
    elif k == "bool":
        out += [("an int", 1, TypeError), ("a str", "yes", TypeError)]
    elif k == "str":
        out.append(("an int", 1, TypeError))
    elif k == "labels_ignored":
        out.append(("complex labels", np.array([1j, 2j]), TypeError))
    elif k == "options":
        strings = [o for o in kind.options if not re.fullmatch(r"-?\d+|np\.nan|none", o, re.I)]
        if strings:
            out.append(("an unknown option", "no-such-option", ValueError))
            if len(strings) == len(kind.options):
                out.append(("a number", 12345, TypeError))
        else:
            out.append(("an unknown number", 12345, ValueError))
    elif k == "int_tuple":
        out += [("a str", "a", TypeError) if "'same'" not in words else ("an unknown str", "full", ValueError),
                ("a float", 2.5, TypeError), ("a bool", True, TypeError),
                ("a tuple with a str", (1, "a"), TypeError), ("a negative size", -1, ValueError)]
    elif k == "int_seq":
        out += [("a str", "abc", TypeError), ("a float entry", [2.5] * max(len(base), 1), TypeError),
                ("a negative entry", [-1] * max(len(base), 1), ValueError)]
    elif k == "float_pair":
        out += [("a float", 0.9, TypeError), ("one value", (0.9,), ValueError),
                ("NaN", (math.nan, 0.9), ValueError)]
        if bounds:
            out += [(f"{v} (outside the documented interval)", (v, v), ValueError)
                    for v in _outside(bounds, False)]
    elif k == "str_seq":
        out += [("a str", "precision", TypeError), ("an unknown entry", ("no-such",), ValueError)]
    elif k == "color":  # a name, a hex string or an RGB(A) sequence
        out += [("an int", 12345, TypeError), ("an unknown name", "no-such-colour", ValueError),
                ("five numbers", (0.1, 0.2, 0.3, 0.4, 0.5), ValueError)]
    elif k == "color_seq":
        out += [("a str", "#ffffff", TypeError), ("an empty sequence", (), ValueError),
                ("an entry that is no colour", ("no-such-colour",), ValueError)]
    elif k in ("tensor", "module", "figure", "axes", "optimizer", "callable", "class", "dict"):
        out.append(("a str", "abc", TypeError))
        if k == "tensor":
            out.append(("a numpy array", np.zeros(3), TypeError))
    elif k == "rng":
        out += [("a str", "seed", TypeError), ("a float", 2.5, TypeError),
                ("a negative seed", -1, ValueError)]
    elif k == "label":
        out.append(("a list", [1, 0], TypeError))
    elif k in ("array_list", "object_list"):
        out += [("a str", "abc", TypeError), ("a list of objects", [object()], TypeError)]
        if k == "array_list" and "in place" not in desc and "modified" not in desc:
            out.append(("a NaN gradient", [np.full(np.shape(a), np.nan) for a in base], ValueError))
    elif k == "ndarray":
        arr = np.asarray(base)
        out.append(("a list", arr.tolist(), TypeError))
        if "place" in desc:  # filled or updated in place: a float array that can be written
            out.append(("an int array", arr.astype(np.int64), TypeError))
            frozen = arr.copy()
            frozen.flags.writeable = False
            out.append(("a read-only array", frozen, ValueError))
    elif k in ("array", "index_array", "bool_array", "labels") and base is not None and not np.isscalar(base):
        arr = np.asarray(base)
        if kind.options:
            out.append(("an unknown option", "no-such-option", ValueError))
        elif k == "labels":
            out.append(("complex labels", arr + 1j, TypeError))
        else:
            out.append(("a str", "abc", TypeError))
        if k == "index_array":
            out += [("floats", arr.astype(float), TypeError),
                    ("out-of-range indices", arr + 10**6, ValueError),
                    ("out-of-range negative indices", arr - 10**6, ValueError)]
        elif k == "bool_array":
            out.append(("floats", arr.astype(float), TypeError))
        elif arr.dtype.kind in "iuf":
            if k == "array":
                out += [("complex", arr.astype(complex), TypeError), ("bools", arr != 0, TypeError)]
            if "nan" not in accepts:
                out.append(("a NaN", _with(arr, math.nan), ValueError))
            if re.search(r"\bfinite\b", words, re.I) and "inf" not in accepts:
                out.append(("an inf", _with(arr, math.inf), ValueError))
            if k == "array" and bounds:
                out += [(f"an entry {v} (outside the documented interval)", _with(arr, v), ValueError)
                        for v in _outside(bounds, False)]
            if k == "array" and re.search(r"\{1, -1\}", words):
                out.append(("an entry 0.5 (not 1 or -1)", _with(arr, 0.5), ValueError))
        shape_text = re.search(r"shape\s*``?\(", words) or re.search(r"of shape|shape \(", words)
        if arr.ndim >= 1 and shape_text and "any shape" not in words and not re.search(r"\(\)", words):
            out.append(("a 0-d array (wrong number of dimensions)", arr.reshape(-1)[:1].reshape(()), ValueError))
        if arr.ndim >= 1 and re.search(r"same shape|shape of ``\w+``|the shape of", desc):
            grown = np.concatenate([arr, arr[..., :1]], axis=-1)
            out.append(("a different shape", grown, ValueError))
        if arr.ndim >= 1 and arr.size:
            out.append(("an empty array", arr[:0], None))
    return out


def _with(arr, value):
    """A float copy of ``arr`` with its first entry set to ``value``."""
    out = np.array(arr, dtype=float)
    out.reshape(-1)[0] = value
    return out


# ----------------------------------------------------------------------- the calls


@contextlib.contextmanager
def _quiet_meta(qual, on_tensors):
    """Build torch modules on the meta device (not when the call computes on tensors it
    is given); warnings stay errors."""
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        if qual.startswith("dlnotes.architectures.") and not on_tensors:
            with _meta():
                yield
        else:
            yield


def _call(qual, kwargs_update=None):
    """Call ``qual`` with its valid arguments, updated by ``kwargs_update``."""
    entry = VALID_CALLS[qual]
    kwargs = _baseline(qual)
    on_tensors = any(isinstance(v, torch.Tensor) for v in kwargs.values())
    kwargs.update(kwargs_update or {})
    with _quiet_meta(qual, on_tensors):
        if isinstance(entry, tuple):
            return getattr(entry[0](), qual.rsplit(".", 1)[1])(**kwargs)
        return BY_NAME[qual](**kwargs)


def _baseline(qual):
    entry = VALID_CALLS[qual]
    return (entry[1] if isinstance(entry, tuple) else entry)()


def _names_argument(message, name):
    """Whether an error message names the argument ``name`` (or one of several names)."""
    if isinstance(name, (list, tuple)):
        return any(_names_argument(message, n) for n in name)
    if re.match(rf"{re.escape(name)}(?![\w])", message) or f"{name}=" in message:
        return True
    return len(name) >= 3 and re.search(rf"(?<![\w]){re.escape(name)}(?![\w])", message) is not None


def _cases():
    cases = []
    for qual, obj, _ in CALLABLES:
        if VALID_CALLS.get(qual) is None:
            continue
        for name, typ, desc, default in _specs(qual, obj):
            marks = [pytest.mark.xfail(reason=PENDING[(qual, name)], strict=True)] if (qual, name) in PENDING else []
            cases.append(pytest.param(qual, name, typ, desc, default, id=f"{qual[8:]}-{name}", marks=marks))
    return cases


CASES = _cases()
#: (function, argument) pairs probed and the callables they belong to; with the number of
#: bad values tried in this session, read by conftest.py for the session summary.
N_PROBES = len(CASES)
N_CALLABLES = len({c.values[0] for c in CASES})
PROBE_CALLS = [0]


def test_every_public_callable_has_a_valid_call():
    """A new public function or class needs one valid call in VALID_CALLS (None: not
    meant to be called directly, with the reason)."""
    missing = sorted(q for q, _, _ in CALLABLES if q not in VALID_CALLS)
    assert not missing, f"add a valid call for: {missing}"
    stale = sorted(set(VALID_CALLS) - set(BY_NAME))
    assert not stale, f"VALID_CALLS names that are not public any more: {stale}"


@pytest.mark.parametrize("qual", sorted(q for q, e in VALID_CALLS.items() if e is not None and q in BY_NAME))
def test_valid_call_succeeds(qual):
    _call(qual)


def test_every_documented_type_is_understood():
    unknown = [(c.values[0], c.values[1], c.values[2]) for c in CASES
               if _Kind(c.values[2], c.values[3], c.values[4]).kind == "unknown"]
    assert not unknown, f"types the common test does not know how to probe: {unknown}"


def test_probe_count():
    # Derived from the package: every documented argument of every public callable.  The
    # floor is the count with dlnotes.plotting included (a drop means lost coverage).
    assert N_PROBES >= 632, N_PROBES


@pytest.mark.parametrize(("qual", "name", "typ", "desc", "default"), CASES)
def test_bad_input_raises_and_names_the_argument(qual, name, typ, desc, default):
    kind = _Kind(typ, desc, default)
    base = _baseline(qual).get(name, default)
    probes = _probes(qual, name, kind, base)
    PROBE_CALLS[0] += len(probes)
    # an empty array may make another argument inconsistent: its error may name that one
    all_names = [n for n, _, _, _ in _specs(qual, BY_NAME[qual])]
    failures = []
    for label, value, expected in probes:
        try:
            _call(qual, {name: value})
        except (TypeError, ValueError) as exc:
            other = ValueError if isinstance(exc, TypeError) and not isinstance(exc, ValueError) else TypeError
            if expected is not None and (not isinstance(exc, expected) or isinstance(exc, other)):
                failures.append(f"{label}: raised {type(exc).__name__} instead of {expected.__name__}: {exc}")
            elif expected is None and not isinstance(exc, ValueError):
                failures.append(f"{label}: raised {type(exc).__name__} instead of a result or ValueError: {exc}")
            elif not _names_argument(str(exc), name if expected is not None else all_names):
                failures.append(f"{label}: the message does not name {name!r}: {exc}")
        except Exception as exc:  # noqa: BLE001 - any other error is a failure to report
            failures.append(f"{label}: raised {type(exc).__name__}: {exc}")
        else:
            if expected is not None:
                failures.append(f"{label}: accepted {value!r:.60} (expected {expected.__name__})")
    assert probes, "no probe derived from the documented type"
    assert not failures, f"{qual}({name}: {typ}):\n" + "\n".join(failures)
