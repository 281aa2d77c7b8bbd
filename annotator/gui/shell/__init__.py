"""Shell: the main window that lays out and wires every room, and the pieces every room may share:
the declared actions (window_actions, the only place QActions are made), resources, the safe
HTML view, the crash dialog and the About box. Only main_window imports the rooms.
"""
