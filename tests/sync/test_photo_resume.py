"""An upload cut at 90% of a 5 MB photo resumes where the office stands and sends < 20% again."""

from __future__ import annotations

import hashlib
import os

import pytest
import requests

from sync.client import OfficeClient, SyncError
from tests.sync.faultproxy import FaultProxy
from tests.sync.test_office_api import enrolled

SIZE = 5 * 1024 * 1024


def test_an_upload_cut_at_90_percent_resumes_near_90_percent(sqlite_office, tmp_path) -> None:
    data = os.urandom(SIZE)
    sha = hashlib.sha256(data).hexdigest()
    photo = tmp_path / f"{sha}.jpg"
    photo.write_bytes(data)
    token = enrolled(sqlite_office)
    proxy = FaultProxy(sqlite_office.port)
    try:
        proxy.add("cut_after", b"PATCH /v1/photos/uploads/", after_bytes=int(SIZE * 0.9))
        # The first attempt has no retries of its own: the laptop lost its connection for good.
        first = OfficeClient(proxy.url, token=token, session=requests.Session())
        with pytest.raises(SyncError):
            first.upload_photo(sha, photo)
        assert proxy.rules[0].fired == 1
        held = sqlite_office.data_dir / "incoming" / "dev-a" / f"{sha}.part"
        assert held.stat().st_size >= SIZE * 0.85  # what arrived was kept
        sent_before = proxy.bytes_up
        second = OfficeClient(proxy.url, token=token)  # a new run, a new process state
        second.upload_photo(sha, photo)
        resent = proxy.bytes_up - sent_before
        assert resent < SIZE * 0.2, f"sent {resent / SIZE:.0%} of the photo again"
        assert second.missing_photos([sha]) == []
        assert (sqlite_office.data_dir / "photos" / sha[:2] / f"{sha}.jpg").read_bytes() == data
    finally:
        proxy.close()


def test_a_damaged_local_photo_is_refused_before_anything_is_sent(sqlite_office, tmp_path) -> None:
    data = os.urandom(10_000)
    sha = hashlib.sha256(data).hexdigest()
    photo = tmp_path / f"{sha}.jpg"
    photo.write_bytes(data[:-1] + b"\x00")
    client = OfficeClient(sqlite_office.url, token=enrolled(sqlite_office))
    with pytest.raises(SyncError) as caught:
        client.upload_photo(sha, photo)
    assert caught.value.code == "photo_damaged" and "check" in caught.value.en
    assert client.missing_photos([sha]) == [sha]
