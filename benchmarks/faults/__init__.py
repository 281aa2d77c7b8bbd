"""Fault trials: kill work at random moments, two writers; the long runs outside the test suite."""
