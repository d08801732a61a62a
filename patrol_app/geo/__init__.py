"""Tracks and coordinates: GPX/KML/NMEA import, track maths, WGS-84/GCJ-02. No Qt."""
