"""The regularization chapter's computed answers, each against torch, scikit-learn, SciPy or a closed form."""

import math
from fractions import Fraction

import numpy as np
import pytest
import torch
import torch.nn.functional as F
from scipy.linalg import fractional_matrix_power
from sklearn.linear_model import Lasso, Ridge

from _answers import Coverage
from dlnotes._exercises import regularization as ex

cov = Coverage(ex)
A = cov.answers


@cov("zca-l1", "zca-l2", "zca-w11", "zca-w12", "zca-w22", "zca-check")
def test_zca_matrix_answers():
    assert (A["zca-l1"], A["zca-l2"]) == pytest.approx(((7 + math.sqrt(17)) / 2, (7 - math.sqrt(17)) / 2), rel=1e-14)
    W = fractional_matrix_power(ex._COV, -0.5).real
    assert (A["zca-w11"], A["zca-w12"], A["zca-w22"]) == pytest.approx((W[0, 0], W[0, 1], W[1, 1]), rel=1e-12)
    assert 0 <= A["zca-check"] < 1e-12


@pytest.mark.parametrize("d,eps", [(2, 0.0), (5, 1e-3), (8, 0.1)])
def test_zca_matrix_matches_scipy(d, eps):
    X = np.random.default_rng(d).normal(size=(50, d)) @ np.random.default_rng(d + 1).normal(size=(d, d))
    C = np.cov(X, rowvar=False, bias=True)
    ref = fractional_matrix_power(C + eps * np.eye(d), -0.5).real
    np.testing.assert_allclose(ex.zca_matrix(C, eps), ref, rtol=1e-8, atol=1e-10)
    with pytest.raises(ValueError, match="cov"):
        ex.zca_matrix(np.ones((2, 3)))


@cov("eps-gain0", "eps-gain", "eps-var")
def test_whitening_eps():
    assert A["eps-gain0"] == pytest.approx(100.0, rel=1e-14)
    assert A["eps-gain"] == pytest.approx(1 / math.sqrt(0.0101), rel=1e-14)
    assert A["eps-var"] == pytest.approx(float(Fraction(1, 101)), rel=1e-14)


@cov("drop-scale", "drop-kept", "drop-mean", "drop-var", "drop-var-formula")
def test_dropout_moments_by_sampling():
    torch.manual_seed(0)
    y = F.dropout(torch.full((1_000_000,), 2.0, dtype=torch.float64), p=0.3, training=True)
    assert A["drop-kept"] == pytest.approx(y.max().item(), rel=1e-14)
    assert A["drop-scale"] == pytest.approx(y.max().item() / 2, rel=1e-14)
    se = y.std().item() / math.sqrt(y.numel())
    assert abs(A["drop-mean"] - y.mean().item()) < 4 * se
    assert A["drop-var"] == pytest.approx(y.var().item(), rel=0.01)
    assert A["drop-var-formula"] == pytest.approx(A["drop-var"], rel=1e-12)


@cov("eval-sum", "eval-sd", "eval-plain")
def test_forgetting_eval_mode():
    torch.manual_seed(1)
    sums = F.dropout(torch.ones(20_000, 100, dtype=torch.float64), p=0.5, training=True).sum(1)
    assert A["eval-sum"] == 100.0
    assert A["eval-sd"] == pytest.approx(sums.std().item(), rel=0.03)
    assert abs(sums.mean().item() - A["eval-sum"]) < 4 * A["eval-sd"] / math.sqrt(20_000)
    assert A["eval-plain"] == pytest.approx((torch.ones(100) * 0.5).sum().item())


@cov("bnf-mu", "bnf-var", "bnf-var-unbiased", "bnf-y-first", "bnf-y-last", "bnf-rm", "bnf-rv")
def test_batch_norm_forward_and_running_stats():
    x = torch.tensor(ex._BN_X, dtype=torch.float64)[:, None]
    rm, rv = torch.zeros(1, dtype=torch.float64), torch.ones(1, dtype=torch.float64)
    y = F.batch_norm(x, rm, rv, weight=torch.tensor([2.0], dtype=torch.float64),
                     bias=torch.tensor([1.0], dtype=torch.float64), training=True, momentum=0.1)
    assert (A["bnf-mu"], A["bnf-var"]) == pytest.approx((x.mean().item(), x.var(unbiased=False).item()), rel=1e-14)
    assert A["bnf-var-unbiased"] == pytest.approx(x.var(unbiased=True).item(), rel=1e-14)
    assert (A["bnf-y-first"], A["bnf-y-last"]) == pytest.approx((y[0, 0].item(), y[-1, 0].item()), rel=1e-12)
    assert (A["bnf-rm"], A["bnf-rv"]) == pytest.approx((rm.item(), rv.item()), rel=1e-13)


@cov("bnb-dx1", "bnb-dx2", "bnb-dx3", "bnb-dgamma", "bnb-dbeta", "bnb-sum", "bnb-xhat-sum")
def test_batch_norm_backward_answers():
    x = torch.tensor(ex._BNB_X, dtype=torch.float64)[:, None].requires_grad_()
    gamma = torch.ones(1, dtype=torch.float64, requires_grad=True)
    beta = torch.zeros(1, dtype=torch.float64, requires_grad=True)
    y = F.batch_norm(x, None, None, gamma, beta, training=True)
    y.backward(torch.tensor(ex._BNB_G, dtype=torch.float64)[:, None])
    for i in range(3):
        assert A[f"bnb-dx{i + 1}"] == pytest.approx(x.grad[i, 0].item(), rel=1e-10)
    assert (A["bnb-dgamma"], A["bnb-dbeta"]) == pytest.approx((gamma.grad.item(), beta.grad.item()), rel=1e-10)
    assert abs(A["bnb-sum"]) < 1e-15
    assert A["bnb-xhat-sum"] == pytest.approx((y.detach()[:, 0] * x.grad[:, 0]).sum().item(), abs=1e-12)
    assert abs(A["bnb-xhat-sum"]) < 1e-5  # zero up to eps


@cov("bnc-maxdiff")
@pytest.mark.parametrize("n,c", [(2, 1), (16, 4), (7, 3)])
def test_batch_norm_train_matches_autograd(n, c):
    rng = np.random.default_rng(n * c)
    x, g, gamma, beta = rng.normal(1, 2, (n, c)), rng.normal(size=(n, c)), rng.normal(size=c), rng.normal(size=c)
    xt, gt, bt = (torch.tensor(a, requires_grad=True) for a in (x, gamma, beta))
    yt = F.batch_norm(xt, None, None, gt, bt, training=True)
    yt.backward(torch.tensor(g))
    y, dx, dgamma, dbeta = ex.batch_norm_train(x, gamma, beta, g)
    for ours, ref in [(y, yt.detach()), (dx, xt.grad), (dgamma, gt.grad), (dbeta, bt.grad)]:
        np.testing.assert_allclose(ours, ref.numpy(), rtol=1e-9, atol=1e-11)
    assert 0 <= A["bnc-maxdiff"] < 1e-12
    with pytest.raises(ValueError, match="gamma"):
        ex.batch_norm_train(x, gamma[:-1] if c > 1 else np.ones(2), beta, g)


@cov("noise-sd16", "noise-max8")
def test_batch_statistics_noise():
    torch.manual_seed(2)
    means = torch.randn(100_000, 16, dtype=torch.float64).mean(1)
    assert A["noise-sd16"] == pytest.approx(means.std().item(), rel=0.02)
    x = torch.zeros(8, 1, dtype=torch.float64)
    x[0] = 1.0  # one value away from the rest: the largest |x_hat| a batch of 8 allows
    y = F.batch_norm(x, None, None, training=True, eps=1e-300)
    assert A["noise-max8"] == pytest.approx(y.abs().max().item(), rel=1e-12)


@cov("vs-train", "vs-ratio", "vs-ratio-c0")
def test_variance_shift_by_sampling():
    torch.manual_seed(3)
    for c, key in ((0.5, "vs-ratio"), (0.0, "vs-ratio-c0")):
        x = c + torch.randn(1_000_000, dtype=torch.float64)
        train = F.dropout(x, p=0.3, training=True).var().item()
        assert A[key] == pytest.approx(x.var().item() / train, rel=0.01)
        if c == 0.5:
            assert A["vs-train"] == pytest.approx(train, rel=0.01)


@cov("l2-w1", "l2-w2", "l2-w3", "l1-w1", "l1-w2", "l1-w3")
def test_ridge_and_lasso_with_an_orthonormal_design():
    n = 5
    X = np.sqrt(n) * np.linalg.qr(np.random.default_rng(11).normal(size=(n, 3)))[0]
    y = X @ ex._W_LS
    ridge = Ridge(alpha=0.4 * n, fit_intercept=False).fit(X, y).coef_
    lasso = Lasso(alpha=0.4, fit_intercept=False, tol=1e-12, max_iter=100_000).fit(X, y).coef_
    for i in range(3):
        assert A[f"l2-w{i + 1}"] == pytest.approx(ridge[i], rel=1e-10, abs=1e-12)
        assert A[f"l1-w{i + 1}"] == pytest.approx(lasso[i], rel=1e-8, abs=1e-10)


@cov("es2-best", "es2-stop", "es3-best", "es3-stop", "es-best-loss")
def test_early_stopping_schedule():
    losses = np.array(ex.EARLY_LOSSES)
    for patience in (2, 3):
        running_min = np.minimum.accumulate(losses)
        improved = np.r_[True, losses[1:] < running_min[:-1]]
        last_improvement = np.maximum.accumulate(np.where(improved, np.arange(losses.size), 0))
        stop = int(np.argmax(np.arange(losses.size) - last_improvement >= patience))
        assert A[f"es{patience}-stop"] == stop + 1
        assert A[f"es{patience}-best"] == int(np.argmin(losses[: stop + 1])) + 1
    assert A["es-best-loss"] == losses.min()


@cov("diag-a-bias", "diag-a-var", "diag-b-bias", "diag-b-var")
def test_bias_variance_diagnosis():
    human = Fraction(2, 100)
    assert A["diag-a-bias"] == pytest.approx(float(Fraction(9, 100) - human), rel=1e-12)
    assert A["diag-a-var"] == pytest.approx(float(Fraction(1, 100)), rel=1e-12)
    assert A["diag-b-bias"] == pytest.approx(float(Fraction(25, 1000) - human), rel=1e-12)
    assert A["diag-b-var"] == pytest.approx(float(Fraction(12, 100) - Fraction(25, 1000)), rel=1e-12)


@cov("wd-l2", "wd-decay", "wd-factor")
def test_l2_penalty_is_weight_decay_for_plain_sgd():
    w = torch.tensor([1.0], dtype=torch.float64, requires_grad=True)
    opt = torch.optim.SGD([w], lr=0.1, weight_decay=0.01)
    w.grad = torch.tensor([0.5], dtype=torch.float64)
    opt.step()
    assert A["wd-l2"] == pytest.approx(w.item(), rel=1e-15)
    assert A["wd-decay"] == pytest.approx(w.item(), rel=1e-15)
    assert A["wd-factor"] == pytest.approx(1 - 0.1 * 0.01, rel=1e-15)


def test_every_answer_is_checked():
    assert not cov.missing(), cov.missing()
