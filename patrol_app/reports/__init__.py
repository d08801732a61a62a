"""Exports (督办单 PDF content, and later xlsx, geojson, gpx), built without Qt.

A module here produces the content (HTML, rows, features) from store views; the ui layer only renders
it (QTextDocument → PDF) and runs it off the GUI thread.
"""
