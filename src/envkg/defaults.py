"""Default locations, relative to the working directory: shared by the library and the CLI
(the library never imports the CLI)."""

from pathlib import Path

DEFAULT_SOURCES = Path("data/sources")
DEFAULT_GOLD = Path("data/gold")
DEFAULT_OUT = Path("build")
DEFAULT_GRAPH = DEFAULT_OUT / "envkg.trig"
