"""Strings of the subnetworks page."""

TEXT: dict[str, dict[str, str]] = {}
