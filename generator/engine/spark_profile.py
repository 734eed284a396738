"""Opening the Spark engine: what is missing (pyspark, Java) is said in words, never as a traceback."""

from __future__ import annotations

import shutil
from typing import TYPE_CHECKING

from .profiles import EngineUnavailable

if TYPE_CHECKING:
    from .backend import Backend


def open_spark(master: str, remote: str | None) -> Backend:
    """A SparkBackend on ``master`` (local mode), or on the Spark Connect server ``remote``."""
    try:
        from .spark_backend import SparkBackend
    except ImportError:
        raise EngineUnavailable(
            "エンジン spark には pyspark が必要です — pip install -e '.[spark]' を実行してください",
            "engine spark needs pyspark — run pip install -e '.[spark]'",
        ) from None
    if remote is None and shutil.which("java") is None:
        raise EngineUnavailable(
            "エンジン spark(ローカル実行)には Java 17 以上が必要です"
            " — openjdk-17-jre-headless をインストールするか、engines.spark.remote に Spark Connect の"
            "接続先を設定してください",
            "engine spark (local mode) needs Java 17 or later — install openjdk-17-jre-headless, or set"
            " engines.spark.remote to a Spark Connect server",
        )
    try:
        return SparkBackend(master=master, remote=remote)
    except Exception as error:  # the JVM or the server refused: its first line says why
        reason = " ".join(str(error).split())[:300] or type(error).__name__
        raise EngineUnavailable(
            f"Spark を起動できません({reason})", f"cannot start Spark ({reason})"
        ) from None
