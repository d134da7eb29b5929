#!/usr/bin/env python3
"""Mittendrin's entry point: python build.py [build|check|serve] – see README.md."""

import sys

from mittendrin.cli import main

if __name__ == "__main__":
    sys.exit(main())
