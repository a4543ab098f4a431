r"""Classic architectures as PyTorch modules, and the tools to measure them.

Unlike the NumPy modules of the package, this one is about whole networks, so it is
written with ``torch.nn``:

* the 1×1 convolution as a per-pixel matrix product (:func:`conv1x1`);
* the Inception v1 module with and without its 1×1 reductions (:class:`Inception`,
  :class:`NaiveInception`) and the v3 asymmetric factorisation (:class:`AsymmetricConv2d`);
* highway, residual and plain fully connected layers (:class:`HighwayLayer`,
  :class:`ResidualLayer`, :class:`PlainLayer`) and a deep MLP made of them (:class:`DeepMLP`);
* six classic ImageNet CNNs written here layer by layer (:func:`alexnet`, :func:`vgg16`,
  :func:`googlenet`, :func:`resnet18`, :func:`resnet50`, :func:`densenet121`).  Their
  layers, and so their parameter counts, follow torchvision's variants (torchvision itself
  is not needed); where those differ from the papers, the docstrings say how.

The tools that measure these models (parameters, multiply-adds, depth) are in
:mod:`dlnotes.profiler`; their names stay importable from this module too.

Importing this module imports torch; ``import dlnotes`` does not import it.
"""

import torch
import torch.nn.functional as F
from torch import nn

from ._validation import check_bool, check_int, check_option, check_real
# The model profiler lived here before it got a module of its own; keep its names importable.
from .profiler import count_macs, count_params, count_weight_layers, summarize  # noqa: F401

__all__ = [
    "conv1x1",
    "Inception",
    "NaiveInception",
    "AsymmetricConv2d",
    "PlainLayer",
    "ResidualLayer",
    "HighwayLayer",
    "DeepMLP",
    "AlexNet",
    "VGG",
    "GoogLeNet",
    "BasicBlock",
    "Bottleneck",
    "ResNet",
    "DenseLayer",
    "DenseBlock",
    "Transition",
    "DenseNet",
    "alexnet",
    "vgg16",
    "googlenet",
    "resnet18",
    "resnet50",
    "densenet121",
]


def _check_tensor(x, name):
    """Raise a TypeError unless ``x`` is a torch tensor."""
    if not isinstance(x, torch.Tensor):
        raise TypeError(f"{name} must be a torch.Tensor, got {type(x).__name__}")
    return x


def _check_dropout(p):
    return check_real(p, "dropout", low=0, high=1)


def _check_channels(x, expected, name="x"):
    """Raise a ValueError unless ``x`` is (N, C, ...) with C == ``expected``."""
    _check_tensor(x, name)
    if x.dim() < 2 or x.shape[1] != expected:
        raise ValueError(
            f"{name} must have {expected} channels in dim 1 (the module's in_channels), "
            f"got shape {tuple(x.shape)}"
        )


# --------------------------------------------------------------------------------------
# 1x1 convolution
# --------------------------------------------------------------------------------------
def conv1x1(x, weight, bias=None):
    r"""A 1×1 convolution written as a matrix product over the channels of each pixel.

    .. math:: y_{n,o,h,w} = \sum_c W_{o,c}\, x_{n,c,h,w} + b_o

    It equals ``torch.nn.functional.conv2d(x, weight, bias)`` for a weight of shape
    ``(C_out, C_in, 1, 1)``: the same linear map applied to the channel vector of every
    pixel, with no mixing between pixels :cite:p:`lin2013network`.

    Parameters
    ----------
    x : torch.Tensor, shape (N, C_in, H, W)
        The input maps.
    weight : torch.Tensor, shape (C_out, C_in) or (C_out, C_in, 1, 1)
        The weights.
    bias : torch.Tensor, shape (C_out,), default None
        The biases.

    Returns
    -------
    torch.Tensor, shape (N, C_out, H, W)
        The output maps.

    Raises
    ------
    ValueError
        If the shapes do not fit together.

    See Also
    --------
    Inception : Uses 1×1 convolutions to reduce the channels before the large kernels.
    dlnotes.layers.conv2d : The NumPy convolution of any kernel size.

    Examples
    --------
    Channel 1 subtracted from channel 0 at every pixel, and the same map as a 1×1
    ``conv2d``:

    >>> import torch
    >>> from dlnotes.architectures import conv1x1
    >>> x = torch.arange(8.0).reshape(1, 2, 2, 2)
    >>> conv1x1(x, torch.tensor([[1.0, -1.0]]))
    tensor([[[[-4., -4.],
              [-4., -4.]]]])
    >>> w = torch.randn(3, 2)
    >>> torch.allclose(conv1x1(x, w), torch.nn.functional.conv2d(x, w[:, :, None, None]))
    True
    """
    _check_tensor(x, "x")
    _check_tensor(weight, "weight")
    if bias is not None:
        _check_tensor(bias, "bias")
    if x.dim() != 4:
        raise ValueError(f"x must have shape (N, C_in, H, W), got {tuple(x.shape)}")
    if weight.dim() == 4:
        if weight.shape[2:] != (1, 1):
            raise ValueError(f"weight must be (C_out, C_in, 1, 1), got {tuple(weight.shape)}")
        weight = weight[:, :, 0, 0]
    if weight.dim() != 2:
        raise ValueError(f"weight must be (C_out, C_in) or (C_out, C_in, 1, 1), got {tuple(weight.shape)}")
    if weight.shape[1] != x.shape[1]:
        raise ValueError(
            f"weight has C_in={weight.shape[1]} but x has {x.shape[1]} channels"
        )
    y = torch.einsum("oc,nchw->nohw", weight, x)
    if bias is not None:
        if bias.shape != (weight.shape[0],):
            raise ValueError(f"bias must have shape ({weight.shape[0]},), got {tuple(bias.shape)}")
        y = y + bias[None, :, None, None]
    return y


# --------------------------------------------------------------------------------------
# Inception
# --------------------------------------------------------------------------------------
def _conv_unit(in_channels, out_channels, kernel_size, *, batch_norm, **kwargs):
    """Conv + ReLU (with a bias), or Conv (no bias) + BN + ReLU as in torchvision's GoogLeNet."""
    if batch_norm:
        return nn.Sequential(
            nn.Conv2d(in_channels, out_channels, kernel_size, bias=False, **kwargs),
            nn.BatchNorm2d(out_channels, eps=0.001),
            nn.ReLU(inplace=True),
        )
    return nn.Sequential(nn.Conv2d(in_channels, out_channels, kernel_size, **kwargs), nn.ReLU(inplace=True))


class Inception(nn.Module):
    r"""The Inception v1 module with 1×1 reductions :cite:p:`szegedy2015going`.

    Four branches see the same input and their outputs are concatenated along the
    channels: a 1×1 convolution; a 1×1 reduction then a 3×3 convolution; a 1×1
    reduction then a 5×5 convolution; a 3×3 max pooling (stride 1) then a 1×1
    projection.  Every convolution is followed by a ReLU.  The output has
    ``ch1x1 + ch3x3 + ch5x5 + pool_proj`` channels and the input's height and width.

    Parameters
    ----------
    in_channels : int
        Channels of the input.
    ch1x1, ch3x3red, ch3x3, ch5x5red, ch5x5, pool_proj : int
        Output channels of each convolution, in the order of the paper's Table 1
        ("#1×1", "#3×3 reduce", "#3×3", "#5×5 reduce", "#5×5", "pool proj").
    kernel_5x5 : int, default 5
        Kernel of the "5×5" branch.  torchvision's GoogLeNet uses 3 here (a slip kept
        for compatibility with its pretrained weights); :func:`googlenet` passes 3.
    batch_norm : bool, default False
        Use Conv (no bias) + BatchNorm + ReLU units as torchvision does, instead of
        the paper's Conv (with bias) + ReLU.

    Raises
    ------
    ValueError
        If a channel count is not a positive int, if ``kernel_5x5`` is not odd, or (in
        ``forward``) if the input does not have ``in_channels`` channels.

    See Also
    --------
    NaiveInception : The module without the 1×1 reductions.
    GoogLeNet : The network of nine such modules.
    conv1x1 : The 1×1 convolution as a matrix product.

    Examples
    --------
    Module 3a of GoogLeNet: 64 + 128 + 32 + 32 = 256 output channels.

    >>> from dlnotes.architectures import Inception
    >>> from dlnotes.profiler import count_params
    >>> block = Inception(192, 64, 96, 128, 16, 32, 32)
    >>> block.out_channels, count_params(block)
    (256, 163696)
    """

    def __init__(self, in_channels, ch1x1, ch3x3red, ch3x3, ch5x5red, ch5x5, pool_proj, *,
                 kernel_5x5=5, batch_norm=False):
        super().__init__()
        names = ("in_channels", "ch1x1", "ch3x3red", "ch3x3", "ch5x5red", "ch5x5", "pool_proj")
        values = (in_channels, ch1x1, ch3x3red, ch3x3, ch5x5red, ch5x5, pool_proj)
        for name, value in zip(names, values):
            check_int(value, name, 1)
        check_int(kernel_5x5, "kernel_5x5", 1)
        if kernel_5x5 % 2 == 0:
            raise ValueError(f"kernel_5x5 must be odd (to keep the spatial size), got {kernel_5x5}")
        batch_norm = check_bool(batch_norm, "batch_norm")
        self.in_channels = in_channels
        self.out_channels = ch1x1 + ch3x3 + ch5x5 + pool_proj
        unit = lambda i, o, k, **kw: _conv_unit(i, o, k, batch_norm=batch_norm, **kw)  # noqa: E731
        self.branch1 = unit(in_channels, ch1x1, 1)
        self.branch2 = nn.Sequential(unit(in_channels, ch3x3red, 1), unit(ch3x3red, ch3x3, 3, padding=1))
        self.branch3 = nn.Sequential(
            unit(in_channels, ch5x5red, 1), unit(ch5x5red, ch5x5, kernel_5x5, padding=kernel_5x5 // 2)
        )
        self.branch4 = nn.Sequential(
            nn.MaxPool2d(3, stride=1, padding=1, ceil_mode=True), unit(in_channels, pool_proj, 1)
        )

    def forward(self, x):
        """Concatenate the four branches along the channel dimension.

        Parameters
        ----------
        x : torch.Tensor, shape (N, in_channels, H, W)
            The input maps.

        Returns
        -------
        torch.Tensor, shape (N, out_channels, H, W)
            The branches' outputs, concatenated.

        See Also
        --------
        NaiveInception.forward : The same concatenation without reductions.

        Examples
        --------
        >>> import torch
        >>> from dlnotes.architectures import Inception
        >>> block = Inception(192, 64, 96, 128, 16, 32, 32)
        >>> block(torch.zeros(1, 192, 8, 8)).shape
        torch.Size([1, 256, 8, 8])
        """
        _check_channels(x, self.in_channels)
        branches = (self.branch1, self.branch2, self.branch3, self.branch4)
        return torch.cat([branch(x) for branch in branches], dim=1)


class NaiveInception(nn.Module):
    r"""The "naive" Inception module, without 1×1 reductions :cite:p:`szegedy2015going`.

    1×1, 3×3 and 5×5 convolutions (each with a ReLU) and a 3×3 max pooling all read
    the input directly.  The pooling branch passes all ``in_channels`` through, so the
    output has ``ch1x1 + ch3x3 + ch5x5 + in_channels`` channels: the depth can only
    grow from module to module, which is what the reductions of :class:`Inception` fix.

    Parameters
    ----------
    in_channels, ch1x1, ch3x3, ch5x5 : int
        Channels of the input and of each convolution's output.

    Raises
    ------
    ValueError
        If a channel count is not a positive int, or (in ``forward``) if the input
        does not have ``in_channels`` channels.

    See Also
    --------
    Inception : The module with 1×1 reductions.

    Examples
    --------
    The same convolution widths as module 3a, but 416 output channels instead of 256:
    the 192 input channels pass through the pooling branch.

    >>> from dlnotes.architectures import NaiveInception
    >>> NaiveInception(192, 64, 128, 32).out_channels
    416
    """

    def __init__(self, in_channels, ch1x1, ch3x3, ch5x5):
        super().__init__()
        for name, value in zip(("in_channels", "ch1x1", "ch3x3", "ch5x5"), (in_channels, ch1x1, ch3x3, ch5x5)):
            check_int(value, name, 1)
        self.in_channels = in_channels
        self.out_channels = ch1x1 + ch3x3 + ch5x5 + in_channels
        self.branch1 = _conv_unit(in_channels, ch1x1, 1, batch_norm=False)
        self.branch2 = _conv_unit(in_channels, ch3x3, 3, batch_norm=False, padding=1)
        self.branch3 = _conv_unit(in_channels, ch5x5, 5, batch_norm=False, padding=2)
        self.branch4 = nn.MaxPool2d(3, stride=1, padding=1)

    def forward(self, x):
        """Concatenate the four branches along the channel dimension.

        Parameters
        ----------
        x : torch.Tensor, shape (N, in_channels, H, W)
            The input maps.

        Returns
        -------
        torch.Tensor, shape (N, out_channels, H, W)
            The branches' outputs, concatenated.

        See Also
        --------
        Inception.forward : The same concatenation with reductions.

        Examples
        --------
        >>> import torch
        >>> from dlnotes.architectures import NaiveInception
        >>> NaiveInception(192, 64, 128, 32)(torch.zeros(1, 192, 8, 8)).shape
        torch.Size([1, 416, 8, 8])
        """
        _check_channels(x, self.in_channels)
        branches = (self.branch1, self.branch2, self.branch3, self.branch4)
        return torch.cat([branch(x) for branch in branches], dim=1)


class AsymmetricConv2d(nn.Sequential):
    r"""An :math:`n\times n` convolution factorised into :math:`1\times n` then :math:`n\times 1`.

    Inception-v3's asymmetric factorisation :cite:p:`szegedy2016rethinking`: the pair has
    the receptive field of an :math:`n\times n` kernel and keeps the spatial size, with
    :math:`2n` instead of :math:`n^2` weights per pair of channels (when both
    convolutions have ``out_channels`` outputs).  No non-linearity sits between the
    two, so the pair is a rank-restricted :math:`n\times n` convolution.

    Parameters
    ----------
    in_channels, out_channels : int
        Channels of the input and of both convolutions' outputs.
    n : int
        The kernel length, an odd number ≥ 3.
    bias : bool, default False
        Whether both convolutions have biases.

    Raises
    ------
    ValueError
        If ``n`` is not an odd int ≥ 3 or a channel count is not a positive int.

    See Also
    --------
    Inception : The module whose branches Inception-v3 factorises.

    Examples
    --------
    A 7×7 convolution of 64 channels as 1×7 then 7×1: 57,344 weights instead of
    200,704, and the same output size:

    >>> import torch
    >>> from dlnotes.architectures import AsymmetricConv2d
    >>> from dlnotes.profiler import count_params
    >>> conv = AsymmetricConv2d(64, 64, 7)
    >>> count_params(conv), conv(torch.zeros(1, 64, 17, 17)).shape
    (57344, torch.Size([1, 64, 17, 17]))
    """

    def __init__(self, in_channels, out_channels, n, bias=False):
        check_int(in_channels, "in_channels", 1)
        check_int(out_channels, "out_channels", 1)
        check_int(n, "n", 3)
        if n % 2 == 0:
            raise ValueError(f"n must be odd (to keep the spatial size), got {n}")
        bias = check_bool(bias, "bias")
        super().__init__(
            nn.Conv2d(in_channels, out_channels, (1, n), padding=(0, n // 2), bias=bias),
            nn.Conv2d(out_channels, out_channels, (n, 1), padding=(n // 2, 0), bias=bias),
        )


# --------------------------------------------------------------------------------------
# Plain, residual and highway layers
# --------------------------------------------------------------------------------------
def _check_features(x, features):
    _check_tensor(x, "x")
    if x.dim() < 1 or x.shape[-1] != features:
        raise ValueError(
            f"x must have {features} features in its last dimension (the layer's features), "
            f"got shape {tuple(x.shape)}"
        )


class PlainLayer(nn.Module):
    r"""A fully connected layer with a ReLU: :math:`y = \mathrm{ReLU}(W x + b)`.

    Parameters
    ----------
    features : int
        Input and output width.

    Raises
    ------
    ValueError
        If ``features`` is not a positive int, or (in ``forward``) if the input's last
        dimension is not ``features``.

    See Also
    --------
    ResidualLayer : The same layer plus an identity shortcut.
    HighwayLayer : A gated mix of the transform and the identity.
    DeepMLP : A deep stack of such layers.

    Examples
    --------
    >>> from dlnotes.architectures import PlainLayer
    >>> PlainLayer(4).linear
    Linear(in_features=4, out_features=4, bias=True)
    """

    def __init__(self, features):
        super().__init__()
        self.features = check_int(features, "features", 1)
        self.linear = nn.Linear(features, features)

    def forward(self, x):
        r"""Apply the layer.

        Parameters
        ----------
        x : torch.Tensor, shape (\*, features)
            The input vectors.

        Returns
        -------
        torch.Tensor, shape (\*, features)
            :math:`\mathrm{ReLU}(W x + b)`.

        See Also
        --------
        ResidualLayer.forward : The same output plus the input.

        Examples
        --------
        With the identity as weight the layer is a plain ReLU:

        >>> import torch
        >>> from dlnotes.architectures import PlainLayer
        >>> layer = PlainLayer(3)
        >>> with torch.no_grad():
        ...     _ = layer.linear.weight.copy_(torch.eye(3)), layer.linear.bias.zero_()
        >>> layer(torch.tensor([[1.0, -2.0, 3.0]])).tolist()
        [[1.0, 0.0, 3.0]]
        """
        _check_features(x, self.features)
        return F.relu(self.linear(x))


class ResidualLayer(PlainLayer):
    r"""A fully connected residual layer: :math:`y = x + \mathrm{ReLU}(W x + b)`.

    The highway layer with both gates held open: the transform is added to an identity
    shortcut :cite:p:`he2016deep`.  Arguments and errors are those of :class:`PlainLayer`.

    Parameters
    ----------
    features : int
        Input and output width.

    See Also
    --------
    PlainLayer : The same layer without the shortcut.
    HighwayLayer : The shortcut weighted by a learned gate.

    Examples
    --------
    >>> from dlnotes.architectures import ResidualLayer
    >>> ResidualLayer(4).linear
    Linear(in_features=4, out_features=4, bias=True)
    """

    def forward(self, x):
        r"""Apply the layer.

        Parameters
        ----------
        x : torch.Tensor, shape (\*, features)
            The input vectors.

        Returns
        -------
        torch.Tensor, shape (\*, features)
            :math:`x + \mathrm{ReLU}(W x + b)`.

        See Also
        --------
        PlainLayer.forward : The output without the shortcut.

        Examples
        --------
        With zero weights the transform vanishes and the layer is the identity:

        >>> import torch
        >>> from dlnotes.architectures import ResidualLayer
        >>> layer = ResidualLayer(3)
        >>> with torch.no_grad():
        ...     _ = layer.linear.weight.zero_(), layer.linear.bias.zero_()
        >>> layer(torch.tensor([[1.0, -2.0, 3.0]])).tolist()
        [[1.0, -2.0, 3.0]]
        """
        return x + super().forward(x)


class HighwayLayer(nn.Module):
    r"""A fully connected highway layer :cite:p:`srivastava2015highway`.

    .. math::

        H(x) = \mathrm{ReLU}(W_H x + b_H), \qquad T(x) = \sigma(W_T x + b_T), \\
        y = H(x)\, T(x) + x\, \bigl(1 - T(x)\bigr)

    The transform gate :math:`T` decides, per unit and per sample, how much of the
    transformed signal passes; the rest of the output is the input carried unchanged.
    With :math:`b_T` negative the gates start mostly closed and the layer starts close
    to the identity, which is what lets very deep highway networks train.

    Parameters
    ----------
    features : int
        Input and output width.
    gate_bias : float, default -2.0
        Initial value of every entry of :math:`b_T`.  The paper suggests negative
        values such as −1 or −3, so that every layer starts by mostly carrying its input.

    Attributes
    ----------
    transform, gate : torch.nn.Linear
        The affine maps of :math:`H` and :math:`T`.

    Raises
    ------
    ValueError
        If ``features`` is not a positive int, ``gate_bias`` is not a real number, or
        (in ``forward``) the input's last dimension is not ``features``.

    See Also
    --------
    ResidualLayer : Both gates held open.
    DeepMLP : A deep stack of highway layers.

    Examples
    --------
    >>> from dlnotes.architectures import HighwayLayer
    >>> layer = HighwayLayer(4, gate_bias=-3.0)
    >>> layer.gate.bias.tolist()
    [-3.0, -3.0, -3.0, -3.0]
    """

    def __init__(self, features, gate_bias=-2.0):
        super().__init__()
        self.features = check_int(features, "features", 1)
        gate_bias = check_real(gate_bias, "gate_bias")
        self.transform = nn.Linear(features, features)
        self.gate = nn.Linear(features, features)
        with torch.no_grad():
            self.gate.bias.fill_(gate_bias)

    def forward(self, x, return_gate=False):
        r"""Apply the layer; with ``return_gate=True`` also return :math:`T(x)`.

        Parameters
        ----------
        x : torch.Tensor, shape (\*, features)
            The input vectors.
        return_gate : bool, default False
            Also return the gate values.

        Returns
        -------
        y : torch.Tensor, shape (\*, features)
            :math:`H(x)\, T(x) + x\, (1 - T(x))`.
        gate : torch.Tensor, shape (\*, features)
            :math:`T(x)`, only with ``return_gate=True``.

        See Also
        --------
        ResidualLayer.forward : The ungated sum.

        Examples
        --------
        On a zero input the gates are :math:`\sigma(-3) \approx 0.047`: the layer starts
        by carrying its input.

        >>> import torch
        >>> from dlnotes.architectures import HighwayLayer
        >>> y, gate = HighwayLayer(4, gate_bias=-3.0)(torch.zeros(2, 4), return_gate=True)
        >>> gate.detach().round(decimals=3)
        tensor([[0.0470, 0.0470, 0.0470, 0.0470],
                [0.0470, 0.0470, 0.0470, 0.0470]])
        """
        _check_features(x, self.features)
        return_gate = check_bool(return_gate, "return_gate")
        h = F.relu(self.transform(x))
        t = torch.sigmoid(self.gate(x))
        y = x + t * (h - x)  # = h t + x (1 - t)
        return (y, t) if return_gate else y


class DeepMLP(nn.Module):
    r"""An MLP of ``depth`` identical plain, residual or highway layers.

    ``Linear(in_features, width)`` + ReLU, then ``depth`` layers of width ``width``,
    then ``Linear(width, out_features)`` (logits).  This is the set-up of the highway
    paper's depth experiment :cite:p:`srivastava2015highway`, with PyTorch's default
    initialisation of every linear layer.

    Parameters
    ----------
    kind : {'plain', 'residual', 'highway'}
        The layer type.
    in_features, width, out_features : int
        Widths of the input, the hidden layers and the output.
    depth : int
        Number of hidden layers of the chosen kind (≥ 0).
    gate_bias : float, default -2.0
        Initial gate bias of highway layers (ignored otherwise).

    Raises
    ------
    ValueError
        If ``kind`` is unknown or a size is not a positive int.

    See Also
    --------
    PlainLayer : The plain hidden layer.
    ResidualLayer : The residual hidden layer.
    HighwayLayer : The highway hidden layer.

    Examples
    --------
    >>> from dlnotes.architectures import DeepMLP
    >>> model = DeepMLP("highway", in_features=10, width=16, out_features=3, depth=20)
    >>> len(model.layers), type(model.layers[0]).__name__
    (20, 'HighwayLayer')
    """

    KINDS = ("plain", "residual", "highway")

    def __init__(self, kind, in_features, width, out_features, depth, gate_bias=-2.0):
        super().__init__()
        check_option(kind, "kind", self.KINDS)
        check_int(in_features, "in_features", 1)
        check_int(width, "width", 1)
        check_int(out_features, "out_features", 1)
        check_int(depth, "depth", 0)
        gate_bias = check_real(gate_bias, "gate_bias")
        self.kind = kind
        self.stem = nn.Linear(in_features, width)
        if kind == "highway":
            layers = [HighwayLayer(width, gate_bias) for _ in range(depth)]
        else:
            layer = PlainLayer if kind == "plain" else ResidualLayer
            layers = [layer(width) for _ in range(depth)]
        self.layers = nn.Sequential(*layers)
        self.head = nn.Linear(width, out_features)

    def forward(self, x):
        """Return the logits.

        Parameters
        ----------
        x : torch.Tensor, shape (N, in_features)
            The input vectors.

        Returns
        -------
        torch.Tensor, shape (N, out_features)
            The logits.

        See Also
        --------
        HighwayLayer.forward : One hidden layer.

        Examples
        --------
        >>> import torch
        >>> from dlnotes.architectures import DeepMLP
        >>> model = DeepMLP("residual", in_features=10, width=16, out_features=3, depth=5)
        >>> model(torch.zeros(4, 10)).shape
        torch.Size([4, 3])
        """
        _check_features(x, self.stem.in_features)
        return self.head(self.layers(F.relu(self.stem(x))))


# --------------------------------------------------------------------------------------
# Classic CNNs
# --------------------------------------------------------------------------------------
def _check_image(x, channels=3):
    _check_channels(x, channels)
    if x.dim() != 4:
        raise ValueError(f"x must have shape (N, {channels}, H, W), got {tuple(x.shape)}")


class AlexNet(nn.Module):
    r"""AlexNet :cite:p:`krizhevsky2012imagenet` in torchvision's single-tower variant.

    Five convolutions (64, 192, 384, 256, 256 channels) and three fully connected
    layers (4096, 4096, ``num_classes``).  The paper's network had 96, 256, 384, 384,
    256 channels split over two GPUs and local response normalisation; torchvision
    follows the one-GPU version of :cite:t:`krizhevsky2014one`, has no LRN, pads the
    first convolution by 2 so that a 224×224 input gives 55×55, and puts an adaptive
    6×6 average pooling before the classifier.

    Parameters
    ----------
    num_classes : int, default 1000
        Number of outputs of the last layer.
    dropout : float, default 0.5
        Drop probability of the two dropout layers of the classifier.

    See Also
    --------
    alexnet : The network with 1000 classes.
    VGG : Its deeper successor of 3×3 convolutions.

    Examples
    --------
    Built on PyTorch's ``meta`` device (shapes only, no memory) to count its parameters:

    >>> import torch
    >>> from dlnotes.architectures import AlexNet
    >>> from dlnotes.profiler import count_params
    >>> with torch.device("meta"):
    ...     model = AlexNet(num_classes=10)
    >>> count_params(model)
    57044810
    """

    def __init__(self, num_classes=1000, dropout=0.5):
        super().__init__()
        check_int(num_classes, "num_classes", 1)
        dropout = _check_dropout(dropout)
        self.features = nn.Sequential(
            nn.Conv2d(3, 64, 11, stride=4, padding=2), nn.ReLU(inplace=True), nn.MaxPool2d(3, 2),
            nn.Conv2d(64, 192, 5, padding=2), nn.ReLU(inplace=True), nn.MaxPool2d(3, 2),
            nn.Conv2d(192, 384, 3, padding=1), nn.ReLU(inplace=True),
            nn.Conv2d(384, 256, 3, padding=1), nn.ReLU(inplace=True),
            nn.Conv2d(256, 256, 3, padding=1), nn.ReLU(inplace=True), nn.MaxPool2d(3, 2),
        )
        self.avgpool = nn.AdaptiveAvgPool2d((6, 6))
        self.classifier = nn.Sequential(
            nn.Dropout(dropout), nn.Linear(256 * 6 * 6, 4096), nn.ReLU(inplace=True),
            nn.Dropout(dropout), nn.Linear(4096, 4096), nn.ReLU(inplace=True),
            nn.Linear(4096, num_classes),
        )

    def forward(self, x):
        """Return the logits of a batch of images ``(N, 3, H, W)``.

        Parameters
        ----------
        x : torch.Tensor, shape (N, 3, H, W)
            The images.

        Returns
        -------
        torch.Tensor, shape (N, num_classes)
            The logits.

        See Also
        --------
        VGG.forward : The forward pass of VGG.

        Examples
        --------
        The adaptive pooling accepts other image sizes than 224×224:

        >>> import torch
        >>> from dlnotes.architectures import AlexNet
        >>> with torch.device("meta"):
        ...     model = AlexNet()
        >>> model(torch.empty(1, 3, 256, 256, device="meta")).shape
        torch.Size([1, 1000])
        """
        _check_image(x)
        return self.classifier(torch.flatten(self.avgpool(self.features(x)), 1))


class VGG(nn.Module):
    r"""VGG :cite:p:`simonyan2015very`: stacks of 3×3 convolutions and three FC layers.

    ``cfg`` lists the output channels of the 3×3 convolutions (padding 1, ReLU), with
    ``'M'`` for a 2×2 max pooling.  As in torchvision, an adaptive 7×7 average pooling
    sits before the classifier; at 224×224 the map is already 7×7 and it does nothing.

    Parameters
    ----------
    cfg : sequence of int or 'M'
        Output channels of each 3×3 convolution, ``'M'`` for a max pooling.
    num_classes : int, default 1000
        Number of outputs of the last layer.
    dropout : float, default 0.5
        Drop probability of the two dropout layers of the classifier.

    Raises
    ------
    ValueError
        If ``cfg`` holds something other than positive ints and ``'M'``.

    See Also
    --------
    vgg16 : The 16-layer configuration D.
    AlexNet : Its predecessor.

    Examples
    --------
    >>> import torch
    >>> from dlnotes.architectures import VGG
    >>> with torch.device("meta"):
    ...     model = VGG([8, "M", 16, "M"], num_classes=10)
    >>> model.features[0]
    Conv2d(3, 8, kernel_size=(3, 3), stride=(1, 1), padding=(1, 1))
    """

    def __init__(self, cfg, num_classes=1000, dropout=0.5):
        super().__init__()
        check_int(num_classes, "num_classes", 1)
        dropout = _check_dropout(dropout)
        if not isinstance(cfg, (list, tuple)):
            raise TypeError(f"cfg must be a list of ints and 'M', got {type(cfg).__name__}")
        if not any(item != "M" for item in cfg):
            raise ValueError(f"cfg must list at least one convolution, got {cfg!r}")
        for item in cfg:
            if item != "M":
                check_int(item, "cfg entries", 1)
        layers, channels = [], 3
        for item in cfg:
            if item == "M":
                layers.append(nn.MaxPool2d(2, 2))
            else:
                layers += [nn.Conv2d(channels, item, 3, padding=1), nn.ReLU(inplace=True)]
                channels = item
        self.features = nn.Sequential(*layers)
        self.avgpool = nn.AdaptiveAvgPool2d((7, 7))
        self.classifier = nn.Sequential(
            nn.Linear(channels * 7 * 7, 4096), nn.ReLU(inplace=True), nn.Dropout(dropout),
            nn.Linear(4096, 4096), nn.ReLU(inplace=True), nn.Dropout(dropout),
            nn.Linear(4096, num_classes),
        )

    def forward(self, x):
        """Return the logits of a batch of images ``(N, 3, H, W)``.

        Parameters
        ----------
        x : torch.Tensor, shape (N, 3, H, W)
            The images.

        Returns
        -------
        torch.Tensor, shape (N, num_classes)
            The logits.

        See Also
        --------
        AlexNet.forward : The forward pass of AlexNet.

        Examples
        --------
        >>> import torch
        >>> from dlnotes.architectures import VGG
        >>> with torch.device("meta"):
        ...     model = VGG([8, "M", 16, "M"], num_classes=10)
        >>> model(torch.empty(2, 3, 32, 32, device="meta")).shape
        torch.Size([2, 10])
        """
        _check_image(x)
        return self.classifier(torch.flatten(self.avgpool(self.features(x)), 1))


class GoogLeNet(nn.Module):
    r"""GoogLeNet (Inception v1) :cite:p:`szegedy2015going` as in torchvision, without auxiliary heads.

    The stem (7×7/2, 1×1, 3×3 convolutions and max poolings), nine :class:`Inception`
    modules with the channel counts of the paper's Table 1, global average pooling,
    dropout and one FC layer.  torchvision's variant differs from the paper: every
    convolution is followed by batch normalisation (no bias, no LRN), the "5×5"
    branches use 3×3 kernels, and the two auxiliary classifiers used in training are
    left out here.  ``paper=True`` builds the paper's layers instead (biases, no BN,
    real 5×5 kernels; LRN, which has no parameters, is still left out).

    Parameters
    ----------
    num_classes : int, default 1000
        Number of outputs of the last layer.
    dropout : float, default 0.2
        Drop probability before the last layer.
    paper : bool, default False
        Build the paper's layers instead of torchvision's.

    See Also
    --------
    googlenet : The network with 1000 classes.
    Inception : Its building block.

    Examples
    --------
    torchvision's variant and the paper's layers:

    >>> import torch
    >>> from dlnotes.architectures import GoogLeNet
    >>> from dlnotes.profiler import count_params
    >>> with torch.device("meta"):
    ...     torchvision_like, paper = GoogLeNet(), GoogLeNet(paper=True)
    >>> count_params(torchvision_like), count_params(paper)
    (6624904, 6998552)
    """

    # (in, #1x1, #3x3 reduce, #3x3, #5x5 reduce, #5x5, pool proj) of the paper's Table 1
    CONFIG = {
        "3a": (192, 64, 96, 128, 16, 32, 32),
        "3b": (256, 128, 128, 192, 32, 96, 64),
        "4a": (480, 192, 96, 208, 16, 48, 64),
        "4b": (512, 160, 112, 224, 24, 64, 64),
        "4c": (512, 128, 128, 256, 24, 64, 64),
        "4d": (512, 112, 144, 288, 32, 64, 64),
        "4e": (528, 256, 160, 320, 32, 128, 128),
        "5a": (832, 256, 160, 320, 32, 128, 128),
        "5b": (832, 384, 192, 384, 48, 128, 128),
    }

    def __init__(self, num_classes=1000, dropout=0.2, paper=False):
        super().__init__()
        check_int(num_classes, "num_classes", 1)
        dropout = _check_dropout(dropout)
        bn = not check_bool(paper, "paper")
        unit = lambda i, o, k, **kw: _conv_unit(i, o, k, batch_norm=bn, **kw)  # noqa: E731
        pool = lambda k=3: nn.MaxPool2d(k, stride=2, ceil_mode=True)  # noqa: E731
        stem = [unit(3, 64, 7, stride=2, padding=3), pool(), unit(64, 64, 1), unit(64, 192, 3, padding=1), pool()]
        body = []
        for name, cfg in self.CONFIG.items():
            body.append(Inception(*cfg, kernel_5x5=3 if bn else 5, batch_norm=bn))
            if name in ("3b", "4e"):
                body.append(pool(3 if name == "3b" else 2))
        self.features = nn.Sequential(*stem, *body)
        self.avgpool = nn.AdaptiveAvgPool2d((1, 1))
        self.dropout = nn.Dropout(dropout)
        self.fc = nn.Linear(1024, num_classes)

    def forward(self, x):
        """Return the logits of a batch of images ``(N, 3, H, W)``.

        Parameters
        ----------
        x : torch.Tensor, shape (N, 3, H, W)
            The images.

        Returns
        -------
        torch.Tensor, shape (N, num_classes)
            The logits.

        See Also
        --------
        Inception.forward : The forward pass of one module.

        Examples
        --------
        >>> import torch
        >>> from dlnotes.architectures import GoogLeNet
        >>> with torch.device("meta"):
        ...     model = GoogLeNet(num_classes=10)
        >>> model(torch.empty(2, 3, 224, 224, device="meta")).shape
        torch.Size([2, 10])
        """
        _check_image(x)
        return self.fc(self.dropout(torch.flatten(self.avgpool(self.features(x)), 1)))


def _conv_bn(in_channels, out_channels, kernel_size, stride=1):
    return nn.Sequential(
        nn.Conv2d(in_channels, out_channels, kernel_size, stride=stride, padding=kernel_size // 2, bias=False),
        nn.BatchNorm2d(out_channels),
    )


def _check_block(in_channels, planes, stride):
    check_int(in_channels, "in_channels", 1)
    check_int(planes, "planes", 1)
    check_int(stride, "stride", 1)


class BasicBlock(nn.Module):
    r"""ResNet's basic block: two 3×3 conv-BN layers plus a shortcut :cite:p:`he2016deep`.

    :math:`y = \mathrm{ReLU}(F(x) + s(x))`, where the shortcut :math:`s` is the identity,
    or a strided 1×1 conv-BN projection when the shape changes (the paper's option B).

    Parameters
    ----------
    in_channels, planes : int
        Input channels and the block's width (its output has ``planes`` channels).
    stride : int, default 1
        Stride of the first 3×3 convolution (and of the projection shortcut).

    See Also
    --------
    Bottleneck : The block of ResNet-50 and deeper.
    ResNet : The network made of these blocks.

    Examples
    --------
    The shortcut is the identity unless the shape changes:

    >>> from dlnotes.architectures import BasicBlock
    >>> type(BasicBlock(64, 64).shortcut).__name__, type(BasicBlock(64, 128, stride=2).shortcut).__name__
    ('Identity', 'Sequential')
    """

    expansion = 1

    def __init__(self, in_channels, planes, stride=1):
        super().__init__()
        _check_block(in_channels, planes, stride)
        self.in_channels = in_channels
        out = planes * self.expansion
        self.residual = nn.Sequential(
            _conv_bn(in_channels, planes, 3, stride), nn.ReLU(inplace=True), _conv_bn(planes, out, 3)
        )
        self.shortcut = nn.Identity() if stride == 1 and in_channels == out else _conv_bn(in_channels, out, 1, stride)

    def forward(self, x):
        r"""Apply the block.

        Parameters
        ----------
        x : torch.Tensor, shape (N, in_channels, H, W)
            The input maps.

        Returns
        -------
        torch.Tensor
            :math:`\mathrm{ReLU}(F(x) + s(x))`, with ``planes * expansion`` channels and the map
            size divided by ``stride``.

        See Also
        --------
        Bottleneck.forward : The same sum in the bottleneck block.

        Examples
        --------
        >>> import torch
        >>> from dlnotes.architectures import BasicBlock
        >>> BasicBlock(64, 128, stride=2)(torch.zeros(1, 64, 8, 8)).shape
        torch.Size([1, 128, 4, 4])
        """
        _check_channels(x, self.in_channels)
        return F.relu(self.residual(x) + self.shortcut(x))


class Bottleneck(nn.Module):
    r"""ResNet's bottleneck block: 1×1 reduce, 3×3, 1×1 expand (×4), plus a shortcut.

    The stride sits in the 3×3 convolution, as in torchvision ("ResNet v1.5"); the paper
    :cite:p:`he2016deep` strides the first 1×1 convolution (``stride_in_1x1=True``).
    The parameter count is the same; the multiply-adds are not.

    Parameters
    ----------
    in_channels, planes : int
        Input channels and the width of the 3×3 convolution; the output has ``4 * planes``.
    stride : int, default 1
        Stride of the block (and of the projection shortcut).
    stride_in_1x1 : bool, default False
        Put the stride in the first 1×1 convolution, as the paper does.

    See Also
    --------
    BasicBlock : The block of ResNet-18 and -34.
    resnet50 : The network made of these blocks.

    Examples
    --------
    Where the stride sits changes the multiply-adds, not the parameters:

    >>> from dlnotes.architectures import Bottleneck
    >>> from dlnotes.profiler import count_macs
    >>> v15, v1 = Bottleneck(256, 128, stride=2), Bottleneck(256, 128, stride=2, stride_in_1x1=True)
    >>> count_macs(v15, (1, 256, 56, 56)), count_macs(v1, (1, 256, 56, 56))
    (372506624, 295436288)
    """

    expansion = 4

    def __init__(self, in_channels, planes, stride=1, stride_in_1x1=False):
        super().__init__()
        _check_block(in_channels, planes, stride)
        stride_in_1x1 = check_bool(stride_in_1x1, "stride_in_1x1")
        self.in_channels = in_channels
        out = planes * self.expansion
        s1, s3 = (stride, 1) if stride_in_1x1 else (1, stride)
        self.residual = nn.Sequential(
            _conv_bn(in_channels, planes, 1, s1), nn.ReLU(inplace=True),
            _conv_bn(planes, planes, 3, s3), nn.ReLU(inplace=True),
            _conv_bn(planes, out, 1),
        )
        self.shortcut = nn.Identity() if stride == 1 and in_channels == out else _conv_bn(in_channels, out, 1, stride)

    def forward(self, x):
        r"""Apply the block.

        Parameters
        ----------
        x : torch.Tensor, shape (N, in_channels, H, W)
            The input maps.

        Returns
        -------
        torch.Tensor
            :math:`\mathrm{ReLU}(F(x) + s(x))`, with ``planes * expansion`` channels and the map
            size divided by ``stride``.

        See Also
        --------
        BasicBlock.forward : The same sum in the basic block.

        Examples
        --------
        >>> import torch
        >>> from dlnotes.architectures import Bottleneck
        >>> Bottleneck(256, 128, stride=2)(torch.zeros(1, 256, 8, 8)).shape
        torch.Size([1, 512, 4, 4])
        """
        _check_channels(x, self.in_channels)
        return F.relu(self.residual(x) + self.shortcut(x))


class ResNet(nn.Module):
    r"""ResNet for ImageNet :cite:p:`he2016deep`.

    A 7×7/2 conv-BN-ReLU stem and a 3×3/2 max pooling, four stages of ``blocks`` blocks
    with widths 64, 128, 256, 512 (the first block of stages 2–4 halves the map),
    global average pooling and one FC layer.

    Parameters
    ----------
    block : type
        :class:`BasicBlock` or :class:`Bottleneck`.
    blocks : sequence of int
        Blocks in each of the four stages: (2, 2, 2, 2) for ResNet-18, (3, 4, 6, 3) for
        ResNet-34/50.
    num_classes : int, default 1000
        Number of outputs of the last layer.
    stride_in_1x1 : bool, default False
        Bottleneck only: stride the first 1×1 convolution, as in the paper.

    Raises
    ------
    ValueError
        If ``blocks`` is not four positive ints.

    See Also
    --------
    resnet18 : ResNet-18 with 1000 classes.
    resnet50 : ResNet-50 with 1000 classes.
    BasicBlock : The block of ResNet-18 and -34.
    Bottleneck : The block of ResNet-50 and deeper.

    Examples
    --------
    >>> import torch
    >>> from dlnotes.architectures import BasicBlock, ResNet
    >>> from dlnotes.profiler import count_params
    >>> with torch.device("meta"):
    ...     model = ResNet(BasicBlock, (2, 2, 2, 2), num_classes=10)
    >>> count_params(model)
    11181642
    """

    def __init__(self, block, blocks, num_classes=1000, stride_in_1x1=False):
        super().__init__()
        if block not in (BasicBlock, Bottleneck):
            raise TypeError(f"block must be BasicBlock or Bottleneck, got {block!r}")
        check_int(num_classes, "num_classes", 1)
        stride_in_1x1 = check_bool(stride_in_1x1, "stride_in_1x1")  # used by Bottleneck only
        if not isinstance(blocks, (list, tuple)):
            raise TypeError(f"blocks must be a sequence of 4 ints, got {type(blocks).__name__}")
        blocks = tuple(blocks)
        if len(blocks) != 4:
            raise ValueError(f"blocks must list 4 stages, got {len(blocks)}")
        for n in blocks:
            check_int(n, "blocks entries", 1)
        kwargs = {"stride_in_1x1": stride_in_1x1} if block is Bottleneck else {}
        self.stem = nn.Sequential(_conv_bn(3, 64, 7, 2), nn.ReLU(inplace=True), nn.MaxPool2d(3, 2, padding=1))
        stages, channels = [], 64
        for i, (planes, n) in enumerate(zip((64, 128, 256, 512), blocks)):
            stage = []
            for j in range(n):
                stride = 2 if i > 0 and j == 0 else 1
                stage.append(block(channels, planes, stride, **kwargs))
                channels = planes * block.expansion
            stages.append(nn.Sequential(*stage))
        self.stages = nn.Sequential(*stages)
        self.avgpool = nn.AdaptiveAvgPool2d((1, 1))
        self.fc = nn.Linear(channels, num_classes)

    def forward(self, x):
        """Return the logits of a batch of images ``(N, 3, H, W)``.

        Parameters
        ----------
        x : torch.Tensor, shape (N, 3, H, W)
            The images.

        Returns
        -------
        torch.Tensor, shape (N, num_classes)
            The logits.

        See Also
        --------
        BasicBlock.forward : One block.

        Examples
        --------
        >>> import torch
        >>> from dlnotes.architectures import BasicBlock, ResNet
        >>> with torch.device("meta"):
        ...     model = ResNet(BasicBlock, (2, 2, 2, 2), num_classes=10)
        >>> model(torch.empty(1, 3, 64, 64, device="meta")).shape
        torch.Size([1, 10])
        """
        _check_image(x)
        return self.fc(torch.flatten(self.avgpool(self.stages(self.stem(x))), 1))


class DenseLayer(nn.Module):
    r"""DenseNet-BC's layer: BN-ReLU-Conv1×1 (to ``bn_size * growth_rate``), BN-ReLU-Conv3×3.

    Its ``growth_rate`` new channels are concatenated to everything before them
    :cite:p:`huang2017densely`.

    Parameters
    ----------
    in_channels : int
        Channels of the input.
    growth_rate : int
        New channels the layer adds, :math:`k`.
    bn_size : int
        Width of the 1×1 bottleneck, in multiples of ``growth_rate``.

    See Also
    --------
    DenseBlock : A row of these layers.

    Examples
    --------
    >>> from dlnotes.architectures import DenseLayer
    >>> DenseLayer(64, growth_rate=32, bn_size=4).layers[2]  # the 1×1 bottleneck to 4 * 32
    Conv2d(64, 128, kernel_size=(1, 1), stride=(1, 1), bias=False)
    """

    def __init__(self, in_channels, growth_rate, bn_size):
        super().__init__()
        for name, value in (("in_channels", in_channels), ("growth_rate", growth_rate),
                            ("bn_size", bn_size)):
            check_int(value, name, 1)
        self.in_channels = in_channels
        width = bn_size * growth_rate
        self.layers = nn.Sequential(
            nn.BatchNorm2d(in_channels), nn.ReLU(inplace=True), nn.Conv2d(in_channels, width, 1, bias=False),
            nn.BatchNorm2d(width), nn.ReLU(inplace=True), nn.Conv2d(width, growth_rate, 3, padding=1, bias=False),
        )

    def forward(self, x):
        """Return the input with the new channels appended.

        Parameters
        ----------
        x : torch.Tensor, shape (N, in_channels, H, W)
            The input maps.

        Returns
        -------
        torch.Tensor, shape (N, in_channels + growth_rate, H, W)
            The input followed by the ``growth_rate`` new channels.

        See Also
        --------
        DenseBlock : Applies the layers one after another.

        Examples
        --------
        >>> import torch
        >>> from dlnotes.architectures import DenseLayer
        >>> DenseLayer(64, growth_rate=32, bn_size=4)(torch.zeros(1, 64, 8, 8)).shape
        torch.Size([1, 96, 8, 8])
        """
        _check_channels(x, self.in_channels)
        return torch.cat([x, self.layers(x)], dim=1)


class DenseBlock(nn.Sequential):
    r"""``n_layers`` :class:`DenseLayer` in a row; the channels grow by ``growth_rate`` each.

    Parameters
    ----------
    n_layers : int
        Number of layers.
    in_channels : int
        Channels of the input.
    growth_rate : int
        New channels each layer adds.
    bn_size : int
        Width of each layer's 1×1 bottleneck, in multiples of ``growth_rate``.

    See Also
    --------
    DenseLayer : One layer of the block.
    Transition : What sits between two blocks.
    DenseNet : The network.

    Examples
    --------
    Six layers add 6 × 32 channels to the 64 of the input:

    >>> import torch
    >>> from dlnotes.architectures import DenseBlock
    >>> DenseBlock(6, 64, growth_rate=32, bn_size=4)(torch.zeros(1, 64, 8, 8)).shape
    torch.Size([1, 256, 8, 8])
    """

    def __init__(self, n_layers, in_channels, growth_rate, bn_size):
        for name, value in (("n_layers", n_layers), ("in_channels", in_channels),
                            ("growth_rate", growth_rate), ("bn_size", bn_size)):
            check_int(value, name, 1)
        super().__init__(*(DenseLayer(in_channels + i * growth_rate, growth_rate, bn_size) for i in range(n_layers)))


class Transition(nn.Sequential):
    r"""DenseNet's transition: BN-ReLU, a 1×1 convolution to ``out_channels``, 2×2 average pooling.

    Parameters
    ----------
    in_channels, out_channels : int
        Channels of the input and of the output.

    See Also
    --------
    DenseBlock : What it sits between.
    DenseNet : The network.

    Examples
    --------
    >>> import torch
    >>> from dlnotes.architectures import Transition
    >>> Transition(256, 128)(torch.zeros(1, 256, 8, 8)).shape
    torch.Size([1, 128, 4, 4])
    """

    def __init__(self, in_channels, out_channels):
        check_int(in_channels, "in_channels", 1)
        check_int(out_channels, "out_channels", 1)
        super().__init__(
            nn.BatchNorm2d(in_channels), nn.ReLU(inplace=True),
            nn.Conv2d(in_channels, out_channels, 1, bias=False), nn.AvgPool2d(2, 2),
        )


class DenseNet(nn.Module):
    r"""DenseNet-BC for ImageNet :cite:p:`huang2017densely`.

    A 7×7/2 conv stem and max pooling, dense blocks separated by transitions that halve
    the channels (compression 0.5), a final BN-ReLU, global average pooling and one FC
    layer.  This is the paper's network and torchvision's.

    Parameters
    ----------
    growth_rate : int, default 32
        New channels per dense layer, :math:`k`.
    blocks : sequence of int, default (6, 12, 24, 16)
        Number of layers of each dense block.
    init_channels : int, default 64
        Output channels of the stem convolution.
    bn_size : int, default 4
        Width of the 1×1 bottlenecks, in multiples of ``growth_rate``.
    num_classes : int, default 1000
        Number of outputs of the last layer.

    See Also
    --------
    densenet121 : DenseNet-121 with 1000 classes.
    DenseBlock : Its blocks.
    Transition : What sits between the blocks.

    Examples
    --------
    A small DenseNet-BC with two blocks of two layers:

    >>> import torch
    >>> from dlnotes.architectures import DenseNet
    >>> from dlnotes.profiler import count_params
    >>> model = DenseNet(growth_rate=12, blocks=(2, 2), init_channels=16, num_classes=10)
    >>> count_params(model)
    29722
    """

    def __init__(self, growth_rate=32, blocks=(6, 12, 24, 16), init_channels=64, bn_size=4, num_classes=1000):
        super().__init__()
        for name, value in (("growth_rate", growth_rate), ("init_channels", init_channels),
                            ("bn_size", bn_size), ("num_classes", num_classes)):
            check_int(value, name, 1)
        if not isinstance(blocks, (list, tuple)):
            raise TypeError(f"blocks must be a sequence of ints, got {type(blocks).__name__}")
        if not blocks:
            raise ValueError("blocks must list at least one dense block")
        for n in blocks:
            check_int(n, "blocks entries", 1)
        layers = [nn.Conv2d(3, init_channels, 7, stride=2, padding=3, bias=False),
                  nn.BatchNorm2d(init_channels), nn.ReLU(inplace=True), nn.MaxPool2d(3, 2, padding=1)]
        channels = init_channels
        for i, n in enumerate(blocks):
            layers.append(DenseBlock(n, channels, growth_rate, bn_size))
            channels += n * growth_rate
            if i < len(blocks) - 1:
                layers.append(Transition(channels, channels // 2))
                channels //= 2
        layers += [nn.BatchNorm2d(channels), nn.ReLU(inplace=True)]
        self.features = nn.Sequential(*layers)
        self.avgpool = nn.AdaptiveAvgPool2d((1, 1))
        self.classifier = nn.Linear(channels, num_classes)

    def forward(self, x):
        """Return the logits of a batch of images ``(N, 3, H, W)``.

        Parameters
        ----------
        x : torch.Tensor, shape (N, 3, H, W)
            The images.

        Returns
        -------
        torch.Tensor, shape (N, num_classes)
            The logits.

        See Also
        --------
        DenseLayer.forward : One layer.

        Examples
        --------
        >>> import torch
        >>> from dlnotes.architectures import DenseNet
        >>> with torch.device("meta"):
        ...     model = DenseNet(growth_rate=12, blocks=(2, 2), init_channels=16, num_classes=10)
        >>> model(torch.empty(1, 3, 32, 32, device="meta")).shape
        torch.Size([1, 10])
        """
        _check_image(x)
        return self.classifier(torch.flatten(self.avgpool(self.features(x)), 1))


def alexnet(num_classes=1000):
    """AlexNet as in torchvision: 61,100,840 parameters with 1000 classes. See :class:`AlexNet`.

    Parameters
    ----------
    num_classes : int, default 1000
        Number of outputs of the last layer.

    Returns
    -------
    AlexNet
        The network, freshly initialised.

    See Also
    --------
    AlexNet : The class, with its options.
    vgg16 : VGG-16.
    dlnotes.profiler.summarize : Parameters, multiply-adds and depth of a model.

    Examples
    --------
    >>> import torch
    >>> from dlnotes.architectures import alexnet
    >>> from dlnotes.profiler import count_params
    >>> with torch.device("meta"):
    ...     model = alexnet()
    >>> count_params(model)
    61100840
    """
    return AlexNet(num_classes)


def vgg16(num_classes=1000):
    """VGG-16 (configuration D): 138,357,544 parameters with 1000 classes. See :class:`VGG`.

    Parameters
    ----------
    num_classes : int, default 1000
        Number of outputs of the last layer.

    Returns
    -------
    VGG
        The network, freshly initialised.

    See Also
    --------
    VGG : The class, with any configuration.
    alexnet : AlexNet.
    dlnotes.profiler.summarize : Parameters, multiply-adds and depth of a model.

    Examples
    --------
    >>> import torch
    >>> from dlnotes.architectures import vgg16
    >>> from dlnotes.profiler import count_params
    >>> with torch.device("meta"):
    ...     model = vgg16()
    >>> count_params(model)
    138357544
    """
    cfg = [64, 64, "M", 128, 128, "M", 256, 256, 256, "M", 512, 512, 512, "M", 512, 512, 512, "M"]
    return VGG(cfg, num_classes)


def googlenet(num_classes=1000, paper=False):
    """GoogLeNet as in torchvision, without auxiliary heads: 6,624,904 parameters. See :class:`GoogLeNet`.

    Parameters
    ----------
    num_classes : int, default 1000
        Number of outputs of the last layer.
    paper : bool, default False
        Build the paper's layers instead (6,998,552 parameters).

    Returns
    -------
    GoogLeNet
        The network, freshly initialised.

    See Also
    --------
    GoogLeNet : The class, with its options.
    dlnotes.profiler.summarize : Parameters, multiply-adds and depth of a model.

    Examples
    --------
    >>> import torch
    >>> from dlnotes.architectures import googlenet
    >>> from dlnotes.profiler import count_params
    >>> with torch.device("meta"):
    ...     model = googlenet()
    >>> count_params(model)
    6624904
    """
    return GoogLeNet(num_classes, paper=paper)


def resnet18(num_classes=1000):
    """ResNet-18: 11,689,512 parameters with 1000 classes. See :class:`ResNet`.

    Parameters
    ----------
    num_classes : int, default 1000
        Number of outputs of the last layer.

    Returns
    -------
    ResNet
        The network, freshly initialised.

    See Also
    --------
    ResNet : The class.
    resnet50 : ResNet-50.
    dlnotes.profiler.summarize : Parameters, multiply-adds and depth of a model.

    Examples
    --------
    >>> import torch
    >>> from dlnotes.architectures import resnet18
    >>> from dlnotes.profiler import count_params
    >>> with torch.device("meta"):
    ...     model = resnet18()
    >>> count_params(model)
    11689512
    """
    return ResNet(BasicBlock, (2, 2, 2, 2), num_classes)


def resnet50(num_classes=1000, stride_in_1x1=False):
    """ResNet-50 (v1.5 by default, the paper's v1 with ``stride_in_1x1=True``): 25,557,032 parameters.

    Parameters
    ----------
    num_classes : int, default 1000
        Number of outputs of the last layer.
    stride_in_1x1 : bool, default False
        Stride the first 1×1 convolution of each bottleneck (v1) instead of the 3×3 (v1.5).

    Returns
    -------
    ResNet
        The network, freshly initialised.

    See Also
    --------
    ResNet : The class.
    Bottleneck : Its block, where ``stride_in_1x1`` acts.
    dlnotes.profiler.summarize : Parameters, multiply-adds and depth of a model.

    Examples
    --------
    v1.5 and v1 have the same parameters; v1.5 costs about 6 % more multiply-adds:

    >>> import torch
    >>> from dlnotes.architectures import resnet50
    >>> from dlnotes.profiler import count_macs, count_params
    >>> with torch.device("meta"):
    ...     v15, v1 = resnet50(), resnet50(stride_in_1x1=True)
    >>> count_params(v15), count_params(v1), count_macs(v15), count_macs(v1)
    (25557032, 25557032, 4089184256, 3857973248)
    """
    return ResNet(Bottleneck, (3, 4, 6, 3), num_classes, stride_in_1x1)


def densenet121(num_classes=1000):
    """DenseNet-121 (k = 32): 7,978,856 parameters with 1000 classes. See :class:`DenseNet`.

    Parameters
    ----------
    num_classes : int, default 1000
        Number of outputs of the last layer.

    Returns
    -------
    DenseNet
        The network, freshly initialised.

    See Also
    --------
    DenseNet : The class, with its options.
    dlnotes.profiler.summarize : Parameters, multiply-adds and depth of a model.

    Examples
    --------
    >>> import torch
    >>> from dlnotes.architectures import densenet121
    >>> from dlnotes.profiler import count_params
    >>> with torch.device("meta"):
    ...     model = densenet121()
    >>> count_params(model)
    7978856
    """
    return DenseNet(32, (6, 12, 24, 16), 64, 4, num_classes)
