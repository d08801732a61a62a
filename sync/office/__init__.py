"""The city river-chief office's receiving server (`patrol-office`): same protocol as the devices.

FastAPI over SQLAlchemy Core; an embedded SQLite file by default, PostgreSQL in production, one code
path. Photos live on disk, content-addressed. Imports nothing of `patrol_app`.
"""
