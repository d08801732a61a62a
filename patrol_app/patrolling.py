"""Patrols with their tracks: where the track maths (geo) meets the records (store). Qt-free.

The GUI's editor and the `import-track` command both come through here, so a patrol's distance,
moving time, reach coverage and flags are computed one way. Flags explain; they never block saving
or finalising. Validity stays with the rules (duration and distance against the office's minimums).
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from patrol_app.domain.enums import Level
from patrol_app.domain.ids import iso_utc, parse_utc
from patrol_app.domain.patrols import PHOTO_WINDOW_TOLERANCE, PatrolForm, validate_final, validate_form
from patrol_app.domain.refusal import Refusal
from patrol_app.domain.rules import PatrolFacts, PatrolRule
from patrol_app.geo.checks import Flag, ReachFit, check_track, reach_fit
from patrol_app.geo.interpolate import position_at
from patrol_app.geo.measure import TrackStats, stats
from patrol_app.geo.readers import read_track_bytes, read_track_file, track_from_photos
from patrol_app.geo.track import Track, decode_points, encode_points, fixes
from patrol_app.store import Store
from patrol_app.userfiles import display

# Flags that only make sense for a track; a patrol without one says so instead.
_TRACK_ONLY = {"too_few_points", "no_times"}


@dataclass(frozen=True)
class Analysis:
    """What the checks say about one patrol as it stands in the editor."""

    distance_m: int
    moving_s: int | None
    coverage: float | None
    flags: tuple[Flag, ...]
    stats: TrackStats | None

    def flags_json(self) -> str:
        return json.dumps([dataclasses.asdict(f) for f in self.flags], ensure_ascii=False)


@dataclass(frozen=True)
class ImportedTrack:
    uuid: str
    duplicate: bool
    track: Track
    analysis: Analysis


def analyse(track: Track | None, *, mode: str, rule: PatrolRule, reach_line: Sequence[Sequence[float]],
            started_at: datetime | None = None, ended_at: datetime | None = None,
            manual_distance_m: int | None = None, measured: TrackStats | None = None) -> Analysis:
    """Distance, moving time, coverage and flags of a patrol with (or without) a track.

    The patrol's own start and end (which the patroller may have corrected) give its duration; the
    track gives the distance, unless there is none and the patroller typed one. `measured`: the track's
    `stats`, when the caller already has them (a day-long log takes seconds to measure).
    """
    line = [(float(x), float(y)) for x, y in reach_line]
    if track is not None and track.points:
        measured = measured or stats(track)
        fit: ReachFit | None = reach_fit(track, line) if len(line) >= 2 else None
        duration = _duration(started_at, ended_at, measured.duration_s)
        checked = dataclasses.replace(measured, duration_s=duration)
        flags = check_track(track, checked, mode=mode, min_duration_s=rule.min_duration_s,
                            min_distance_m=rule.min_distance_m, fit=fit)
        return Analysis(round(measured.distance_m), measured.moving_s, fit.coverage if fit else None, tuple(flags),
                        measured)
    distance = int(manual_distance_m or 0)
    duration = _duration(started_at, ended_at, None) or 0
    bare = TrackStats(points=0, segments=0, distance_m=float(distance), start=started_at, end=ended_at,
                      duration_s=duration, moving_s=None, max_speed_mps=None)
    flags = [f for f in check_track(Track((), "photos"), bare, mode=mode, min_duration_s=rule.min_duration_s,
                                    min_distance_m=rule.min_distance_m, fit=None) if f.code not in _TRACK_ONLY]
    flags.insert(0, Flag("no_track", "没有轨迹：里程为手工填写，无法核对路线。",
                         "No track: the distance was typed in and the route cannot be checked.", "info"))
    return Analysis(distance, None, None, tuple(flags), None)


def _duration(start: datetime | None, end: datetime | None, fallback: int | None) -> int | None:
    if start is not None and end is not None:
        return max(0, int((end - start).total_seconds()))
    return fallback


def rule_for(store: Store, level: str) -> PatrolRule:
    rules = store.registry.rules()
    return rules.get(Level(level)) or rules[Level.VILLAGE]


def reach_line(store: Store, reach_code: str) -> tuple[tuple[float, float], ...]:
    reaches = store.registry.reaches([reach_code])
    return reaches[0].geometry if reaches else ()


def load_track(store: Store, track_uuid: str | None) -> Track | None:
    if not track_uuid:
        return None
    row = store.patrols.track(track_uuid)
    if row is None:
        return None
    return Track(decode_points(row["points"]), row["format"], row["file_name"])


def track_values(track: Track, *, file_sha256: str | None, file_name: str, crs_in: str,
                 measured: TrackStats | None = None) -> dict[str, Any]:
    measured = measured or stats(track)
    return {
        "file_sha256": file_sha256, "file_name": file_name, "format": track.format, "crs_in": crs_in,
        "points": encode_points(track.points), "point_count": measured.points, "segments": measured.segments,
        "distance_m": round(measured.distance_m, 1), "duration_s": measured.duration_s, "moving_s": measured.moving_s,
        "started_at": iso_utc(measured.start) if measured.start else None,
        "ended_at": iso_utc(measured.end) if measured.end else None,
        "notes": json.dumps([dataclasses.asdict(n) for n in track.notes], ensure_ascii=False),
    }


def import_track_file(store: Store, path: Path, *, crs: str = "wgs84", patrol_uuid: str | None = None) -> ImportedTrack:
    """Read a GPX/KML/NMEA file and keep its track; with `patrol_uuid`, the draft patrol uses it.

    Raises TrackFileError for a file that is not a usable track, Refusal for a patrol that is
    finalised (locked) or gone."""
    data = read_track_file(path)
    track = read_track_bytes(data, display(path.name), crs=crs)
    patrol = None
    if patrol_uuid is not None:
        patrol = store.patrols.get(patrol_uuid)
        if patrol is None or patrol["deleted"]:
            raise Refusal("patrol_not_found", f"没有这条巡河记录：{patrol_uuid}", f"No patrol {patrol_uuid}.")
        if patrol["status"] != "draft":
            raise Refusal("patrol_locked", "这条巡河记录已经提交，不能直接修改；请在巡河记录页用“修改记录”并写明原因。",
                          "This patrol is finalised and locked: revise it on the Patrols page and give a reason.")
    measured = stats(track)
    values = track_values(track, file_sha256=hashlib.sha256(data).hexdigest(), file_name=display(path.name),
                          crs_in=crs, measured=measured)
    del data
    uuid, duplicate = store.patrols.add_track(values)
    del values  # the points as JSON text: tens of MB for a day-long log
    if patrol is not None:
        refuse_track_of_another(store, uuid, patrol_uuid)
    if patrol is None:
        analysis = analyse(track, mode="foot", rule=rule_for(store, Level.VILLAGE.code), reach_line=(),
                           measured=measured)
        return ImportedTrack(uuid, duplicate, track, analysis)
    form = store.patrols.form(patrol)
    analysis = save_draft(store, form, uuid=patrol_uuid, expected_version=int(patrol["version"]), track_uuid=uuid,
                          now=form.ended_at)
    return ImportedTrack(uuid, duplicate, track, analysis)


def refuse_track_of_another(store: Store, track_uuid: str, patrol_uuid: str | None) -> None:
    """A file already read for another patrol cannot serve this one as well (Refusal `track_in_use`)."""
    owner = store.patrols.track_owner(track_uuid)
    if owner is not None and owner["uuid"] != patrol_uuid:
        from patrol_app.domain.periods import CHINA_TZ

        when = parse_utc(owner["started_at"]).astimezone(CHINA_TZ).strftime("%Y-%m-%d %H:%M")
        raise Refusal("track_in_use", f"这个轨迹文件已经用在另一条巡河记录上（{when} 开始的那次）。",
                      f"This track file is already used by another patrol (the one started {when}).")


def patrol_values(form: PatrolForm, analysis: Analysis, track_uuid: str | None) -> dict[str, Any]:
    return {
        "reach_code": form.reach_code, "profile_uuid": form.profile_uuid, "patroller_name": form.patroller_name.strip(),
        "patroller_role": form.patroller_role, "rule_level": form.rule_level,
        "on_behalf_of_uuid": form.on_behalf_of_uuid, "on_behalf_of_name": form.on_behalf_of_name,
        "started_at": iso_utc(form.started_at), "ended_at": iso_utc(form.ended_at), "duration_s": form.duration_s,
        "distance_m": analysis.distance_m, "moving_s": analysis.moving_s, "mode": form.mode, "weather": form.weather,
        "checklist": json.dumps(form.checklist, ensure_ascii=False, sort_keys=True), "notes": form.notes,
        "track_uuid": track_uuid, "coverage": None if analysis.coverage is None else round(analysis.coverage, 4),
        "flags": analysis.flags_json(), "flag_count": sum(f.severity == "warning" for f in analysis.flags),
    }


def _analysis_for(store: Store, form: PatrolForm, track_uuid: str | None, manual_distance_m: int | None) -> Analysis:
    return analyse_form(store, form, load_track(store, track_uuid), manual_distance_m=manual_distance_m)


def analyse_form(store: Store, form: PatrolForm, track: Track | None, *, manual_distance_m: int | None = None,
                 measured: TrackStats | None = None) -> Analysis:
    """The checks for a form as it stands (in the editor, before it is saved): reads the rule and the
    reach's line, writes nothing. `measured`: the track's stats, when the caller has them already."""
    return analyse(track, mode=form.mode, rule=rule_for(store, form.rule_level),
                   reach_line=reach_line(store, form.reach_code), started_at=form.started_at, ended_at=form.ended_at,
                   manual_distance_m=manual_distance_m, measured=measured)


@dataclass(frozen=True)
class Validity:
    """Whether a patrol will count as valid (有效巡河) under its rule, and by how much it falls short."""

    valid: bool
    duration_s: int
    distance_m: int
    min_duration_s: int
    min_distance_m: int

    @property
    def too_short_time(self) -> bool:
        return self.duration_s < self.min_duration_s

    @property
    def too_short_distance(self) -> bool:
        return self.distance_m < self.min_distance_m


def validity(form: PatrolForm, analysis: Analysis, rule: PatrolRule) -> Validity:
    """The test the compliance counts apply (`PatrolRule.is_valid`), on what would be saved."""
    facts = PatrolFacts(form.reach_code, form.started_at, form.duration_s, analysis.distance_m)
    return Validity(rule.is_valid(facts), form.duration_s, analysis.distance_m, rule.min_duration_s,
                    rule.min_distance_m)


def create_draft(store: Store, form: PatrolForm, *, now: datetime, track_uuid: str | None = None,
                 manual_distance_m: int | None = None) -> str:
    validate_form(form, now)
    analysis = _analysis_for(store, form, track_uuid, manual_distance_m)
    return store.patrols.create(patrol_values(form, analysis, track_uuid))


def save_draft(store: Store, form: PatrolForm, *, uuid: str, expected_version: int, now: datetime,
               track_uuid: str | None = None, manual_distance_m: int | None = None,
               finalise: bool = False) -> Analysis:
    """Save the editor's form over a draft (and finalise it when asked)."""
    (validate_final if finalise else validate_form)(form, now)
    analysis = _analysis_for(store, form, track_uuid, manual_distance_m)
    store.patrols.update_draft(uuid, patrol_values(form, analysis, track_uuid), expected_version=expected_version,
                               finalise_at=now if finalise else None)
    return analysis


def revise(store: Store, form: PatrolForm, *, uuid: str, expected_version: int, now: datetime, reason: str,
           by_uuid: str | None, by_name: str, track_uuid: str | None = None,
           manual_distance_m: int | None = None) -> Analysis:
    from patrol_app.domain.patrols import validate_revision_reason

    validate_revision_reason(reason)
    validate_final(form, now)
    analysis = _analysis_for(store, form, track_uuid, manual_distance_m)
    store.patrols.revise(uuid, patrol_values(form, analysis, track_uuid), reason=reason, by_uuid=by_uuid,
                         by_name=by_name, expected_version=expected_version)
    return analysis


@dataclass(frozen=True)
class Revision:
    """Why and by whom a finalised patrol is changed (kept with the replaced version)."""

    reason: str
    by_uuid: str | None
    by_name: str


def save_patrol(store: Store, form: PatrolForm, *, uuid: str | None, expected_version: int, now: datetime,
                track_uuid: str | None = None, manual_distance_m: int | None = None,
                photos: Sequence[str] = (), finalise: bool = False, revision: Revision | None = None) -> str:
    """The editor's Save, Finalise and Save revision: one transaction, so a crash or a refusal half-way
    never leaves a patrol half made (created but without its photos, or saved but not finalised).

    `uuid` None creates the patrol; `photos` are linked to it (placed on its track); `finalise` locks it;
    `revision` changes a finalised one. Everything is refused before the first write when the form
    cannot be saved as asked. Returns the patrol's uuid.
    """
    if revision is not None:
        if uuid is None:
            raise ValueError("only a saved, finalised patrol is revised")
        from patrol_app.domain.patrols import validate_revision_reason

        validate_revision_reason(revision.reason)
    (validate_final if finalise or revision is not None else validate_form)(form, now)
    with store.write():
        if revision is not None:
            revise(store, form, uuid=uuid, expected_version=expected_version, now=now, reason=revision.reason,
                   by_uuid=revision.by_uuid, by_name=revision.by_name, track_uuid=track_uuid,
                   manual_distance_m=manual_distance_m)
            return uuid
        if uuid is None:
            uuid = create_draft(store, form, now=now, track_uuid=track_uuid, manual_distance_m=manual_distance_m)
            if photos:
                link_photos(store, uuid, photos)
            if not finalise:
                return uuid
            expected_version = int(store.patrols.get(uuid)["version"])
        elif photos:
            link_photos(store, uuid, photos)
        save_draft(store, form, uuid=uuid, expected_version=expected_version, now=now, track_uuid=track_uuid,
                   manual_distance_m=manual_distance_m, finalise=finalise)
        return uuid


def placements(track: Track | None, photos: Sequence[dict[str, Any]]) -> dict[str, tuple[float, float, float | None]]:
    """Positions from the track for photos that have a time and no position of their own."""
    if track is None:
        return {}
    timed = fixes(track.points)
    out = {}
    for photo in photos:
        if photo.get("lat") is not None or not photo.get("taken_at"):
            continue
        fix = position_at(timed, parse_utc(photo["taken_at"]))
        if fix is not None:
            out[photo["uuid"]] = (fix.lat, fix.lon, fix.ele)
    return out


def link_photos(store: Store, patrol_uuid: str, photo_uuids: Sequence[str], *, as_of_drafting: bool = False) -> int:
    """Link photos to the (draft) patrol, placing those without GPS on its track; returns new links."""
    patrol = store.patrols.get(patrol_uuid)
    track = load_track(store, patrol["track_uuid"]) if patrol else None
    rows = store.patrols.photo_rows(photo_uuids)
    return store.patrols.link_photos(patrol_uuid, [r["uuid"] for r in rows], placements(track, rows),
                                     as_of_drafting=as_of_drafting)


def offered_photos(store: Store, form: PatrolForm, patrol_uuid: str | None) -> list[dict[str, Any]]:
    """Photos taken during the patrol (with a tolerance either side) that it does not have yet."""
    return store.patrols.photos_in_window(form.started_at - PHOTO_WINDOW_TOLERANCE,
                                          form.ended_at + PHOTO_WINDOW_TOLERANCE, exclude_patrol=patrol_uuid)


@dataclass(frozen=True)
class Proposal:
    """What "new patrol from photos" suggests: the patroller confirms or changes every field."""

    reach_code: str | None
    started_at: datetime | None
    ended_at: datetime | None
    track: Track | None
    photos: tuple[str, ...]
    reach_distance_m: float | None  # median distance of the photos from the proposed reach
    left_out: int = 0  # photos taken too long before or after the rest to be the same patrol


# Photos more than this apart in time are not one patrol (a folder often holds several days).
SAME_PATROL_GAP = timedelta(hours=2)


def _one_outing(rows: list[dict[str, Any]]) -> tuple[list[dict[str, Any]], int]:
    """The timed photos of the largest run without a SAME_PATROL_GAP pause (the latest on a tie), plus
    every photo without a time; and how many timed photos were left out."""
    timed = sorted((r for r in rows if r["taken_at"]), key=lambda r: r["taken_at"])
    runs: list[list[dict[str, Any]]] = []
    for row in timed:
        if runs and parse_utc(row["taken_at"]) - parse_utc(runs[-1][-1]["taken_at"]) <= SAME_PATROL_GAP:
            runs[-1].append(row)
        else:
            runs.append([row])
    best = max(reversed(runs), key=len) if runs else []
    return best + [r for r in rows if not r["taken_at"]], len(timed) - len(best)


def propose_from_photos(store: Store, photo_uuids: Sequence[str], reach_codes: Sequence[str]) -> Proposal:
    """Reach (the nearest of `reach_codes`, else of all reaches), start/end and a track from the photos of
    one outing (a folder with several days' photos proposes the day with most of them)."""
    rows, left_out = _one_outing(store.patrols.photo_rows(photo_uuids))
    times = sorted(parse_utc(r["taken_at"]) for r in rows if r["taken_at"])
    placed = [(parse_utc(r["taken_at"]), r["lat"], r["lon"], r["alt"]) for r in rows
              if r["taken_at"] and r["lat"] is not None]
    track = track_from_photos(placed) if len(placed) >= 2 else None
    reach, distance = None, None
    if placed:
        positions = Track(tuple(track.points) if track else track_from_photos(placed).points, "photos")
        candidates = store.registry.reaches(list(reach_codes) or None)
        best = None
        for candidate in candidates:
            if len(candidate.geometry) < 2:
                continue
            fit = reach_fit(positions, candidate.geometry)
            if fit.median_distance_m is not None and (best is None or fit.median_distance_m < best[1]):
                best = (candidate.code, fit.median_distance_m)
        if best is not None:
            reach, distance = best
    elif len(reach_codes) == 1:
        reach = reach_codes[0]
    start = times[0] if times else None
    end = times[-1] if times else None
    if start is not None and end is not None and end - start < timedelta(minutes=1):
        end = start + timedelta(minutes=1)
    return Proposal(reach, start, end, track, tuple(r["uuid"] for r in rows), distance, left_out)


def keep_photo_track(store: Store, proposal: Proposal) -> str | None:
    """Store the track a proposal built from photos (no file); returns its uuid."""
    if proposal.track is None:
        return None
    uuid, _ = store.patrols.add_track(track_values(proposal.track, file_sha256=None, file_name="", crs_in="wgs84"))
    return uuid
