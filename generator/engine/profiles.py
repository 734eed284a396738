"""Engine profiles: which database measures and checks, chosen in one place (``kpi.yml`` or ``--engine``).

A profile is plain, picklable data (a worker process opens its own connection from it). The secret
part of a server profile, its connection string, comes from an environment variable at open time and
is never stored in the profile, a cache key, a log or a message.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import TYPE_CHECKING, assert_never

from ..model.bilingual import BilingualError
from ..model.settings import EngineName, ProjectSettings

if TYPE_CHECKING:
    from .backend import Backend


class EngineUnavailable(BilingualError):
    """The chosen engine cannot be opened here; the message says what to set or install."""


@dataclass(frozen=True)
class EngineProfile:
    """Which engine, and how to reach it (never the secret itself)."""

    name: EngineName = "duckdb"
    duckdb_threads: int | None = None
    postgres_dsn_env: str = "KPI_POSTGRES_DSN"
    spark_master: str = "local[2]"
    spark_remote: str | None = None

    @classmethod
    def from_settings(cls, settings: ProjectSettings | None, name: EngineName | None = None) -> EngineProfile:
        """The project's profile (``kpi.yml``), with ``name`` (a command's ``--engine``) taking precedence."""
        chosen = settings or ProjectSettings()
        return cls(
            name=name or chosen.engine,
            duckdb_threads=chosen.engines.duckdb.threads,
            postgres_dsn_env=chosen.engines.postgres.dsn_env,
            spark_master=chosen.engines.spark.master,
            spark_remote=chosen.engines.spark.remote,
        )

    def open(self) -> Backend:
        """A new connection; the caller closes it."""
        if self.name == "duckdb":
            from .duckdb_backend import DuckDbBackend

            return DuckDbBackend(threads=self.duckdb_threads)
        if self.name == "postgres":
            return self._open_postgres()
        if self.name == "spark":
            from .spark_profile import open_spark

            return open_spark(self.spark_master, self.spark_remote)
        assert_never(self.name)

    def _open_postgres(self) -> Backend:
        conninfo = os.environ.get(self.postgres_dsn_env, "").strip()
        if not conninfo:
            raise EngineUnavailable(
                f"エンジン postgres の接続先がありません — 環境変数 {self.postgres_dsn_env} に接続文字列"
                "(例: host=db.example port=5432 dbname=kpi user=kpi)を設定してください"
                "(git には書かないでください)",
                f"engine postgres has no connection string — set the environment variable"
                f" {self.postgres_dsn_env} (e.g. host=db.example port=5432 dbname=kpi user=kpi);"
                " never commit it",
            )
        try:
            from .postgres_backend import PostgresBackend
        except ImportError:
            raise EngineUnavailable(
                "エンジン postgres には psycopg が必要です"
                " — pip install 'psycopg[binary]' を実行してください",
                "engine postgres needs psycopg — run pip install 'psycopg[binary]'",
            ) from None
        import psycopg

        try:
            return PostgresBackend(conninfo)
        except psycopg.Error as error:
            # psycopg's message names host and database, never the password: safe to show.
            reason = " ".join(str(error).split())[:300]
            raise EngineUnavailable(
                f"PostgreSQL に接続できません({self.postgres_dsn_env} の接続先): {reason}",
                f"cannot connect to PostgreSQL (the server in {self.postgres_dsn_env}): {reason}",
            ) from None
