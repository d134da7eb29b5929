#!/usr/bin/env python3
"""Mittendrin's entry point: python build.py [build|check|serve] – see README.md."""

import sys

try:
    from mittendrin.cli import main
except ModuleNotFoundError as missing:  # started with a Python that lacks the project's packages
    sys.exit(
        f"Dieses Python kennt das Paket „{missing.name}“ nicht, das Mittendrin braucht.\n"
        "    → Richten Sie alles mit „make site“ ein und starten Sie dann mit: .venv/bin/python build.py …"
    )

if __name__ == "__main__":
    sys.exit(main())
