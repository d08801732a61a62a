"""Encryption at rest for covert drafts: a key from a passphrase, AES-GCM for what it protects.

No SQL here (`store/covert.py` keeps the key's salt and parameters); the `cryptography` package does
the work:
- The key (256 bits) comes from the passphrase through a memory-hard KDF: Argon2id (RFC 9106's second
  recommended setting: 64 MiB, 3 passes, 4 lanes; ~0.14 s on the development laptop) where the installed
  `cryptography` offers it, else scrypt (n = 2^17, r = 8, p = 1: 128 MiB). The KDF's name, parameters
  and a random 16-byte salt are stored, so a key made with one setting is derived again with the same.
- A sealed value is `b"S1" + 12-byte random nonce + AES-256-GCM(ciphertext + tag)`, with the value's
  owner (e.g. the inspection's uuid) as associated data: a sealed draft copied onto another row does
  not open.
- A key-check value (a known text sealed under the key) tells a wrong passphrase from a damaged value.

The passphrase is taken as typed (Unicode NFC, so an input method's composed and decomposed forms of
the same characters agree), never stored, and the derived key lives only in a `CovertKey` the caller
holds.
"""

from __future__ import annotations

import os
import unicodedata
from dataclasses import dataclass, field
from typing import Any

from cryptography.exceptions import InvalidTag, UnsupportedAlgorithm
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

try:  # cryptography ≥ 44 (and an OpenSSL that has it)
    from cryptography.hazmat.primitives.kdf.argon2 import Argon2id
except ImportError:  # pragma: no cover - depends on the installed version
    Argon2id = None  # type: ignore[assignment,misc]

KEY_BYTES = 32
SALT_BYTES = 16
NONCE_BYTES = 12
PREFIX = b"S1"  # format version of a sealed value
CHECK_TEXT = b"patrol-app covert drafts key check v1"
CHECK_OWNER = "key-check"
MIN_PASSPHRASE = 6

ARGON2ID_PARAMS = {"memory_cost": 65536, "iterations": 3, "lanes": 4}
SCRYPT_PARAMS = {"n": 2**17, "r": 8, "p": 1}


class Unsealable(Exception):
    """The value does not open under this key: a wrong key, or a damaged value."""


@dataclass(frozen=True)
class KdfSetting:
    """How a key is derived: the KDF's name and parameters, and the salt."""

    name: str  # "argon2id" | "scrypt"
    params: dict[str, int]
    salt: bytes


@dataclass(frozen=True)
class CovertKey:
    """A key derived from the passphrase, held by whoever unlocked the drafts (never stored)."""

    secret: bytes = field(repr=False)

    def seal(self, plaintext: bytes, owner: str) -> bytes:
        nonce = os.urandom(NONCE_BYTES)
        return PREFIX + nonce + AESGCM(self.secret).encrypt(nonce, plaintext, owner.encode())

    def open(self, sealed: bytes, owner: str) -> bytes:
        """The plaintext, or Unsealable."""
        if not sealed.startswith(PREFIX) or len(sealed) < len(PREFIX) + NONCE_BYTES + 16:
            raise Unsealable("not a sealed value")
        nonce = sealed[len(PREFIX):len(PREFIX) + NONCE_BYTES]
        try:
            return AESGCM(self.secret).decrypt(nonce, sealed[len(PREFIX) + NONCE_BYTES:], owner.encode())
        except InvalidTag:
            raise Unsealable("wrong key or damaged value") from None

    def check_value(self) -> bytes:
        return self.seal(CHECK_TEXT, CHECK_OWNER)

    def matches(self, check_value: bytes) -> bool:
        try:
            return self.open(check_value, CHECK_OWNER) == CHECK_TEXT
        except Unsealable:
            return False


def argon2id_available() -> bool:
    if Argon2id is None:
        return False
    try:
        Argon2id(salt=b"\0" * SALT_BYTES, length=KEY_BYTES, iterations=1, lanes=1, memory_cost=8).derive(b"x")
    except UnsupportedAlgorithm:  # pragma: no cover - an OpenSSL without Argon2
        return False
    return True


def new_setting(kdf: str | None = None) -> KdfSetting:
    """A fresh salt with the strongest KDF available (or the one named, for tests)."""
    name = kdf or ("argon2id" if argon2id_available() else "scrypt")
    params = dict(ARGON2ID_PARAMS if name == "argon2id" else SCRYPT_PARAMS)
    return KdfSetting(name, params, os.urandom(SALT_BYTES))


def normalized(passphrase: str) -> bytes:
    return unicodedata.normalize("NFC", passphrase).encode("utf-8")


def derive(passphrase: str, setting: KdfSetting) -> CovertKey:
    """The key for `passphrase` under `setting` (slow on purpose: ~0.1–0.4 s)."""
    p: dict[str, Any] = setting.params
    kdf: Argon2id | Scrypt
    if setting.name == "argon2id":
        if Argon2id is None:  # pragma: no cover - a key made elsewhere, read with an older cryptography
            raise UnsupportedAlgorithm("Argon2id is not available in this installation")
        kdf = Argon2id(salt=setting.salt, length=KEY_BYTES, iterations=int(p["iterations"]), lanes=int(p["lanes"]),
                       memory_cost=int(p["memory_cost"]))
    elif setting.name == "scrypt":
        kdf = Scrypt(salt=setting.salt, length=KEY_BYTES, n=int(p["n"]), r=int(p["r"]), p=int(p["p"]))
    else:
        raise ValueError(f"unknown KDF {setting.name!r}")
    return CovertKey(kdf.derive(normalized(passphrase)))
