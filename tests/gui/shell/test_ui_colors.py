"""ui_colors: one table per scheme, tones in the app sheet, widgets restyled on a switch."""

from __future__ import annotations

from dataclasses import fields

import pytest
from PySide6.QtWidgets import QLabel

from annotator.core.colors import contrast_ratio
from annotator.gui.reading import view_colors
from annotator.gui.shell import ui_colors
from annotator.gui.shell.resources import load_stylesheet

TEXT_FIELDS = ("text", "muted", "faint", "error", "accent", "ok")


@pytest.fixture(autouse=True)
def light_after():
    yield
    ui_colors.use_dark(False)


@pytest.mark.parametrize("table", [ui_colors.LIGHT, ui_colors.DARK], ids=["light", "dark"])
def test_every_kind_of_text_reads_on_the_window_and_the_base(table) -> None:
    for name in TEXT_FIELDS:
        for background in (table.window, table.base, table.card):
            assert contrast_ratio(getattr(table, name), background) >= 4.5, (name, background)
    for fill, text in table.cells.values():
        assert contrast_ratio(text, fill) >= 4.5
    assert contrast_ratio(table.done_text, table.done_box) >= 4.5
    assert contrast_ratio(table.notice_text, table.notice_box) >= 4.5
    assert contrast_ratio(table.error_box_text, table.error_box) >= 4.5


def test_the_two_tables_have_the_same_keys() -> None:
    for each in fields(ui_colors.UiColors):
        light, dark = getattr(ui_colors.LIGHT, each.name), getattr(ui_colors.DARK, each.name)
        if isinstance(light, dict):
            assert light.keys() == dark.keys(), each.name
        if isinstance(light, tuple):
            assert len(light) == len(dark), each.name


def test_the_dark_agreement_scale_carries_white_values() -> None:
    for _value, colour in ui_colors.DARK.agreement_stops:
        assert contrast_ratio("#ffffff", colour) >= 4.5, colour


def test_one_switch_for_the_text_views_and_the_windows() -> None:
    view_colors.use_dark(True)
    assert ui_colors.current() is ui_colors.DARK
    ui_colors.use_dark(False)
    assert view_colors.current() is view_colors.LIGHT


def test_the_app_sheet_carries_the_tones_of_its_scheme() -> None:
    assert f'QLabel[tone="muted"] {{ color: {ui_colors.LIGHT.muted}; }}' in load_stylesheet()
    assert f'QLabel[tone="error"] {{ color: {ui_colors.DARK.error}; }}' in load_stylesheet(True)


def test_a_follower_restyles_on_every_switch_and_stops_with_its_widget(qtbot) -> None:
    label = QLabel("x")
    qtbot.addWidget(label)
    seen: list[bool] = []
    ui_colors.follow(label, lambda colors: seen.append(colors.dark))
    ui_colors.use_dark(True)
    ui_colors.use_dark(False)
    assert seen == [False, True, False]
    label.deleteLater()
    qtbot.wait_until(lambda: not label.isVisible(), timeout=1000)
    from PySide6.QtCore import QCoreApplication, QEvent

    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    ui_colors.use_dark(True)
    assert seen == [False, True, False]
