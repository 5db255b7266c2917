"""`python -m talks`."""

from talks.cli import main

main()
