"""Claims across articles: claim commands, the controller, the Claims and Suggestions docks and
the claim matrix window; imports gui.session, gui.commands, the shell's shared pieces and the
reading room's panes (whose claim markers it drives). The shell wires it into the window.
"""
