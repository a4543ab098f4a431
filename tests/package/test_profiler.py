"""dlnotes.profiler against published numbers and an independent count by module hooks."""

import math

import pytest
import torch
import torch.nn.functional as F
from torch import nn

from _reference import PUBLISHED, on_meta
from dlnotes import architectures as A
from dlnotes import profiler as P

def macs_by_hooks(net, size):
    """Multiply-adds of the conv and linear modules, from their output shapes (closed form)."""
    total = []

    def hook(module, inputs, output):
        if isinstance(module, nn.modules.conv._ConvNd):
            per_output = module.in_channels // module.groups * math.prod(module.kernel_size)
        else:
            per_output = module.in_features
        total.append(output.numel() * per_output)

    hooks = [m.register_forward_hook(hook) for m in net.modules() if isinstance(m, (nn.Conv1d, nn.Conv2d, nn.Linear))]
    try:
        with torch.no_grad():
            net.eval()(torch.empty(size, device=next(net.parameters()).device))
    finally:
        for h in hooks:
            h.remove()
    return sum(total)


@pytest.fixture(scope="module", params=sorted(PUBLISHED))
def model(request):
    return request.param, on_meta(getattr(A, request.param))


def test_parameter_count_equals_torchvision(model):
    name, net = model
    assert P.count_params(net) == PUBLISHED[name][0]
    assert P.count_params(net, trainable_only=True) == PUBLISHED[name][0]


def test_only_trainable_parameters_when_asked():
    net = nn.Sequential(nn.Linear(3, 4), nn.Linear(4, 2))
    net[0].requires_grad_(False)
    assert P.count_params(net) == 3 * 4 + 4 + 4 * 2 + 2
    assert P.count_params(net, trainable_only=True) == 4 * 2 + 2


def test_macs_match_a_count_by_hooks_and_the_published_gflops(model):
    name, net = model
    macs = P.count_macs(net)
    assert macs == macs_by_hooks(net, (1, 3, 224, 224))
    assert round(macs / 1e9, 2) == PUBLISHED[name][1]
    assert P.count_macs(net, (4, 3, 224, 224)) == 4 * macs


def test_depth_is_the_number_in_the_name(model):
    name, net = model
    assert P.count_weight_layers(net) == PUBLISHED[name][2]


def test_summarize_gives_the_three_counts_in_one_pass(model):
    name, net = model
    assert P.summarize(net) == {"params": PUBLISHED[name][0], "macs": P.count_macs(net),
                                "depth": PUBLISHED[name][2], "output_shape": (1, 1000)}


def test_the_names_stay_importable_from_architectures():
    assert (A.count_params, A.count_macs, A.count_weight_layers, A.summarize) == (
        P.count_params, P.count_macs, P.count_weight_layers, P.summarize)


def test_counters_reject_bad_arguments():
    with pytest.raises(TypeError, match="model"):
        P.count_params("resnet")
    with pytest.raises(TypeError, match="model"):
        P.count_macs(None)
    with pytest.raises(ValueError, match="input_size"):
        P.count_macs(nn.Linear(2, 2), (0, 2))
    with pytest.raises(TypeError, match="input_size"):
        P.count_macs(nn.Linear(2, 2), 2)
    with pytest.raises(TypeError, match="trainable_only"):
        P.count_params(nn.Linear(2, 2), trainable_only="yes")


def test_counting_a_cpu_model_leaves_it_untouched():
    net = nn.Sequential(nn.Conv2d(3, 8, 3), nn.ReLU(), nn.Conv2d(8, 2, 1))
    before = [p.clone() for p in net.parameters()]
    assert P.count_macs(net, (1, 3, 10, 10)) == 8 * 8 * 8 * 27 + 8 * 8 * 2 * 8
    assert P.count_weight_layers(net, (1, 3, 10, 10)) == 2
    assert all(p.device.type == "cpu" and torch.equal(p, q) for p, q in zip(net.parameters(), before))
    assert net.training


class Assorted(nn.Module):
    """Layers beyond those of the six models: grouped, dilated and 1-d convolutions, pools."""

    def __init__(self):
        super().__init__()
        self.a = nn.Conv2d(3, 6, 4, padding="same", dilation=2)
        self.b = nn.Conv2d(6, 6, (3, 5), stride=(2, 1), padding=(1, 0), groups=3)
        self.c = nn.Conv2d(6, 4, 2, padding="valid")
        self.pool = nn.MaxPool2d(3, 2, padding=1, ceil_mode=True)
        self.avg = nn.AvgPool2d(3, 2, ceil_mode=True)
        self.conv1d = nn.Conv1d(4, 5, 3)
        self.fc = nn.Linear(5, 2)

    def forward(self, x):
        x = torch.sigmoid(self.a(x)) * torch.tanh(x.mean(1, keepdim=True))
        x = self.avg(self.pool(F.relu(self.b(x)))) - 1.0
        x = self.c(x).flatten(2)  # (N, 4, L)
        return self.fc(F.adaptive_avg_pool1d(self.conv1d(x), 1).squeeze(-1))


@pytest.mark.parametrize("size", [(2, 3, 31, 27), (1, 3, 40, 40)])
def test_counts_of_other_layers(size):
    torch.manual_seed(0)
    net = Assorted()
    summary = P.summarize(net, size)
    assert summary["output_shape"] == tuple(net(torch.zeros(size)).shape)
    assert summary["macs"] == macs_by_hooks(net, size)
    assert summary["depth"] == 5
