"""Command line and composition root."""
