"""Extractors: each module finds one kind of mention in a parsed Document."""
