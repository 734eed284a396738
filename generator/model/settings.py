"""``kpi.yml``: how a project is measured and built — which engine, which site builder (all optional)."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, StringConstraints

from .base import Spec

EngineName = Literal["duckdb", "postgres", "spark"]
SiteEngineName = Literal["mkdocs", "zensical"]
ENGINE_NAMES: tuple[EngineName, ...] = ("duckdb", "postgres", "spark")
SITE_ENGINE_NAMES: tuple[SiteEngineName, ...] = ("mkdocs", "zensical")

EnvironmentVariable = Annotated[str, StringConstraints(pattern=r"^[A-Z][A-Z0-9_]{0,63}$")]


class DuckDbProfile(Spec):
    """The embedded default: no server; the tables are the Parquet/CSV files in the data folder."""

    threads: int | None = Field(default=None, ge=1, le=256, description="DuckDB worker threads")


class PostgresProfile(Spec):
    """A PostgreSQL server. The connection string is read from an environment variable, never from git."""

    dsn_env: EnvironmentVariable = Field(
        default="KPI_POSTGRES_DSN", description="environment variable holding the libpq connection string"
    )


class SparkProfile(Spec):
    """Apache Spark: local mode by default, a cluster through Spark Connect (``remote``)."""

    master: Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9\[\]*,:/._-]{1,200}$")] = Field(
        default="local[2]", description="Spark master URL for a session started here (local[N], yarn, …)"
    )
    remote: Annotated[str, StringConstraints(pattern=r"^sc://[A-Za-z0-9._:/-]{1,200}$")] | None = Field(
        default=None, description="Spark Connect server (sc://host:15002); no secrets here — use its auth"
    )


class EngineProfiles(Spec):
    duckdb: DuckDbProfile = DuckDbProfile()
    postgres: PostgresProfile = PostgresProfile()
    spark: SparkProfile = SparkProfile()


class SiteSettings(Spec):
    engine: SiteEngineName = Field(default="mkdocs", description="the static-site builder")


class ProjectSettings(Spec):
    """The whole ``kpi.yml``; every command's ``--engine`` / ``--site-engine`` overrides it."""

    engine: EngineName = Field(default="duckdb", description="the engine that measures and checks")
    engines: EngineProfiles = EngineProfiles()
    site: SiteSettings = SiteSettings()
