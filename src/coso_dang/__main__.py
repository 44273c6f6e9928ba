"""``python -m coso_dang``: the ``coso-dang`` command, for when it is not on the PATH."""

import sys

from coso_dang.cli import main

if __name__ == "__main__":  # pragma: no branch
    sys.exit(main())
