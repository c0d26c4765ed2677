"""Lieguan (列管): meetings and the follow-up of their decisions."""
