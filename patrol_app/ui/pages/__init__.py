"""The pages of the main window. Each sets its texts in `retranslate_ui` for live language switches."""
