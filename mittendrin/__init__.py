"""Mittendrin: turns one Markdown file per encounter offer into a browsable, searchable static site."""
