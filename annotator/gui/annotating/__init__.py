"""Annotating: the label palette, the controller that turns a click into a command, the inspector,
the annotation list and the guidelines dock. Imports gui.session, gui.commands and the shell's
shared pieces, never another room.
"""
