"""Project: the welcome page, recent projects, new/open files, import and export, backups, document
metadata and the annotator's name. Imports gui.session, gui.commands and the shell's shared
pieces, never another room.
"""
