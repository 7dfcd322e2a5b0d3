"""``python -m helpers doctor``: is this machine ready for the course?"""

import sys

from . import environment

USAGE = "usage: python -m helpers doctor [--no-devices]"

if __name__ == "__main__":
    if len(sys.argv) < 2 or sys.argv[1] != "doctor":
        print(USAGE, file=sys.stderr)
        sys.exit(2)
    sys.exit(environment.main(sys.argv[2:]))
