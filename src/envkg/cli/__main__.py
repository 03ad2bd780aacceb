"""``python -m envkg.cli`` runs the command line."""

from envkg.cli import main

main()
