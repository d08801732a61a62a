"""Units (单位) as people name them: free text such as "鲁山县下汤镇人民政府", ordered by how close they are."""

from __future__ import annotations


def nearest_units_first(units: list[str], *, own_unit: str, townships: set[str], counties: set[str],
                        all_counties: set[str]) -> list[str]:
    """Order unit names for someone picking whom to assign a problem to: their own unit, then units of
    their townships, then of their county, then the rest; the given order within each group.

    Units are free text ("鲁山县下汤镇人民政府"), so a unit belongs to a township or county when it names it;
    one naming only another county is never counted as in the user's township of the same name.
    """
    others = all_counties - counties

    def rank(unit: str) -> int:
        if own_unit and unit == own_unit:
            return 0
        mine = any(c in unit for c in counties)
        elsewhere = any(c in unit for c in others) and not mine
        if not elsewhere and any(t in unit for t in townships):
            return 1
        return 2 if mine else 3

    return sorted(units, key=rank)
