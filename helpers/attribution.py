"""What a trained network looks at: gradients of one output with respect to the input.

Three questions, one tool (TensorFlow's GradientTape):

- ``saliency(model, image, target)``: which pixels, changed a little, would
  change the score of class ``target`` most?  The map is |d score / d pixel|,
  the largest over the colour channels (Simonyan, Vedaldi and Zisserman, 2014).
- ``grad_cam(model, image, target, layer)``: which places of a conv layer's
  maps raise the score?  Each map A_k gets a weight, the average gradient of
  the score over its positions, alpha_k = mean_(i,j) d score / d A_k[i, j];
  the picture is ReLU(sum_k alpha_k A_k), at the layer's resolution
  (Selvaraju et al., 2017).  After global average pooling and a dense layer,
  alpha_k is the dense weight divided by the map's size: Grad-CAM is then the
  class activation map of Zhou et al. (2016).
- ``measured_receptive_field(model, layer, row, col)``: which input pixels
  can change unit (row, col) of a layer at all?  Those whose gradient is not
  0.  (With max pooling, only the window winners pass a gradient, so measure
  a copy with average pooling to see the whole field.)

The score is the model's output for ``target``: for the course's models a
softmax probability.  ``image`` is one image (H, W, C), scaled as the model
expects; everything returns NumPy arrays.
"""

from __future__ import annotations

import numpy as np

from .validate import as_int, as_numeric_array


def _one_image(model, image):
    image = as_numeric_array(image, "image", ndim=3, shape_hint="(H, W, C), one image")
    expected = tuple(model.inputs[0].shape[1:])
    if any(want is not None and want != got for want, got in zip(expected, image.shape)):
        raise ValueError(
            f"image must be ({', '.join(map(str, expected))}) for this model's input, got shape {image.shape}"
        )
    return image[None].astype("float32")


def _require_model(model):
    import keras

    if not isinstance(model, keras.Model):
        raise TypeError(f"model must be a Keras model, got {model!r}")


def _layer_output(model, layer):
    if not isinstance(layer, str):
        raise TypeError(f"layer must be the name of one of the model's layers, got {layer!r}")
    names = [l.name for l in model.layers]
    if layer not in names:
        raise ValueError(f"layer must be one of {names}, got {layer!r}")
    return model.get_layer(layer).output


def saliency(model, image, target):
    """|d score(target) / d pixel| for one ``image`` (H, W, C): an (H, W) map,
    the largest over the channels.  ``target``: a class index of the model's output."""
    import tensorflow as tf

    _require_model(model)
    x = tf.convert_to_tensor(_one_image(model, image))
    target = as_int(target, "target", minimum=0, maximum=int(model.outputs[0].shape[-1]) - 1)
    with tf.GradientTape() as tape:
        tape.watch(x)
        score = model(x, training=False)[0, target]
    return np.abs(tape.gradient(score, x).numpy()[0]).max(axis=-1)


def grad_cam(model, image, target, layer):
    """Grad-CAM of class ``target`` at conv layer ``layer`` (a name): an (h, w)
    map at that layer's resolution, >= 0, ReLU(sum_k alpha_k A_k) with
    alpha_k the mean gradient of the score over map k's positions."""
    import keras
    import tensorflow as tf

    _require_model(model)
    x = _one_image(model, image)
    target = as_int(target, "target", minimum=0, maximum=int(model.outputs[0].shape[-1]) - 1)
    maps_output = _layer_output(model, layer)
    if len(maps_output.shape) != 4:
        raise ValueError(f"layer must have feature maps (a 4-D output), {layer!r} has shape {tuple(maps_output.shape)}")
    probe = keras.Model(model.inputs[0], [maps_output, model.outputs[0]])
    with tf.GradientTape() as tape:
        maps, scores = probe(x, training=False)
        score = scores[0, target]
    gradients = tape.gradient(score, maps).numpy()[0]  # (h, w, K)
    alpha = gradients.mean(axis=(0, 1))  # one weight per map
    return np.maximum((np.asarray(maps)[0] * alpha).sum(axis=-1), 0)


def measured_receptive_field(model, layer, row, col):
    """The input pixels that unit (``row``, ``col``) of ``layer`` depends on,
    measured: a boolean (H, W) mask of the pixels whose gradient is not 0
    for the sum of that unit's channels, on a random input."""
    import keras
    import tensorflow as tf

    _require_model(model)
    output = _layer_output(model, layer)
    if len(output.shape) != 4:
        raise ValueError(f"layer must have feature maps (a 4-D output), {layer!r} has shape {tuple(output.shape)}")
    row = as_int(row, "row", minimum=0, maximum=int(output.shape[1]) - 1)
    col = as_int(col, "col", minimum=0, maximum=int(output.shape[2]) - 1)
    probe = keras.Model(model.inputs[0], output)
    shape = (1,) + tuple(model.inputs[0].shape[1:])
    x = tf.convert_to_tensor(np.random.default_rng(0).normal(size=shape).astype("float32"))
    with tf.GradientTape() as tape:
        tape.watch(x)
        unit = tf.reduce_sum(probe(x, training=False)[0, row, col, :])
    return np.abs(tape.gradient(unit, x).numpy()[0]).max(axis=-1) > 0
