"""The fuzz tests' engine and spec tables (the test itself: ``tests/test_fuzz.py``).

- ``engine.py``: the strategies of bad values, the ``Spec`` a row is, the
  rule a call must follow (works, or a plain ValueError/TypeError naming the
  parameter), the time and memory limits, the tally, and the three runs
  (good values, the classic bad values, the random cases);
- ``specs_<module>.py``: one table (``SPECS``) per module of ``helpers``,
  one ``Spec`` per public helper.

To fuzz a new helper: add a ``Spec`` to its module's table (``engine.Spec``
says how a row is read); a new table goes into ``TABLES`` in
``tests/test_fuzz.py``.
"""

import matplotlib

matplotlib.use("Agg")  # before anything imports pyplot: the fuzz draws into figures nobody shows
