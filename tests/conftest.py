"""Shared fixtures: paths to the seed article, the development corpus and their gold facts."""
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
GOLD = Path(__file__).resolve().parent / "gold"
SEED_ARTICLE = SEEDS / "000_ce3b457f6051eda2.txt"


@pytest.fixture
def seed_article() -> Path:
    """The user's seed article (Nissan, Honda, Tencent, Baidu, BYD, Tesla)."""
    return SEED_ARTICLE


@pytest.fixture
def seed_gold() -> Path:
    """Gold fact lines of the seed article."""
    return GOLD / "seed.gold.jsonl"


@pytest.fixture
def dev_gold() -> Path:
    """Gold fact lines of the development corpus (its articles live in seeds/)."""
    return GOLD / "dev.gold.jsonl"
