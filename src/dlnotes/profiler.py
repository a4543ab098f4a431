r"""What a PyTorch model costs: parameters, multiply-adds and depth, measured on shapes only.

* :func:`count_params` counts the parameters (scalars) of a model;
* :func:`count_macs` counts the multiply-adds of one forward pass, read from PyTorch's
  own ``torch.utils.flop_counter.FlopCounterMode`` (one multiply-add is two FLOPs);
* :func:`count_weight_layers` counts the convolution and linear layers on the longest
  input-to-output path, which is how the depth of a network is quoted;
* :func:`summarize` gives all of them, and the output shape, from one forward pass.

The model runs on PyTorch's ``meta`` device: tensors there have shapes but no data, so
measuring even VGG-16 allocates no activation memory and does no arithmetic.

Importing this module imports torch; ``import dlnotes`` does not import it.
"""

import copy

import torch
from torch import nn
from torch.overrides import TorchFunctionMode
from torch.utils.flop_counter import FlopCounterMode

from ._validation import check_bool, check_int

__all__ = ["count_params", "count_macs", "count_weight_layers", "summarize"]

# Functions of torch.nn.functional that make a weight layer (one step of depth).
_WEIGHT_LAYERS = {"conv1d", "conv2d", "conv3d", "conv_transpose1d", "conv_transpose2d",
                  "conv_transpose3d", "linear", "bilinear"}


def count_params(model, trainable_only=False):
    """Number of parameters (scalars) of ``model``; buffers such as BN running statistics excluded.

    Parameters
    ----------
    model : torch.nn.Module
        The model.
    trainable_only : bool, default False
        Count only parameters with ``requires_grad``.

    Returns
    -------
    int
        The number of scalars in the model's parameters.

    See Also
    --------
    count_macs : The multiply-adds of one forward pass.
    summarize : Parameters, multiply-adds, depth and output shape together.
    dlnotes.layers.conv_params : The count for one convolution, by formula.

    Examples
    --------
    A linear layer of 10 × 5 + 5 and a batch norm with 5 + 5 affine parameters (its
    running statistics are buffers):

    >>> import torch
    >>> from dlnotes.profiler import count_params
    >>> model = torch.nn.Sequential(torch.nn.Linear(10, 5), torch.nn.BatchNorm1d(5))
    >>> _ = model[1].requires_grad_(False)
    >>> count_params(model), count_params(model, trainable_only=True)
    (65, 55)
    """
    _check_model(model)
    return _count_params(model, check_bool(trainable_only, "trainable_only"))


def _count_params(model, trainable_only=False):
    return sum(p.numel() for p in model.parameters() if p.requires_grad or not trainable_only)


def _check_model(model):
    if not isinstance(model, nn.Module):
        raise TypeError(f"model must be a torch.nn.Module, got {type(model).__name__}")


def _tensors(obj):
    """The tensors in a (nested) tuple, list or dict of arguments or outputs."""
    if isinstance(obj, torch.Tensor):
        return [obj]
    if isinstance(obj, dict):
        obj = list(obj.values())
    if isinstance(obj, (tuple, list)):
        return [t for item in obj for t in _tensors(item)]
    return []


class _DepthTracker(TorchFunctionMode):
    """Follows every tensor through the forward pass and records how many weight layers
    lie on the longest path that produced it."""

    def __init__(self):
        super().__init__()
        self.depth = {}  # id(tensor) -> weight layers on the longest path that produced it
        self.keep = []  # keep the tensors alive so that their ids stay unique

    def depth_of(self, tensors):
        return max((self.depth.get(id(t), 0) for t in tensors), default=0)

    def __torch_function__(self, func, types, args=(), kwargs=None):
        kwargs = kwargs or {}
        out = func(*args, **kwargs)
        depth = self.depth_of(_tensors((args, kwargs)))
        if getattr(func, "__name__", "") in _WEIGHT_LAYERS:
            depth += 1
        for t in _tensors(out):
            self.depth[id(t)] = max(depth, self.depth.get(id(t), 0))
            self.keep.append(t)
        return out


def _profile(model, input_size):
    """(multiply-adds, depth, output shape) of one forward pass on the meta device."""
    _check_model(model)
    if not isinstance(input_size, (tuple, list)):
        raise TypeError(f"input_size must be a tuple of ints, got {type(input_size).__name__}")
    input_size = tuple(check_int(n, "input_size", 1) for n in input_size)
    tensors = list(model.parameters()) + list(model.buffers())
    if any(t.device.type != "meta" for t in tensors):  # shapes only: measure a copy on meta
        model = copy.deepcopy(model).to("meta")
    x = torch.empty(input_size, device="meta")
    was_training = model.training
    model.eval()
    try:
        with torch.no_grad(), FlopCounterMode(display=False) as flops, _DepthTracker() as tracker:
            out = model(x)
            depth = tracker.depth_of(_tensors(out))
    finally:
        model.train(was_training)
    # FlopCounterMode counts two FLOPs (a multiply and an add) per multiply-add.
    return flops.get_total_flops() // 2, depth, tuple(out.shape)


def count_macs(model, input_size=(1, 3, 224, 224)):
    r"""Multiply-adds of one forward pass, counting convolutions and matrix products.

    Every output value of a convolution costs one multiply-add per weight of its
    filter, :math:`C_{in}/g \cdot \prod F`; every output of a linear layer one per input
    feature.  Biases, batch norm, activations and pooling are not counted (they are a
    few per cent at most), as in the MAC figures usually quoted.  The count is
    PyTorch's ``FlopCounterMode`` divided by two: FLOP
    counters report a multiply and an add separately.  The model runs on the ``meta``
    device: shapes only.

    Parameters
    ----------
    model : torch.nn.Module
        The model.
    input_size : tuple of int, default (1, 3, 224, 224)
        Shape of the input batch.

    Returns
    -------
    int
        Multiply-adds for the whole batch.

    See Also
    --------
    count_params : The parameters.
    dlnotes.layers.conv_macs : The count for one convolution, by formula.

    Examples
    --------
    AlexNet's first layer: 55 × 55 × 96 outputs of 11 × 11 × 3 multiply-adds each:

    >>> import torch
    >>> from dlnotes.profiler import count_macs
    >>> count_macs(torch.nn.Conv2d(3, 96, 11, stride=4), (1, 3, 227, 227))
    105415200
    """
    return _profile(model, input_size)[0]


def count_weight_layers(model, input_size=(1, 3, 224, 224)):
    """Depth of a network: convolution and linear layers on its longest input-to-output path.

    This is how depths are quoted: 8 for AlexNet, 16 for VGG-16, 22 for GoogLeNet,
    50 for ResNet-50 (shortcut projections lie on a shorter path), 121 for DenseNet-121.

    Parameters
    ----------
    model : torch.nn.Module
        The model.
    input_size : tuple of int, default (1, 3, 224, 224)
        Shape of the input batch.

    Returns
    -------
    int
        The number of weight layers on the longest path.

    See Also
    --------
    summarize : The depth with the other measures.

    Examples
    --------
    >>> import torch
    >>> from dlnotes.architectures import resnet50, vgg16
    >>> from dlnotes.profiler import count_weight_layers
    >>> with torch.device("meta"):
    ...     models = vgg16(), resnet50()
    >>> [count_weight_layers(m) for m in models]
    [16, 50]
    """
    return _profile(model, input_size)[1]


def summarize(model, input_size=(1, 3, 224, 224)):
    """Parameters, multiply-adds, depth and output shape of ``model``, from one meta-device pass.

    The same numbers as :func:`count_params`, :func:`count_macs` and
    :func:`count_weight_layers`, for the price of one forward pass.

    Parameters
    ----------
    model : torch.nn.Module
        The model.
    input_size : tuple of int, default (1, 3, 224, 224)
        Shape of the input batch.

    Returns
    -------
    dict
        ``{"params": int, "macs": int, "depth": int, "output_shape": tuple}``.

    See Also
    --------
    count_params : The parameters alone.
    count_macs : The multiply-adds alone.
    count_weight_layers : The depth alone.

    Examples
    --------
    >>> import torch
    >>> from dlnotes.architectures import resnet18
    >>> from dlnotes.profiler import summarize
    >>> with torch.device("meta"):
    ...     model = resnet18()
    >>> summarize(model)
    {'params': 11689512, 'macs': 1814073344, 'depth': 18, 'output_shape': (1, 1000)}
    """
    macs, depth, shape = _profile(model, input_size)
    return {"params": _count_params(model), "macs": macs, "depth": depth, "output_shape": shape}
