"""What the print page lays out beyond the frozen snapshot: each step's number in the
plan (as the plan checks count them), and the cautions and contraindications merged, so
that near-identical lines from several techniques are printed once, with the steps they
apply to.

Two caution lines are near-identical when their words are the same once case, spacing
and punctuation are set aside, or when they differ only in a few short places ("keep the
ball / roller off the area", "Recent fracture of the spine / breastbone: …"). Such lines
are printed as one, the differing words side by side, so nothing a line said is lost. A
line whose difference involves a negation ("do roll" / "do not roll") is never merged.
Plain data in, plain data out: no request, no database."""

import itertools
import re
from dataclasses import dataclass
from difflib import SequenceMatcher

from django.utils.translation import ngettext

# Words and punctuation marks, each a token; a hyphenated or elided word is one token.
TOKEN = re.compile(r"\w+(?:[-'’]\w+)*|[^\w\s]")
NO_SPACE_BEFORE = set(",.;:!?)]}’”%")
NO_SPACE_AFTER = set("([{‘“")
# A difference carrying one of these words changes the advice's sense: never merged.
NEGATIONS = frozenset(
    {
        "not", "no", "never", "nor", "without", "avoid", "unless", "only", "except",
        "cannot", "can't", "don't", "doesn't", "mustn't", "shouldn't", "won't", "isn't",
        "aren't",
    }
)  # fmt: skip
MAX_PLACES = 3  # places where merged lines may differ
MAX_PLACE_WORDS = 4  # words one line may have in such a place
MAX_CHOICES = 3  # different wordings side by side in one place
MIN_SHARED = 0.75  # of each line's words, shared with the others
MIN_SHARED_WORDS = 4


@dataclass(frozen=True)
class CautionNote:
    """One line of the cautions list: its text and the plan's steps it applies to."""

    text: str
    steps: tuple[int, ...]
    lines: tuple[str, ...]  # the lines it stands for, as the techniques wrote them

    @property
    def steps_label(self) -> str:
        if not self.steps:
            return ""
        return ngettext("Step %(steps)s", "Steps %(steps)s", len(self.steps)) % {
            "steps": number_ranges(self.steps)
        }


def number_ranges(numbers) -> str:
    """(1, 2, 3, 5, 8, 9) → "1–3, 5, 8, 9": runs of three or more as a range."""
    numbers = sorted(set(numbers))
    parts, start = [], 0
    for i in range(1, len(numbers) + 1):
        if i == len(numbers) or numbers[i] != numbers[i - 1] + 1:
            run = numbers[start:i]
            if len(run) >= 3:
                parts.append(f"{run[0]}–{run[-1]}")
            else:
                parts += [str(n) for n in run]
            start = i
    return ", ".join(parts)


def tokens(text: str) -> list[str]:
    return TOKEN.findall(text)


def words(items) -> list[str]:
    return [t for t in items if t[0].isalnum() or t[0] == "_"]


def normalised(text: str) -> tuple[str, ...]:
    """The line's words, case folded: punctuation and spacing do not count."""
    return tuple(w.casefold() for w in words(tokens(text)))


def detokenise(items) -> str:
    out = ""
    for token in items:
        if out and token[0] not in NO_SPACE_BEFORE and out[-1] not in NO_SPACE_AFTER:
            out += " "
        out += token
    return out


def merge_lines(lines: list[str]) -> str | None:
    """The lines as one, differing places side by side ("ball / roller"), or None when
    they differ too much to be read as one. The first line leads; the others are aligned
    to it word by word."""
    if len(lines) == 1:
        return lines[0]
    split = [tokens(line) for line in lines]
    folded = [[t.casefold() for t in line] for line in split]
    anchor = folded[0]
    # For each other line: which of its tokens each of the first line's tokens matches.
    maps = []
    for other in folded[1:]:
        matcher = SequenceMatcher(None, anchor, other, autojunk=False)
        mapping = {}
        for block in matcher.get_matching_blocks():
            for k in range(block.size):
                mapping[block.a + k] = block.b + k
        maps.append(mapping)
    shared = [i for i in range(len(anchor)) if all(i in m for m in maps)]
    if len(words([split[0][i] for i in shared])) < MIN_SHARED_WORDS:
        return None
    for line in split:
        if len(words([split[0][i] for i in shared])) < MIN_SHARED * len(words(line)):
            return None
    out, places = [], 0
    bounds = [-1, *shared, len(anchor)]
    for lo, hi in itertools.pairwise(bounds):
        gap = [split[0][lo + 1 : hi]]
        for line, mapping in zip(split[1:], maps, strict=True):
            start = mapping[lo] + 1 if lo >= 0 else 0
            end = mapping[hi] if hi < len(anchor) else len(line)
            gap.append(line[start:end])
        choices = []
        for choice in gap:
            if [t.casefold() for t in choice] not in [[t.casefold() for t in c] for c in choices]:
                choices.append(choice)
        if len(choices) > 1:
            places += 1
            if len(choices) > MAX_CHOICES:
                return None
            for choice in choices:
                said = [w.casefold() for w in words(choice)]
                if len(said) > MAX_PLACE_WORDS or NEGATIONS.intersection(said):
                    return None
            filled = [detokenise(c) for c in choices if c]
            text = " / ".join(filled)
            out.append(f"({text})" if len(filled) < len(choices) else text)
        if hi < len(anchor):
            out.append(split[0][hi])
    if places > MAX_PLACES:
        return None
    return detokenise(out)


def step_cautions(snapshot: dict) -> list[tuple[int, str]]:
    """(step number, caution line) for every technique step, in plan order."""
    found, number = [], 0
    for section in snapshot.get("sections", []):
        for step in section["steps"]:
            number += 1
            technique = step.get("technique") or {}
            for line in [*technique.get("cautions", []), *technique.get("contraindications", [])]:
                found.append((number, line))
    return found


def merged_cautions(snapshot: dict) -> list[CautionNote]:
    """The plan's cautions and contraindications, near-identical lines merged, each with
    the steps it applies to, in the order they first appear. A line of the snapshot's own
    list that no step carries is kept, without steps. A merged group is compared by the
    words of its first line."""
    groups: list[dict] = []  # {"lines": [...], "words": set, "steps": set, "text": str}
    by_key: dict[tuple, dict] = {}
    found = step_cautions(snapshot)
    found += [(None, line) for line in snapshot.get("cautions", [])]
    for number, line in found:
        key = normalised(line)
        if not key:
            continue
        group = by_key.get(key)
        if group is None:
            for candidate in groups:
                # Cheap first: lines that share too few words cannot merge.
                if len(candidate["words"].intersection(key)) < MIN_SHARED * len(set(key)):
                    continue
                text = merge_lines([*candidate["lines"], line])
                if text is not None:
                    group = candidate
                    group["lines"].append(line)
                    group["text"] = text
                    break
        if group is None:
            group = {"lines": [line], "words": set(key), "steps": set(), "text": line}
            groups.append(group)
        by_key[key] = group
        if number is not None:
            group["steps"].add(number)
    return [
        CautionNote(text=g["text"], steps=tuple(sorted(g["steps"])), lines=tuple(g["lines"]))
        for g in groups
    ]


def numbered_sections(snapshot: dict) -> list[dict]:
    """The snapshot's sections with each step numbered through the plan (1, 2, …), as the
    plan checks and the cautions list refer to them."""
    sections, number = [], 0
    for section in snapshot.get("sections", []):
        steps = []
        for step in section["steps"]:
            number += 1
            steps.append({**step, "number": number})
        sections.append({**section, "steps": steps})
    return sections


def print_layout(snapshot: dict) -> dict:
    return {
        "sections": numbered_sections(snapshot),
        "cautions": merged_cautions(snapshot),
    }
