import json
import os
import sys

sys.path.insert(0, os.path.dirname(__file__))
import part1  # noqa: E402
import part2  # noqa: E402,F401
import part3  # noqa: E402,F401

OUT = "/work/main/routines/library/drafts/techniques_a.json"

data = {
    "equipment": [
        {"slug": "massage-stick", "name": "Massage stick",
         "description": "A handheld stick with spinning rollers, for legs and forearms without "
                        "getting down to the floor."},
        {"slug": "hook-tool", "name": "Hook tool",
         "description": "A hooked self-massage cane (Thera Cane type): draw on the handle to pin "
                        "the top of the shoulder or between the shoulder blades from the front."},
        {"slug": "frozen-bottle", "name": "Frozen water bottle",
         "description": "A frozen water bottle rolled under the sole: cold plus gentle rolling "
                        "for heel and arch pain."},
        {"slug": "chair", "name": "Chair",
         "description": "A sturdy chair without wheels."},
        {"slug": "table", "name": "Table",
         "description": "A table or desk at about hip height."},
    ],
    "actions": [
        {"slug": "contract-relax", "name": "Contract-relax",
         "description": "Pin one spot, gently contract the muscle against the ball for about five "
                        "seconds, then relax and let the ball sink deeper."},
    ],
    "progressions": [
        {"slug": "jaw-and-head", "name": "Jaw and head: hand-held to block",
         "description": "For clenchers, grinders and screen-starers: a spiky-ball shear of the "
                        "temple and a hand-held masseter roll, then the head's own weight on a "
                        "ball on a block, first on the temporalis and then on the masseter with "
                        "slow jaw opening. Keep every level light with a TMJ disorder."},
        {"slug": "rotator-cuff", "name": "Rotator cuff and back of the shoulder",
         "description": "From a chair-back pin on the infraspinatus, to teres major at the wall "
                        "with an overhead reach, to the supraspinatus pinned lying down, and "
                        "finally a lacrosse ball under the back of the shoulder with rotation. "
                        "A painful arc or a suspected tear needs a clinician first."},
        {"slug": "ribs-and-breath", "name": "Ribs and breath: soft ball to diaphragm",
         "description": "Breathing into a soft ball under the upper back, then rolling the side "
                        "ribs over it, then the rib rock on stacked balls beside the spine, and "
                        "last the edge of the ribs and the diaphragm on a soft ball. With "
                        "osteoporosis, leave out the rib rock."},
        {"slug": "desk-break-chair-and-wall", "name": "Desk break: chair and wall, no floor",
         "description": "Four office-friendly steps that never go down to the floor: a seated "
                        "hand-held shear for the top of the shoulder, the tote at the wall for the "
                        "upper back, a pectoralis minor pin at the wall, and a levator scapulae "
                        "pin with head turns."},
        {"slug": "musicians-hands", "name": "Hands for musicians and makers",
         "description": "For players, typists and makers: press and wring a ball between the "
                        "palms, pin the thumb and little-finger pads, roll the inner forearm on a "
                        "table, and finally a lacrosse ball at the wall for the wrist extensors."},
        {"slug": "low-back-off-the-floor", "name": "Low back off the floor: wall and chair",
         "description": "Low back work for students who cannot or would rather not lie down: "
                        "sacrum circles at the wall, pelvic tilts against a chair, the tote roll "
                        "at the wall, and a quadratus lumborum pin with a side bend."},
    ],
    "existing_progression_members": [
        {"slug": "temporalis-spiky-ball-shear", "progression": "jaw-and-head",
         "progression_level": 1},
        {"slug": "masseter-hand-held-ball-roll", "progression": "jaw-and-head",
         "progression_level": 2},
        {"slug": "infraspinatus-chair-pin", "progression": "rotator-cuff",
         "progression_level": 1},
        {"slug": "upper-back-large-soft-ball-breathing", "progression": "ribs-and-breath",
         "progression_level": 1},
        {"slug": "side-ribs-roll-large-soft-ball", "progression": "ribs-and-breath",
         "progression_level": 2},
        {"slug": "low-back-wall-roll-ball-pair-tote", "progression": "low-back-off-the-floor",
         "progression_level": 3},
    ],
    "techniques": [part1.resolve(t) for t in part1.TECHNIQUES],
}

os.makedirs(os.path.dirname(OUT), exist_ok=True)
with open(OUT, "w", encoding="utf-8") as f:
    json.dump(data, f, indent=1, ensure_ascii=False)
    f.write("\n")
print(len(part1.TECHNIQUES), "techniques written to", OUT)
