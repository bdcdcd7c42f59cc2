"""Training claimdiff's pair judge: the labelled links, the data builder, the trainer and the ONNX export.

Nothing here is imported by ``checker/``: the product only loads the exported model (``checker/judge.py``).
"""
