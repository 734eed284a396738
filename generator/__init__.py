"""Lead-nurturing KPIs as code: load → validate → measure → check → render → build."""

__version__ = "0.1.0"
