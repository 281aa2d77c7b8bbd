"""Shell: the main window that lays out and wires every room, its declared actions, and the
app-wide pieces (resources, crash dialog, About box, safe HTML view); the only room that imports
the others.
"""
