"""Dialogs: profile (first run and edit), error messages."""
