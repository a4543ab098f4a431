"""Tests of :mod:`dlnotes.backprop`: the hand-derived gradients against torch autograd,
the finite-difference checker against autograd and against a deliberately wrong gradient.
"""

import math

import numpy as np
import pytest
import torch

from dlnotes import backprop as B

HOMEWORK = dict(w1=0.25, w2=-0.11, w3=0.78, x=0.63)


def autograd_chain(w1, w2, w3, x, y, loss):
    """The same network in torch; gradients by autograd."""
    w = [torch.tensor(np.asarray(v, dtype=np.float64), requires_grad=True) for v in (w1, w2, w3)]
    x, y = torch.tensor(np.asarray(x, dtype=np.float64)), torch.tensor(np.asarray(y, dtype=np.float64))
    n = torch.sigmoid(w[1] * torch.sigmoid(w[0] * x))
    if loss == "cross_entropy":
        value = torch.nn.functional.binary_cross_entropy_with_logits(w[2] * n, y, reduction="none")
    else:
        value = (y - w[2] * n) ** 2
    grads = torch.autograd.grad(value.sum(), w)
    return value.detach().numpy(), [g.numpy() for g in grads]


@pytest.mark.parametrize(("loss", "y"), [("cross_entropy", 1.0), ("cross_entropy", 0.0),
                                         ("cross_entropy", 0.3), ("mse", 1.0), ("mse", 128.0)])
def test_homework_gradients_match_autograd(loss, y):
    out = B.sigmoid_chain(**HOMEWORK, y=y, loss=loss)
    value, grads = autograd_chain(**HOMEWORK, y=y, loss=loss)
    assert out["loss"] == pytest.approx(float(value), rel=1e-13)
    for k, g in enumerate(grads, start=1):
        assert out[f"grad_w{k}"] == pytest.approx(float(g), rel=1e-12, abs=1e-300)


def test_homework_values_of_the_corrected_notes():
    # the values stated in the corrections (FIGURES.md, errors 31 and 32)
    ce = B.sigmoid_chain(**HOMEWORK, y=1.0)
    assert ce["grad_w3"] == pytest.approx(-0.1972252, abs=5e-8)
    assert ce["grad_w2"] == pytest.approx(-0.0427113, abs=5e-8)
    assert ce["grad_w1"] == pytest.approx(1.3636e-3, abs=5e-8)
    big = B.sigmoid_chain(**HOMEWORK, y=128.0, loss="mse")
    assert big["grad_w3"] == pytest.approx(-123.8372, abs=1e-4)  # quoted to 4 decimals
    assert big["grad_w2"] == pytest.approx(-26.8183, abs=1e-4)  # quoted to 4 decimals
    assert big["grad_w1"] == pytest.approx(0.8562, abs=1e-4)  # quoted to 4 decimals
    assert abs(big["grad_w3"] / big["grad_w1"]) == pytest.approx(145, abs=1)


def test_vectorised_over_weights():
    rng = np.random.default_rng(0)
    w1, w2, w3 = rng.normal(size=(3, 50)) * 2
    x, y = rng.normal(size=50), rng.uniform(size=50)
    for loss in ("cross_entropy", "mse"):
        out = B.sigmoid_chain(w1, w2, w3, x, y, loss=loss)
        value, grads = autograd_chain(w1, w2, w3, x, y, loss)
        np.testing.assert_allclose(out["loss"], value, rtol=1e-12)
        for k, g in enumerate(grads, start=1):
            np.testing.assert_allclose(out[f"grad_w{k}"], g, rtol=1e-11, atol=1e-300)


def test_cross_entropy_is_stable_for_large_logits():
    out = B.sigmoid_chain(1.0, 1.0, 800.0, 1.0, 0.0)
    value, _ = autograd_chain(1.0, 1.0, 800.0, 1.0, 0.0, "cross_entropy")
    assert math.isfinite(out["loss"])
    assert out["loss"] == pytest.approx(float(value), rel=1e-13)


# --- numerical gradient and gradcheck ------------------------------------------------------


def _lse_loss(W, b):
    z = W @ np.array([0.3, -1.2, 2.0]) + b
    zmax = z.max()
    return float(zmax + np.log(np.exp(z - zmax).sum()) - z[1])


def test_numerical_gradient_matches_autograd():
    rng = np.random.default_rng(1)
    W, b = rng.normal(size=(4, 3)), rng.normal(size=4)
    numeric = B.numerical_gradient(_lse_loss, [W, b])
    Wt = torch.tensor(W, requires_grad=True)
    bt = torch.tensor(b, requires_grad=True)
    z = Wt @ torch.tensor([0.3, -1.2, 2.0], dtype=torch.float64) + bt
    loss = torch.logsumexp(z, 0) - z[1]
    gW, gb = torch.autograd.grad(loss, [Wt, bt])
    # central differences with h = 1e-6: truncation ~ h^2 |f'''| ~ 1e-12, round-off ~ 1e-16/h ~ 1e-10
    np.testing.assert_allclose(numeric[0], gW.numpy(), rtol=0, atol=1e-8)
    np.testing.assert_allclose(numeric[1], gb.numpy(), rtol=0, atol=1e-8)
    # the inputs are not modified
    assert W.shape == (4, 3) and _lse_loss(W, b) == pytest.approx(loss.item())


def test_forward_difference_error_is_first_order():
    f, df = np.exp, math.exp(0.5)
    errors = [abs(float(B.numerical_gradient(lambda v: f(v).sum(), np.array([0.5]), eps=h,
                                             method=m)[0]) - df)
              for m in ("forward", "central") for h in (1e-2, 1e-3)]
    # forward: error ~ h f''/2, so 10x smaller h gives ~10x smaller error; central: ~100x
    assert errors[0] / errors[1] == pytest.approx(10, rel=0.05)
    assert errors[2] / errors[3] == pytest.approx(100, rel=0.05)
    assert errors[0] == pytest.approx(1e-2 * df / 2, rel=0.01)
    assert errors[2] == pytest.approx(1e-4 * df / 6, rel=0.01)


def _chain_loss(w):
    return B.sigmoid_chain(w[0], w[1], w[2], HOMEWORK["x"], 1.0)["loss"]


def _chain_grad(w):
    out = B.sigmoid_chain(w[0], w[1], w[2], HOMEWORK["x"], 1.0)
    return np.array([out["grad_w1"], out["grad_w2"], out["grad_w3"]])


def _chain_grad_of_the_original_notes(w):
    """The homework's dL/dw1 with the wrong last factor w1 S(w1 m)(1 - S(w1 m))."""
    g = _chain_grad(w)
    out = B.sigmoid_chain(w[0], w[1], w[2], HOMEWORK["x"], 1.0)
    n, s = out["n"], 1 / (1 + math.exp(-w[0] * out["m"]))
    g[0] = out["delta"] * w[2] * n * (1 - n) * w[1] * w[0] * s * (1 - s)
    return g


def test_gradcheck_passes_correct_gradient():
    w = np.array([0.25, -0.11, 0.78])
    assert B.gradcheck(_chain_loss, _chain_grad, w)


def test_gradcheck_catches_wrong_gradient():
    w = np.array([0.25, -0.11, 0.78])
    wrong = _chain_grad_of_the_original_notes(w)
    assert wrong[0] == pytest.approx(5.42e-4, abs=1e-6)  # the value the original notes give
    with pytest.raises(B.GradcheckError, match="index \\(0,\\)"):
        B.gradcheck(_chain_loss, _chain_grad_of_the_original_notes, w)
    assert B.gradcheck(_chain_loss, _chain_grad_of_the_original_notes, w,
                       raise_exception=False) is False


def test_gradcheck_catches_small_relative_error():
    # a 1 % error in one coordinate of a gradient of size ~1 exceeds atol + rtol |g|
    def grad(W, b):
        g = [np.array(v) for v in B.numerical_gradient(_lse_loss, [W, b])]
        g[1][2] *= 1.01
        return g

    rng = np.random.default_rng(2)
    W, b = rng.normal(size=(4, 3)), rng.normal(size=4)
    with pytest.raises(B.GradcheckError, match="input 1"):
        B.gradcheck(_lse_loss, grad, [W, b])


@pytest.mark.parametrize(
    ("call", "error", "name"),
    [
        (lambda: B.numerical_gradient(np.sum, np.ones(3), eps=0.0), ValueError, "eps"),
        (lambda: B.numerical_gradient(np.sum, np.ones(3), method="backward"), ValueError, "method"),
        (lambda: B.numerical_gradient(lambda v: v * 2, np.ones(3)), ValueError, "scalar"),
        (lambda: B.numerical_gradient(np.sum, []), ValueError, "inputs"),
        (lambda: B.gradcheck(np.sum, lambda v: np.ones(4), np.ones(3)), ValueError, "shape"),
        (lambda: B.gradcheck(np.sum, lambda v: np.ones(3), np.ones(3), atol=-1.0), ValueError,
         "atol"),
        (lambda: B.sigmoid_chain(1, 1, 1, 1, 1, loss="hinge"), ValueError, "loss"),
        (lambda: B.sigmoid_chain(1, 1, 1, 1, 2.0), ValueError, "y"),
        (lambda: B.sigmoid_chain(1, np.nan, 1, 1, 1), ValueError, "w2"),
    ],
)
def test_bad_arguments_raise(call, error, name):
    with pytest.raises(error, match=name):
        call()
