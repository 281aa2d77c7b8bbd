"""Reading: the document text widget, its panes side by side and search; imports only gui.session
and gui.commands.
"""
