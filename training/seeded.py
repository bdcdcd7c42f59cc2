"""What both trainers share: a seeded run on this CPU, and the Hugging Face training arguments it runs under."""

from __future__ import annotations

import os
from pathlib import Path


def seed_cpu(seed: int) -> None:
    """Seed Python, numpy and torch (``transformers.set_seed``) and give torch every core of this machine."""
    import torch
    from transformers import set_seed

    set_seed(seed)
    torch.set_num_threads(os.cpu_count() or 2)


def cpu_arguments(
    arguments, work: Path, *, seed: int, epochs: float, batch: int, learning_rate: float, logging_steps: int, **more
):
    """``arguments`` (a sentence-transformers training-arguments class) for a seeded CPU run that saves nothing and
    reports nowhere, its scratch under ``work``; ``more`` adds the trainer's own."""
    return arguments(
        output_dir=str(work / "trainer"),
        num_train_epochs=epochs,
        per_device_train_batch_size=batch,
        learning_rate=learning_rate,
        warmup_steps=0.1,
        seed=seed,
        data_seed=seed,
        save_strategy="no",
        report_to="none",
        logging_steps=logging_steps,
        use_cpu=True,
        **more,
    )
