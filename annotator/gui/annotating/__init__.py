"""Annotating: the label palette, the controller that turns a click into a command, the inspector,
the annotation list and the guidelines dock; imports gui.session, gui.commands and shell's
app-wide widgets.
"""
