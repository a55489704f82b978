"""The ONNX text encoder shared by the trained classifiers."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from tactful.engine.encoder import TextEncoder, prepare_social_text, shared_encoder

MODEL = Path(__file__).resolve().parents[2] / "models" / "toxicity"
needs_model = pytest.mark.skipif(
    not (MODEL / "model.onnx").is_file(), reason="toxicity model files not built"
)


def test_prepare_masks_handles_and_links_but_keeps_words() -> None:
    out = prepare_social_text("RT @dave_t see https://example.org/x &amp; www.foo.com now")
    assert out == "@user see http & http now"
    assert prepare_social_text("Thanks to our volunteers") == "Thanks to our volunteers"


def test_prepare_drops_control_and_invisible_characters() -> None:
    assert prepare_social_text("a\x00b\u200bc\u202e d") == "a b c d"
    assert prepare_social_text("") == ""


def test_an_encoder_for_a_missing_folder_is_unavailable_without_raising(tmp_path: Path) -> None:
    encoder = TextEncoder(tmp_path / "nowhere")
    assert not encoder.is_available()
    assert TextEncoder(MODEL).is_available() == (MODEL / "model.onnx").is_file()


def test_shared_encoder_is_one_instance_per_folder(tmp_path: Path) -> None:
    assert shared_encoder(tmp_path) is shared_encoder(tmp_path)
    assert shared_encoder(tmp_path) is not shared_encoder(tmp_path / "other")


@needs_model
def test_batches_are_padded_to_the_longest_text_with_a_matching_mask() -> None:
    encoder = shared_encoder(MODEL)
    ids, mask = encoder.encode_batch(["hi", "a much longer sentence than the first one"])
    assert ids.shape == mask.shape and ids.shape[0] == 2
    assert mask[1].all() and not mask[0].all()
    assert (ids[0][mask[0] == 0] == 0).all()


@needs_model
def test_tokens_are_truncated_to_the_maximum_length() -> None:
    encoder = TextEncoder(MODEL, max_length=16)
    ids, _ = encoder.encode_batch(["word " * 100])
    assert ids.shape[1] == 16
    assert encoder.token_count("word " * 100) == 100


@needs_model
def test_probabilities_give_one_row_per_text_between_zero_and_one() -> None:
    encoder = shared_encoder(MODEL)
    probs = encoder.probabilities(["Thank you all", "You are an idiot", "🙂"])
    assert probs.shape[0] == 3
    assert np.all((probs >= 0) & (probs <= 1))
    assert encoder.run([]).shape[0] == 0


def test_onnxruntime_telemetry_is_switched_off_before_first_use() -> None:
    # A fresh process, so the switches are not inherited from this one.
    import subprocess
    import sys

    code = (
        "import os\n"
        "for k in ('ORT_DISABLE_TELEMETRY', 'ORT_TELEMETRY_DISABLED'): os.environ.pop(k, None)\n"
        "from tactful.engine.encoder import quiet_onnxruntime\n"
        "quiet_onnxruntime()\n"
        "print(os.environ['ORT_DISABLE_TELEMETRY'], os.environ['ORT_TELEMETRY_DISABLED'])\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["1", "1"]


@needs_model
def test_running_a_model_leaves_no_telemetry_device_id(tmp_path: Path) -> None:
    # onnxruntime 1.29+ writes a device id under ~/.cache/Microsoft when its telemetry
    # starts; with the switches set by the encoder it must not start at all.
    import os
    import subprocess
    import sys

    code = (
        "from tactful.engine.checks.classifier import probabilities\n"
        "print(probabilities(['a short test sentence']).shape)\n"
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith("ORT_")}
    env["HOME"] = str(tmp_path)
    env["XDG_CACHE_HOME"] = str(tmp_path / ".cache")
    subprocess.run([sys.executable, "-c", code], env=env, check=True, capture_output=True)
    assert not (tmp_path / ".cache" / "Microsoft").exists()
