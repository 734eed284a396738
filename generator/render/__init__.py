"""Rendering: definitions and measurements into page content (charts, Markdown)."""
