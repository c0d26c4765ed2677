"""Thin views of the meetings app: read through ``access``, write through ``actions``, render."""
