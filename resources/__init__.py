"""Read-only data of 巡河助手, installed as the package `patrol_app_resources` (see setup.py).

A package, so that importlib.resources finds it in a wheel install; the app reads it only through
patrol_app/resources.py.
"""
