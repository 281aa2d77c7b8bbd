"""Pure-Python domain: types, offsets, agreement. Imports nothing from the rest of the package."""
