"""Training the Finnish NER model: CoNLL conversion (with silver labels for the extra corpus), seeded
teachers, distillation, the training loop and evaluation; ``config.cfg`` is the training config.

Only in a source checkout: the wheel leaves this package out (``pyproject.toml``,
``[tool.setuptools.packages.find]``), because extraction and the bundled model never
import it.  What the saved model loads (``unknown_words``, ``entity_tagger``, ``vectors``)
lives one level up, in :mod:`pipeline.ner`, and stays in the wheel.  Train with
``tiedote train-ner`` or ``python -m pipeline.ner.training.train`` after
``pip install -e '.[train]'``.
"""
