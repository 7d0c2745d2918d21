"""What every test shares: the process-wide language (simgroup.i18n) is English again after each
test, so a test that runs the command line or the app in Chinese leaves nothing behind."""

from __future__ import annotations

from collections.abc import Iterator

import pytest


@pytest.fixture(autouse=True)
def _english_after_each_test() -> Iterator[None]:
    yield
    from simgroup.i18n import set_language

    set_language("en")
