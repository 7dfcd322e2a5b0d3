"""Convolution arithmetic: output sizes, padding amounts and parameter counts.

The rule every framework follows, for one spatial dimension::

    W2 = floor((W1 - F + 2P) / S) + 1

with W1 the input width, F the filter width, P the zero padding on each side
and S the stride.  The depth of the output is the number of filters, K.
A convolutional layer has ``(F*F*D1 + 1) * K`` parameters: K filters of
F x F x D1 weights plus one bias each.

Sizes W, F, P and S are whole numbers up to ``MAX_SIZE`` (a million): a bigger
one is a typo, and some of these functions loop over the sizes.
"""

from __future__ import annotations

import math

from .validate import as_int, as_padding

MAX_SIZE = 10**6

# how each size is named in messages, and its smallest value
SIZES = {
    "w": ("w (input size W)", 1),
    "f": ("f (filter size F)", 1),
    "p": ("p (padding P)", 0),
    "s": ("s (stride S)", 1),
}


def _size(value, which: str) -> int:
    """Check one of the sizes W, F, P, S: an int from its minimum to MAX_SIZE."""
    name, minimum = SIZES[which]
    return as_int(value, name, minimum=minimum, maximum=MAX_SIZE)


def output_size(w, f, p=0, s=1, strict=False) -> int:
    """Output width of a convolution or pooling window: floor((W - F + 2P)/S) + 1.

    - ``w``: input width W (>= 1); ``f``: filter width F (>= 1);
      ``p``: zero padding P on each side (>= 0); ``s``: stride S (>= 1).
    - Frameworks floor: positions whose window would run past the padded edge
      are dropped.  With ``strict=True`` a division that is not exact raises a
      ValueError listing the paddings (at this stride) and strides (at this
      padding) that would fit exactly.

    Examples (the slides): ``output_size(32, 5, 2, 1) == 32``,
    ``output_size(32, 5, 2, 2) == 16`` (15.5 floored, then + 1).
    """
    w, f, p, s = _size(w, "w"), _size(f, "f"), _size(p, "p"), _size(s, "s")
    if not isinstance(strict, bool):
        raise TypeError(f"strict must be True or False, got {strict!r}")
    span = w - f + 2 * p  # how far the window can travel
    if span < 0:
        raise ValueError(f"f (filter size F={f}) is larger than the padded input W + 2P = {w + 2 * p}")
    if strict and span % s != 0:
        raise ValueError(_strict_message(w, f, p, s))
    return span // s + 1


def fitting_paddings(w, f, s) -> list[int]:
    """Paddings P in 0..F-1 for which (W - F + 2P)/S is a whole number (>= 0).

    Larger paddings only add windows that see nothing but zeros.
    """
    w, f, s = _size(w, "w"), _size(f, "f"), _size(s, "s")
    return [q for q in range(f) if w - f + 2 * q >= 0 and (w - f + 2 * q) % s == 0]


def fitting_strides(w, f, p) -> list[int]:
    """Strides S for which (W - F + 2P)/S is a whole number (the divisors of W - F + 2P)."""
    w, f, p = _size(w, "w"), _size(f, "f"), _size(p, "p")
    span = w - f + 2 * p
    if span < 0:
        return []
    if span == 0:
        return [1]
    # divisors come in pairs t and span // t, one of them <= sqrt(span)
    small = [t for t in range(1, math.isqrt(span) + 1) if span % t == 0]
    return sorted(set(small + [span // t for t in small]))


def keras_output_size(w, f, s=1, padding="valid") -> int:
    """What a Keras layer gives: "valid" = floor((W - F)/S) + 1, "same" = ceil(W/S)."""
    w, f, s = _size(w, "w"), _size(f, "f"), _size(s, "s")
    if not isinstance(padding, str):
        raise TypeError(f'padding must be "valid" or "same", got {padding!r} ({type(padding).__name__})')
    if padding == "same":
        return math.ceil(w / s)
    if padding == "valid":
        return output_size(w, f, 0, s)
    raise ValueError(f'padding must be "valid" or "same", got {padding!r}')


def _strict_message(w: int, f: int, p: int, s: int) -> str:
    span = w - f + 2 * p
    text = (
        f"(W - F + 2P)/S = ({w} - {f} + 2*{p})/{s} = {span}/{s} = {span / s:g} "
        f"is not an integer, so the filter does not tile the input exactly."
    )
    paddings = fitting_paddings(w, f, s)
    if paddings:
        text += f" At stride S={s}, these paddings P fit: {', '.join(map(str, paddings))}."
    elif s % 2 == 0 and (w - f) % 2 == 1:
        text += f" At stride S={s}, no padding P fits (W - F = {w - f} is odd and 2P is even)."
    else:
        text += f" At stride S={s}, no padding P from 0 to F-1 = {f - 1} fits."
    text += f" At padding P={p}, these strides S fit: {', '.join(map(str, fitting_strides(w, f, p)))}."
    return text


def same_padding(w, f, s=1) -> tuple[int, int]:
    """Zero padding (before, after) that TensorFlow/Keras use for ``padding="same"``.

    The output has ``ceil(W / S)`` positions.  The padding needed for that,
    ``max((ceil(W/S) - 1)*S + F - W, 0)``, is split with the smaller half
    before and the larger half after (so an odd total puts the extra zero at
    the bottom/right).
    """
    w, f, s = _size(w, "w"), _size(f, "f"), _size(s, "s")
    out = math.ceil(w / s)
    total = max((out - 1) * s + f - w, 0)
    return total // 2, total - total // 2


def padding_amounts(w, f, s, padding) -> tuple[int, int]:
    """Resolve ``padding`` (int P, "valid" or "same") to zeros (before, after).

    An int P is at most ``MAX_SIZE``; "same" follows ``same_padding``.
    """
    padding = as_padding(padding)
    if padding == "valid":
        return 0, 0
    if padding == "same":
        return same_padding(w, f, s)
    return (as_int(padding, "padding", maximum=MAX_SIZE),) * 2


def conv_params(f, d_in, k, bias=True) -> int:
    """Parameters of a convolutional layer: (F*F*D1 + 1) * K.

    ``f``: filter size F (square F x F), ``d_in``: input depth D1 (channels),
    ``k``: number of filters K; ``bias=False`` drops the ``+ 1``.
    Examples: ``conv_params(5, 3, 10) == 760``, ``conv_params(3, 32, 64) == 18496``.
    """
    f = as_int(f, "f (filter size F)", minimum=1)
    d_in = as_int(d_in, "d_in (input depth D1)", minimum=1)
    k = as_int(k, "k (number of filters K)", minimum=1)
    if not isinstance(bias, bool):
        raise TypeError(f"bias must be True or False, got {bias!r}")
    return (f * f * d_in + int(bias)) * k


def dense_params(n_in, n_out, bias=True) -> int:
    """Parameters of a fully connected layer: (n_in + 1) * n_out.

    Example: ``dense_params(576, 64) == 36928``.
    """
    n_in = as_int(n_in, "n_in (inputs)", minimum=1)
    n_out = as_int(n_out, "n_out (outputs)", minimum=1)
    if not isinstance(bias, bool):
        raise TypeError(f"bias must be True or False, got {bias!r}")
    return (n_in + int(bias)) * n_out


def receptive_field(layers) -> list[tuple[int, int]]:
    """How far each layer of a stack sees: ``[(size, jump), ...]``, one pair per layer.

    ``layers`` is a list of ``(kernel, stride)`` pairs, from the input up (a
    conv layer 3x3 stride 1 is ``(3, 1)``, a 2x2 pooling ``(2, 2)``).  A unit
    of layer L depends on a ``size`` x ``size`` square of input pixels, and two
    neighbouring units of layer L are ``jump`` input pixels apart::

        size_L = size_(L-1) + (kernel_L - 1) * jump_(L-1)      size_0 = 1
        jump_L = jump_(L-1) * stride_L                         jump_0 = 1

    Each extra kernel cell reaches one neighbour further in the layer below,
    and neighbours there are ``jump`` pixels apart.  Padding does not change
    the size (it only adds zeros at the border).
    """
    if isinstance(layers, (str, bytes)) or not hasattr(layers, "__iter__"):
        raise TypeError(f"layers must be a list of (kernel, stride) pairs, got {layers!r}")
    size, jump, out = 1, 1, []
    for i, layer in enumerate(layers):
        if not isinstance(layer, (tuple, list)) or len(layer) != 2:
            raise TypeError(f"layers[{i}] must be a (kernel, stride) pair, got {layer!r}")
        kernel, stride = (
            as_int(layer[0], f"layers[{i}] kernel", minimum=1),
            as_int(layer[1], f"layers[{i}] stride", minimum=1),
        )
        size, jump = size + (kernel - 1) * jump, jump * stride
        out.append((size, jump))
    return out
