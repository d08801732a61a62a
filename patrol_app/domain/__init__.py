"""Pure-Python domain: the glossary's types, periods and patrol rules. No Qt, no SQL."""
