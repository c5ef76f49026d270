"""The step player shared by teach mode and the student's routine player. The words its
script shows come from the JavaScript catalogue (config/jsi18n.py, locale/*/djangojs.po).
"""

# What the student's player leaves out of a step: the teacher's words about it (its text
# on a technique step is a note for teaching the class: "Level 4, …", "Point out that…",
# and its private note), and the technique's teaching notes.
TEACHER_ONLY = ("note", "alerts")
TECHNIQUE_TEACHER_ONLY = ("mistakes", "instructions", "status", "level", "intensity")


def student_steps(steps: list[dict]) -> list[dict]:
    """The played steps as a student sees them at home: a technique step shows the
    technique's own summary and cues (with the step's cue first, which is written for
    the student), never the teacher's note on the step; an assessment, rest or talk step
    keeps its text, which is what the student does."""
    shown = []
    for step in steps:
        step = {key: value for key, value in step.items() if key not in TEACHER_ONLY}
        technique = step.get("technique")
        if technique:
            step["text"] = technique.get("summary", "")
            step["technique"] = {
                key: value for key, value in technique.items() if key not in TECHNIQUE_TEACHER_ONLY
            }
        shown.append(step)
    return shown
