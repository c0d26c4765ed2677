"""The tracking pages: thin views that read through ``tracking.access`` and write through ``tracking.actions``."""
