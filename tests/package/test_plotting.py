"""dlnotes.plotting: the figure style and the figure-description rule."""

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pytest  # noqa: E402

from dlnotes.plotting import describe, figure_description  # noqa: E402


@pytest.fixture
def fig():
    figure = plt.figure()
    yield figure
    plt.close(figure)


def test_describe_sets_the_label_that_the_scraper_reads(fig):
    text = "左图：ReLU 与它的导数，负半轴上的梯度恒为 0。"
    assert describe(fig, text) is fig
    assert fig.get_label() == text
    assert figure_description(fig) == text


def test_a_figure_without_a_description_has_none(fig):
    assert figure_description(fig) is None
    fig.set_label("An English label that is long enough")
    assert figure_description(fig) is None


@pytest.mark.parametrize("text", ["太短的说明", "ReLU and its derivative, in English only", "第一行说明文字很长很长\n第二行说明文字"])
def test_describe_refuses_a_description_that_is_not_one(fig, text):
    with pytest.raises(ValueError, match="text"):
        describe(fig, text)
    assert figure_description(fig) is None


@pytest.mark.parametrize("fig_arg, text", [("not a figure", "一段足够长的中文图片说明文字。"), (None, 42)])
def test_describe_checks_argument_types(fig, fig_arg, text):
    with pytest.raises(TypeError, match="fig" if fig_arg is not None else "text"):
        describe(fig_arg if fig_arg is not None else fig, text)
