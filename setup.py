"""Packaging beyond what pyproject.toml can say: resources/ installed as a package, the .qm built on the way.

The metadata lives in pyproject.toml; only the package layout and the build hook are here.

resources/ stays a top-level folder of the checkout, but a wheel has no "next to the package" for it:
it is installed as its own package, `patrol_app_resources` (not `resources`, a name other projects'
wheels also drop into site-packages), and patrol_app/resources.py reads it with importlib.resources.
The compiled translation is not in git (it is built from the .ts), so every build compiles it here;
without this a `pip install .` runs in English under a Chinese locale.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from setuptools import find_namespace_packages, setup
from setuptools.command.build_py import build_py

ROOT = Path(__file__).resolve().parent
RESOURCES = "patrol_app_resources"
I18N = ROOT / "resources" / "i18n"


def lrelease(ts: Path, qm: Path) -> None:
    """Compile one .ts with the lrelease of the PySide6 this interpreter imports (a build requirement).

    Run through the same function as the `pyside6-lrelease` script, not found on PATH: under pip's
    build isolation or a venv that is not activated, PATH may hold no such script, or another one.
    """
    qm.parent.mkdir(parents=True, exist_ok=True)
    code = "import sys; from PySide6.scripts.pyside_tool import lrelease; sys.argv[0] = 'lrelease'; lrelease()"
    built = qm.with_name(qm.name + ".tmp")  # renamed into place: a running app has the old one mapped
    done = subprocess.run(
        [sys.executable, "-c", code, str(ts), "-qm", str(built)], capture_output=True, text=True, check=False
    )
    if done.returncode != 0 or not built.is_file() or built.stat().st_size == 0:
        raise RuntimeError(f"lrelease could not compile {ts}:\n{done.stdout}{done.stderr}")
    os.replace(built, qm)


class BuildPyWithTranslations(build_py):
    """build_py that also compiles resources/i18n/*.ts into the package's .qm files."""

    def _targets(self, folder: Path) -> list[tuple[Path, Path]]:
        return [(ts, folder / ts.with_suffix(".qm").name) for ts in sorted(I18N.glob("*.ts"))]

    def _build_folder(self) -> Path:
        return Path(self.build_lib, RESOURCES, "i18n")

    def run(self) -> None:
        super().run()
        # An editable install imports resources/ itself, so the .qm has to be there (as `make` puts it).
        folder = I18N if self.editable_mode else self._build_folder()
        for ts, qm in self._targets(folder):
            lrelease(ts, qm)

    def get_outputs(self, include_bytecode: bool = True) -> list[str]:
        outputs = super().get_outputs(include_bytecode)
        if not self.editable_mode:
            outputs += [str(qm) for _, qm in self._targets(self._build_folder())]
        return outputs

    def get_output_mapping(self) -> dict[str, str]:
        mapping = super().get_output_mapping()
        mapping.update({str(qm): str(ts) for ts, qm in self._targets(self._build_folder())})
        return mapping


setup(
    packages=[
        *find_namespace_packages(include=["patrol_app*", "sync*"], exclude=["*.__pycache__"]),
        RESOURCES,
    ],
    package_dir={RESOURCES: "resources"},
    # The .ts sources stay out: the app reads only the compiled .qm.
    package_data={RESOURCES: ["registry/*.json", "rules/*.json", "i18n/*.qm", "icons/*.png"],
                  # Alembic's template for new office migrations (`alembic revision`).
                  "sync.office.migrations": ["script.py.mako"]},
    cmdclass={"build_py": BuildPyWithTranslations},
)
