"""The Chinese typography of the prose (tests/site/_typography.py, .autocorrectrc).

Every prose source follows one spacing rule between Chinese and Latin (AutoCorrect's,
applied by ``make format-prose``) and quotes Chinese with “…” (‘…’ inside); the samples
below prove the checks fail on bad text and that the formatter never touches what is not
prose.
"""

import pytest

import _typography as typo

FILES = typo.prose_files()


def _rel(path):
    return path.relative_to(typo.ROOT).as_posix()


def test_the_rule_covers_every_prose_source():
    names = {_rel(p) for p in FILES}
    assert "docs/index.md" in names and "docs/api.rst" in names
    assert "gallery/losses/GALLERY_HEADER.rst" in names
    assert "gallery/activations/plot_01_activation_functions.py" in names
    assert not any(n.startswith(("docs/generated/", "docs/_")) for n in names)
    pages = {p.relative_to(typo.ROOT).as_posix() for p in (typo.ROOT / "docs").glob("**/*.md")}
    pages = {n for n in pages if not n.startswith(("docs/generated/", "docs/_"))}
    assert len(pages) >= 30 and pages <= names


@pytest.mark.parametrize("path", FILES, ids=_rel)
def test_source_follows_the_typography_rule(path):
    problems = typo.lint_file(path)
    assert not problems, "run `make format-prose`:\n" + "\n".join(map(str, problems))


# ------------------------------------------------------------------ bad samples fail
BAD_MYST = """\
(sample)=
# 激活函数ReLU

ROC曲线和KL散度,在$x$处取值。
用`np.exp`计算，约{glue:text}`ratio:.2f`倍；{term}`ReLU`家族。
见{ref}`act-sigmoid`。

```{figure} /a.png
:alt: 两个ReLU的图

图注里的ReLU曲线。
```

:::{admonition} 勘误：2个问题
:class: erratum

**加粗ReLU**的说明。
:::
"""

GOOD_MYST = """\
(sample)=
# 激活函数 ReLU

ROC 曲线和 KL 散度，在 $x$ 处取值。
用 `np.exp` 计算，约 {glue:text}`ratio:.2f` 倍；{term}`ReLU` 家族。
见 {ref}`act-sigmoid`。

```{figure} /a.png
:alt: 两个 ReLU 的图

图注里的 ReLU 曲线。
```

:::{admonition} 勘误：2 个问题
:class: erratum

**加粗 ReLU** 的说明。
:::
"""

BAD_SCRIPT = '''\
r"""
激活函数ReLU
============

本例画出ReLU的曲线。
"""

label = "ReLU曲线"  # a string and a code comment: not prose

# %%
# 小节ReLU
# ---------
#
# 在 :math:`x`\\ 处取 ``relu``的值，共3层。

describe(fig, "左图ReLU的曲线")
describe(fig, f"AUC为{auc:.3f}的曲线")
'''

GOOD_SCRIPT = '''\
r"""
激活函数 ReLU
=============

本例画出 ReLU 的曲线。
"""

label = "ReLU曲线"  # a string and a code comment: not prose

# %%
# 小节 ReLU
# ---------
#
# 在 :math:`x` 处取 ``relu`` 的值，共 3 层。

describe(fig, "左图 ReLU 的曲线")
describe(fig, f"AUC 为 {auc:.3f} 的曲线")
'''


def _write(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_bad_myst_fails_and_is_fixed(tmp_path):
    bad = _write(tmp_path, "bad.md", BAD_MYST)
    problems = typo.lint_file(bad, quotes=False)
    lines = {p.line for p in problems}
    # every line with a violation is reported (heading, prose, role by its shown title,
    # alt text, caption, directive title, bold)
    assert lines == {2, 4, 5, 6, 9, 11, 14, 17}, "\n".join(map(str, problems))
    assert typo.format_file(bad) == GOOD_MYST
    assert not typo.lint_file(_write(tmp_path, "good.md", GOOD_MYST), quotes=False)


def test_bad_gallery_script_fails_and_only_its_prose_is_fixed(tmp_path):
    bad = _write(tmp_path, "plot_bad.py", BAD_SCRIPT)
    problems = typo.lint_file(bad, quotes=False)
    assert {p.line for p in problems} == {2, 5, 11, 14, 16, 17}, "\n".join(map(str, problems))
    # the title underline grows with the title; code, strings and comments stay
    assert typo.format_file(bad) == GOOD_SCRIPT
    assert not typo.lint_file(_write(tmp_path, "plot_good.py", GOOD_SCRIPT), quotes=False)


# ------------------------------------------------------------------ constructs are kept
KEEP = [
    "---\nfile_format: mystnb\nkernelspec:\n  name: python3\n---",
    "```{code-cell} ipython3\n:tags: [remove-cell]\nx = \"中文ReLU\"  # 中文ReLU\n```",
    "{term}`过拟合`",
    "{term}`Leaky ReLU <带泄漏的 ReLU>`",
    "{ref}`勘误框 <err-relu-sparsity>`",
    "{glue:text}`sm_p1:.4f`",
    "{cite:t}`glorot2011sparse`",
    "{func}`~dlnotes.activations.relu`",
    "$\\sigma'(x)=\\text{中文,}$",
    "`x=\"中文\"`",
    "<!-- 注释ReLU的,\"x\" -->",
    "(act-x)=",
    ":class: erratum-ReLU的",
    ":name: fig-ReLU的",
    "$$\n\\text{否则,}\\quad x\"中\"\n$$",
    "](https://zhuanlan.zhihu.com/p/1?a=\"中\")",
    "```{index} ! 激活函数ReLU\n```",
    "```{glossary}\n激活函数ReLU\nactivation function\n",
]

SAMPLE = f"""\
{KEEP[0]}

{KEEP[11]}
# 标题

{KEEP[1]}

正文ReLU{KEEP[2]}与{KEEP[3]}的,{KEEP[4]}是{KEEP[5]}倍{KEEP[6]}说{KEEP[7]}用{KEEP[8]}和{KEEP[9]}的
[知乎ReLU{KEEP[15]}的。
{KEEP[10]}

```{{admonition}} 题目ReLU的
{KEEP[12]}
{KEEP[13]}

正文ReLU的。
```

{KEEP[14]}

{KEEP[16]}

{KEEP[17]}   定义ReLU的。
```
"""


def test_formatter_keeps_every_construct_and_is_idempotent():
    out = typo.format_myst(SAMPLE, "sample")
    assert out != SAMPLE
    for construct in KEEP:
        assert out.count(construct) == SAMPLE.count(construct), construct
    assert typo.format_myst(out, "sample") == out
    assert "正文 ReLU {term}`过拟合`与 {term}`Leaky ReLU <带泄漏的 ReLU>` 的，" in out
    assert "定义 ReLU 的。" in out


def test_unknown_roles_and_directives_are_errors_not_guesses(tmp_path):
    bad = _write(tmp_path, "unknown.md", "见{newrole}`x`。\n\n```{newdirective}\n正文\n```\n")
    messages = " ".join(p.message for p in typo.lint_file(bad, quotes=False))
    assert "newdirective" in messages
    bad = _write(tmp_path, "unknown2.md", "见{newrole}`x`。\n\n见{ref}`no-such-label`。\n")
    messages = " ".join(p.message for p in typo.lint_file(bad, quotes=False))
    assert "newrole" in messages and "no-such-label" in messages


def test_rest_inline_markup_keeps_the_space_it_needs():
    # docutils does not end inline markup before an opening full-width bracket
    assert typo.format_segment("取 :math:`p` （真实分布）", "rst") == "取 :math:`p` （真实分布）"
    # but MyST has no such rule
    assert typo.format_segment("取 $p$ （真实分布）", "md") == "取 $p$（真实分布）"


# ------------------------------------------------------------------ quotation marks
BAD_QUOTES = """\
# 标题

原笔记说"交叉熵不包括熵"，这里的"软"是指'平滑'吗？他说"输出'饱和'时梯度为 0"。
The paper says "soft" in English only: not Chinese prose.

```{code-cell} ipython3
label = "中文"  # "注释"
```

用 `x = "中文"` 与 $\\text{"中文"}$ 表示，见 {term}`"软"标签 <软标签>` 与 [链接](https://a.cn/?q="中")。
<!-- "注释" -->

```{figure} /a.png
:alt: 图里的"饱和"区
:class: "中文"

图注里的"饱和"区。
```
"""

GOOD_QUOTES = """\
# 标题

原笔记说“交叉熵不包括熵”，这里的“软”是指'平滑'吗？他说“输出‘饱和’时梯度为 0”。
The paper says "soft" in English only: not Chinese prose.

```{code-cell} ipython3
label = "中文"  # "注释"
```

用 `x = "中文"` 与 $\\text{"中文"}$ 表示，见 {term}`"软"标签 <软标签>` 与 [链接](https://a.cn/?q="中")。
<!-- "注释" -->

```{figure} /a.png
:alt: 图里的“饱和”区
:class: "中文"

图注里的“饱和”区。
```
"""


def test_straight_quotes_in_chinese_prose_fail_and_are_fixed(tmp_path):
    bad = _write(tmp_path, "quotes.md", BAD_QUOTES)
    problems = typo.lint_file(bad)
    # the prose, the alt text and the caption; not the English line, code, math, the
    # {term} text (the glossary matches it), the link target, the comment, the option
    assert {p.line for p in problems} == {3, 14, 17}, "\n".join(map(str, problems))
    assert typo.format_file(bad) == GOOD_QUOTES
    # a single quote outside “…” next to Chinese is still reported (it needs a hand)
    left = typo.lint_file(_write(tmp_path, "good.md", GOOD_QUOTES))
    assert [p.line for p in left] == [3, 3] and all("'平滑'" in p.message for p in left), left


def test_an_unpaired_quote_is_reported_not_guessed(tmp_path):
    bad = _write(tmp_path, "odd.md", '他说"不加激活，然后"停下"。\n')
    problems = typo.lint_file(bad)
    assert any("odd number" in p.message for p in problems)
    assert typo.format_file(bad) == '他说"不加激活，然后"停下"。\n'


def test_gallery_quotes_change_in_prose_only(tmp_path):
    script = (
        'r"""\n标题\n====\n\n这是"朴素"版本。\n"""\n\n'
        'ax.set_title("\\"朴素\\"版本")  # "朴素"的注释\n\n'
        '# %%\n# 所谓"朴素"版本。\n'
    )
    out = typo.format_file(_write(tmp_path, "plot_q.py", script))
    assert out == script.replace('这是"朴素"', "这是“朴素”").replace('所谓"朴素"', "所谓“朴素”")


# ------------------------------------------------------------------ reST markup
def test_rest_markup_glued_to_chinese_is_reported(tmp_path):
    script = 'r"""\n标题\n====\n\n交叉熵**包含**熵，取 ``a``（b）。\n"""\n'
    messages = [p.message for p in typo.lint_file(_write(tmp_path, "plot_m.py", script))]
    assert len(messages) == 3 and all("plain text" in m for m in messages), messages
    fixed = script.replace("熵**包含**熵", "熵\\ **包含**\\ 熵").replace("``a``（", "``a``\\ （")
    assert not typo.lint_file(_write(tmp_path, "plot_m.py", fixed))
