"""Gold-reference tests for :mod:`dlnotes.normalization`.

The forward pass and the running-statistics update are compared with
``torch.nn.functional.batch_norm`` in float64 (train and eval, 2-D, 3-D and 4-D inputs);
the hand-written backward pass with torch autograd.  Fixed seeds; warnings are errors.
"""

import numpy as np
import pytest
import torch
import torch.nn.functional as F

from _reference import t
from dlnotes.normalization import batch_norm, batch_norm_backward

# Values are O(1) sums of O(10)-100 terms: relative 1e-12 with an absolute floor of 1e-12
# absorbs the different summation orders of numpy and torch.
TOL = dict(rtol=1e-12, atol=1e-12)
SHAPES = [(8, 3), (5, 4, 7), (4, 3, 5, 6), (2, 2, 3, 2, 2), (1, 3, 2, 2)]


def data(shape, seed=0):
    rng = np.random.default_rng(seed)
    C = shape[1]
    # channels with different means and scales, so that a wrong axis cannot pass
    scale = np.linspace(0.5, 3.0, C).reshape((1, C) + (1,) * (len(shape) - 2))
    shift = np.linspace(-2.0, 4.0, C).reshape(scale.shape)
    x = rng.normal(size=shape) * scale + shift
    w = rng.uniform(0.5, 1.5, C)
    b = rng.normal(size=C)
    rm = rng.normal(size=C)
    rv = rng.uniform(0.5, 2.0, C)
    return x, w, b, rm, rv


@pytest.mark.parametrize("shape", SHAPES)
@pytest.mark.parametrize("affine", [True, False])
@pytest.mark.parametrize("momentum", [0.1, 0.0, 0.5, 1.0])
def test_forward_training_and_running_stats(shape, affine, momentum):
    x, w, b, rm, rv = data(shape)
    w, b = (w, b) if affine else (None, None)
    rm_ours, rv_ours = rm.copy(), rv.copy()
    rm_ref, rv_ref = t(rm), t(rv)
    ours = batch_norm(x, rm_ours, rv_ours, w, b, training=True, momentum=momentum, eps=1e-5)
    ref = F.batch_norm(t(x), rm_ref, rv_ref, None if w is None else t(w),
                       None if b is None else t(b), training=True, momentum=momentum, eps=1e-5)
    np.testing.assert_allclose(ours, ref.numpy(), **TOL)
    # running statistics updated in place, exactly as torch does it
    np.testing.assert_allclose(rm_ours, rm_ref.numpy(), **TOL)
    np.testing.assert_allclose(rv_ours, rv_ref.numpy(), **TOL)


@pytest.mark.parametrize("shape", SHAPES[:4])
def test_running_var_uses_unbiased_variance(shape):
    # independent closed form: momentum 1 stores the batch statistics themselves
    x, *_ = data(shape)
    C = shape[1]
    rm, rv = np.zeros(C), np.zeros(C)
    batch_norm(x, rm, rv, training=True, momentum=1.0)
    moved = np.moveaxis(x, 1, 0).reshape(C, -1)
    np.testing.assert_allclose(rm, moved.mean(axis=1), **TOL)
    np.testing.assert_allclose(rv, moved.var(axis=1, ddof=1), **TOL)


def test_running_stats_converge_like_torch_module_over_many_steps():
    rng = np.random.default_rng(1)
    module = torch.nn.BatchNorm1d(4, dtype=torch.float64)  # momentum 0.1, eps 1e-5
    rm, rv = np.zeros(4), np.ones(4)
    for _ in range(30):
        x = rng.normal(loc=[1.0, -2.0, 0.0, 5.0], scale=[1.0, 0.5, 2.0, 3.0], size=(16, 4))
        batch_norm(x, rm, rv, training=True)
        module(t(x))
    np.testing.assert_allclose(rm, module.running_mean.numpy(), **TOL)
    np.testing.assert_allclose(rv, module.running_var.numpy(), **TOL)


@pytest.mark.parametrize("shape", SHAPES)
@pytest.mark.parametrize("affine", [True, False])
def test_forward_eval_uses_running_stats(shape, affine):
    x, w, b, rm, rv = data(shape, seed=2)
    w, b = (w, b) if affine else (None, None)
    rm_copy, rv_copy = rm.copy(), rv.copy()
    ours = batch_norm(x, rm, rv, w, b, training=False, eps=1e-3)
    ref = F.batch_norm(t(x), t(rm), t(rv), None if w is None else t(w),
                       None if b is None else t(b), training=False, eps=1e-3)
    np.testing.assert_allclose(ours, ref.numpy(), **TOL)
    np.testing.assert_array_equal(rm, rm_copy)  # eval never touches the running stats
    np.testing.assert_array_equal(rv, rv_copy)


@pytest.mark.parametrize("shape", SHAPES[:4])
def test_training_without_running_stats(shape):
    x, w, b, *_ = data(shape, seed=3)
    ours = batch_norm(x, None, None, w, b, training=True)
    ref = F.batch_norm(t(x), None, None, t(w), t(b), training=True)
    np.testing.assert_allclose(ours, ref.numpy(), **TOL)


def test_training_output_is_standardised_per_channel():
    x, *_ = data((64, 3, 4, 4), seed=4)
    y = batch_norm(x, None, None, training=True, eps=1e-12)
    np.testing.assert_allclose(y.mean(axis=(0, 2, 3)), 0.0, atol=1e-12)
    np.testing.assert_allclose(y.var(axis=(0, 2, 3)), 1.0, rtol=1e-9)


@pytest.mark.parametrize("shape", SHAPES)
@pytest.mark.parametrize("affine", [True, False])
def test_backward_matches_autograd(shape, affine):
    x, w, b, *_ = data(shape, seed=5)
    g = np.random.default_rng(6).normal(size=shape)
    xt = t(x).requires_grad_()
    wt = t(w if affine else np.ones(shape[1])).requires_grad_()
    bt = t(b if affine else np.zeros(shape[1])).requires_grad_()
    y = F.batch_norm(xt, None, None, wt, bt, training=True, eps=1e-5)
    gx, gw, gb = torch.autograd.grad((y * t(g)).sum(), (xt, wt, bt))
    ours = batch_norm_backward(g, x, w if affine else None, eps=1e-5)
    for mine, ref in zip(ours, (gx, gw, gb)):
        np.testing.assert_allclose(mine, ref.numpy(), rtol=1e-10, atol=1e-12)


def test_backward_input_gradient_sums_to_zero():
    # the output is invariant to adding a constant to a channel, so the gradient sums to 0
    x, w, *_ = data((10, 3, 4), seed=7)
    g = np.random.default_rng(8).normal(size=x.shape)
    gx, _, _ = batch_norm_backward(g, x, w)
    np.testing.assert_allclose(gx.sum(axis=(0, 2)), 0.0, atol=1e-12)


def test_backward_matches_finite_differences():
    x, w, *_ = data((6, 2), seed=9)
    g = np.random.default_rng(10).normal(size=x.shape)
    loss = lambda z: float((batch_norm(z, None, None, w, training=True) * g).sum())  # noqa: E731
    h = 1e-6
    numeric = np.zeros_like(x)
    for idx in np.ndindex(x.shape):
        e = np.zeros_like(x)
        e[idx] = h
        numeric[idx] = (loss(x + e) - loss(x - e)) / (2 * h)
    gx, _, _ = batch_norm_backward(g, x, w)
    np.testing.assert_allclose(gx, numeric, rtol=1e-6, atol=1e-8)


# --- bad input --------------------------------------------------------------------------


def test_batch_of_one_in_training_raises():
    x = np.ones((1, 3))
    with pytest.raises(ValueError, match="input"):
        batch_norm(x, np.zeros(3), np.ones(3), training=True)
    with pytest.raises(ValueError, match="input"):
        batch_norm_backward(np.ones((1, 3)), x)
    # torch agrees that a single value per channel cannot be normalised
    with pytest.raises(ValueError):
        F.batch_norm(t(x), None, None, training=True)
    # ... but one sample with spatial positions is fine, in both
    batch_norm(np.arange(12.0).reshape(1, 3, 4), None, None, training=True)
    # and in eval mode a batch of one is fine
    batch_norm(x, np.zeros(3), np.ones(3), training=False)


@pytest.mark.parametrize("name", ["running_mean", "running_var"])
@pytest.mark.parametrize("training", [True, False])
def test_mismatched_running_stat_shape_raises(name, training):
    x = np.random.default_rng(0).normal(size=(4, 3))
    stats = {"running_mean": np.zeros(3), "running_var": np.ones(3)}
    stats[name] = np.zeros(4)
    with pytest.raises(ValueError, match=name):
        batch_norm(x, stats["running_mean"], stats["running_var"], training=training)


@pytest.mark.parametrize("name", ["weight", "bias"])
def test_mismatched_affine_shape_raises(name):
    x = np.zeros((4, 3))
    kwargs = {name: np.ones(2)}
    with pytest.raises(ValueError, match=name):
        batch_norm(x, None, None, training=True, **kwargs)


def test_other_bad_inputs_raise():
    x = np.random.default_rng(0).normal(size=(4, 3))
    with pytest.raises(ValueError, match="running_mean"):
        batch_norm(x, None, None, training=False)
    with pytest.raises(ValueError, match="running_mean and running_var"):
        batch_norm(x, np.zeros(3), None, training=True)
    with pytest.raises(TypeError, match="running_mean"):
        batch_norm(x, [0.0, 0.0, 0.0], np.ones(3), training=True)  # cannot update in place
    with pytest.raises(TypeError, match="running_var"):
        batch_norm(x, np.zeros(3), np.ones(3, dtype=int), training=True)
    with pytest.raises(ValueError, match="input"):
        batch_norm(np.zeros(5), None, None, training=True)
    with pytest.raises(ValueError, match="momentum"):
        batch_norm(x, np.zeros(3), np.ones(3), training=True, momentum=1.5)
    with pytest.raises(ValueError, match="eps"):
        batch_norm(x, None, None, training=True, eps=0.0)
    with pytest.raises(ValueError, match="running_var"):
        batch_norm(x, np.zeros(3), -np.ones(3), training=False)
    with pytest.raises(ValueError, match="input"):
        batch_norm(np.full((4, 3), np.nan), None, None, training=True)
    with pytest.raises(ValueError, match="grad_output"):
        batch_norm_backward(np.ones((4, 2)), x)
    with pytest.raises(ValueError, match="weight"):
        batch_norm_backward(np.ones((4, 3)), x, weight=np.ones(4))
