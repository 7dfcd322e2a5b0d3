"""helpers.sliding, the window plumbing that ops, backward and loops share.

- ``offsets`` picks the same cells as the ``windows`` view, and ``positions``
  is the slides' formula with P = 0 on the padded length;
- the one "window fits" rule: every op, vectorised or plain loop, forward or
  backward, refuses a window that does not fit with the same message;
- the cache blocking changes no number: one image per block or one block
  for the batch give the same result;
- ``crop_hw`` undoes ``pad_hw``; ``as_gradient`` names ``dy`` and the op.
"""

from __future__ import annotations

import itertools

import numpy as np
import pytest

from helpers import arithmetic, loops, ops, sliding

RNG = np.random.default_rng(28)


@pytest.mark.parametrize("fh, fw, stride", [(1, 1, 1), (3, 3, 1), (2, 3, 2), (5, 2, 3)])
def test_offsets_pick_the_cells_of_every_window(fh, fw, stride):
    xp = RNG.standard_normal((2, 11, 9, 3))
    view = sliding.windows(xp, fh, fw, stride)  # (N, H2, W2, C, fh, fw)
    out_h, out_w = sliding.positions(11, fh, stride), sliding.positions(9, fw, stride)
    assert view.shape == (2, out_h, out_w, 3, fh, fw)
    rows, cols = sliding.offsets(fh, stride, out_h), sliding.offsets(fw, stride, out_w)
    for u, v in itertools.product(range(fh), range(fw)):
        np.testing.assert_array_equal(xp[:, rows[u], cols[v], :], view[..., u, v])


def test_positions_is_the_slides_formula_on_the_padded_length():
    for length, size, stride in itertools.product(range(1, 20), range(1, 8), range(1, 5)):
        if size <= length:
            assert sliding.positions(length, size, stride) == arithmetic.output_size(length, size, 0, stride)


TOO_BIG = [
    ("ops.correlate2d", lambda: ops.correlate2d(np.ones((4, 4)), np.ones((5, 5)), padding="valid")),
    ("loops.correlate2d", lambda: loops.correlate2d(np.ones((4, 4)), np.ones((5, 5)), padding="valid")),
    ("ops.conv2d", lambda: ops.conv2d(np.ones((1, 4, 4, 1)), np.ones((5, 5, 1, 1)))),
    ("loops.conv2d", lambda: loops.conv2d(np.ones((1, 4, 4, 1)), np.ones((5, 5, 1, 1)))),
    ("ops.conv2d_backward", lambda: ops.conv2d_backward(np.ones((1, 4, 4, 1)), np.ones((5, 5, 1, 1)), np.ones(1))),
    (
        "loops.conv2d_backward",
        lambda: loops.conv2d_backward(np.ones((1, 4, 4, 1)), np.ones((5, 5, 1, 1)), np.ones(1)),
    ),
]
POOL_TOO_BIG = [
    ("ops.max_pool", lambda: ops.max_pool(np.ones((4, 4)), 5)),
    ("loops.max_pool", lambda: loops.max_pool(np.ones((4, 4)), 5)),
    ("ops.avg_pool", lambda: ops.avg_pool(np.ones((4, 4)), 5)),
    ("loops.avg_pool", lambda: loops.avg_pool(np.ones((4, 4)), 5)),
    ("ops.max_pool_backward", lambda: ops.max_pool_backward(np.ones((4, 4)), np.ones((1, 1)), 5)),
    ("loops.max_pool_backward", lambda: loops.max_pool_backward(np.ones((4, 4)), np.ones((1, 1)), 5)),
    ("ops.avg_pool_backward", lambda: ops.avg_pool_backward(np.ones((4, 4)), np.ones((1, 1)), 5)),
    ("loops.avg_pool_backward", lambda: loops.avg_pool_backward(np.ones((4, 4)), np.ones((1, 1)), 5)),
]


@pytest.mark.parametrize(
    "calls, message",
    [
        (TOO_BIG, "kernel (5x5) is larger than the padded input (4x4 after padding='valid')"),
        (POOL_TOO_BIG, "pool window (5x5) is larger than the padded input (4x4 after padding='valid')"),
    ],
    ids=["kernel", "pool window"],
)
def test_one_window_fits_rule_and_one_message(calls, message):
    messages = {}
    for name, call in calls:
        with pytest.raises(ValueError) as info:
            call()
        messages[name] = str(info.value)
    assert all(text.startswith(message) for text in messages.values()), messages
    assert len(set(messages.values())) == 1, messages


def test_the_cache_blocks_change_no_number(monkeypatch):
    x = RNG.standard_normal((7, 10, 10, 3))
    w = RNG.standard_normal((3, 3, 3, 4))
    results = []
    for block_bytes in (1, 1 << 30):  # one image per block; the whole batch in one block
        monkeypatch.setattr(sliding, "BLOCK_BYTES", block_bytes)
        assert sliding.images_per_block(7, 10_000) == (1 if block_bytes == 1 else 7)
        results.append((ops.conv2d(x, w, padding="same"), ops.max_pool(x, 3, 2, "same"), ops.avg_pool(x, 2)))
    for one, other in zip(*results, strict=True):
        np.testing.assert_array_equal(one, other)


def test_crop_undoes_pad():
    x = RNG.standard_normal((2, 5, 6, 3))
    padded = sliding.pad_hw(x, (1, 2), (0, 3), value=-1.0)
    assert padded.shape == (2, 8, 9, 3)
    assert (padded[:, 0] == -1).all() and (padded[:, :, -3:] == -1).all()
    np.testing.assert_array_equal(sliding.crop_hw(padded, (1, 2), (0, 3)), x)


def test_a_gradient_of_the_wrong_shape_names_dy_and_the_op():
    with pytest.raises(ValueError, match=r"dy must have the shape of max_pool's output, \(2, 2\), got \(3, 3\)"):
        ops.max_pool_backward(np.ones((4, 4)), np.ones((3, 3)))
    with pytest.raises(ValueError, match=r"dy must have the shape of max_pool's output, \(2, 2\), got \(3, 3\)"):
        loops.max_pool_backward(np.ones((4, 4)), np.ones((3, 3)))
