"""Project: the welcome page, recent projects, new/open files, import and export, document metadata
and the annotator's name; imports only gui.session and gui.commands.
"""
