"""巡河助手 River Patrol: offline-first desktop app for the River Chief System (河长制)."""

__version__ = "0.1.0"
APP_NAME = "patrol-app"
