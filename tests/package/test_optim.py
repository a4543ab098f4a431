"""Gold-reference tests for :mod:`dlnotes.optim`.

Every optimizer is stepped 200 times side by side with its ``torch.optim`` twin on the
same float64 parameters and gradients; the trajectories must agree to 1e-10 (absolute,
on parameters of order 1; in practice they agree to a few ulps).  Two sources of
gradients: a fixed random sequence (independent of the parameters) and the gradient of
a quadratic at the current parameters (so any difference would feed back).
Schedulers are compared with ``torch.optim.lr_scheduler`` for 100 steps, clipping with
``torch.nn.utils``.
"""

import math

import numpy as np
import pytest
import torch

from dlnotes import optim as O

STEPS = 200
TRAJ_TOL = 1e-10
SHAPES = [(3, 4), (5,)]  # two parameters of different shapes

OPTIMIZERS = [
    # (ours, torch's, options)
    (O.SGD, torch.optim.SGD, dict(lr=0.05)),
    (O.SGD, torch.optim.SGD, dict(lr=0.05, momentum=0.9)),
    (O.SGD, torch.optim.SGD, dict(lr=0.05, momentum=0.9, dampening=0.3)),
    (O.SGD, torch.optim.SGD, dict(lr=0.05, momentum=0.8, nesterov=True)),
    (O.SGD, torch.optim.SGD, dict(lr=0.05, momentum=0.9, nesterov=True, weight_decay=0.1)),
    (O.SGD, torch.optim.SGD, dict(lr=0.02, weight_decay=0.5, maximize=True)),
    (O.Adagrad, torch.optim.Adagrad, dict()),
    (O.Adagrad, torch.optim.Adagrad, dict(lr=0.3, lr_decay=0.05)),
    (O.Adagrad, torch.optim.Adagrad, dict(lr=0.1, weight_decay=0.2, initial_accumulator_value=0.5,
                                          eps=1e-6)),
    (O.RMSprop, torch.optim.RMSprop, dict()),
    (O.RMSprop, torch.optim.RMSprop, dict(lr=0.01, alpha=0.9, centered=True)),
    (O.RMSprop, torch.optim.RMSprop, dict(lr=0.005, momentum=0.9, weight_decay=0.1)),
    (O.RMSprop, torch.optim.RMSprop, dict(lr=0.005, alpha=0.95, momentum=0.5, centered=True,
                                          eps=1e-4)),
    (O.Adam, torch.optim.Adam, dict()),
    (O.Adam, torch.optim.Adam, dict(lr=0.05, betas=(0.8, 0.99), eps=1e-6)),
    (O.Adam, torch.optim.Adam, dict(lr=0.02, amsgrad=True)),
    (O.Adam, torch.optim.Adam, dict(lr=0.02, weight_decay=0.1)),
    (O.Adam, torch.optim.Adam, dict(lr=0.02, betas=(0.4, 0.9), maximize=True)),
    (O.AdamW, torch.optim.AdamW, dict()),
    (O.AdamW, torch.optim.AdamW, dict(lr=0.02, weight_decay=0.3, amsgrad=True)),
    (O.Adam, torch.optim.Adam, dict(lr=0.02, weight_decay=0.3, decoupled_weight_decay=True)),
]
IDS = [f"{ours.__name__}-" + ",".join(f"{k}={v}" for k, v in kw.items()) for ours, _, kw in OPTIMIZERS]


def _start(seed):
    rng = np.random.default_rng(seed)
    return [rng.normal(size=s) for s in SHAPES]


def _random_grads(seed):
    rng = np.random.default_rng(seed + 1)
    return [[rng.normal(size=s) * rng.uniform(0.1, 3.0) for s in SHAPES] for _ in range(STEPS)]


# Quadratic 0.5 * sum(d * p^2) with a fixed positive diagonal per parameter: grad = d * p
# (with maximize=True, the concave -0.5 * sum(d * p^2), so the iterates stay bounded).
_DIAG = [np.random.default_rng(7).uniform(0.1, 4.0, size=s) for s in SHAPES]


@pytest.mark.parametrize("source", ["random", "quadratic"])
@pytest.mark.parametrize(("ours", "ref", "options"), OPTIMIZERS, ids=IDS)
def test_trajectory_matches_torch(ours, ref, options, source):
    start = _start(3)
    params = [p.copy() for p in start]
    tparams = [torch.tensor(p, requires_grad=True) for p in start]
    opt, topt = ours(params, **options), ref(tparams, **options)
    grads = _random_grads(3) if source == "random" else None
    sign = -1.0 if options.get("maximize") else 1.0
    worst = 0.0
    for t in range(STEPS):
        g = grads[t] if grads else [sign * d * p for d, p in zip(_DIAG, params)]
        tg = grads[t] if grads else [sign * d * p.detach().numpy() for d, p in zip(_DIAG, tparams)]
        opt.step(g)
        for p, gi in zip(tparams, tg):
            p.grad = torch.tensor(gi)
        topt.step()
        for p, tp in zip(params, tparams):
            worst = max(worst, float(np.abs(p - tp.detach().numpy()).max()))
    assert worst <= TRAJ_TOL
    # the parameters really moved, and stayed finite
    assert all(np.all(np.isfinite(p)) for p in params)
    assert max(np.abs(p - s).max() for p, s in zip(params, start)) > 1e-3


def test_optimizer_state_matches_torch():
    start = _start(11)
    grads = _random_grads(11)
    params = [p.copy() for p in start]
    tparams = [torch.tensor(p, requires_grad=True) for p in start]
    opt = O.Adam(params, lr=0.01, amsgrad=True)
    topt = torch.optim.Adam(tparams, lr=0.01, amsgrad=True)
    for g in grads[:20]:
        opt.step(g)
        for p, gi in zip(tparams, g):
            p.grad = torch.tensor(gi)
        topt.step()
    for i, tp in enumerate(tparams):
        tstate = topt.state[tp]
        assert opt.state[i]["step"] == int(tstate["step"]) == 20
        for key in ("exp_avg", "exp_avg_sq", "max_exp_avg_sq"):
            np.testing.assert_allclose(opt.state[i][key], tstate[key].numpy(), rtol=1e-13, atol=0)


def test_defaults_match_torch():
    p = [np.zeros(2)]
    tp = [torch.zeros(2, requires_grad=True)]
    pairs = [(O.SGD, torch.optim.SGD), (O.Adagrad, torch.optim.Adagrad),
             (O.RMSprop, torch.optim.RMSprop), (O.Adam, torch.optim.Adam),
             (O.AdamW, torch.optim.AdamW)]
    for ours, ref in pairs:
        mine, theirs = ours(p).param_groups[0], ref(tp).param_groups[0]
        for key, value in mine.items():
            if key != "params":
                assert theirs[key] == value, (ours.__name__, key)


def test_sgd_first_momentum_step_ignores_dampening():
    # torch initialises the buffer with the raw gradient: the first step is plain SGD
    p = np.array([1.0])
    opt = O.SGD([p], lr=0.1, momentum=0.9, dampening=0.5)
    opt.step([np.array([2.0])])
    assert p[0] == pytest.approx(1.0 - 0.1 * 2.0, abs=1e-15)
    opt.step([np.array([2.0])])  # buffer 0.9 * 2 + 0.5 * 2 = 2.8
    assert p[0] == pytest.approx(0.8 - 0.1 * 2.8, abs=1e-15)


def test_adam_first_step_is_lr_times_sign():
    # with bias correction, m_hat = g and sqrt(v_hat) = |g|: the first step is lr * sign(g)
    p = np.array([0.0, 0.0, 0.0])
    O.Adam([p], lr=0.01, eps=0.0).step([np.array([3.0, -1e-3, 50.0])])
    np.testing.assert_allclose(p, [-0.01, 0.01, -0.01], rtol=1e-14)


def test_adagrad_effective_step_shrinks():
    p = np.array([0.0])
    opt = O.Adagrad([p], lr=1.0)
    for t in range(1, 6):
        opt.step([np.array([1.0])])
        assert opt.state[0]["sum"][0] == t
    assert p[0] == pytest.approx(-sum(1 / math.sqrt(t) for t in range(1, 6)), abs=1e-9)


def test_step_accepts_single_array_for_single_parameter():
    p = np.ones(3)
    O.SGD([p], lr=0.5).step(np.ones(3))
    np.testing.assert_array_equal(p, 0.5)


# --- bad inputs --------------------------------------------------------------------------


@pytest.mark.parametrize("cls", [O.SGD, O.Adagrad, O.RMSprop, O.Adam, O.AdamW])
def test_negative_lr_raises(cls):
    with pytest.raises(ValueError, match="lr"):
        cls([np.zeros(2)], lr=-0.1)


@pytest.mark.parametrize("betas", [(1.0, 0.999), (0.9, 1.0), (-0.1, 0.9), (0.9, 1.5)])
@pytest.mark.parametrize("cls", [O.Adam, O.AdamW])
def test_betas_outside_unit_interval_raise(cls, betas):
    with pytest.raises(ValueError, match="betas"):
        cls([np.zeros(2)], betas=betas)


@pytest.mark.parametrize(
    ("cls", "kwargs", "name"),
    [
        (O.SGD, dict(momentum=-0.5), "momentum"),
        (O.SGD, dict(weight_decay=-1e-4), "weight_decay"),
        (O.SGD, dict(nesterov=True), "nesterov"),
        (O.SGD, dict(momentum=0.9, dampening=0.1, nesterov=True), "nesterov"),
        (O.Adagrad, dict(lr_decay=-1.0), "lr_decay"),
        (O.Adagrad, dict(initial_accumulator_value=-1.0), "initial_accumulator_value"),
        (O.Adagrad, dict(eps=-1e-10), "eps"),
        (O.RMSprop, dict(alpha=-0.9), "alpha"),
        (O.RMSprop, dict(momentum=-0.1), "momentum"),
        (O.Adam, dict(eps=-1.0), "eps"),
        (O.Adam, dict(betas=(0.9, 0.99, 0.999)), "betas"),
        (O.AdamW, dict(weight_decay=-0.01), "weight_decay"),
        (O.SGD, dict(lr=float("nan")), "lr"),
    ],
)
def test_bad_options_raise(cls, kwargs, name):
    with pytest.raises(ValueError, match=name):
        cls([np.zeros(2)], **kwargs)


@pytest.mark.parametrize(
    ("cls", "kwargs", "name"),
    [
        (O.Adam, dict(betas=0.9), "betas"),  # not a pair: a wrong type (torch: TypeError too)
        (O.SGD, dict(lr="0.1"), "lr"),
        (O.SGD, dict(nesterov=1), "nesterov"),
    ],
)
def test_bad_option_types_raise(cls, kwargs, name):
    with pytest.raises(TypeError, match=name):
        cls([np.zeros(2)], **kwargs)


def test_torch_rejects_the_same_options():
    # the checks above mirror torch's own
    with pytest.raises(ValueError):
        torch.optim.SGD([torch.zeros(2, requires_grad=True)], lr=-0.1)
    with pytest.raises(ValueError):
        torch.optim.Adam([torch.zeros(2, requires_grad=True)], betas=(1.0, 0.999))


@pytest.mark.parametrize(
    ("params", "error", "name"),
    [
        (np.zeros(3), TypeError, "params"),
        ([np.zeros(3, dtype=int)], TypeError, "params"),
        ([[0.0, 1.0]], TypeError, "params"),
        ([], ValueError, "params"),
    ],
)
def test_bad_params_raise(params, error, name):
    with pytest.raises(error, match=name):
        O.SGD(params, lr=0.1)


def test_duplicate_or_readonly_params_raise():
    p = np.zeros(3)
    with pytest.raises(ValueError, match="params"):
        O.SGD([p, p])
    q = np.zeros(3)
    q.flags.writeable = False
    with pytest.raises(ValueError, match="params"):
        O.SGD([q])


@pytest.mark.parametrize(
    ("grads", "name"),
    [
        ([np.zeros(3)], "grads"),  # one gradient for two parameters
        ([np.zeros(3), np.zeros(4)], "grads\\[1\\]"),  # wrong shape
        ([np.zeros(3), np.full(2, np.nan)], "grads\\[1\\]"),  # NaN
    ],
)
def test_bad_grads_raise(grads, name):
    opt = O.SGD([np.zeros(3), np.zeros(2)], lr=0.1)
    with pytest.raises(ValueError, match=name):
        opt.step(grads)


# --- schedulers --------------------------------------------------------------------------

L = torch.optim.lr_scheduler
SCHEDULERS = {
    "StepLR": (lambda o: O.StepLR(o, step_size=7, gamma=0.5),
               lambda o: L.StepLR(o, step_size=7, gamma=0.5)),
    "StepLR-default-gamma": (lambda o: O.StepLR(o, 30), lambda o: L.StepLR(o, 30)),
    "ExponentialLR": (lambda o: O.ExponentialLR(o, gamma=0.95),
                      lambda o: L.ExponentialLR(o, gamma=0.95)),
    "CosineAnnealingLR": (lambda o: O.CosineAnnealingLR(o, T_max=100),
                          lambda o: L.CosineAnnealingLR(o, T_max=100)),
    # T_max < 100 steps: torch's recursion continues the cosine upwards; so must ours
    "CosineAnnealingLR-periodic": (lambda o: O.CosineAnnealingLR(o, T_max=17, eta_min=1e-3),
                                   lambda o: L.CosineAnnealingLR(o, T_max=17, eta_min=1e-3)),
    "LinearLR": (lambda o: O.LinearLR(o), lambda o: L.LinearLR(o)),
    "LinearLR-decay": (lambda o: O.LinearLR(o, start_factor=1.0, end_factor=0.05, total_iters=80),
                       lambda o: L.LinearLR(o, start_factor=1.0, end_factor=0.05, total_iters=80)),
    "LambdaLR": (lambda o: O.LambdaLR(o, lambda t: 1.0 / (1.0 + 0.1 * t)),
                 lambda o: L.LambdaLR(o, lambda t: 1.0 / (1.0 + 0.1 * t))),
    "warmup-then-cosine": (
        lambda o: O.SequentialLR(o, [O.LinearLR(o, start_factor=0.01, total_iters=10),
                                     O.CosineAnnealingLR(o, T_max=90)], milestones=[10]),
        lambda o: L.SequentialLR(o, [L.LinearLR(o, start_factor=0.01, total_iters=10),
                                     L.CosineAnnealingLR(o, T_max=90)], milestones=[10]),
    ),
    "cosine-restarts": (
        lambda o: O.SequentialLR(o, [O.CosineAnnealingLR(o, 25) for _ in range(4)],
                                 milestones=[25, 50, 75]),
        lambda o: L.SequentialLR(o, [L.CosineAnnealingLR(o, 25) for _ in range(4)],
                                 milestones=[25, 50, 75]),
    ),
}


@pytest.mark.parametrize("name", list(SCHEDULERS))
def test_scheduler_matches_torch(name):
    make_ours, make_ref = SCHEDULERS[name]
    opt = O.SGD([np.zeros(2)], lr=0.1)
    tparam = torch.zeros(2, requires_grad=True)
    topt = torch.optim.SGD([tparam], lr=0.1)
    sched, tsched = make_ours(opt), make_ref(topt)
    ours, theirs = [opt.param_groups[0]["lr"]], [topt.param_groups[0]["lr"]]
    assert sched.get_last_lr() == [ours[0]]
    for _ in range(100):
        opt.step([np.zeros(2)])
        topt.step()  # no .grad: a no-op, but the order optimizer -> scheduler is respected
        sched.step()
        tsched.step()
        ours.append(opt.param_groups[0]["lr"])
        theirs.append(topt.param_groups[0]["lr"])
    np.testing.assert_allclose(ours, theirs, rtol=1e-13, atol=1e-15)
    assert sched.get_last_lr() == [ours[-1]]
    assert len(set(np.round(ours, 12))) > 1  # the schedule did change the rate


def test_closed_forms():
    # independent of torch: the textbook formulas
    opt = O.SGD([np.zeros(1)], lr=0.2)
    sched = O.CosineAnnealingLR(opt, T_max=50, eta_min=0.01)
    for t in range(1, 51):
        sched.step()
        expected = 0.01 + 0.5 * (0.2 - 0.01) * (1 + math.cos(math.pi * t / 50))
        assert opt.param_groups[0]["lr"] == pytest.approx(expected, rel=1e-12)
    opt = O.SGD([np.zeros(1)], lr=0.2)
    sched = O.StepLR(opt, step_size=10, gamma=0.5)
    for t in range(1, 40):
        sched.step()
        assert opt.param_groups[0]["lr"] == pytest.approx(0.2 * 0.5 ** (t // 10), rel=1e-12)


def test_scheduler_drives_the_optimizer_step():
    p = np.array([0.0])
    opt = O.SGD([p], lr=1.0)
    sched = O.ExponentialLR(opt, gamma=0.5)
    for _ in range(3):
        opt.step([np.array([-1.0])])  # step of +lr
        sched.step()
    assert p[0] == pytest.approx(1.0 + 0.5 + 0.25)


@pytest.mark.parametrize(
    ("make", "error", "name"),
    [
        (lambda o: O.StepLR(o, step_size=0), ValueError, "step_size"),
        (lambda o: O.StepLR(o, step_size=2.5), TypeError, "step_size"),
        (lambda o: O.CosineAnnealingLR(o, T_max=0), ValueError, "T_max"),
        (lambda o: O.LinearLR(o, start_factor=0.0), ValueError, "start_factor"),
        (lambda o: O.LinearLR(o, end_factor=1.5), ValueError, "end_factor"),
        (lambda o: O.LinearLR(o, total_iters=0), ValueError, "total_iters"),
        (lambda o: O.LambdaLR(o, 0.5), TypeError, "lr_lambda"),
        (lambda o: O.SequentialLR(o, [O.StepLR(o, 5)], milestones=[3]), ValueError, "milestones"),
        (lambda o: O.ExponentialLR(o, gamma=0.9, last_epoch=5), ValueError, "initial_lr"),
        (lambda o: O.StepLR(torch.optim.SGD([torch.zeros(1, requires_grad=True)]), 3),
         TypeError, "optimizer"),
    ],
)
def test_bad_scheduler_arguments_raise(make, error, name):
    opt = O.SGD([np.zeros(1)], lr=0.1)
    with pytest.raises(error, match=name):
        make(opt)


# --- gradient clipping -------------------------------------------------------------------


def _grad_pair(seed, scale):
    rng = np.random.default_rng(seed)
    grads = [rng.normal(size=s) * scale for s in [(4, 3), (7,), (2, 2, 2)]]
    tparams = []
    for g in grads:
        t = torch.zeros(g.shape, dtype=torch.float64, requires_grad=True)
        t.grad = torch.tensor(g)
        tparams.append(t)
    return grads, tparams


@pytest.mark.parametrize("norm_type", [1.0, 2.0, 3.5, math.inf])
@pytest.mark.parametrize("max_norm", [0.5, 5.0, 1e3])
def test_clip_grad_norm_matches_torch(norm_type, max_norm):
    grads, tparams = _grad_pair(5, 2.0)
    total = O.clip_grad_norm_(grads, max_norm, norm_type=norm_type)
    ttotal = torch.nn.utils.clip_grad_norm_(tparams, max_norm, norm_type=norm_type)
    assert isinstance(total, float)
    assert total == pytest.approx(float(ttotal), rel=1e-13)
    for g, t in zip(grads, tparams):
        np.testing.assert_allclose(g, t.grad.numpy(), rtol=1e-13, atol=1e-15)
    clipped = float(np.linalg.norm(np.concatenate([g.ravel() for g in grads]), ord=norm_type))
    assert clipped <= max_norm * (1 + 1e-12)


def test_clip_grad_norm_keeps_direction():
    grads, _ = _grad_pair(6, 10.0)
    before = np.concatenate([g.ravel() for g in grads])
    O.clip_grad_norm_(grads, 1.0)
    after = np.concatenate([g.ravel() for g in grads])
    cosine = before @ after / (np.linalg.norm(before) * np.linalg.norm(after))
    assert cosine == pytest.approx(1.0, abs=1e-14)
    # the 1e-6 of torch: the result is just below max_norm
    assert np.linalg.norm(after) == pytest.approx(np.linalg.norm(before) / (np.linalg.norm(before) + 1e-6))


def test_clip_grad_norm_nonfinite():
    g = np.array([1.0, np.inf])
    with pytest.raises(RuntimeError, match="non-finite"):
        O.clip_grad_norm_(g, 1.0, error_if_nonfinite=True)
    t = torch.zeros(2, dtype=torch.float64, requires_grad=True)
    t.grad = torch.tensor([1.0, np.inf], dtype=torch.float64)
    with pytest.raises(RuntimeError):
        torch.nn.utils.clip_grad_norm_([t], 1.0, error_if_nonfinite=True)
    total = O.clip_grad_norm_(g, 1.0)
    ttotal = torch.nn.utils.clip_grad_norm_([t], 1.0)
    assert total == float(ttotal) == math.inf
    np.testing.assert_array_equal(g, t.grad.numpy())  # 1 * 0 = 0, inf * 0 = nan, as torch


def test_clip_grad_norm_empty_and_zero():
    assert O.clip_grad_norm_([], 1.0) == 0.0
    g = np.zeros(3)
    assert O.clip_grad_norm_(g, 1.0) == 0.0
    np.testing.assert_array_equal(g, 0.0)


@pytest.mark.parametrize("clip_value", [0.0, 0.3, 1.0, 100.0])
def test_clip_grad_value_matches_torch(clip_value):
    grads, tparams = _grad_pair(8, 1.0)
    assert O.clip_grad_value_(grads, clip_value) is None
    torch.nn.utils.clip_grad_value_(tparams, clip_value)
    for g, t in zip(grads, tparams):
        np.testing.assert_array_equal(g, t.grad.numpy())


@pytest.mark.parametrize(
    ("call", "error", "name"),
    [
        (lambda g: O.clip_grad_norm_(g, -1.0), ValueError, "max_norm"),
        (lambda g: O.clip_grad_norm_(g, 1.0, norm_type=0), ValueError, "norm_type"),
        (lambda g: O.clip_grad_norm_(g, 1.0, norm_type="2"), TypeError, "norm_type"),
        (lambda g: O.clip_grad_value_(g, -0.5), ValueError, "clip_value"),
        (lambda g: O.clip_grad_value_([[1.0, 2.0]], 0.5), TypeError, "grads"),
        (lambda g: O.clip_grad_norm_(np.arange(3), 1.0), TypeError, "grads"),
    ],
)
def test_bad_clipping_arguments_raise(call, error, name):
    with pytest.raises(error, match=name):
        call([np.ones(3)])
