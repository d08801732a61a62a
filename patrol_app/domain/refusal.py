"""A rule's "no": what cannot be done and why, in Chinese and English.

Raised by the domain (a problem or patrol that cannot be recorded), the store (a record changed or
locked meanwhile) and the services above them; the GUI and the CLI show `zh`/`en` as they are.
"""

from __future__ import annotations


class Refusal(Exception):
    """Why an action cannot be done, in Chinese and English; `code` is stable for tests and logs."""

    def __init__(self, code: str, zh: str, en: str) -> None:
        super().__init__(en)
        self.code, self.zh, self.en = code, zh, en

    def bilingual(self) -> str:
        return f"{self.zh}\n{self.en}"

    def text(self, language: str) -> str:
        return self.zh if language.startswith("zh") else self.en

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Refusal) and (self.code, self.zh, self.en) == (other.code, other.zh, other.en)

    def __hash__(self) -> int:
        return hash((self.code, self.zh))
