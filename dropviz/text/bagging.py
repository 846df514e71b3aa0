"""Strings of the bagging page."""

TEXT: dict[str, dict[str, str]] = {}
