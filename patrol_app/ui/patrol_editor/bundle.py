"""What the patrol editor shows of one patrol, read by a worker in one go (no Qt here)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from patrol_app import patrolling
from patrol_app.domain.patrols import PatrolForm
from patrol_app.domain.rules import PatrolRule
from patrol_app.geo.track import Track
from patrol_app.store import Store


@dataclass
class Bundle:
    """Everything the editor shows of one patrol, as stored (row) or as being written (form)."""

    row: dict[str, Any] | None
    form: PatrolForm
    track_uuid: str | None
    track: Track | None
    analysis: patrolling.Analysis
    reach_line: tuple[tuple[float, float], ...]
    rule: PatrolRule
    photos: list[dict[str, Any]] = field(default_factory=list)
    problems: list[dict[str, Any]] = field(default_factory=list)
    revisions: list[dict[str, Any]] = field(default_factory=list)
    offered: int = 0


def read_bundle(store: Store, uuid: str | None, form: PatrolForm, track_uuid: str | None,
                extra_photos: list[str], manual_distance_m: int | None) -> Bundle:
    """Worker: the patrol as stored (uuid) or as being written (form), with its track analysed."""
    row = store.patrols.get(uuid) if uuid else None
    if row is not None and form is None:
        form = store.patrols.form(row)
    track = patrolling.load_track(store, track_uuid)
    analysis = patrolling.analyse_form(store, form, track, manual_distance_m=manual_distance_m)
    photos = store.patrols.photos(uuid) if uuid else []
    known = {p["uuid"] for p in photos}
    photos += [p for p in store.patrols.photo_rows(extra_photos) if p["uuid"] not in known]
    return Bundle(
        row, form, track_uuid, track, analysis, patrolling.reach_line(store, form.reach_code),
        patrolling.rule_for(store, form.rule_level), photos,
        store.patrols.problems(uuid) if uuid else [], store.patrols.revisions(uuid) if uuid else [],
        len(patrolling.offered_photos(store, form, uuid)),
    )


def read_for_load(store: Store, uuid: str | None, form: PatrolForm | None, track_uuid: str | None,
                  extra_photos: list[str], manual: int | None) -> Bundle:
    """Worker: with `form` None, the patrol as stored; else the form the editor holds, on `track_uuid`."""
    row = store.patrols.get(uuid) if uuid else None
    use_form = form or (store.patrols.form(row) if row else None)
    use_track = track_uuid if form is not None else (row["track_uuid"] if row else None)
    use_manual = manual if manual is not None else (row["distance_m"] if row and not use_track else None)
    return read_bundle(store, uuid, use_form, use_track, extra_photos, use_manual)
