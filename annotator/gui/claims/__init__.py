"""Claims across articles: commands, the claims dock, suggestions, the claim matrix.

May import the session, the commands' base, and the reading room's views (the panes);
nothing outside `gui/shell/` imports this room except through the main window's wiring.
"""
