"""Configuration read from the environment (no Django imports, so the CLI can use it before setup)."""
