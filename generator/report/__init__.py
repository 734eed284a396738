"""Turn a validation outcome into what people and CI read: text, JSON, GitHub annotations."""

from .formats import FORMATTERS, format_github, format_json, format_text
from .outcome import CheckOutcome

__all__ = ["FORMATTERS", "CheckOutcome", "format_github", "format_json", "format_text"]
