"""Scheme: the editor for labels, stance values and targets, one page per kind. Imports
gui.session, gui.commands and the shell's shared pieces, never another room.
"""
