"""Altair chart builders behind generator.render.charts; aggregates in, Vega-Lite charts out."""
