"""Review: agreement numbers, heat map and progress, the adjudication window settling disagreements
into gold, and merging others' files. Imports gui.session, gui.commands, the shell's shared
pieces and (the one exception) reading's document view for its columns.
"""
