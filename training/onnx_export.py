"""Export a fine-tuned Hugging Face BERT to an int8 ONNX graph: the one road both of claimdiff's models ship by."""

from __future__ import annotations

from pathlib import Path


def int8_onnx(hf, tokens, output: str, fp32: Path, target: Path) -> Path:
    """``hf`` (a transformers BERT in eval mode) as an ONNX graph at ``target`` whose one output is ``output`` (the
    attribute of the model's output: ``"logits"`` for the judge, ``"last_hidden_state"`` for the claim encoder),
    with batch and sequence length dynamic; exported by ``torch.onnx`` (dynamo) from the sample ``tokens`` to
    ``fp32``, then quantised by ONNX Runtime (dynamic, per-channel int8 weights)."""
    import torch
    from onnxruntime.quantization import QuantType, quantize_dynamic

    class One(torch.nn.Module):
        def __init__(self, inner):
            super().__init__()
            self.inner = inner

        def forward(self, input_ids, attention_mask, token_type_ids):
            out = self.inner(input_ids=input_ids, attention_mask=attention_mask, token_type_ids=token_type_ids)
            return getattr(out, output)

    batch, seq = torch.export.Dim("batch"), torch.export.Dim("seq", max=512)
    torch.onnx.export(
        One(hf),
        (tokens["input_ids"], tokens["attention_mask"], tokens["token_type_ids"]),
        str(fp32),
        input_names=["input_ids", "attention_mask", "token_type_ids"],
        output_names=[output],
        dynamic_shapes=({0: batch, 1: seq}, {0: batch, 1: seq}, {0: batch, 1: seq}),
        dynamo=True,
        external_data=False,
    )
    quantize_dynamic(str(fp32), str(target), weight_type=QuantType.QInt8, per_channel=True)
    return target
