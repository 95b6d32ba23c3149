"""The README's Python snippets and the package docstring run as written."""

import doctest
import pathlib
import re

import weir

README = pathlib.Path(__file__).resolve().parents[2] / "README.md"


def test_readme_python_blocks():
    blocks = re.findall(r"```python\n(.*?)```", README.read_text(encoding="utf-8"), re.S)
    assert blocks, "README.md has no ```python block"
    for block in blocks:
        exec(compile(block, "README.md", "exec"), {})


def test_package_docstring():
    failures, tried = doctest.testmod(weir, raise_on_error=False)
    assert tried > 0 and failures == 0
