"""Reading: the document text widget, its panes side by side and search. Like every room it imports
gui.session, gui.commands and the shell's shared pieces (window_actions, safe_text_browser,
resources), never another room.
"""
