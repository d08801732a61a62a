"""Local app settings, declared once with their types and defaults (not synced)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from patrol_app.store.database import Store


@dataclass(frozen=True)
class Setting:
    key: str
    default: str


LANGUAGE = Setting("language", "")  # "" = follow the system locale
CURRENT_PROFILE = Setting("current_profile", "")
OFFICE_URL = Setting("office_url", "")  # where this device syncs; set by enrolment
OFFICE_CA_BUNDLE = Setting("office_ca_bundle", "")  # a CA file for an office with its own certificate
ENROLLED_AT = Setting("enrolled_at", "")


class Settings:
    def __init__(self, store: Store) -> None:
        self._store = store

    def get(self, setting: Setting) -> str:
        value = self._store.scalar("SELECT value FROM app_settings WHERE key = ?", (setting.key,))
        return setting.default if value is None else str(value)

    def set(self, setting: Setting, value: str) -> None:
        with self._store.write() as conn:
            conn.execute(
                "INSERT INTO app_settings (key, value) VALUES (?, ?) "
                "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                (setting.key, value),
            )
