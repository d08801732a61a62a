"""The 交办 list starts with the units nearest the user: own unit, own township, own county, then the rest."""

from __future__ import annotations

from patrol_app.domain.units import nearest_units_first

COUNTIES = {"鲁山县", "叶县", "郏县", "汝州市"}


def test_own_unit_then_township_then_county_then_others_each_in_the_given_order() -> None:
    units = ["叶县沙河保洁公司", "汝州市水利局", "白龟山水库管护站", "郏县下汤镇人民政府", "鲁山县水利局",
             "鲁山县下汤镇人民政府", "下汤镇巡河队", "鲁山县下汤镇林庄村", "鲁山县熊背乡人民政府"]
    ordered = nearest_units_first(units, own_unit="鲁山县下汤镇林庄村", townships={"下汤镇"}, counties={"鲁山县"},
                                  all_counties=COUNTIES)
    assert ordered == [
        "鲁山县下汤镇林庄村",  # own unit
        "鲁山县下汤镇人民政府", "下汤镇巡河队",  # own township (with or without the county in the name)
        "鲁山县水利局", "鲁山县熊背乡人民政府",  # own county
        "叶县沙河保洁公司", "汝州市水利局", "白龟山水库管护站",
        "郏县下汤镇人民政府",  # a 下汤镇 of another county is not the user's township
    ]


def test_without_reaches_or_unit_the_order_is_kept() -> None:
    units = ["叶县水利局", "鲁山县水利局"]
    assert nearest_units_first(units, own_unit="", townships=set(), counties=set(), all_counties=COUNTIES) == units
