"""Score floors per gold set (``tests/golden/baseline.json``), so that quality cannot silently regress.

The file maps a gold-set name (e.g. ``"tests/golden"``) to ``{score name: floor}``. A floor is a
minimum; for ``must_not_violations`` (lower is better) it is a maximum. Updating writes the current
scores, rounded *down* to 3 decimals, and never lowers a floor (nor raises a violation ceiling).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path

from rasid.errors import Errors, InputError
from rasid.eval.score import Score

Baseline = dict[str, dict[str, float]]


def load_baseline(path: Path) -> Baseline:
    """The floors in ``path``; a missing file is an empty baseline."""
    if not path.exists():
        return {}
    try:
        obj = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InputError(Errors.E609, path=path, reason=exc) from exc
    if not isinstance(obj, dict):
        raise InputError(Errors.E609, path=path, reason="expected an object of gold sets")
    baseline: Baseline = {}
    for set_name, floors in obj.items():
        if not isinstance(floors, dict) or not all(
            isinstance(v, int | float) and not isinstance(v, bool) for v in floors.values()
        ):
            raise InputError(Errors.E609, path=path, reason=f"{set_name!r} must map score names to numbers")
        baseline[set_name] = {k: float(v) for k, v in floors.items()}
    return baseline


def floor_of(score: Score) -> float:
    """The score as a floor: rounded down to 3 decimals, exactly (integer arithmetic); n/a counts as 0."""
    if score.lower_is_better:
        return float(score.hits)
    if score.total == 0:
        return 0.0
    return (score.hits * 1000 // score.total) / 1000


def updated_floors(current: Mapping[str, float], scores: Mapping[str, Score]) -> dict[str, float]:
    """``current`` raised to ``scores`` where they are better; never lowered (ceilings never raised)."""
    floors = dict(current)
    for name, score in scores.items():
        value = floor_of(score)
        if name not in floors:
            floors[name] = value
        elif score.lower_is_better:
            floors[name] = min(floors[name], value)
        else:
            floors[name] = max(floors[name], value)
    return floors


def update_baseline(path: Path, set_name: str, scores: Mapping[str, Score]) -> dict[str, float]:
    """Write the floors for ``set_name`` into ``path`` (other sets kept); returns the new floors."""
    baseline = load_baseline(path)
    baseline[set_name] = updated_floors(baseline.get(set_name, {}), scores)
    ordered = {k: baseline[k] for k in sorted(baseline)}
    path.write_text(json.dumps(ordered, indent=1, sort_keys=False) + "\n", encoding="utf-8")
    return baseline[set_name]


def below_floors(floors: Mapping[str, float], scores: Mapping[str, Score]) -> list[str]:
    """A readable line for every score worse than its floor (a missing score counts as 0)."""
    problems = []
    for name, floor in floors.items():
        score = scores.get(name)
        if score is None:
            problems.append(f"{name}: no such score (floor {floor})")
            continue
        if score.lower_is_better:
            if score.hits > floor:
                problems.append(
                    f"{name}: {score.hits} violations, at most {floor:g} allowed ({score.detail})"
                )
        else:
            value = score.value if score.value is not None else 0.0
            if value < floor:
                problems.append(f"{name}: {value:.3f} is below the floor {floor:.3f} ({score.detail})")
    return problems
