"""Scheme: the editor for labels, stance values and targets, one page per kind; imports only
gui.session and gui.commands.
"""
