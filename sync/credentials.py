"""Where a device keeps its office token: the OS keyring where one works, else a file only the
user can read. Never in the database, which is copied around (backups, exports, a USB stick)."""

from __future__ import annotations

import os
from pathlib import Path

SERVICE = "RiverPatrol"
TOKEN_FILE = "device-token"


def _keyring():  # type: ignore[no-untyped-def]
    try:
        import keyring
        from keyring.backends import fail

        backend = keyring.get_keyring()
        if isinstance(backend, fail.Keyring) or getattr(backend, "priority", 0) <= 0:
            return None
        return keyring
    except Exception:  # noqa: BLE001 - a broken keyring (no D-Bus, locked wallet) means: use the file
        return None


class TokenStore:
    """The token of one device (`device_id`) whose data lives in `data_dir`."""

    def __init__(self, data_dir: Path, device_id: str, *, use_keyring: bool = True) -> None:
        self.file = Path(data_dir) / TOKEN_FILE
        self.device_id = device_id
        self._use_keyring = use_keyring and os.environ.get("PATROL_APP_NO_KEYRING") != "1"

    def save(self, token: str) -> str:
        """Store the token; returns where ('keyring' or 'file')."""
        ring = _keyring() if self._use_keyring else None
        if ring is not None:
            try:
                ring.set_password(SERVICE, self.device_id, token)
                self.file.unlink(missing_ok=True)
                return "keyring"
            except Exception:  # noqa: BLE001 - fall back to the file
                pass
        tmp = self.file.with_name(f".{TOKEN_FILE}.part")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="ascii") as f:
            f.write(token)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, self.file)
        return "file"

    def load(self) -> str | None:
        if self.file.is_file():
            return self.file.read_text(encoding="ascii").strip() or None
        ring = _keyring() if self._use_keyring else None
        if ring is not None:
            try:
                return ring.get_password(SERVICE, self.device_id)
            except Exception:  # noqa: BLE001
                return None
        return None
