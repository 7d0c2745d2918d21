"""``python -m simgroup``: the same command line as the ``simgroup`` script."""

from __future__ import annotations

from simgroup._entry import main

if __name__ == "__main__":
    main()
