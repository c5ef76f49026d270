from lines import *  # noqa: F401,F403
from lines import resolve  # noqa: F401

YES3 = {"first": "yes", "second": "yes", "third": "yes"}
SUPINE3 = {"first": "yes", "second": "care", "third": "no"}
SIDE3 = {"first": "yes", "second": "yes", "third": "care"}


def suit(preg=None, osteo="yes", clot="yes"):
    return {"pregnancy": dict(preg or YES3), "osteoporosis": osteo, "clot_risk": clot}


def T(**kw):
    base = {
        "slug": kw.pop("slug"),
        "name": kw.pop("name"),
        "summary": kw.pop("summary"),
        "status": "published",
        "regions": kw.pop("regions"),
        "tissues": kw.pop("tissues"),
        "actions": kw.pop("actions"),
        "equipment": kw.pop("equipment"),
        "position": kw.pop("position"),
        "duration_seconds": kw.pop("duration_seconds"),
        "per_side": kw.pop("per_side"),
        "level": kw.pop("level"),
        "intensity": kw.pop("intensity"),
        "instructions": kw.pop("instructions"),
        "cues": kw.pop("cues"),
        "mistakes": kw.pop("mistakes"),
        "cautions": kw.pop("cautions"),
        "contraindications": kw.pop("contraindications"),
        "indications": kw.pop("indications"),
        "suitability": kw.pop("suitability"),
        "progression": kw.pop("progression", None),
        "progression_level": kw.pop("progression_level", None),
        "image": "",
        "video_url": "",
    }
    assert not kw, kw
    return base


TECHNIQUES = []
add = TECHNIQUES.append

# 1
add(T(
    slug="temporalis-pin-block-therapy-ball",
    name="Temporalis pin on a ball on a block, side-lying",
    summary=("Lie on your side with the temple resting on a ball on a block, let the head's "
             "weight sink in, then open and close the jaw slowly: a quiet release for clenchers "
             "and screen-starers."),
    regions=["head-and-jaw"],
    tissues=["temporalis", "temporal fascia"],
    actions=["pin", "pin-and-stretch"],
    equipment=["therapy-ball", "block"],
    position="side-lying",
    duration_seconds=90, per_side=True, level="beginner", intensity="gentle",
    instructions=[
        "Lie on your side with your knees bent, set a yoga block on its lowest height under your "
        "head, and put the ball on the block.",
        "Rest the temple on the ball, a thumb's width above the cheekbone and in front of the top "
        "of the ear, on the fan-shaped muscle you feel bulge when you clench; keep your top hand "
        "under the head if it feels like too much.",
        "Let the weight of your head sink into the ball for five slow breaths, teeth apart and "
        "tongue soft.",
        "Keeping the ball pinned, open the mouth slowly as far as is comfortable and close it "
        "again, 6 to 8 times; then shift the head so the ball sits a finger-width higher or "
        "further back and repeat, for about 90 seconds in all.",
        "Lift the head off with your hand, rest it on the block for a few breaths, and turn over "
        "to work the other side.",
    ],
    cues=[
        "Let the head be heavy; the block does the holding.",
        "The jaw opens like a slow drawbridge.",
        "Teeth apart between each opening.",
    ],
    mistakes=[
        "Resting on the jaw joint just in front of the ear instead of the temple above it.",
        "Grinding the head into the ball instead of letting it rest.",
    ],
    cautions=[
        "If a headache starts to build, or jaw clicking gets worse, stop and rest the head flat "
        "on the block.",
        "Set the block so the neck stays level with the spine rather than bent to one side.",
        "If you feel a pulse under the ball, shift it a little higher.",
    ],
    contraindications=[TMJ, HEAD_INJURY, SKIN, BLOOD, FEVER, INJ],
    indications=["jaw clenching", "teeth grinding", "tension headache", "tmj tension",
                 "screen time", "before sleep"],
    suitability=suit(),
    progression="jaw-and-head", progression_level=3,
))

# 2
add(T(
    slug="masseter-compress-block-therapy-ball",
    name="Masseter compress on a ball on a block, with slow jaw opening",
    summary=("Side-lying with the cheek on a ball on a block, let the head's weight sink into "
             "the masseter below the cheekbone, then open and close the jaw slowly."),
    regions=["head-and-jaw"],
    tissues=["masseter (superficial part)", "masseter (deep part)"],
    actions=["compress", "pin-and-stretch"],
    equipment=["therapy-ball", "block"],
    position="side-lying",
    duration_seconds=90, per_side=True, level="intermediate", intensity="moderate",
    instructions=[
        "Lie on your side with your knees bent, a yoga block on its lowest height under your "
        "head and the ball on the block.",
        "Find the masseter with your fingers first: clench the teeth and feel the muscle bulge "
        "below the cheekbone, about two finger-widths in front of the ear lobe. Rest that spot "
        "on the ball, with your top hand under the head to take some of its weight.",
        "Unclench, let the teeth part and let the cheek sink into the ball for five slow breaths, "
        "taking the hand away only if the pressure stays comfortable.",
        "Keeping the ball in place, open the mouth slowly to about two fingers' width and close "
        "it, 6 to 8 times; then shift a little lower toward the angle of the jaw and repeat, for "
        "about 90 seconds in all.",
        "Lift the head with your hand, rest it on the block, and turn over for the other side.",
    ],
    cues=[
        "Below the cheekbone, never in front of the ear.",
        "Tongue resting in the floor of the mouth.",
        "Small openings are plenty.",
    ],
    mistakes=[
        "Putting the ball on the jaw joint just in front of the ear.",
        "Letting the ball slide below the jawline onto the neck.",
        "Clenching against the ball instead of letting the cheek sink.",
    ],
    cautions=[
        "If a headache starts, or jaw clicking or pain gets worse, stop.",
        "After recent dental work, wait until the mouth has settled.",
        "The salivary gland in front of and below the ear is not a place to press; keep the ball "
        "on the thick muscle further forward.",
    ],
    contraindications=[NECK_FRONT, TMJ, HEAD_INJURY, fracture("of the jaw or cheekbone"),
                       LYMPH_JAW, SKIN, BLOOD, FEVER, INJ],
    indications=["jaw clenching", "teeth grinding", "tmj tension", "tension headache",
                 "stress", "singers"],
    suitability=suit(),
    progression="jaw-and-head", progression_level=4,
))

# 3
add(T(
    slug="scalp-shear-spiky-ball",
    name="Scalp shear from forehead to crown with a spiky ball",
    summary=("Sitting tall on a chair, press a spiky ball onto the scalp and move the scalp over "
             "the skull in small circles, working in lines from the hairline back to the crown."),
    regions=["head-and-jaw"],
    tissues=["epicranial aponeurosis", "frontalis", "occipitalis"],
    actions=["shear"],
    equipment=["spiky-ball", "chair"],
    position="chair",
    duration_seconds=90, per_side=False, level="beginner", intensity="gentle",
    instructions=[
        "Sit tall on a chair, feet flat, and hold the spiky ball in one hand with the elbow close "
        "to your side.",
        "Place the ball just behind the hairline above one eyebrow and press only enough for the "
        "spikes to grip the skin.",
        "Without letting the ball slide, make 5 slow circles each way so the scalp moves over the "
        "bone beneath; then lift the ball, move it about two finger-widths back and repeat.",
        "Work in lines from the hairline to the crown, then along the other half of the head, for "
        "about 90 seconds in all.",
        "Put the ball down, rest your palms over your closed eyes for three breaths, and notice "
        "whether the forehead feels softer.",
    ],
    cues=[
        "Move the scalp, not the ball over the hair.",
        "Pressure like a slow shampoo.",
        "Let the jaw hang loose while you work.",
    ],
    mistakes=[
        "Dragging the spikes through the hair, which tugs and tangles.",
        "Pressing hard enough to bring on a headache.",
    ],
    cautions=[
        "During a migraine, pressure on the head can make it worse: stop if it builds.",
        "With long hair, loosen it and lift the ball to move it rather than sliding it.",
    ],
    contraindications=[SKIN_SCALP, HEAD_INJURY, BLOOD, FEVER, INJ],
    indications=["tension headache", "stress", "screen fatigue", "before sleep",
                 "scalp tension", "desk workers"],
    suitability=suit(),
))

# 4
add(T(
    slug="forehead-rest-large-soft-ball",
    name="Forehead rest face down on a soft ball",
    summary=("Lie face down with the forehead on a half-deflated soft ball and rest: a quiet, "
             "steady pressure that helps the brow, eyes and breath settle."),
    regions=["head-and-jaw"],
    tissues=["frontalis", "procerus", "corrugator supercilii", "epicranial aponeurosis"],
    actions=["sustained-hold", "compress"],
    equipment=["large-soft-ball"],
    position="prone",
    duration_seconds=120, per_side=False, level="beginner", intensity="gentle",
    instructions=[
        "Let out enough air that the soft ball squashes to about the height of your fist, and "
        "lie face down with your forearms on the floor beside your head.",
        "Rest your forehead on the ball so it touches above the eyebrows and below the hairline, "
        "with the eyes and nose clear of it and room to breathe.",
        "Let the full weight of your head settle into the ball and breathe slowly into the back "
        "of the ribs for about 60 seconds, making each out-breath longer than the in-breath.",
        "Then press the forehead gently into the ball for three breaths and let go completely "
        "for three breaths, twice, about 2 minutes in all.",
        "Turn your head to one side, slide the ball away and rest for a moment before coming up "
        "through kneeling.",
    ],
    cues=[
        "Let the head get heavy, as if sinking into sand.",
        "Eyes soft and closed; nothing touches them.",
        "Breathe into the back ribs, away from the ball.",
    ],
    mistakes=[
        "Inflating the ball so fully that the neck arches back.",
        "Letting the ball slide down onto the eyes or the bridge of the nose.",
    ],
    cautions=[
        "If the neck arches or the low back aches, put a folded blanket under the chest and belly.",
        "If you feel dizzy or blocked up face down, come up slowly and rest on your side instead.",
        "Later in pregnancy, or whenever lying face down is not an option, sit at a table and "
        "rest the forehead on the ball there.",
    ],
    contraindications=[
        P_PRONE,
        "Glaucoma or recent eye surgery: skip this unless your eye specialist has said it is "
        "fine, and keep all pressure away from the eyes.",
        HEAD_INJURY, SKIN, FEVER, INJ,
    ],
    indications=["stress", "winding down", "before sleep", "furrowed brow", "screen fatigue",
                 "tension headache"],
    suitability=suit(preg={"first": "care", "second": "no", "third": "no"}),
))

# 5
add(T(
    slug="suboccipital-wall-tote-nod-and-turn",
    name="Suboccipital nods and turns with the tote at the wall",
    summary=("Standing, trap the tote between the wall and the base of the skull and make tiny "
             "nods and turns: the floor-free way to ease the muscles under the skull."),
    regions=["back-of-neck", "head-and-jaw"],
    tissues=["suboccipitals", "semispinalis capitis", "upper trapezius (attachment at the skull)"],
    actions=["pin", "shear"],
    equipment=["ball-pair-tote", "wall"],
    position="wall",
    duration_seconds=90, per_side=False, level="beginner", intensity="gentle",
    instructions=[
        "Stand with your back to the wall, feet a small step forward, and hold the tote behind "
        "your head so the balls sit just under the bony ridge at the base of the skull, one "
        "either side of the spine.",
        "Lean your head back into the balls, chin slightly tucked, until the wall takes the "
        "weight of your head; keep one hand lightly on the tote so it cannot drop.",
        "Make tiny, slow nods, as if saying yes, 10 times, so the balls press up under the ridge "
        "of the skull.",
        "Then make small, slow turns, as if saying no, 10 times, letting the skin at the back of "
        "the head drag over the balls, for about 90 seconds in all.",
        "Step your feet back under you, catch the tote in your hand, and turn your head each way "
        "to notice the change.",
    ],
    cues=[
        "Movements the size of a whisper.",
        "Let the eyes lead each small turn.",
        "Jaw soft, shoulders heavy.",
    ],
    mistakes=[
        "Letting the tote slide down onto the neck bones.",
        "Making big head movements that roll the balls down the neck.",
    ],
    cautions=[
        "Stop if a headache builds rather than eases.",
        "A good choice for students who cannot lie down or get up from the floor.",
    ],
    contraindications=[SPINE_TOTE, NECK_FRONT, WHIPLASH, DIZZY, LYMPH_NECK, SKIN, BLOOD, FEVER,
                       INJ],
    indications=["tech neck", "headache from a tight neck", "eye strain", "desk workers",
                 "older adults"],
    suitability=suit(),
))

# 6
add(T(
    slug="upper-trapezius-hand-held-ball-shear",
    name="Upper trapezius shear with a hand-held ball, seated",
    summary=("Sitting on a chair, press a ball onto the top of the opposite shoulder and move "
             "the skin in slow circles over the muscle: a desk break that needs no wall or floor."),
    regions=["top-of-shoulder", "back-of-neck"],
    tissues=["upper trapezius", "supraspinatus", "skin and superficial fascia"],
    actions=["shear", "pin"],
    equipment=["therapy-ball", "chair"],
    position="chair",
    duration_seconds=60, per_side=True, level="beginner", intensity="gentle",
    instructions=[
        "Sit tall towards the front of a chair, feet flat, and hold the ball in your right hand.",
        "Reach across and place it on the top of your left shoulder, on the muscle behind the "
        "collarbone, about halfway between the neck and the tip of the shoulder; let the left "
        "arm hang.",
        "Press down just enough for the ball to grip the skin and make 5 slow circles each way, "
        "so the skin slides over the muscle while the ball stays on the same spot.",
        "Move the ball a thumb's width toward the neck and repeat, then hold still on the most "
        "tender spot for three slow breaths, about 60 seconds in all.",
        "Lower the ball, roll the shoulder a few times, compare the two sides, and change sides.",
    ],
    cues=[
        "Let the arm hang like a wet towel.",
        "Press with the weight of your hand, no more.",
        "The skin moves; the ball stays.",
    ],
    mistakes=[
        "Letting the ball slip forward into the hollow above the collarbone.",
        "Hiking the shoulder you are working up toward the ear.",
        "Rolling up onto the side of the neck.",
    ],
    cautions=[
        "Tingling, numbness or a shooting feeling into the arm means the ball is near the nerves "
        "above the collarbone; move it back onto the muscle.",
        "If reaching across pinches the working shoulder, rest that elbow on a table.",
    ],
    contraindications=[NECK_FRONT, COLLAR_HOLLOW, fracture("of the collarbone or shoulder blade"),
                       LYMPH_NECK, SKIN, BLOOD, FEVER, INJ],
    indications=["tech neck", "desk workers", "tight shoulders", "stress",
                 "headache from a tight neck", "office break"],
    suitability=suit(),
    progression="desk-break-chair-and-wall", progression_level=1,
))

# 7
add(T(
    slug="levator-scapulae-wall-pin-and-turn",
    name="Levator scapulae pin at the wall with head turns",
    summary=("At the wall, pin the top inner corner of the shoulder blade on a ball, then turn "
             "the head away and reach the arm up to lengthen the levator scapulae over it."),
    regions=["top-of-shoulder", "side-of-neck"],
    tissues=["levator scapulae", "upper trapezius"],
    actions=["pin-and-stretch"],
    equipment=["therapy-ball", "wall"],
    position="wall",
    duration_seconds=90, per_side=True, level="intermediate", intensity="moderate",
    instructions=[
        "Before you start, turn your head each way and note the range and any pull where the "
        "neck meets the shoulder blade.",
        "Stand with your back to the wall and place the ball on the top inner corner of one "
        "shoulder blade, about a hand's width below the base of the neck and three finger-widths "
        "out from the spine.",
        "Walk your feet forward until the pressure is clear but comfortable, bend the knees "
        "slightly, and let that arm hang.",
        "Keeping the ball pinned, slowly turn your nose toward the opposite armpit and come back "
        "to centre, 6 to 8 times; then raise the arm on the ball side overhead and lower it, "
        "5 times, for about 90 seconds in all.",
        "Step back to the wall to release, re-check your head turn, and change sides.",
    ],
    cues=[
        "Pin first; the head and the arm do the stretching.",
        "Nose toward the opposite armpit, slowly.",
        "Gnarly is fine; sharp, burning or tingling is not.",
    ],
    mistakes=[
        "Putting the ball on the neck itself instead of the corner of the shoulder blade.",
        "Rushing the head turns so the ball rolls instead of staying pinned.",
    ],
    cautions=[
        "Tingling into the arm means the ball is on a nerve; move it a little and lighten the "
        "lean.",
        "If raising the arm overhead pinches the shoulder, leave the arm down and do only the "
        "head turns.",
    ],
    contraindications=[SPINE, NECK_FRONT, WHIPLASH, DIZZY, O_BALL, LYMPH_NECK, SKIN, BLOOD,
                       FEVER, INJ],
    indications=["stiff neck", "tech neck", "desk workers", "headache from a tight neck",
                 "drivers"],
    suitability=suit(osteo="care"),
    progression="desk-break-chair-and-wall", progression_level=4,
))

# 8
add(T(
    slug="upper-trapezius-wall-contract-relax",
    name="Upper trapezius contract-relax at the wall",
    summary=("Lean the top of the shoulder into a ball at the wall, shrug gently against it for "
             "five seconds, then let go and feel the ball sink further in."),
    regions=["top-of-shoulder"],
    tissues=["upper trapezius", "levator scapulae"],
    actions=["contract-relax", "pin"],
    equipment=["therapy-ball", "wall"],
    position="wall",
    duration_seconds=90, per_side=True, level="beginner", intensity="gentle",
    instructions=[
        "Stand with your back to the wall and place the ball on the top of one shoulder, on the "
        "muscle just above the shoulder blade, about halfway between the neck and the tip of the "
        "shoulder.",
        "Step your feet away until the ball is pinned with clear but comfortable pressure, and "
        "let the arm hang heavy.",
        "Shrug that shoulder gently up and back into the ball at about a quarter of your "
        "strength, and hold for 5 seconds while you keep breathing.",
        "Let the shoulder drop completely and breathe out slowly for about 10 seconds as the ball "
        "sinks deeper. Repeat the shrug and release 3 times, then move the ball a thumb's width "
        "toward the neck for 3 more rounds, about 90 seconds in all.",
        "Step back to the wall to release, circle the shoulder and compare sides, then change "
        "sides.",
    ],
    cues=[
        "A whisper of a shrug, not a full squeeze.",
        "The letting go is the point: let the arm get heavy.",
        "Breathe out as you release.",
    ],
    mistakes=[
        "Shrugging hard, which leaves the muscle tighter than before.",
        "Holding the breath during the shrug.",
    ],
    cautions=[
        "Keep the ball behind the ridge of the shoulder; if it slides toward the collarbone, "
        "reset it.",
        "With high blood pressure, keep the effort very light and keep breathing throughout.",
    ],
    contraindications=[NECK_FRONT, fracture("of the collarbone or shoulder blade"), SKIN, BLOOD,
                       FEVER, INJ],
    indications=["tight shoulders", "shoulders up by the ears", "stress", "desk workers",
                 "tech neck"],
    suitability=suit(),
))

# 9
add(T(
    slug="upper-trapezius-pin-hook-tool",
    name="Upper trapezius pin with a hook tool",
    summary=("Hook the cane over one shoulder and draw the handle down so the knob presses into "
             "the top of the shoulder: firm, self-graded pressure without lying down."),
    regions=["top-of-shoulder"],
    tissues=["upper trapezius", "levator scapulae", "supraspinatus"],
    actions=["pin", "compress"],
    equipment=["hook-tool", "chair"],
    position="chair",
    duration_seconds=90, per_side=True, level="beginner", intensity="moderate",
    instructions=[
        "Sit tall on a chair, feet flat, and hold the hook tool in both hands in front of you.",
        "Hook it over one shoulder so the knob at the tip rests on the muscle at the top of the "
        "shoulder, behind the collarbone and about a hand's width out from the neck.",
        "Draw the handle slowly down toward your lap, not back toward your throat, until the "
        "pressure is clear but comfortable, and hold for 20 to 30 seconds while you breathe.",
        "Ease off, move the knob a thumb's width toward the neck or toward the tip of the "
        "shoulder, and repeat on two more spots, about 90 seconds in all.",
        "Lift the tool away, roll the shoulder a few times, and change sides.",
    ],
    cues=[
        "Your hands are the dimmer switch: draw less for less.",
        "Let the worked shoulder hang; the tool does the pressing.",
        "Breathe out as you draw the handle down.",
    ],
    mistakes=[
        "Tugging the handle so the knob slides forward toward the collarbone and the throat.",
        "Jabbing with quick pulls instead of sinking in slowly.",
        "Pressing on the bony ridge of the shoulder blade.",
    ],
    cautions=[
        "A hook tool gives a lot of leverage; start with half the pressure you think you need.",
        "Tingling or numbness into the arm: ease off and move the knob back toward the shoulder "
        "blade.",
    ],
    contraindications=[NECK_FRONT, COLLAR_HOLLOW, fracture("of the collarbone or shoulder blade"),
                       LYMPH_NECK, SKIN, BLOOD, FEVER, INJ],
    indications=["tight shoulders", "knots in the shoulders", "trigger points", "desk workers",
                 "headache from a tight neck"],
    suitability=suit(),
))

# 10
add(T(
    slug="supraspinatus-pin-and-reach-therapy-ball",
    name="Supraspinatus pin with arm reaches, lying",
    summary=("Lying on your back, pin the hollow above the bony ridge of the shoulder blade on a "
             "ball and slide the arm across the body to ease the supraspinatus."),
    regions=["top-of-shoulder", "back-of-shoulder"],
    tissues=["supraspinatus", "upper trapezius"],
    actions=["pin-and-stretch"],
    equipment=["therapy-ball", "block"],
    position="supine",
    duration_seconds=90, per_side=True, level="intermediate", intensity="moderate",
    instructions=[
        "Lie on your back with knees bent and your head on a block. Reach one hand over the "
        "opposite shoulder and feel the bony ridge that runs across the top of the shoulder "
        "blade; the supraspinatus fills the hollow just above it.",
        "Place the ball in that hollow, about halfway between the neck and the tip of the "
        "shoulder, and shift your weight slightly toward it until the pressure is clear but "
        "comfortable.",
        "Keeping the ball pinned, lay that arm out to the side at shoulder height, then slowly "
        "lift and reach the hand across your body toward the opposite hip and back out, "
        "6 to 8 times.",
        "Shift the ball a thumb's width toward the neck and repeat, for about 90 seconds in all.",
        "Roll slightly away to free the ball, rest flat for a breath or two, and change sides.",
    ],
    cues=[
        "Pin the hollow above the ridge, not the ridge itself.",
        "The arm glides; the shoulder blade stays heavy.",
        "Move at the speed of a slow breath.",
    ],
    mistakes=[
        "Parking the ball on the bony ridge of the shoulder blade.",
        "Lifting the hips to add weight before the area is ready.",
        "Shrugging the shoulder as the arm moves.",
    ],
    cautions=[
        "Tingling or numbness down the arm means nerve pressure; ease off and move the ball a "
        "little toward the neck.",
    ],
    contraindications=[
        "A painful arc when lifting the arm, night pain, or a known or suspected rotator cuff "
        "tear: see a clinician before working here.",
        O_BALL, P_SUPINE, fracture("of the shoulder blade or collarbone"), SKIN, BLOOD, FEVER,
        INJ,
    ],
    indications=["stiff shoulder", "rotator cuff", "swimmers", "climbers", "overhead athletes",
                 "desk workers"],
    suitability=suit(preg=SUPINE3, osteo="care"),
    progression="rotator-cuff", progression_level=3,
))

# 11
add(T(
    slug="teres-major-wall-pin-and-reach",
    name="Teres major pin at the wall with an overhead reach",
    summary=("Pin the outer edge of the shoulder blade, just behind the armpit, on a ball at the "
             "wall and reach the arm overhead to lengthen teres major."),
    regions=["back-of-shoulder", "upper-arm"],
    tissues=["teres major", "latissimus dorsi", "teres minor"],
    actions=["pin-and-stretch"],
    equipment=["therapy-ball", "wall"],
    position="wall",
    duration_seconds=90, per_side=True, level="intermediate", intensity="moderate",
    instructions=[
        "Stand with your back to the wall, turn a quarter toward the side you are working, and "
        "place the ball on the outer edge of the shoulder blade, a little above its lower tip, "
        "on the thick muscle behind the armpit.",
        "Lean into the ball until the pressure is clear but comfortable, letting the arm hang in "
        "front of you.",
        "Keeping the ball pinned, slowly raise the arm forward and up overhead, thumb leading, "
        "and lower it again, 6 to 8 times.",
        "Move the ball a finger-width higher along the edge of the shoulder blade, staying behind "
        "the armpit, and repeat, for about 90 seconds in all.",
        "Step away from the wall, let the arm hang and compare both sides, then change sides.",
    ],
    cues=[
        "Behind the armpit, never in it.",
        "The thumb leads the reach.",
        "Keep the ribs down as the arm goes up.",
    ],
    mistakes=[
        "Letting the ball drift forward into the armpit.",
        "Arching the low back to get the arm higher.",
    ],
    cautions=[
        "If raising the arm overhead pinches the front of the shoulder, reach only as high as "
        "stays comfortable.",
        "Tingling or numbness down the arm means nerve pressure; move the ball back toward the "
        "middle of the shoulder blade.",
    ],
    contraindications=[ARMPIT, LYMPH_ARM, fracture("of the shoulder blade"), SKIN, BLOOD, FEVER,
                       INJ],
    indications=["stiff shoulder", "reaching overhead", "rotator cuff", "swimmers", "climbers",
                 "tennis players"],
    suitability=suit(),
    progression="rotator-cuff", progression_level=2,
))

# 12
add(T(
    slug="posterior-cuff-side-lying-lacrosse-ball",
    name="Posterior cuff pin and rotation on a lacrosse ball",
    summary=("Lying on your side and rolled back onto a lacrosse ball under the back of the "
             "shoulder, lower and lift the forearm to work the infraspinatus and teres minor."),
    regions=["back-of-shoulder"],
    tissues=["infraspinatus", "teres minor", "posterior deltoid"],
    actions=["pin-and-stretch", "cross-fiber"],
    equipment=["lacrosse-ball"],
    position="side-lying",
    duration_seconds=90, per_side=True, level="advanced", intensity="deep",
    instructions=[
        "Lie on your side on the shoulder you are working, knees bent and head on a folded towel, "
        "then roll back about a quarter turn and place the lacrosse ball under the back of the "
        "shoulder blade, below its bony ridge.",
        "Bring the bottom upper arm forward to shoulder height on the floor, elbow bent to a "
        "right angle and fingers pointing to the ceiling, and let your weight settle onto the "
        "ball.",
        "Keeping the ball pinned, slowly lower the forearm toward the floor in front of you and "
        "lift it back up, 6 to 8 times, helping it with the other hand if needed.",
        "Then rock your body a few centimetres forward and back so the ball crosses the muscle "
        "fibres in short strokes for about 30 seconds, about 90 seconds in all.",
        "Roll onto your back to free the ball, circle the shoulder, and change sides.",
    ],
    cues=[
        "Roll back onto the ball only as far as you can breathe easily.",
        "The forearm lowers like a slow drawbridge.",
        "Short strokes across the shoulder blade, not long rolls.",
    ],
    mistakes=[
        "Lying on the bony point of the shoulder.",
        "Letting the ball slide into the armpit.",
        "Forcing the forearm down into a pinch at the front of the shoulder.",
    ],
    cautions=[
        "Tingling or numbness into the hand means nerve pressure; move the ball toward the centre "
        "of the shoulder blade.",
        "Teach this only after the wall and chair rotator cuff work feels easy.",
        P_LATE_SIDE,
    ],
    contraindications=[
        "Osteoporosis: leave this out; a hard ball under body weight can crack a fragile "
        "shoulder blade or rib. Use the infraspinatus chair pin instead.",
        "Shoulder dislocation or instability: keep the rotation small and pain-free, or leave "
        "this out.",
        ARMPIT, BLOOD_DEEP, LYMPH_ARM, fracture("of the shoulder blade or upper arm"), SKIN,
        FEVER, INJ,
    ],
    indications=["rotator cuff", "tight back of the shoulder", "throwers", "tennis players",
                 "climbers", "swimmers"],
    suitability=suit(preg=SIDE3, osteo="no"),
    progression="rotator-cuff", progression_level=4,
))

# 13
add(T(
    slug="posterior-deltoid-pin-and-spin-therapy-ball",
    name="Back-of-shoulder pin and spin on the floor",
    summary=("Lying on your back with a ball under the back of the shoulder, turn your chest "
             "slowly toward and away from it so the skin and fascia wind around the ball."),
    regions=["back-of-shoulder", "upper-arm"],
    tissues=["posterior deltoid", "infraspinatus", "teres minor"],
    actions=["pin", "spin"],
    equipment=["therapy-ball"],
    position="supine",
    duration_seconds=60, per_side=True, level="beginner", intensity="moderate",
    instructions=[
        "Lie on your back with knees bent and place the ball under the back of one shoulder, "
        "just below and behind the bony tip, on the thick muscle at the back of the shoulder.",
        "Rest that forearm on your belly and let the shoulder settle onto the ball for three "
        "breaths.",
        "Keeping the ball in place, turn your chest slowly toward the ball side and back, so the "
        "skin twists around the ball, 6 to 8 times.",
        "Shift the ball a finger-width toward the shoulder blade and repeat, for about 60 seconds "
        "in all.",
        "Roll away to free the ball, circle the shoulder and change sides.",
    ],
    cues=[
        "The ball stays; you turn around it.",
        "Arm heavy on the belly.",
        "Slow twists, like wringing out a cloth.",
    ],
    mistakes=[
        "Lying on the bony tip of the shoulder.",
        "Letting the ball slip toward the armpit.",
    ],
    cautions=[
        "If the pressure is too much, swap to a softer ball or keep more weight on the other "
        "shoulder.",
    ],
    contraindications=[ARMPIT, O_BALL, P_SUPINE, LYMPH_ARM,
                       fracture("of the upper arm or shoulder blade"), SKIN, BLOOD, FEVER, INJ],
    indications=["stiff shoulder", "achy back of the shoulder", "desk workers",
                 "carrying children", "swimmers"],
    suitability=suit(preg=SUPINE3, osteo="care"),
))

# 14
add(T(
    slug="deltoid-roll-foam-roller-side-lying",
    name="Outer shoulder roll on a foam roller, side-lying",
    summary=("Lying on your side with a foam roller under the outer upper arm, roll slowly from "
             "below the shoulder tip to mid-arm, tipping forward and back to reach all of the "
             "deltoid."),
    regions=["back-of-shoulder", "upper-arm"],
    tissues=["middle deltoid", "anterior deltoid", "posterior deltoid"],
    actions=["roll"],
    equipment=["foam-roller"],
    position="side-lying",
    duration_seconds=90, per_side=True, level="intermediate", intensity="moderate",
    instructions=[
        "Lie on one side with the foam roller crosswise under the outer upper arm, just below "
        "the bony tip of the shoulder, the forearm resting on the floor in front of you and the "
        "knees bent.",
        "Put the top hand on the floor in front of your chest and use it and your feet to "
        "control how much weight goes onto the roller.",
        "Push gently with the feet to roll from just below the shoulder tip to halfway down the "
        "upper arm and back, slowly, 6 to 8 times.",
        "Tip your chest a little toward the floor to reach the front of the shoulder and a "
        "little back to reach the back, pausing on dense spots for three breaths, for about "
        "90 seconds in all.",
        "Roll off onto your back, circle the shoulder and change sides.",
    ],
    cues=[
        "The top hand sets the pressure.",
        "Stop at mid-arm, where the muscle ends.",
        "Breathe out as you roll down the arm.",
    ],
    mistakes=[
        "Rolling up onto the bony tip of the shoulder.",
        "Rolling on past mid-arm toward the elbow, where a nerve wraps close to the bone.",
        "Letting the top shoulder collapse forward.",
    ],
    cautions=[
        "Tingling or numbness into the hand means nerve pressure; stop at mid-arm and take more "
        "weight on the top hand.",
        P_LATE_SIDE,
    ],
    contraindications=[
        "Shoulder bursitis or impingement (pain on the outside of the shoulder when lying on it "
        "or lifting the arm): skip this, or use the deltoid wall pin with light pressure.",
        O_ROLLER_ARM, LYMPH_ARM, fracture("of the upper arm or shoulder"), SKIN, BLOOD, FEVER,
        INJ,
    ],
    indications=["sore shoulders after training", "stiff shoulder", "gym-goers", "climbers",
                 "paddlers"],
    suitability=suit(preg=SIDE3, osteo="care"),
))

# 15
add(T(
    slug="triceps-roll-foam-roller-side-lying",
    name="Triceps roll on a foam roller with elbow bends",
    summary=("Side-lying with the arm overhead and the back of the upper arm on a foam roller, "
             "roll from above the elbow toward the armpit, then pause and bend the elbow."),
    regions=["upper-arm"],
    tissues=["triceps brachii", "brachial fascia"],
    actions=["roll", "pin-and-stretch"],
    equipment=["foam-roller"],
    position="side-lying",
    duration_seconds=90, per_side=True, level="intermediate", intensity="moderate",
    instructions=[
        "Lie on one side with the bottom arm stretched overhead, thumb up, and roll back slightly "
        "so the back of that upper arm rests on the foam roller just above the elbow; rest your "
        "head on a folded towel.",
        "Bend the knees, place the top hand on the floor in front of you, and use it to control "
        "how much weight goes onto the roller.",
        "Shift your body to roll slowly from just above the elbow to a hand's width below the "
        "armpit and back, 5 or 6 times.",
        "Pause on a tender spot and slowly bend the elbow so the hand comes toward your head, "
        "then straighten it, 6 to 8 times, for about 90 seconds in all.",
        "Roll off the arm, shake it out and change sides.",
    ],
    cues=[
        "Stop a hand's width short of the armpit.",
        "Bend the elbow slowly, as if reaching to scratch your upper back.",
        "The top hand sets the pressure.",
    ],
    mistakes=[
        "Rolling onto the bony point of the elbow.",
        "Rolling up into the armpit.",
    ],
    cautions=[
        "Around mid-arm a nerve runs close to the bone on the outer side; tingling or numbness "
        "into the hand means move the roller or lighten the pressure.",
        "If raising the arm overhead pinches the shoulder, keep the arm lower, at about shoulder "
        "height.",
        P_LATE_SIDE,
    ],
    contraindications=[ARMPIT, O_ROLLER_ARM, LYMPH_ARM, fracture("of the upper arm or elbow"),
                       SKIN, BLOOD, FEVER, INJ],
    indications=["sore arms after training", "gym-goers", "climbers", "swimmers",
                 "reaching overhead"],
    suitability=suit(preg=SIDE3, osteo="care"),
))

# 16
add(T(
    slug="biceps-cross-fiber-table-therapy-ball",
    name="Biceps and brachialis cross-fiber at a table",
    summary=("Sitting at a table with the forearm resting on it, press a ball into the front of "
             "the upper arm with the other hand, stroke across the muscle, then straighten the "
             "elbow under the ball."),
    regions=["upper-arm"],
    tissues=["biceps brachii", "brachialis"],
    actions=["cross-fiber", "pin-and-stretch"],
    equipment=["therapy-ball", "table", "chair"],
    position="chair",
    duration_seconds=60, per_side=True, level="beginner", intensity="gentle",
    instructions=[
        "Sit at a table and rest one forearm on it, palm up, with the elbow a little bent.",
        "Hold the ball in the other hand and place it on the front of the upper arm, midway "
        "between shoulder and elbow, toward the outer side of the muscle and away from the "
        "groove on the inner side of the arm.",
        "Press in gently and make short strokes across the muscle, from its outer edge to the "
        "middle and back, 10 times; then move the ball a few centimetres toward the elbow and "
        "repeat, stopping three finger-widths above the elbow crease.",
        "On a tender spot, hold the ball still and slowly slide the hand forward along the table "
        "to straighten the elbow, then bend it back, 5 times, about 60 seconds in all.",
        "Shake the arm out and change sides.",
    ],
    cues=[
        "Short strokes across the muscle, like strumming a thick string.",
        "Front and outer side of the arm; the inner groove is off limits.",
        "Pressure from the weight of your hand.",
    ],
    mistakes=[
        "Pressing into the groove on the inner side of the upper arm.",
        "Working down into the elbow crease.",
    ],
    cautions=[
        "Tingling, or a pulse under the ball, means you are near the inner groove where the main "
        "artery and nerves run; move the ball outward.",
        "Tendon pain at the front of the elbow or shoulder needs a clinician's opinion before "
        "ball work.",
    ],
    contraindications=[ELBOW_CREASE, LYMPH_ARM, fracture("of the upper arm or elbow"), SKIN,
                       BLOOD, FEVER, INJ],
    indications=["sore biceps", "carrying and lifting", "new parents", "climbers", "musicians"],
    suitability=suit(),
))
