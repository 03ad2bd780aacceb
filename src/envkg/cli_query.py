"""`envkg` commands on the query modules; thin: options → library call → print."""

from __future__ import annotations

from envkg.cli import main  # noqa: F401  (commands here attach to this group)
