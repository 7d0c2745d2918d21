"""``python -m simgroup``: the same command line as the ``simgroup`` script."""

from __future__ import annotations

from simgroup.cli import main

if __name__ == "__main__":
    main(prog_name="simgroup")
