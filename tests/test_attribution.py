"""helpers.attribution: saliency, Grad-CAM and the measured receptive field,
on small Keras models whose gradients are known in closed form."""

import numpy as np
import pytest

from helpers import arithmetic


@pytest.fixture(scope="module")
def attribution(keras):
    from helpers import attribution

    return attribution


def test_saliency_of_a_linear_model_is_its_weights(keras, attribution):
    """score_c = sum_p W[p, c] x_p, so d score_c / d x_p = W[p, c] whatever the image."""
    model = keras.Sequential([keras.Input((3, 4, 1)), keras.layers.Flatten(), keras.layers.Dense(2, use_bias=False)])
    weights = np.arange(24, dtype="float32").reshape(12, 2) - 11.5
    model.layers[-1].set_weights([weights])
    image = np.random.default_rng(0).random((3, 4, 1))
    np.testing.assert_allclose(attribution.saliency(model, image, 1), np.abs(weights[:, 1]).reshape(3, 4), rtol=1e-6)


def test_grad_cam_after_global_pooling_is_the_class_activation_map(keras, attribution):
    """Conv -> GAP -> Dense (linear): alpha_k = W[k, c] / (h*w), so Grad-CAM =
    ReLU(sum_k W[k, c] A_k) / (h*w), the CAM of Zhou et al."""
    model = keras.Sequential(
        [
            keras.Input((6, 6, 1)),
            keras.layers.Conv2D(3, 3, name="conv"),
            keras.layers.GlobalAveragePooling2D(),
            keras.layers.Dense(2, name="out"),
        ]
    )
    image = np.random.default_rng(1).normal(size=(6, 6, 1))
    maps = np.asarray(keras.Model(model.inputs[0], model.get_layer("conv").output)(image[None].astype("float32")))[0]
    w = model.get_layer("out").get_weights()[0]
    for target in (0, 1):
        expected = np.maximum((maps * w[:, target]).sum(axis=-1), 0) / 16
        np.testing.assert_allclose(attribution.grad_cam(model, image, target, "conv"), expected, rtol=1e-5, atol=1e-7)


def test_the_measured_receptive_field_equals_the_formula(keras, attribution):
    """The slides' MNIST convnet with average pooling: 3, 4, 8, 10, 18 pixels."""
    layers = keras.layers
    model = keras.Sequential(
        [
            keras.Input((28, 28, 1)),
            layers.Conv2D(4, 3, name="conv1"),
            layers.AveragePooling2D(2, name="pool1"),
            layers.Conv2D(4, 3, name="conv2"),
            layers.AveragePooling2D(2, name="pool2"),
            layers.Conv2D(4, 3, name="conv3"),
        ]
    )
    sizes = [size for size, _ in arithmetic.receptive_field([(3, 1), (2, 2), (3, 1), (2, 2), (3, 1)])]
    for name, size in zip(["conv1", "pool1", "conv2", "pool2", "conv3"], sizes):
        mask = attribution.measured_receptive_field(model, name, 1, 1)
        rows, cols = np.flatnonzero(mask.any(axis=1)), np.flatnonzero(mask.any(axis=0))
        assert (len(rows), len(cols)) == (size, size) and mask.sum() == size * size, name


def test_attribution_refuses_bad_input(keras, attribution):
    model = keras.Sequential(
        [
            keras.Input((6, 6, 1)),
            keras.layers.Conv2D(2, 3, name="conv"),
            keras.layers.Flatten(),
            keras.layers.Dense(3, activation="softmax"),
        ]
    )
    image = np.zeros((6, 6, 1))
    with pytest.raises(ValueError, match="target"):
        attribution.saliency(model, image, 3)
    with pytest.raises(ValueError, match=r"image must be \(6, 6, 1\)"):
        attribution.saliency(model, np.zeros((5, 5, 1)), 0)
    with pytest.raises(ValueError, match="layer must be one of"):
        attribution.grad_cam(model, image, 0, "conv9")
    with pytest.raises(ValueError, match="layer must have feature maps"):
        attribution.grad_cam(model, image, 0, model.layers[-1].name)
    with pytest.raises(ValueError, match="row"):
        attribution.measured_receptive_field(model, "conv", 4, 0)
    with pytest.raises(TypeError, match="model"):
        attribution.saliency("a model", image, 0)
