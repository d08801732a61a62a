"""Demo data for trying and timing the app: `fill` a store, or `fill_folder` an unused data folder.

`generate` makes the profiles and the registry's extra reaches and calls `patrols`, `photos`,
`problems` and `covert` (the liaison profile's covert inspections) in turn; `folder` publishes a
finished demo into a data folder; `shared` holds what they all use (the progress callback's shape,
the fictional names), so none of them imports another's caller.
"""

from patrol_app.demo.folder import STAGING, exclusive, fill_folder
from patrol_app.demo.generate import DataDirNotEmpty, DemoSummary, describe, fill

__all__ = ["STAGING", "DataDirNotEmpty", "DemoSummary", "describe", "exclusive", "fill", "fill_folder"]
