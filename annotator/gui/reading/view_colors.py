"""The colours the document view paints besides labels: selection, search hits, the page.

Each must read as itself next to every label highlight: the old selection blue was the
Source colour, the search-hit yellow was the Claim colour, and a stale selection left in
an inactive pane looked like a blue annotation (issue #13). The text selection is a deep
navy with white text, a selection left in a pane that lost focus is a neutral grey, search
hits are lime (the current one pink); tests/gui/reading/test_view_colors.py checks the
colour distance of each from every label colour of the palette, at every highlight depth.
"""

from __future__ import annotations

PAGE = "#ffffff"
TEXT = "#202124"
DESK = "#f1f3f4"  # beside the readable column on wide panes, like the desk around a page
SELECTION = "#1f3a93"
SELECTION_TEXT = "#ffffff"
INACTIVE_SELECTION = "#b4b4b4"
INACTIVE_SELECTION_TEXT = TEXT
SEARCH_HIT = "#c6ff00"
SEARCH_CURRENT = "#ff4081"
SELECTED_UNDERLINE = SELECTION  # under the selected annotation, in the selection's colour
