"""The PySide6 GUI. The only package that imports Qt; nothing imports it."""
