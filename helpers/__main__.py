"""``python -m helpers doctor``: is this machine ready for the course?

``--contributors`` adds what only contributors need: the test tooling, the report's and the site's tools, NumPy's BLAS row and the optional extras.
"""

import sys

from . import environment

USAGE = "usage: python -m helpers doctor [--no-devices] [--contributors]"

if __name__ == "__main__":
    if len(sys.argv) < 2 or sys.argv[1] != "doctor":
        print(USAGE, file=sys.stderr)
        sys.exit(2)
    sys.exit(environment.main(sys.argv[2:]))
