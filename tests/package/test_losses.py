"""Gold-reference tests for :mod:`dlnotes.losses`.

Every loss is called with the same arguments as its ``torch.nn.functional`` namesake
(float64 tensors, int64 class indices) for every reduction and option, on fixed-seed
random inputs and on edge cases (probabilities at 0 and 1, logits of +-1000, every
target ignored, impossible CTC alignments).  The analytic ``*_backward`` functions
are compared with autograd.  ``sigmoid_focal_loss`` is compared with an autograd
expression of the formula of Lin et al. (2017) written here, since torchvision is not
installed.  Warnings are errors throughout (pytest setting).
"""

import math
import re
import warnings

import numpy as np
import pytest
import torch
import torch.nn.functional as F

from _reference import closeness, raises, to_torch, tt
from dlnotes import losses as L

# Values are sums of O(1) terms computed in a different order than torch's, so they
# are compared relatively with a tiny absolute floor for results that cancel to ~0.
TOL = dict(rtol=1e-11, atol=1e-13)
REDUCTIONS = ["none", "mean", "sum"]


def ref(name, *args, **kwargs):
    """numpy result of ``torch.nn.functional.<name>`` called with the same arguments."""
    args = [to_torch(a) for a in args]
    kwargs = {k: to_torch(v) for k, v in kwargs.items()}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # kl_div(reduction='mean') warns about its meaning
        out = getattr(F, name)(*args, **kwargs)
    return out.detach().numpy().copy()


close = closeness(TOL)


def same(name, *args, tol=TOL, **kwargs):
    """``dlnotes.losses.<name>`` and torch agree for these arguments."""
    close(getattr(L, name)(*args, **kwargs), ref(name, *args, **kwargs), tol)


def autograd(name, wrt, args, kwargs, grad_output, fn=None):
    """Autograd gradient of ``sum(f(...) * grad_output)`` with respect to argument ``wrt``."""
    targs = [to_torch(a) for a in args]
    targs[wrt] = targs[wrt].clone().requires_grad_()
    tkw = {k: to_torch(v) for k, v in kwargs.items()}
    out = (fn or getattr(F, name))(*targs, **tkw)
    (grad,) = torch.autograd.grad((out * tt(grad_output)).sum(), targs[wrt])
    return grad.numpy().copy()


def grad_output_for(reduction, shape, rng):
    return rng.normal(size=shape) if reduction == "none" else np.float64(rng.normal())


RNG = np.random.default_rng(20240501)


def rand(*shape, scale=1.0):
    return RNG.normal(scale=scale, size=shape)


def signs(*shape):
    return np.where(RNG.random(shape) < 0.5, -1.0, 1.0)


TESTED = set()


def covers(*names):
    TESTED.update(names)


# ------------------------------------------------------------------ regression losses

covers("l1_loss", "mse_loss", "smooth_l1_loss", "huber_loss")
SHAPES = [(), (7,), (3, 4, 2), (0,), (2, 0)]
REGRESSION = [
    ("l1_loss", {}),
    ("mse_loss", {}),
    ("smooth_l1_loss", {}),
    ("smooth_l1_loss", {"beta": 0.0}),
    ("smooth_l1_loss", {"beta": 0.3}),
    ("smooth_l1_loss", {"beta": 2.5}),
    ("huber_loss", {}),
    ("huber_loss", {"delta": 0.3}),
    ("huber_loss", {"delta": 2.5}),
]


@pytest.mark.parametrize("reduction", REDUCTIONS)
@pytest.mark.parametrize("shape", SHAPES, ids=str)
@pytest.mark.parametrize(("name", "options"), REGRESSION, ids=lambda v: str(v))
def test_regression_losses_match_torch(name, options, shape, reduction):
    x, y = rand(*shape, scale=2.0), rand(*shape, scale=2.0)
    same(name, x, y, reduction=reduction, **options)


@pytest.mark.parametrize("reduction", REDUCTIONS)
@pytest.mark.parametrize("name", ["l1_loss", "mse_loss", "huber_loss"])
def test_regression_weight_matches_torch(name, reduction):
    x, y = rand(4, 5, scale=3.0), rand(4, 5)
    w = RNG.uniform(0.0, 2.0, size=(4, 5))
    same(name, x, y, reduction=reduction, weight=w)


@pytest.mark.parametrize(("name", "options"), REGRESSION, ids=lambda v: str(v))
def test_regression_edge_values(name, options):
    # exact ties (d = 0), the kink at |d| = beta/delta, large residuals
    x = np.array([0.0, 0.3, -0.3, 1.0, -1.0, 2.5, 1e6, -1e6, 1e150])
    y = np.zeros_like(x)
    same(name, x, y, reduction="none", **options)
    same(name, x, y, reduction="sum", **options)


def test_l1_loss_with_infinity():
    x, y = np.array([np.inf, 1.0, -np.inf]), np.array([0.0, 2.0, 0.0])
    same("l1_loss", x, y, reduction="none")
    same("l1_loss", x, y)


def test_smooth_l1_and_huber_relation():
    x, y = rand(50, scale=3.0), rand(50)
    for d in (0.5, 1.0, 4.0):
        close(L.huber_loss(x, y, delta=d, reduction="none"),
              d * L.smooth_l1_loss(x, y, beta=d, reduction="none"))


# ------------------------------------------------------------------------ cross-entropy

covers("cross_entropy", "nll_loss")
CLASS_LAYOUTS = {  # input shape -> class axis
    "unbatched": ((5,), 0),
    "batch": ((6, 4), 1),
    "K-dim": ((3, 4, 2, 3), 1),
}


def class_targets(shape, axis, ignore=None, rng=RNG):
    C = shape[axis]
    t = rng.integers(0, C, size=shape[:axis] + shape[axis + 1:])
    if ignore is not None and t.size > 1:
        t.flat[::3] = ignore
    return t


def probability_targets(shape, axis, rng=RNG):
    p = rng.dirichlet(np.ones(shape[axis]), size=shape[:axis] + shape[axis + 1:])
    p.reshape(-1, shape[axis])[0] = np.eye(shape[axis])[0]  # one exact one-hot row (0 and 1)
    return np.moveaxis(p, -1, axis).copy()


@pytest.mark.parametrize("reduction", REDUCTIONS)
@pytest.mark.parametrize("label_smoothing", [0.0, 0.15, 1.0])
@pytest.mark.parametrize("weighted", [False, True])
@pytest.mark.parametrize("ignore_index", [-100, 2])
@pytest.mark.parametrize("layout", CLASS_LAYOUTS)
def test_cross_entropy_class_indices(layout, ignore_index, weighted, label_smoothing, reduction):
    shape, axis = CLASS_LAYOUTS[layout]
    x = rand(*shape, scale=3.0)
    t = class_targets(shape, axis, ignore=ignore_index if ignore_index < 0 else None)
    w = RNG.uniform(0.2, 2.0, size=shape[axis]) if weighted else None
    same("cross_entropy", x, t, weight=w, ignore_index=ignore_index,
         reduction=reduction, label_smoothing=label_smoothing)


@pytest.mark.parametrize("reduction", REDUCTIONS)
@pytest.mark.parametrize("label_smoothing", [0.0, 0.15])
@pytest.mark.parametrize("weighted", [False, True])
@pytest.mark.parametrize("layout", CLASS_LAYOUTS)
def test_cross_entropy_probability_targets(layout, weighted, label_smoothing, reduction):
    shape, axis = CLASS_LAYOUTS[layout]
    x = rand(*shape, scale=3.0)
    p = probability_targets(shape, axis)
    w = RNG.uniform(0.2, 2.0, size=shape[axis]) if weighted else None
    same("cross_entropy", x, p, weight=w, reduction=reduction, label_smoothing=label_smoothing)


def test_cross_entropy_defaults_and_positional_order():
    x, t = rand(5, 3), np.array([0, 2, 1, 1, 0])
    w = np.array([0.5, 1.0, 2.0])
    close(L.cross_entropy(x, t), ref("cross_entropy", x, t))
    close(L.cross_entropy(x, t, w, 1, "sum", 0.2), ref("cross_entropy", x, t, w, None, 1, None, "sum", 0.2))


@pytest.mark.parametrize("reduction", REDUCTIONS)
@pytest.mark.parametrize("label_smoothing", [0.0, 0.1])
@pytest.mark.parametrize("weighted", [False, True])
def test_cross_entropy_all_targets_ignored(weighted, label_smoothing, reduction):
    """An empty set of counted targets: torch gives NaN for 'mean' (0/0), 0 otherwise."""
    x = rand(4, 3)
    t = np.full(4, -100)
    w = np.array([1.0, 2.0, 3.0]) if weighted else None
    out = L.cross_entropy(x, t, weight=w, reduction=reduction, label_smoothing=label_smoothing)
    close(out, ref("cross_entropy", x, t, weight=w, reduction=reduction, label_smoothing=label_smoothing))
    if reduction == "mean":
        assert math.isnan(out)
    else:
        assert np.all(out == 0)


@pytest.mark.parametrize("label_smoothing", [0.0, 0.1])
def test_cross_entropy_large_logits(label_smoothing):
    x = np.array([[1000.0, 0.0, -1000.0], [-1000.0, 1000.0, 0.0], [0.0, 0.0, 0.0], [1e5, -1e5, 0.0]])
    t = np.array([0, 0, 2, 1])
    for reduction in REDUCTIONS:
        out = L.cross_entropy(x, t, reduction=reduction, label_smoothing=label_smoothing)
        assert np.all(np.isfinite(out))
        close(out, ref("cross_entropy", x, t, reduction=reduction, label_smoothing=label_smoothing))


def test_cross_entropy_empty_batch():
    x, t = np.zeros((0, 3)), np.zeros(0, dtype=np.int64)
    for reduction in REDUCTIONS:
        same("cross_entropy", x, t, reduction=reduction)
        same("cross_entropy", x, np.zeros((0, 3)), reduction=reduction)


def test_two_class_softmax_is_logistic_regression():
    z = rand(20, 2, scale=3.0)
    y = RNG.integers(0, 2, size=20)
    ce = L.cross_entropy(z, y, reduction="none")
    logistic = L.binary_cross_entropy_with_logits(z[:, 1] - z[:, 0], y.astype(float), reduction="none")
    close(ce, logistic)


@pytest.mark.parametrize("reduction", REDUCTIONS)
@pytest.mark.parametrize("weighted", [False, True])
@pytest.mark.parametrize("layout", CLASS_LAYOUTS)
def test_nll_loss_matches_torch(layout, weighted, reduction):
    shape, axis = CLASS_LAYOUTS[layout]
    logp = torch.log_softmax(tt(rand(*shape, scale=2.0)), axis).numpy()
    t = class_targets(shape, axis, ignore=-100)
    w = RNG.uniform(0.2, 2.0, size=shape[axis]) if weighted else None
    same("nll_loss", logp, t, weight=w, reduction=reduction)
    # positional order (torch's, minus size_average/reduce); a valid class ignored
    t = class_targets(shape, axis)
    close(L.nll_loss(logp, t, w, 1, reduction),
          ref("nll_loss", logp, t, weight=w, ignore_index=1, reduction=reduction))


def test_nll_loss_log_zero_and_all_ignored():
    logp = np.array([[0.0, -np.inf], [-np.inf, 0.0]])
    for reduction in REDUCTIONS:
        same("nll_loss", logp, np.array([0, 0]), reduction=reduction)  # -log 1 and -log 0 = inf
        same("nll_loss", logp, np.array([-100, -100]), reduction=reduction)
    assert math.isnan(L.nll_loss(logp, np.array([-100, -100])))


# --------------------------------------------------------------- cross-entropy gradient

covers("cross_entropy_backward")


@pytest.mark.parametrize("reduction", REDUCTIONS)
@pytest.mark.parametrize("label_smoothing", [0.0, 0.2])
@pytest.mark.parametrize("weighted", [False, True])
@pytest.mark.parametrize("target", ["indices", "probabilities"])
@pytest.mark.parametrize("layout", CLASS_LAYOUTS)
def test_cross_entropy_backward_matches_autograd(layout, target, weighted, label_smoothing, reduction):
    shape, axis = CLASS_LAYOUTS[layout]
    x = rand(*shape, scale=3.0)
    y = class_targets(shape, axis, ignore=-100) if target == "indices" else probability_targets(shape, axis)
    w = RNG.uniform(0.2, 2.0, size=shape[axis]) if weighted else None
    kw = dict(weight=w, reduction=reduction, label_smoothing=label_smoothing)
    g = grad_output_for(reduction, shape[:axis] + shape[axis + 1:], RNG)
    expected = autograd("cross_entropy", 0, [x, y], kw, g)
    close(L.cross_entropy_backward(g, x, y, **kw), expected)


@pytest.mark.parametrize("reduction", REDUCTIONS)
@pytest.mark.parametrize("label_smoothing", [0.0, 0.1])
@pytest.mark.parametrize("weighted", [False, True])
@pytest.mark.parametrize("layout", CLASS_LAYOUTS)
def test_cross_entropy_backward_all_targets_ignored(layout, weighted, label_smoothing, reduction):
    """Issue 18, defect 1: a batch of padding (every target ignored) gave NaN for 'mean'.

    torch's autograd gives zeros for every reduction: nothing flows back.
    """
    shape, axis = CLASS_LAYOUTS[layout]
    x = rand(*shape, scale=3.0)
    sample_shape = shape[:axis] + shape[axis + 1:]
    t = np.full(sample_shape, -100, dtype=np.int64)
    w = RNG.uniform(0.2, 2.0, size=shape[axis]) if weighted else None
    kw = dict(weight=w, reduction=reduction, label_smoothing=label_smoothing)
    g = grad_output_for(reduction, sample_shape, RNG)
    expected = autograd("cross_entropy", 0, [x, t], kw, g)
    assert np.all(expected == 0)  # the reference: zeros, not NaN
    close(L.cross_entropy_backward(g, x, t, **kw), expected)


@pytest.mark.parametrize("label_smoothing", [0.0, 0.1])
def test_cross_entropy_backward_zero_target_weights(label_smoothing):
    """Issue 18, defect 1: kept targets whose class weights sum to 0 carry no weight.

    Their losses are all 0 and the mean is 0/0; the gradient is 0, as for ignored
    targets.  torch's autograd gives NaN in every entry here (0 * g / 0), which would
    poison every parameter: this is a documented difference.
    """
    x = rand(5, 4)
    w = np.array([0.0, 0.0, 1.0, 2.0])
    t = np.array([0, 1, 1, -100, 0])  # kept targets all of zero-weight classes
    kw = dict(weight=w, label_smoothing=label_smoothing)
    torch_grad = autograd("cross_entropy", 0, [x, t], kw, np.float64(1.0))
    assert np.isnan(torch_grad[t != -100]).all()
    out = L.cross_entropy_backward(1.0, x, t, **kw)
    assert out.shape == x.shape and np.all(out == 0)
    assert math.isnan(L.cross_entropy(x, t, **kw)) == math.isnan(ref("cross_entropy", x, t, **kw))
    # one kept target of positive weight makes the mean defined again: autograd agrees
    t[2] = 2
    close(L.cross_entropy_backward(1.0, x, t, **kw), autograd("cross_entropy", 0, [x, t], kw, np.float64(1.0)))


def test_cross_entropy_backward_empty_batch():
    x = np.zeros((0, 3))
    for y in (np.zeros(0, dtype=np.int64), np.zeros((0, 3))):
        for reduction in REDUCTIONS:
            g = np.zeros(0) if reduction == "none" else np.float64(1.0)
            out = L.cross_entropy_backward(g, x, y, reduction=reduction)
            close(out, autograd("cross_entropy", 0, [x, y], dict(reduction=reduction), g))


def test_cross_entropy_backward_is_softmax_minus_onehot():
    x, y = rand(5, 4), np.array([0, 3, 1, 1, 2])
    from dlnotes.activations import softmax

    expected = softmax(x, dim=1) - np.eye(4)[y]
    close(L.cross_entropy_backward(1.0, x, y, reduction="sum"), expected)


# ------------------------------------------------------------- binary cross-entropy

covers("binary_cross_entropy", "binary_cross_entropy_with_logits",
       "binary_cross_entropy_with_logits_backward")
EDGE_P = np.array([0.0, 1.0, 0.0, 1.0, 1e-300, 1.0 - 1e-16, 1e-45, 0.5, 1e-10, 0.999999])
EDGE_Y = np.array([0.0, 1.0, 1.0, 0.0, 1.0, 0.0, 1.0, 1.0, 0.0, 1.0])


@pytest.mark.parametrize("reduction", REDUCTIONS)
@pytest.mark.parametrize("weight_shape", [None, (3, 4), (4,), (1, 4), ()])
def test_binary_cross_entropy_matches_torch(weight_shape, reduction):
    p = RNG.uniform(size=(3, 4))
    y = RNG.uniform(size=(3, 4))
    y[0] = [0.0, 1.0, 0.0, 1.0]
    w = None if weight_shape is None else RNG.uniform(0.1, 2.0, size=weight_shape)
    same("binary_cross_entropy", p, y, weight=w, reduction=reduction)


def test_binary_cross_entropy_probabilities_at_0_and_1():
    """torch clamps each log at -100: a sure wrong answer costs exactly 100."""
    out = L.binary_cross_entropy(EDGE_P, EDGE_Y, reduction="none")
    close(out, ref("binary_cross_entropy", EDGE_P, EDGE_Y, reduction="none"))
    np.testing.assert_array_equal(out[:4], [0.0, 0.0, 100.0, 100.0])
    same("binary_cross_entropy", EDGE_P, EDGE_Y)


LOGITS_EDGE = np.array([0.0, 1e-8, -1e-8, 5.0, -5.0, 40.0, -40.0, 700.0, -700.0, 1000.0, -1000.0, 1e300])


@pytest.mark.parametrize("reduction", REDUCTIONS)
@pytest.mark.parametrize("pos_weight_shape", [None, (5,), (1,), (4, 5)])
@pytest.mark.parametrize("weight_shape", [None, (4, 5), (5,)])
def test_bce_with_logits_matches_torch(weight_shape, pos_weight_shape, reduction):
    x = rand(4, 5, scale=4.0)
    y = (RNG.random((4, 5)) < 0.4).astype(float)
    y[3] = RNG.uniform(size=5)  # soft labels
    w = None if weight_shape is None else RNG.uniform(0.1, 2.0, size=weight_shape)
    q = None if pos_weight_shape is None else RNG.uniform(0.1, 5.0, size=pos_weight_shape)
    same("binary_cross_entropy_with_logits", x, y, weight=w, reduction=reduction, pos_weight=q)
    g = grad_output_for(reduction, x.shape, RNG)
    kw = dict(weight=w, reduction=reduction, pos_weight=q)
    close(L.binary_cross_entropy_with_logits_backward(g, x, y, **kw),
          autograd("binary_cross_entropy_with_logits", 0, [x, y], kw, g))


@pytest.mark.parametrize("pos_weight", [None, 3.0])
def test_bce_with_logits_large_logits(pos_weight):
    x = np.concatenate([LOGITS_EDGE, -LOGITS_EDGE])
    y = np.tile([0.0, 1.0], x.size // 2)
    q = None if pos_weight is None else np.full(x.shape, pos_weight)
    out = L.binary_cross_entropy_with_logits(x, y, reduction="none", pos_weight=q)
    assert np.all(np.isfinite(out))
    close(out, ref("binary_cross_entropy_with_logits", x, y, reduction="none", pos_weight=q))
    g = np.ones_like(x)
    close(L.binary_cross_entropy_with_logits_backward(g, x, y, reduction="none", pos_weight=q),
          autograd("binary_cross_entropy_with_logits", 0, [x, y], dict(reduction="none", pos_weight=q), g))


# ------------------------------------------------------------------------ focal loss

covers("sigmoid_focal_loss", "sigmoid_focal_loss_backward")


def focal_reference(inputs, targets, alpha=0.25, gamma=2.0, reduction="none"):
    """FL = -alpha_t (1 - p_t)^gamma log p_t (Lin et al., 2017), as torchvision writes it."""
    p = torch.sigmoid(inputs)
    ce = F.binary_cross_entropy_with_logits(inputs, targets, reduction="none")
    p_t = p * targets + (1 - p) * (1 - targets)
    loss = ce * (1 - p_t) ** gamma
    if alpha >= 0:
        loss = (alpha * targets + (1 - alpha) * (1 - targets)) * loss
    return {"none": loss, "mean": loss.mean(), "sum": loss.sum()}[reduction]


@pytest.mark.parametrize("reduction", REDUCTIONS)
@pytest.mark.parametrize("gamma", [0.0, 0.5, 1.0, 2.0, 5.0])
@pytest.mark.parametrize("alpha", [0.25, 0.5, 0.9, -1.0])
def test_sigmoid_focal_loss_matches_formula(alpha, gamma, reduction):
    x = rand(6, 7, scale=4.0)
    y = (RNG.random((6, 7)) < 0.3).astype(float)
    kw = dict(alpha=alpha, gamma=gamma, reduction=reduction)
    expected = focal_reference(tt(x), tt(y), **kw).numpy()
    close(L.sigmoid_focal_loss(x, y, **kw), expected)
    g = grad_output_for(reduction, x.shape, RNG)
    grad = autograd(None, 0, [x, y], kw, g, fn=focal_reference)
    close(L.sigmoid_focal_loss_backward(g, x, y, **kw), grad)


def test_sigmoid_focal_loss_defaults():
    x, y = rand(10), (RNG.random(10) < 0.5).astype(float)
    close(L.sigmoid_focal_loss(x, y), focal_reference(tt(x), tt(y)).numpy())
    close(L.sigmoid_focal_loss(x, y, 0.25, 2, "none"), L.sigmoid_focal_loss(x, y))


@pytest.mark.parametrize("reduction", REDUCTIONS)
def test_focal_loss_gamma0_no_alpha_is_bce_with_logits(reduction):
    x = np.concatenate([rand(30, scale=5.0), LOGITS_EDGE, -LOGITS_EDGE])
    y = (RNG.random(x.size) < 0.5).astype(float)
    close(L.sigmoid_focal_loss(x, y, alpha=-1, gamma=0, reduction=reduction),
          ref("binary_cross_entropy_with_logits", x, y, reduction=reduction))


def test_focal_loss_large_logits_are_finite_and_tiny():
    x = np.concatenate([LOGITS_EDGE, -LOGITS_EDGE])
    y = (x > 0).astype(float)  # all correct: loss at most that of x = 0
    out = L.sigmoid_focal_loss(x, y, reduction="none")
    assert np.all(np.isfinite(out)) and np.all(out >= 0)
    expected = focal_reference(tt(x), tt(y)).numpy()
    np.testing.assert_allclose(out, expected, rtol=1e-11, atol=1e-30)
    wrong = L.sigmoid_focal_loss(x, 1.0 - y, alpha=-1, gamma=2, reduction="none")  # all wrong
    close(wrong, focal_reference(tt(x), tt(1.0 - y), alpha=-1, gamma=2).numpy())


def _focal_mp(x, y, alpha, gamma):
    """torchvision's formula, literally, in mpmath's working precision.

    alpha_t (1 - p_t)^gamma BCE(p, y) with BCE = -y log p - (1 - y) log(1 - p), which is
    -alpha_t (1 - p_t)^gamma log p_t for y in {0, 1}.  With 330 digits even
    1 - sigma(700) (about 1e-304) survives the subtraction.
    """
    import mpmath

    x, y = mpmath.mpf(x), mpmath.mpf(y)
    p = 1 / (1 + mpmath.exp(-x))
    p_t = p * y + (1 - p) * (1 - y)
    bce = -y * mpmath.log(p) - (1 - y) * mpmath.log(1 - p)
    loss = (1 - p_t) ** gamma * bce
    if alpha >= 0:
        loss *= alpha * y + (1 - alpha) * (1 - y)
    return loss


# Logits from 0 to 700 and their negatives, dense where the old form failed (20-40).
FOCAL_X = np.concatenate([np.linspace(-40.0, 40.0, 17), [-700.0, -300.0, -100.0, -60.0, -36.0,
                                                          -30.0, -20.0, 20.0, 30.0, 36.0, 60.0,
                                                          100.0, 300.0, 700.0]])


@pytest.mark.parametrize(("alpha", "gamma"), [(0.25, 2.0), (-1.0, 0.5), (0.75, 5.0)])
@pytest.mark.parametrize("y", [0.0, 1.0, 0.3])
def test_focal_loss_and_gradient_match_high_precision(y, alpha, gamma):
    """Issue 18, defect 2: confident positives lost all precision (0 instead of 3.1e-48 at x = 36).

    Reference: the formula of Lin et al. (2017) in 330-digit arithmetic, and its derivative
    by mpmath's numerical differentiation at that precision.  Values below the normal
    float64 range (1e-300) only need to be tiny.
    """
    import mpmath

    with mpmath.workdps(330):
        loss = np.array([float(_focal_mp(x, y, alpha, gamma)) for x in FOCAL_X])
        grad = np.array([float(mpmath.diff(lambda v: _focal_mp(v, y, alpha, gamma), mpmath.mpf(x)))
                         for x in FOCAL_X])
    ys = np.full_like(FOCAL_X, y)
    kw = dict(alpha=alpha, gamma=gamma)
    np.testing.assert_allclose(L.sigmoid_focal_loss(FOCAL_X, ys, **kw), loss, rtol=1e-13, atol=1e-300)
    np.testing.assert_allclose(L.sigmoid_focal_loss_backward(np.ones_like(FOCAL_X), FOCAL_X, ys, **kw),
                               grad, rtol=1e-12, atol=1e-300)


def test_focal_loss_confident_positive_values_of_the_issue():
    """x = 20, 30, 36 with y = 1 (alpha 0.25, gamma 2): relative error below 1e-14."""
    import mpmath

    x = np.array([20.0, 30.0, 36.0])
    with mpmath.workdps(330):
        expected = np.array([float(_focal_mp(v, 1.0, 0.25, 2.0)) for v in x])
    assert 3.0e-48 < expected[2] < 3.2e-48
    np.testing.assert_allclose(L.sigmoid_focal_loss(x, np.ones(3)), expected, rtol=1e-14, atol=0)


def test_focal_loss_soft_targets():
    x, y = rand(20, scale=3.0), RNG.uniform(size=20)
    close(L.sigmoid_focal_loss(x, y, gamma=1.5), focal_reference(tt(x), tt(y), gamma=1.5).numpy())
    g = RNG.normal(size=20)
    close(L.sigmoid_focal_loss_backward(g, x, y, gamma=1.5),
          autograd(None, 0, [x, y], dict(gamma=1.5), g, fn=focal_reference))


# ------------------------------------------------------- other element-wise gradients

covers("l1_loss_backward", "mse_loss_backward", "smooth_l1_loss_backward", "huber_loss_backward")
BACKWARDS = [
    ("l1_loss", {}),
    ("mse_loss", {}),
    ("smooth_l1_loss", {}),
    ("smooth_l1_loss", {"beta": 0.0}),
    ("smooth_l1_loss", {"beta": 0.4}),
    ("huber_loss", {"delta": 0.4}),
    ("huber_loss", {}),
]


@pytest.mark.parametrize("reduction", REDUCTIONS)
@pytest.mark.parametrize(("name", "options"), BACKWARDS, ids=lambda v: str(v))
def test_elementwise_backward_matches_autograd(name, options, reduction):
    x = np.concatenate([rand(20, scale=2.0), [0.0, 0.4, -0.4, 1.0, -1.0, 30.0]])
    y = np.zeros_like(x)
    y[:20] = rand(20)
    kw = dict(reduction=reduction, **options)
    g = grad_output_for(reduction, x.shape, RNG)
    close(getattr(L, name + "_backward")(g, x, y, **kw), autograd(name, 0, [x, y], kw, g))


# ----------------------------------------------------------- Poisson NLL and KL

covers("poisson_nll_loss", "kl_div")


@pytest.mark.parametrize("reduction", REDUCTIONS)
@pytest.mark.parametrize("full", [False, True])
@pytest.mark.parametrize("log_input", [True, False])
def test_poisson_nll_loss_matches_torch(log_input, full, reduction):
    y = np.array([0.0, 1.0, 2.0, 0.5, 1.5, 7.0, 30.0, 3.0, 0.0, 1.0])
    x = rand(10) if log_input else np.abs(rand(10, scale=3.0))
    if not log_input:
        x[0] = 0.0  # a zero rate: eps keeps log finite
    same("poisson_nll_loss", x, y, log_input=log_input, full=full, reduction=reduction)
    close(L.poisson_nll_loss(x, y, log_input, full, 1e-3, reduction),
          ref("poisson_nll_loss", x, y, log_input, full, None, 1e-3, None, reduction))


@pytest.mark.parametrize("reduction", ["none", "mean", "sum", "batchmean"])
@pytest.mark.parametrize("log_target", [False, True])
@pytest.mark.parametrize("shape", [(5,), (4, 6), (2, 3, 4)], ids=str)
def test_kl_div_matches_torch(shape, log_target, reduction):
    logq = torch.log_softmax(tt(rand(*shape, scale=2.0)), -1).numpy()
    p = torch.softmax(tt(rand(*shape, scale=2.0)), -1).numpy()
    p.reshape(-1)[:2] = 0.0  # 0 log 0 = 0
    # log_target=True: a log-probability target, including log 0 = -inf
    target = np.log(np.where(p > 0, p, 1.0)) if log_target else p
    if log_target:
        target.reshape(-1)[:2] = -np.inf
    same("kl_div", logq, target, reduction=reduction, log_target=log_target)


def test_kl_div_scalar_and_empty():
    for reduction in ["none", "mean", "sum", "batchmean"]:
        same("kl_div", np.float64(-0.7), np.float64(0.4), reduction=reduction)
        same("kl_div", np.zeros((0, 3)), np.zeros((0, 3)), reduction=reduction)


def test_kl_div_batchmean_is_kl_per_sample():
    from dlnotes.information import kl_divergence

    p = RNG.dirichlet(np.ones(5), size=4)
    q = RNG.dirichlet(np.ones(5), size=4)
    close(L.kl_div(np.log(q), p, reduction="batchmean"), kl_divergence(p, q).mean())


# -------------------------------------------------------------------- margin losses

covers("margin_ranking_loss", "hinge_embedding_loss", "soft_margin_loss",
       "multilabel_soft_margin_loss", "multilabel_margin_loss", "multi_margin_loss",
       "cosine_embedding_loss", "triplet_margin_loss")


@pytest.mark.parametrize("reduction", REDUCTIONS)
@pytest.mark.parametrize("margin", [None, 0.0, 0.5, -0.3])
@pytest.mark.parametrize("shape", [(), (9,), (3, 4)], ids=str)
def test_margin_ranking_and_hinge_embedding(shape, margin, reduction):
    x1, x2, y = rand(*shape), rand(*shape), signs(*shape)
    kw = {} if margin is None else {"margin": margin}
    same("margin_ranking_loss", x1, x2, y, reduction=reduction, **kw)
    same("hinge_embedding_loss", np.abs(x1), y, reduction=reduction, **kw)


@pytest.mark.parametrize("reduction", REDUCTIONS)
@pytest.mark.parametrize("shape", [(), (9,), (3, 4), (0,)], ids=str)
def test_soft_margin_loss(shape, reduction):
    same("soft_margin_loss", rand(*shape, scale=3.0), signs(*shape), reduction=reduction)


def test_soft_margin_loss_large_margins():
    """torch computes log(1 + exp(-yx)) literally and overflows to inf at yx = -1000;
    the stable form gives the exact value 1000, equal to BCE-with-logits with 0/1 labels."""
    x = np.array([1000.0, -1000.0, 40.0, -40.0, 0.0])
    y = np.array([1.0, 1.0, -1.0, -1.0, 1.0])
    out = L.soft_margin_loss(x, y, reduction="none")
    assert out[1] == 1000.0 and ref("soft_margin_loss", x, y, reduction="none")[1] == math.inf
    close(out, ref("binary_cross_entropy_with_logits", x, (y + 1) / 2, reduction="none"))


@pytest.mark.parametrize("reduction", REDUCTIONS)
@pytest.mark.parametrize("weighted", [False, True])
@pytest.mark.parametrize("shape", [(6,), (4, 6)], ids=str)
def test_multilabel_soft_margin_loss(shape, weighted, reduction):
    x = rand(*shape, scale=3.0)
    y = (RNG.random(shape) < 0.5).astype(float)
    w = RNG.uniform(0.1, 2.0, size=shape[-1]) if weighted else None
    same("multilabel_soft_margin_loss", x, y, weight=w, reduction=reduction)


@pytest.mark.parametrize("reduction", REDUCTIONS)
def test_multilabel_margin_loss(reduction):
    x = rand(6, 5, scale=2.0)
    y = np.array([
        [3, 0, -1, 1, 2],  # two targets, then padding (entries after -1 ignored)
        [1, 1, -1, -1, -1],  # a duplicate target counts twice
        [0, 1, 2, 3, 4],  # every class is a target: loss 0
        [-1, 2, 3, 0, 0],  # no target at all
        [4, -1, -1, -1, -1],
        [2, 0, 4, 1, -1],
    ])
    same("multilabel_margin_loss", x, y, reduction=reduction)
    same("multilabel_margin_loss", x[0], y[0], reduction=reduction)  # unbatched
    empty_x, empty_y = np.zeros((0, 5)), np.zeros((0, 5), dtype=np.int64)
    if reduction == "mean":  # torch returns an uninitialised value here; the mean of nothing is NaN
        assert math.isnan(L.multilabel_margin_loss(empty_x, empty_y))
    else:
        same("multilabel_margin_loss", empty_x, empty_y, reduction=reduction)


@pytest.mark.parametrize("reduction", REDUCTIONS)
@pytest.mark.parametrize("weighted", [False, True])
@pytest.mark.parametrize("margin", [1.0, 0.3])
@pytest.mark.parametrize("p", [1, 2])
def test_multi_margin_loss(p, margin, weighted, reduction):
    x, y = rand(7, 4, scale=1.5), RNG.integers(0, 4, size=7)
    w = RNG.uniform(0.1, 2.0, size=4) if weighted else None
    same("multi_margin_loss", x, y, p=p, margin=margin, weight=w, reduction=reduction)
    same("multi_margin_loss", x[0], y[0], p=p, margin=margin, weight=w, reduction=reduction)


@pytest.mark.parametrize("reduction", REDUCTIONS)
@pytest.mark.parametrize("margin", [None, 0.0, 0.4, -0.5])
def test_cosine_embedding_loss(margin, reduction):
    x1, x2, y = rand(8, 5), rand(8, 5), signs(8)
    x1[0] = 0.0  # a zero vector: the 1e-12 in the denominator keeps it finite
    x2[1] = 3.0 * x1[1]  # parallel
    kw = {} if margin is None else {"margin": margin}
    same("cosine_embedding_loss", x1, x2, y, reduction=reduction, **kw)
    same("cosine_embedding_loss", x1[2], x2[2], y[2], reduction=reduction, **kw)


@pytest.mark.parametrize("reduction", REDUCTIONS)
@pytest.mark.parametrize("swap", [False, True])
@pytest.mark.parametrize("p", [2, 1, 3.5, 0.5, math.inf])
@pytest.mark.parametrize("eps", [1e-6, 0.1])
def test_triplet_margin_loss(eps, p, swap, reduction):
    a, pos, neg = rand(9, 4), rand(9, 4), rand(9, 4)
    pos[0] = a[0]  # d(a, p) is then ||eps||_p, not 0
    for margin in (1.0, 0.2):
        same("triplet_margin_loss", a, pos, neg, margin=margin, p=p, eps=eps, swap=swap, reduction=reduction)
    same("triplet_margin_loss", a[1], pos[1], neg[1], p=p, eps=eps, swap=swap, reduction=reduction)


# ----------------------------------------------------------------------------- CTC

covers("ctc_loss")


def ctc_case(T=12, N=4, C=6, S=5, seed=0):
    rng = np.random.default_rng(seed)
    log_probs = torch.log_softmax(tt(rng.normal(scale=2.0, size=(T, N, C))), -1).numpy()
    target_lengths = np.array([5, 3, 0, 2])[:N]
    targets = rng.integers(1, C, size=(N, S))
    targets[0, 1] = targets[0, 2]  # a repeated label needs a blank between the two
    input_lengths = np.array([T, T - 3, 4, 2])[:N]
    return log_probs, targets, input_lengths, target_lengths


@pytest.mark.parametrize("zero_infinity", [False, True])
@pytest.mark.parametrize("reduction", REDUCTIONS)
def test_ctc_loss_padded_and_concatenated(reduction, zero_infinity):
    lp, tg, il, tl = ctc_case()
    kw = dict(reduction=reduction, zero_infinity=zero_infinity)
    same("ctc_loss", lp, tg, il, tl, **kw)
    concatenated = np.concatenate([tg[n, : tl[n]] for n in range(len(tl))])
    same("ctc_loss", lp, concatenated, il, tl, **kw)


def test_ctc_loss_infinite_and_zero_infinity():
    lp, tg, il, tl = ctc_case()
    il = np.array([3, 12, 12, 12])  # 3 frames for 5 labels with a repeat: impossible
    out = L.ctc_loss(lp, tg, il, tl, reduction="none")
    close(out, ref("ctc_loss", lp, tg, il, tl, reduction="none"))
    assert out[0] == math.inf and np.all(np.isfinite(out[1:]))
    zeroed = L.ctc_loss(lp, tg, il, tl, reduction="none", zero_infinity=True)
    assert zeroed[0] == 0.0
    assert L.ctc_loss(lp, tg, il, tl) == math.inf


@pytest.mark.parametrize("blank", [0, 3, 5])
def test_ctc_loss_blank_index(blank):
    rng = np.random.default_rng(1)
    lp = torch.log_softmax(tt(rng.normal(size=(9, 3, 6))), -1).numpy()
    choices = np.array([c for c in range(6) if c != blank])
    tg = rng.choice(choices, size=(3, 4))
    il, tl = np.array([9, 8, 7]), np.array([4, 2, 3])
    for reduction in REDUCTIONS:
        same("ctc_loss", lp, tg, il, tl, blank=blank, reduction=reduction)


def test_ctc_loss_unbatched_and_edge_lengths():
    lp, tg, _, _ = ctc_case()
    same("ctc_loss", lp[:, 0], tg[0], np.int64(12), np.int64(5))
    same("ctc_loss", lp[:, 0], tg[0, :4], np.int64(10), np.int64(4), reduction="none")
    # zero-length inputs and targets: an empty target has probability 1 in 0 frames
    il, tl = np.array([12, 0, 0, 1]), np.array([2, 0, 1, 0])
    for reduction in REDUCTIONS:
        same("ctc_loss", lp, tg, il, tl, reduction=reduction)
    out = L.ctc_loss(lp, tg, il, tl, reduction="none")
    assert out[1] == 0.0 and out[2] == math.inf


def test_ctc_loss_brute_force_small():
    """Sum over all alignments by enumeration, independent of the forward algorithm."""
    import itertools

    rng = np.random.default_rng(2)
    T, C = 5, 3
    lp = torch.log_softmax(tt(rng.normal(size=(T, C))), -1).numpy()
    label = [1, 1, 2]
    total = 0.0
    for path in itertools.product(range(C), repeat=T):
        collapsed = [k for i, k in enumerate(path) if k != 0 and (i == 0 or path[i - 1] != k)]
        if collapsed == label:
            total += math.exp(sum(lp[t, k] for t, k in enumerate(path)))
    out = L.ctc_loss(lp, np.array(label), T, len(label), reduction="sum")
    assert out == pytest.approx(-math.log(total), rel=1e-12)


# -------------------------------------------------------------- coverage, purity


def test_every_public_function_is_tested():
    assert set(L.__all__) == TESTED


def test_inputs_not_modified():
    x = rand(5, 3)
    y = np.array([0, 2, 1, -100, 2])
    x0, y0 = x.copy(), y.copy()
    L.cross_entropy(x, y, label_smoothing=0.1)
    L.cross_entropy_backward(1.0, x, y)
    np.testing.assert_array_equal(x, x0)
    np.testing.assert_array_equal(y, y0)


def test_reduced_results_are_python_floats():
    out = L.mse_loss([1.0, 2.0], [0.0, 0.0])
    assert isinstance(out, float) and out == 2.5


# ---------------------------------------------------------------------- bad inputs


def test_bad_reduction():
    for name in ("l1_loss", "mse_loss", "soft_margin_loss"):
        raises(ValueError, "^reduction must be one of", getattr(L, name), [1.0], [1.0], reduction="avg")
    raises(ValueError, "^reduction must be one of", L.cross_entropy, [[1.0, 2.0]], [0], reduction="batchmean")
    # a value of the wrong type (None for a str option) is a TypeError, one rule for the package
    raises(TypeError, "^reduction must be one of", L.kl_div, [0.0], [1.0], reduction=None)
    raises(TypeError, "^reduction must be one of", L.mse_loss, [0.0], [1.0], reduction=1)


@pytest.mark.parametrize("name", ["l1_loss", "mse_loss", "smooth_l1_loss", "huber_loss", "soft_margin_loss",
                                  "binary_cross_entropy", "binary_cross_entropy_with_logits",
                                  "hinge_embedding_loss", "poisson_nll_loss", "kl_div",
                                  "multilabel_soft_margin_loss"])
def test_shape_mismatch_raises(name):
    raises(ValueError, r"^target must have the shape of input \(3,\)", getattr(L, name),
           np.full(3, 0.5), np.ones((2, 3)))


def test_focal_and_ranking_shape_mismatch():
    raises(ValueError, "^targets must have the shape of inputs", L.sigmoid_focal_loss, np.zeros(3), np.zeros(4))
    raises(ValueError, "^input2 must have the shape of input1", L.margin_ranking_loss,
           np.zeros(3), np.zeros(4), np.ones(3))
    raises(ValueError, "^negative must have the shape of anchor", L.triplet_margin_loss,
           np.zeros((2, 3)), np.zeros((2, 3)), np.zeros((2, 4)))


def test_class_targets_out_of_range():
    x = rand(3, 4)
    for bad in ([0, 4, 1], [0, -1, 1], [0, -100, 7]):
        raises(ValueError, r"^target must contain class indices in \[0, 3\]", L.cross_entropy, x, np.array(bad))
        raises(ValueError, r"^target must contain class indices in \[0, 3\]", L.nll_loss, x, np.array(bad))
    raises(ValueError, r"^target must contain class indices in \[0, 3\]", L.multi_margin_loss, x, np.array([0, 4, 1]))
    raises(ValueError, r"^target must contain class indices in \[0, 3\] padded with -1", L.multilabel_margin_loss,
           x, np.array([[0, 4, -1, -1]] * 3))
    # ignore_index only excuses its own value
    raises(ValueError, "ignore_index=5", L.cross_entropy, x, np.array([5, 6, 0]), ignore_index=5)


def test_class_target_shape_and_dtype():
    x = rand(3, 4)
    raises(ValueError, r"^target \(class indices\) must have shape \(3,\)", L.cross_entropy, x, np.array([0, 1]))
    raises(ValueError, r"^target \(class probabilities\) must have the shape of input", L.cross_entropy,
           x, np.array([0.0, 1.0, 2.0]))
    raises(TypeError, "^target must be an integer array", L.nll_loss, x, np.array([0.0, 1.0, 2.0]))
    raises(TypeError, "^target must be an integer array", L.cross_entropy, x, np.array([True, False, True]))
    raises(ValueError, "^input must have shape", L.cross_entropy, 1.0, 0)
    raises(ValueError, "^weight must be a 1-D array of length C=4", L.cross_entropy, x, np.array([0, 1, 2]),
           weight=np.ones(3))
    raises(ValueError, "^input must be finite", L.cross_entropy, [[np.inf, 0.0]], [0])
    raises(ValueError, "^input contains NaN", L.cross_entropy, [[np.nan, 0.0]], [0])


def test_probabilities_outside_unit_interval():
    raises(ValueError, r"^input must contain probabilities in \[0, 1\]", L.binary_cross_entropy,
           [0.5, 1.2], [1.0, 0.0])
    raises(ValueError, r"^input must contain probabilities in \[0, 1\]", L.binary_cross_entropy,
           [-0.1, 0.5], [1.0, 0.0])
    raises(ValueError, r"^target must contain probabilities in \[0, 1\]", L.binary_cross_entropy,
           [0.5, 0.5], [1.0, 2.0])
    raises(ValueError, r"^target must contain probabilities in \[0, 1\]", L.binary_cross_entropy_with_logits,
           [0.5, 0.5], [1.0, -1.0])
    raises(ValueError, r"^targets must contain probabilities in \[0, 1\]", L.sigmoid_focal_loss,
           [0.5, 0.5], [1.0, 2.0])
    raises(ValueError, r"^target must contain probabilities in \[0, 1\]", L.cross_entropy,
           [[0.0, 1.0]], [[1.5, -0.5]])
    raises(ValueError, "^target must contain non-negative probabilities", L.kl_div, [-1.0, -1.0], [0.5, -0.5])
    raises(ValueError, "^target must contain non-negative counts", L.poisson_nll_loss, [0.0], [-1.0])
    raises(ValueError, "^input must contain non-negative rates", L.poisson_nll_loss, [-0.5], [1.0],
           log_input=False)


def test_signs_must_be_plus_minus_one():
    for name, args in [("soft_margin_loss", ([0.5, 1.0], [1.0, 0.0])),
                       ("hinge_embedding_loss", ([0.5, 1.0], [1.0, 0.0])),
                       ("margin_ranking_loss", ([0.5, 1.0], [0.0, 0.0], [1.0, 2.0])),
                       ("cosine_embedding_loss", ([[1.0, 0.0]], [[0.0, 1.0]], [0.0]))]:
        raises(ValueError, "^target must contain only 1 and -1", getattr(L, name), *args)


def test_bad_hyperparameters():
    x, y = [1.0, 2.0], [0.0, 0.0]
    raises(ValueError, "^beta must be non-negative", L.smooth_l1_loss, x, y, beta=-1.0)
    raises(ValueError, "^delta must be positive", L.huber_loss, x, y, delta=0.0)
    raises(TypeError, "^delta must be a real number", L.huber_loss, x, y, delta="1")
    raises(ValueError, r"^label_smoothing must be in \[0, 1\]", L.cross_entropy, [[1.0, 0.0]], [0],
           label_smoothing=1.5)
    raises(ValueError, "^p must be 1 or 2", L.multi_margin_loss, [[1.0, 0.0]], [0], p=3)
    raises(ValueError, "^margin must be positive", L.triplet_margin_loss, [[1.0]], [[1.0]], [[0.0]],
           margin=0.0)
    raises(ValueError, "^p must be positive", L.triplet_margin_loss, [[1.0]], [[1.0]], [[0.0]], p=0)
    raises(ValueError, "^gamma must be non-negative", L.sigmoid_focal_loss, [0.0], [1.0], gamma=-1.0)
    raises(ValueError, "^alpha must be at most 1", L.sigmoid_focal_loss, [0.0], [1.0], alpha=1.5)
    raises(TypeError, "^log_target must be True or False", L.kl_div, [0.0], [1.0], log_target=1)
    raises(TypeError, "^ignore_index must be an int", L.cross_entropy, [[1.0, 0.0]], [0], ignore_index=1.0)
    raises(ValueError, "^pos_weight of shape \\(3,\\) does not broadcast", L.binary_cross_entropy_with_logits,
           np.zeros((2, 4)), np.zeros((2, 4)), pos_weight=np.ones(3))
    raises(ValueError, "^weight must have the shape of input", L.mse_loss, x, y, weight=[1.0])


def test_bad_ctc_inputs():
    lp, tg, il, tl = ctc_case()
    raises(ValueError, "^targets must not contain the blank index 0", L.ctc_loss, lp, np.zeros_like(tg), il, tl)
    raises(ValueError, r"^targets must contain class indices in \[0, 5\]", L.ctc_loss, lp, tg + 3, il, tl)
    raises(ValueError, r"^input_lengths must be in \[0, T=12\]", L.ctc_loss, lp, tg, il + 5, tl)
    raises(ValueError, r"^target_lengths must be in \[0, S=5\]", L.ctc_loss, lp, tg, il, tl + 3)
    raises(ValueError, r"^input_lengths must have shape \(4,\)", L.ctc_loss, lp, tg, il[:2], tl)
    raises(ValueError, "^target_lengths must be non-negative", L.ctc_loss, lp, tg, il, tl - 3)
    raises(ValueError, "^targets of an unbatched sequence must have length target_lengths=4", L.ctc_loss,
           lp[:, 0], tg[0], np.int64(12), np.int64(4))
    raises(ValueError, "^concatenated targets must have length", L.ctc_loss, lp, np.array([1, 2, 3]), il, tl)
    raises(ValueError, r"^blank must be a class index in \[0, 5\]", L.ctc_loss, lp, tg, il, tl, blank=6)
    raises(ValueError, "^log_probs must have shape", L.ctc_loss, lp[0, 0], tg, il, tl)
    raises(TypeError, "^input_lengths must be an integer array", L.ctc_loss, lp, tg, il.astype(float), tl)


def test_bad_grad_output():
    x, y = rand(3, 4), np.array([0, 1, 2])
    raises(ValueError, r"^grad_output must have shape \(\) for reduction='mean'",
           L.cross_entropy_backward, np.ones(3), x, y)
    raises(ValueError, r"^grad_output must have shape \(3,\) for reduction='none'",
           L.cross_entropy_backward, 1.0, x, y, reduction="none")
    raises(ValueError, "^grad_output contains NaN", L.smooth_l1_loss_backward, np.nan, [1.0], [0.0])


def test_module_docstring_mentions_skipped_arguments():
    assert re.search(r"size_average.*reduce", L.__doc__, re.S)
