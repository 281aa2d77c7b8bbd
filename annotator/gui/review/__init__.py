"""Review: agreement numbers, heat map and progress, the adjudication window settling disagreements
into gold, and merging others' files; imports gui.session, gui.commands and reading's document
view.
"""
