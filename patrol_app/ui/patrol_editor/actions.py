"""What the track and photos tabs ask of the patrol editor: read a track file or make a track from the
photos, add and remove photos, open one full size, report a problem found on the patrol.

A mixin of `PatrolEditor` (editor.py): it works through the editor's form, its background runner
(`_run`, `_load`) and its message line, and keeps the editor's module to the shell itself.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import Qt, Slot

from patrol_app import patrolling
from patrol_app.domain.clock import TimeEvidence, clock_behind
from patrol_app.domain.patrols import problem_items_marked
from patrol_app.geo.track import Track
from patrol_app.store import Store
from patrol_app.ui.dialogs.photo_viewer import PhotoViewer
from patrol_app.ui.dialogs.problem import ReportProblemDialog
from patrol_app.ui.evidence import import_into
from patrol_app.ui.i18n import current_language
from patrol_app.ui.patrol_editor.wording import RED, span
from patrol_app.ui.tasks import WorkContext


class EvidenceActions:
    """Mixed into PatrolEditor (listed first); uses its form, `_run`, `_load` and message line."""

    # ---- track -----------------------------------------------------------------------------------

    def choose_track_file(self) -> None:
        self.track.choose_file()

    @Slot(object, bool)
    def import_track_file(self, path: Path, gcj02: bool = False) -> None:
        """Read the file in the background and use its track; the patrol's times follow the track's."""
        crs, patrol_uuid = "gcj02" if gcj02 else "wgs84", self._uuid

        def work(store: Store, context: WorkContext) -> tuple[str, Track]:
            import hashlib

            from patrol_app.geo.readers import read_track_bytes, read_track_file

            data = read_track_file(path)  # refuses a file over MAX_BYTES before reading it, like the CLI
            track = read_track_bytes(data, path.name, crs=crs)
            uuid, _ = store.patrols.add_track(patrolling.track_values(
                track, file_sha256=hashlib.sha256(data).hexdigest(), file_name=path.name, crs_in=crs))
            patrolling.refuse_track_of_another(store, uuid, patrol_uuid)
            return uuid, track

        self._run(work, self._use_track, writes=True)

    def _use_track(self, result: tuple[str, Track]) -> None:
        uuid, track = result
        form = self.form()
        times = [p.time for p in track.points if p.time is not None]
        if times:
            form = replace(form, started_at=min(times), ended_at=max(times))
            # Track times are GPS times: a laptop clock behind them is wrong, and saving would only say
            # "the start is in the future". Say what is wrong and what to do, under the form.
            warning = clock_behind(self._now(), [TimeEvidence(gps=max(times), subject="track")])
            if warning is not None:
                text = warning.message_zh if current_language().startswith("zh") else warning.message_en
                self._notice = span(text, RED)
        self._load(form, uuid)

    @Slot()
    def track_from_photos(self) -> None:
        photos, reaches = self.photo_strip.photo_uuids(), [str(self.reach.currentData())]

        def work(store: Store, context: WorkContext) -> tuple[str, Track] | None:
            proposal = patrolling.propose_from_photos(store, photos, reaches)
            uuid = patrolling.keep_photo_track(store, proposal)
            return (uuid, proposal.track) if uuid and proposal.track else None

        def done(result: tuple[str, Track] | None) -> None:
            if result is None:
                self.message.setText(span(self.tr("At least two of the patrol's photos need a GPS position to "
                                                   "make a track."), RED))
                return
            self._use_track(result)

        self._run(work, done, writes=True)

    @Slot()
    def remove_track(self) -> None:
        self._load(self.form(), None, manual=0)

    # ---- photos and problems ---------------------------------------------------------------------

    @Slot()
    def add_offered_photos(self) -> None:
        form, uuid = self.form(), self._uuid

        def work(store: Store, context: WorkContext) -> list[str]:  # not those another patrol already has
            return [p["uuid"] for p in patrolling.offered_photos(store, form, uuid) if not p["linked"]]

        self._run(work, self.add_photos)

    def add_photos(self, photo_uuids: list[str]) -> None:
        """Add photos to the patrol: at once for a saved one, on first save for a new one."""
        if not photo_uuids:
            self.message.setText(self.tr("No other photos were taken during this patrol."))
            return
        if self._uuid is None:
            self._pending_photos += [p for p in photo_uuids if p not in self._pending_photos]
            self._load(self.form(), self._track_uuid, manual=self.manual_distance())
            return
        uuid = self._uuid

        def work(store: Store, context: WorkContext) -> int:
            return patrolling.link_photos(store, uuid, photo_uuids)

        self._run(work, lambda n: self._load(self.form(), self._track_uuid, manual=self.manual_distance()),
                  writes=True)

    @Slot(list)
    def add_photo_files(self, files: list[Path]) -> None:
        self._run(lambda store, context: import_into(store, files, context),
                  lambda attached: self.add_photos([r["uuid"] for r in attached.photos]), writes=True)

    @Slot(list)
    def remove_photos(self, chosen: list[str]) -> None:
        if self._uuid is None:
            self._pending_photos = [p for p in self._pending_photos if p not in chosen]
            self._load(self.form(), self._track_uuid, manual=self.manual_distance())
            return
        uuid = self._uuid

        def work(store: Store, context: WorkContext) -> None:
            with store.write():  # all of them or none
                for photo in chosen:
                    store.patrols.unlink_photo(uuid, photo)

        self._run(work, lambda _: self._load(self.form(), self._track_uuid, manual=self.manual_distance()),
                  writes=True)

    @Slot(int)
    def open_photo(self, index: int) -> None:
        """The photo full size, the patrol's others a click (or an arrow key) away."""
        self.viewer = PhotoViewer(self._data_dir, self.photo_strip.photo_uuids(), index, self, runner=self._runner)
        self.viewer.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.viewer.open()

    @Slot()
    def report_problem(self) -> None:
        if self._profile is None:
            return
        if self._uuid is None:  # a problem is linked to a saved patrol: save the draft first, then report
            self.save(finalise=False, then=self.report_problem)
            return
        marked = problem_items_marked(self.form().checklist)
        dialog = ReportProblemDialog(store=self._store, runner=self._runner, profile=self._profile,
                                     patrol_uuid=self._uuid, parent=self)
        dialog.preset(reach_code=str(self.reach.currentData()), item_code=marked[0].problem_item if marked else None,
                      found_at=self.form().started_at)
        dialog.saved.connect(self._problem_reported)
        dialog.finished.connect(self._report_closed)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    @Slot(object)
    def _problem_reported(self, _uuid: object) -> None:
        if self._finalise_after_report:  # the user was finalising: go on with it, on the fresh record
            self._finalise_after_report = False
            self._after_load = self._finalise_again
        self.reload()
        self.saved.emit(self._uuid or "")

    @Slot(int)
    def _report_closed(self, result: int) -> None:
        if self._finalise_after_report:  # closed without reporting
            self._finalise_after_report = False
            self.message.setText(span(self.tr("No problem was reported, so the patrol was not finalised: it is "
                                               "still a draft."), RED))

    def _finalise_again(self) -> None:
        if not self.final:
            self.ask_finalise()

    def reload(self) -> None:
        if self._uuid:
            keep = self._revising
            self._load(None, None)
            self._revising = keep
