from lines import *  # noqa: F401,F403
from part1 import T, suit, add, SUPINE3, SIDE3  # noqa: F401

SPINE_FRACTURE = RIB_FRACTURE

# 30
add(T(
    slug="rib-rock-stacked-tote",
    name="Rib rock: stacked balls beside the spine with a self-hug",
    summary=("Lying on your back with two balls stacked beside the spine between the shoulder "
             "blades, hug yourself and rock slowly side to side across the back muscles and "
             "ribs."),
    regions=["upper-back", "between-shoulder-blades", "side-ribs"],
    tissues=["multifidus", "rotatores", "intercostals", "erector spinae"],
    actions=["roll", "cross-fiber"],
    equipment=["ball-pair-tote"],
    position="supine",
    duration_seconds=120, per_side=True, level="intermediate", intensity="moderate",
    instructions=[
        "Turn the tote on its side so the two balls sit one on top of the other, and lie on your "
        "back with knees bent and the stacked balls under the left side of the upper back, "
        "between the spine and the shoulder blade.",
        "Cross your right arm over your body to hug the ribs, lay the left arm on top, and let "
        "your weight settle onto the balls for three breaths.",
        "Rock slowly from side to side, a few centimetres each way, so the balls roll across the "
        "muscles beside the spine and over the ribs, for about 60 seconds, breathing deeply.",
        "Move the balls a hand's width lower, no lower than the bottom tips of the shoulder "
        "blades, and rock for another 30 seconds, about 2 minutes in all.",
        "Roll off the balls, rest flat for three breaths, and change sides, swapping the hug.",
    ],
    cues=[
        "The hug spreads the shoulder blades so the balls meet the muscle.",
        "Small rocks; the balls never cross the spine.",
        "Breathe into the ribs that touch the balls.",
    ],
    mistakes=[
        "Rocking so far that the balls roll onto the spine.",
        "Lifting the head and straining the neck.",
    ],
    cautions=[
        "If the pressure is too much, do the same rock standing, with the tote at the wall.",
        "Deep work around the shoulder blades can stir up emotion; pause or sit up at any time.",
    ],
    contraindications=[
        SPINE_TOTE,
        "Osteoporosis or a past rib fracture: leave this out; stacked balls under body weight "
        "press hard on the ribs. Use the upper back wall roll with the tote instead.",
        P_SUPINE, SPINE_FRACTURE, SKIN, BLOOD, FEVER, INJ,
    ],
    indications=["stiff upper back", "shallow breathing", "between the shoulder blades",
                 "desk workers", "to breathe more easily", "before sleep"],
    suitability=suit(preg=SUPINE3, osteo="no"),
    progression="ribs-and-breath", progression_level=3,
))

# 31
add(T(
    slug="upper-back-wall-tote-roll",
    name="Upper back roll with the tote at the wall",
    summary=("Standing with your back to the wall, lean into the tote with the spine in the gap "
             "and bend the knees to roll it between the shoulder blades, pausing on stiff "
             "levels."),
    regions=["upper-back", "between-shoulder-blades"],
    tissues=["erector spinae", "rhomboids", "middle trapezius"],
    actions=["roll", "pin"],
    equipment=["ball-pair-tote", "wall"],
    position="wall",
    duration_seconds=90, per_side=False, level="beginner", intensity="gentle",
    instructions=[
        "Stand with your back to the wall and hold the tote against the upper back at the level "
        "of the lower tips of the shoulder blades, one ball on each side of the spine.",
        "Walk your feet about a step away from the wall and lean back until your weight holds "
        "the tote in place; cross your arms over your chest to widen the shoulder blades.",
        "Bend and straighten the knees slowly so the tote rolls up to the tops of the shoulder "
        "blades and back down, 6 to 8 times.",
        "Pause at any stiff level and breathe into the balls for three slow breaths, for about "
        "90 seconds in all.",
        "Step toward the wall and catch the tote as you come away; roll the shoulders and notice "
        "the upper back.",
    ],
    cues=[
        "Spine in the gap, balls on the muscles.",
        "Feet nearer the wall for less, further away for more.",
        "The knees do the rolling; the back stays relaxed.",
    ],
    mistakes=[
        "Rolling up past the shoulder blades onto the neck.",
        "Locking the knees and leaning back with the head.",
    ],
    cautions=[
        "A good standby for students who cannot get down to the floor, at home or at work.",
        "A grippy tote can drop; keep a hand ready to catch it.",
    ],
    contraindications=[SPINE_TOTE, O_BALL, SPINE_FRACTURE, SKIN, BLOOD, FEVER, INJ],
    indications=["desk workers", "stiff upper back", "tech neck", "between the shoulder blades",
                 "older adults", "office break"],
    suitability=suit(osteo="care"),
    progression="desk-break-chair-and-wall", progression_level=2,
))

# 32
add(T(
    slug="between-shoulder-blades-chair-tote-hug-and-reach",
    name="Tote between chair back and upper back: hug and reach",
    summary=("Sitting on a chair with the tote between the chair back and the upper back, hug "
             "yourself to spread the shoulder blades over the balls, then reach the arms forward "
             "and up."),
    regions=["between-shoulder-blades", "upper-back"],
    tissues=["rhomboids", "middle trapezius", "erector spinae"],
    actions=["pin-and-stretch"],
    equipment=["ball-pair-tote", "chair"],
    position="chair",
    duration_seconds=90, per_side=False, level="beginner", intensity="gentle",
    instructions=[
        "Sit on a sturdy chair whose back reaches at least to the lower tips of your shoulder "
        "blades, and place the tote between the chair back and your upper back, one ball either "
        "side of the spine.",
        "Lean back until the balls are pinned, feet flat and spine tall, sliding a little lower "
        "or higher on the seat to set the height.",
        "Hug yourself, hands reaching toward the opposite shoulder blades, and breathe into the "
        "back for two slow breaths; then open the arms out to the sides. Repeat 5 times.",
        "Then reach both arms forward at shoulder height and up overhead and lower them, "
        "5 times, keeping the back against the balls, for about 90 seconds in all.",
        "Lean forward to free the tote, catch it, and sit tall for a breath.",
    ],
    cues=[
        "Hug wide to open the space between the shoulder blades.",
        "Sit tall and lean back; don't slump back.",
        "Breathe into the balls.",
    ],
    mistakes=[
        "Slumping so the balls slide down to the low back.",
        "Letting the tote drift so a ball sits on the spine.",
    ],
    cautions=[
        "A good choice for students who cannot lie down or get down to the floor.",
        "If reaching overhead pinches the shoulders, reach only forward.",
    ],
    contraindications=[SPINE_TOTE, O_BALL, SPINE_FRACTURE, SKIN, BLOOD, FEVER, INJ],
    indications=["desk workers", "between the shoulder blades", "rounded shoulders",
                 "older adults", "office break", "stiff upper back"],
    suitability=suit(osteo="care"),
))

# 33
add(T(
    slug="mid-back-wall-pin-and-reach-lacrosse-ball",
    name="Mid-back paraspinal pin at the wall with arm reaches",
    summary=("Pin a lacrosse ball in the groove beside the spine at the wall, then raise and "
             "lower the arm on that side so the back muscles move over the ball."),
    regions=["upper-back"],
    tissues=["erector spinae (longissimus and iliocostalis)", "multifidus", "lower trapezius"],
    actions=["pin-and-stretch"],
    equipment=["lacrosse-ball", "wall"],
    position="wall",
    duration_seconds=90, per_side=True, level="intermediate", intensity="deep",
    instructions=[
        "Stand with your back to the wall and place the lacrosse ball in the groove beside the "
        "spine, just below the level of the shoulder blades.",
        "Walk your feet forward and lean back until the pressure is firm but still lets you "
        "breathe fully; bend the knees a little.",
        "Keeping the ball pinned, raise the arm on that side forward and overhead and lower it, "
        "6 times, then reach it across your chest 4 times.",
        "Bend the knees to move the ball up one level and repeat once more, staying between the "
        "lowest ribs and the top of the shoulder blades, for about 90 seconds in all.",
        "Step toward the wall, catch the ball and change sides.",
    ],
    cues=[
        "In the groove beside the spine, never on the bony bumps.",
        "Lean with the legs; the back stays soft.",
        "Slow reaches, in time with the breath.",
    ],
    mistakes=[
        "Letting the ball roll onto the spine.",
        "Working down into the low back below the ribs.",
    ],
    cautions=[
        "Start with a therapy ball at the wall; move to the lacrosse ball once that feels easy.",
        "Tingling around the ribs or into the arm means nerve pressure; move the ball.",
    ],
    contraindications=[
        SPINE,
        "Osteoporosis: leave this out; a hard ball pressed into the back can crack fragile ribs "
        "or vertebrae. Use the upper back wall roll with the tote instead.",
        BLOOD_DEEP, SPINE_FRACTURE, SKIN, FEVER, INJ,
    ],
    indications=["stiff mid-back", "knots beside the spine", "desk workers", "rowers",
                 "climbers", "cyclists"],
    suitability=suit(osteo="no"),
))

# 34
add(T(
    slug="rhomboid-pin-hook-tool",
    name="Between-the-shoulder-blades pin with a hook tool",
    summary=("Sitting on a chair, hook the cane over the opposite shoulder so the knob rests "
             "beside the spine, and draw the handle to pin the rhomboids without lying down."),
    regions=["between-shoulder-blades"],
    tissues=["rhomboids", "middle trapezius", "erector spinae"],
    actions=["pin", "compress"],
    equipment=["hook-tool", "chair"],
    position="chair",
    duration_seconds=90, per_side=True, level="beginner", intensity="moderate",
    instructions=[
        "Sit tall on a chair, hold the hook tool in both hands, and hook it over the shoulder "
        "opposite the side you will work, so the curved end hangs down your back.",
        "Move the handle a little across your body until the knob rests in the groove between "
        "the spine and the inner edge of the shoulder blade on the working side.",
        "Draw the handle slowly down and forward, away from your neck, until the pressure is "
        "clear but comfortable, and hold for 20 to 30 seconds while you breathe.",
        "Ease off, move the knob a thumb's width lower along the groove and repeat at two more "
        "spots, about 90 seconds in all.",
        "Lift the tool away, circle the shoulders and change sides.",
    ],
    cues=[
        "Beside the spine, never on it.",
        "The hands set the pressure; the back stays soft.",
        "Breathe out as you draw the handle.",
    ],
    mistakes=[
        "Letting the knob slide onto the bony bumps of the spine.",
        "Pulling the shaft of the tool back against the side of the neck.",
    ],
    cautions=[
        "A hook tool gives a lot of leverage; start with half the pressure you think you need.",
        "Tingling around the ribs or into the arm: ease off and move the knob.",
    ],
    contraindications=[
        SPINE_HOOK,
        "Keep the shaft of the tool off the front and side of the neck.",
        "Osteoporosis: press gently; a hook tool can put a lot of force through a small point "
        "over the ribs.",
        SPINE_FRACTURE, SKIN, BLOOD, FEVER, INJ,
    ],
    indications=["between the shoulder blades", "knots in the upper back", "desk workers",
                 "older adults", "office break"],
    suitability=suit(osteo="care"),
))

# 35
add(T(
    slug="thoracic-snow-angels-foam-roller",
    name="Snow angels lengthwise on a foam roller",
    summary=("Lie along a foam roller with the head and tailbone supported and sweep the arms "
             "slowly along the floor like snow angels, to open the chest and ease the upper "
             "back."),
    regions=["upper-back", "front-of-shoulder-and-chest"],
    tissues=["pectoralis major", "pectoralis minor", "latissimus dorsi", "erector spinae"],
    actions=["sustained-hold", "pin-and-stretch"],
    equipment=["foam-roller"],
    position="supine",
    duration_seconds=120, per_side=False, level="beginner", intensity="gentle",
    instructions=[
        "Sit at one end of the foam roller and lie back along it so your head and tailbone are "
        "both supported, knees bent and feet flat, a little wider than the hips.",
        "Let the arms rest out to the sides, palms up, and breathe into the back ribs for five "
        "slow breaths while the chest softens.",
        "With the backs of the hands brushing the floor, sweep the arms slowly up toward "
        "overhead and back down toward the hips, like making a snow angel, 8 times.",
        "Sweep only as high as the hands stay near the floor and the low back stays on the "
        "roller, resting still between sweeps whenever you like, for about 2 minutes in all.",
        "Bring the arms down, roll to one side onto the floor, and sit up from there.",
    ],
    cues=[
        "Let gravity do the opening.",
        "Hands brush the floor like wings.",
        "Low back heavy on the roller.",
    ],
    mistakes=[
        "Arching the low back off the roller to get the arms higher.",
        "Forcing the arms down to the floor when the chest is tight.",
    ],
    cautions=[
        "If the arms tingle or go numb, bend the elbows and keep the sweep lower.",
        "If the head does not rest comfortably, put a folded towel under it.",
        "After a shoulder dislocation, keep the sweep below shoulder height.",
    ],
    contraindications=[P_SUPINE, O_ROLLER_LENGTH, VERTEBRA_ROLLER, SKIN, BLOOD, FEVER, INJ],
    indications=["rounded shoulders", "desk workers", "tight chest", "stiff upper back",
                 "winding down", "posture break"],
    suitability=suit(preg=SUPINE3, osteo="care"),
))

# 36
add(T(
    slug="upper-back-tote-curl-and-extend",
    name="Segmental curl-ups and extensions over the tote",
    summary=("With the tote under the upper back and the head in your hands, curl up a little, "
             "then extend back over the balls, one level at a time, to get the upper back "
             "moving."),
    regions=["upper-back"],
    tissues=["erector spinae", "multifidus", "rotatores"],
    actions=["pin-and-stretch", "compress"],
    equipment=["ball-pair-tote", "block"],
    position="supine",
    duration_seconds=120, per_side=False, level="intermediate", intensity="moderate",
    instructions=[
        "Lie on your back with knees bent and place the tote across the upper back at the level "
        "of the lower tips of the shoulder blades, one ball either side of the spine; rest your "
        "head on a block.",
        "Lace the fingers behind the head, elbows soft, and lift the head off the block into "
        "your hands.",
        "Breathe out and curl the head and shoulders up a few centimetres, just enough to lift "
        "the shoulder blades; breathe in and lower back, letting the upper back extend over the "
        "balls, 5 times.",
        "Lift the hips briefly to move the tote one level higher and repeat, working up to the "
        "tops of the shoulder blades over three or four levels, for about 2 minutes in all.",
        "Remove the tote, rest flat with the head on the block for a few breaths, and roll to "
        "one side to come up.",
    ],
    cues=[
        "Small curls: the ribs move, the neck stays long.",
        "The hands cradle the head; they never pull it.",
        "Extend back over the balls as if over a gentle wave.",
    ],
    mistakes=[
        "Yanking the head forward with the hands.",
        "Curling up high like a sit-up.",
        "Working down into the low back below the ribs.",
    ],
    cautions=[
        "If the neck tires, rest the head on the block and do only the extensions.",
    ],
    contraindications=[
        SPINE_TOTE,
        "Osteoporosis: leave this out; curling up over the balls loads the spine in forward "
        "bending, the movement most linked to spinal fractures. Use the upper back wall roll "
        "with the tote instead.",
        "Pregnancy: leave this out after the first trimester (curl-ups strain the stretching "
        "belly wall, and lying flat can make you light-headed); in the first trimester, skip "
        "the curl-ups if the belly feels tender.",
        VERTEBRA_BALLS,
        "Whiplash or acute neck injury: keep the head resting on the block and leave out the "
        "curl-ups until a clinician has cleared them.",
        SPINE_FRACTURE, SKIN, BLOOD, FEVER, INJ,
    ],
    indications=["stiff upper back", "hunched posture", "desk workers", "tech neck", "cyclists",
                 "upper back mobility"],
    suitability=suit(preg={"first": "care", "second": "no", "third": "no"}, osteo="no"),
))

# 37
add(T(
    slug="low-back-stacked-tote-tail-wag",
    name="Low-back lengthener: stacked balls beside the lumbar spine, tail wag",
    summary=("Lying with two stacked balls in the groove beside the lumbar spine, sway the hips "
             "side to side like a wagging tail so the balls stroke across the low back muscles."),
    regions=["low-back"],
    tissues=["multifidus", "erector spinae", "thoracolumbar fascia"],
    actions=["roll", "cross-fiber"],
    equipment=["ball-pair-tote"],
    position="supine",
    duration_seconds=90, per_side=True, level="intermediate", intensity="moderate",
    instructions=[
        "Turn the tote on its side so the two balls sit one on top of the other, and lie on your "
        "back with knees bent and feet flat.",
        "Lift the hips and set the stacked balls in the groove just to one side of the lumbar "
        "spine, between the top of the pelvis and the lowest rib; lower the hips and let the "
        "head and upper body rest on the floor.",
        "Sway the hips slowly side to side, a few centimetres each way, like a dog wagging its "
        "tail, so the balls stroke across the muscles beside the spine, for about 45 seconds.",
        "Lift the hips to move the balls one level up or down and wag for another 30 seconds, "
        "staying below the lowest rib and above the pelvis, about 90 seconds in all.",
        "Lift the hips, remove the balls, rest flat for a few breaths and change sides.",
    ],
    cues=[
        "Small wags; the balls never cross the spine.",
        "Head and shoulders heavy on the floor.",
        "Breathe into the back of the waist.",
    ],
    mistakes=[
        "Letting the balls roll onto the spine.",
        "Setting the balls out in the soft waist, away from the groove beside the spine.",
        "Arching the back to escape the pressure.",
    ],
    cautions=[
        "Keep the stacked balls in the groove beside the spine; the soft waist further out, "
        "below the ribs, is not a place for them.",
        "If the pressure is too much, unstack the balls or roll the low back at the wall "
        "instead.",
        "Move the balls if you feel tingling or burning down the leg.",
    ],
    contraindications=[
        SPINE_TOTE, DISC,
        "Osteoporosis: leave this out; use the low back wall roll with the tote, where the wall "
        "lets you grade the pressure.",
        P_SUPINE, fracture("of the spine or pelvis"), SKIN, BLOOD, FEVER, INJ,
    ],
    indications=["low back tightness", "sitting all day", "stiff lower back", "desk workers",
                 "gardeners", "after driving"],
    suitability=suit(preg=SUPINE3, osteo="no"),
))

# 38
add(T(
    slug="sacrum-wall-tote-circles",
    name="Sacrum circles with the tote at the wall",
    summary=("Standing with the tote between the wall and the flat bone at the back of the "
             "pelvis, draw slow circles with the pelvis so the tissues over the sacrum move: "
             "floor-free and calming."),
    regions=["sacrum-and-pelvis"],
    tissues=["posterior sacroiliac ligaments", "thoracolumbar fascia", "multifidus",
             "gluteus maximus (upper fibres)"],
    actions=["shear", "compress"],
    equipment=["ball-pair-tote", "wall"],
    position="wall",
    duration_seconds=90, per_side=False, level="beginner", intensity="gentle",
    instructions=[
        "Stand with your back to the wall and hold the tote against the flat bone at the back of "
        "the pelvis, below the waist, one ball on each side of the midline.",
        "Walk your feet a small step forward, bend the knees slightly and lean back until the "
        "balls are pinned, hands resting on your thighs.",
        "Let a little more weight sink into the balls and breathe into them for five slow "
        "breaths.",
        "Keeping the balls in place, draw small slow circles with the pelvis, 5 each way, so the "
        "skin over the sacrum moves over the bone beneath; then rock gently side to side "
        "10 times, for about 90 seconds in all.",
        "Step toward the wall, catch the tote, and stand for a moment to notice the back of the "
        "pelvis.",
    ],
    cues=[
        "Circles the size of a saucer.",
        "Knees soft, feet grounded.",
        "Let the breath drop into the back of the pelvis.",
    ],
    mistakes=[
        "Letting the tote ride up onto the lumbar spine.",
        "Making circles so big that the balls roll off the sacrum.",
    ],
    cautions=[
        "With pelvic girdle pain in pregnancy, keep the circles very small and stop if the pain "
        "sharpens.",
        "A good choice for students who find it hard to get down to the floor.",
    ],
    contraindications=[
        "Do not roll up onto the lumbar spine; the balls stay on the broad, flat sacrum.",
        O_BALL, fracture("of the pelvis, sacrum or tailbone"), SKIN, BLOOD, FEVER, INJ,
    ],
    indications=["stiff lower back", "sitting all day", "sacroiliac ache", "older adults",
                 "winding down"],
    suitability=suit(osteo="care"),
    progression="low-back-off-the-floor", progression_level=1,
))

# 39
add(T(
    slug="low-back-chair-tote-pelvic-tilts",
    name="Low back tote against a chair with pelvic tilts",
    summary=("Sitting with the tote between the chair back and the low back, tilt the pelvis "
             "slowly back and forward so the muscles beside the spine slide over the balls."),
    regions=["low-back"],
    tissues=["erector spinae", "multifidus", "thoracolumbar fascia"],
    actions=["pin", "shear"],
    equipment=["ball-pair-tote", "chair"],
    position="chair",
    duration_seconds=90, per_side=False, level="beginner", intensity="gentle",
    instructions=[
        "Sit towards the front of a sturdy chair and place the tote between the chair back and "
        "your low back, just above the pelvis, one ball on each side of the spine.",
        "Lean back until the balls are pinned, feet flat and hip-width apart, hands resting on "
        "the thighs.",
        "Breathe into the balls for five slow breaths, letting the low back soften around them.",
        "Slowly tilt the pelvis back, rounding the low back into the balls, then forward, "
        "lifting the chest, 6 times; move the tote a hand's width higher and repeat, for about "
        "90 seconds in all.",
        "Lean forward to free the tote, catch it, and stand up to notice the low back.",
    ],
    cues=[
        "The pelvis rocks like a bowl tipping.",
        "Spine in the gap.",
        "Small and slow, in time with the breath.",
    ],
    mistakes=[
        "Letting a ball slide onto the spine.",
        "Slumping the whole upper body instead of moving the pelvis.",
    ],
    cautions=[
        "If the chair back is too low or too soft to hold the tote, use the wall version "
        "instead.",
        "A desk-friendly break that also works in a firm armchair.",
    ],
    contraindications=[SPINE_TOTE, DISC, O_BALL, fracture("of the spine or pelvis"), SKIN, BLOOD,
                       FEVER, INJ],
    indications=["sitting all day", "desk workers", "low back tightness", "older adults",
                 "office break", "long drives"],
    suitability=suit(osteo="care"),
    progression="low-back-off-the-floor", progression_level=2,
))

# 40
add(T(
    slug="quadratus-lumborum-wall-pin-and-side-bend",
    name="Quadratus lumborum pin at the wall with a side bend",
    summary=("Pin a ball in the fleshy waist beside the spine at the wall, below the lowest rib, "
             "and side-bend slowly away from it to lengthen the quadratus lumborum."),
    regions=["low-back", "side-ribs"],
    tissues=["quadratus lumborum", "erector spinae (iliocostalis)", "thoracolumbar fascia"],
    actions=["pin-and-stretch"],
    equipment=["therapy-ball", "wall"],
    position="wall",
    duration_seconds=90, per_side=True, level="intermediate", intensity="moderate",
    instructions=[
        "Stand with your back to the wall and place the ball in the fleshy part of the waist on "
        "one side, just outside the long muscles beside the spine, between the top of the pelvis "
        "and the lowest rib.",
        "Walk your feet forward a little and lean back until the ball is pinned with clear but "
        "comfortable pressure; bend the knees slightly.",
        "Keeping the ball in place, reach the arm on the ball side up and over your head and "
        "side-bend slowly away from the ball, then come back to upright, 6 to 8 times.",
        "Bend the knees a little to move the ball a finger-width lower, toward the top of the "
        "pelvis, and repeat, for about 90 seconds in all.",
        "Step toward the wall, catch the ball and change sides.",
    ],
    cues=[
        "Soft tissue between rib and pelvis, never on bone.",
        "Reach long, as if over a barrel.",
        "Breathe into the side of the waist.",
    ],
    mistakes=[
        "Pressing on the lowest ribs or the rim of the pelvis.",
        "Letting the ball slide onto the spine.",
        "Twisting instead of bending to the side.",
    ],
    cautions=[
        "The floating lower ribs are fragile and the kidney lies deep to this area: keep the "
        "pressure moderate and the ball below the ribs.",
        "In late pregnancy, keep the side bend small and a hand on the wall for balance.",
    ],
    contraindications=[
        SPINE, DISC, O_BALL,
        "Pain in the side or back near the lowest ribs with fever, or a known kidney problem: "
        "leave this out until a doctor has checked it.",
        RIB_FRACTURE, fracture("of the spine or pelvis"), SKIN, BLOOD, FEVER, INJ,
    ],
    indications=["low back tightness", "one-sided low back ache", "standing all day",
                 "gardeners", "runners", "desk workers"],
    suitability=suit(preg=SIDE3, osteo="care"),
    progression="low-back-off-the-floor", progression_level=4,
))

# 41
add(T(
    slug="thoracolumbar-pin-and-spin-large-soft-ball",
    name="Thoracolumbar fascia pin and spin on a soft ball",
    summary=("Lying on your back with a half-inflated soft ball under one side of the low back, "
             "sway the knees slowly side to side so the skin and fascia wind around the ball."),
    regions=["low-back"],
    tissues=["thoracolumbar fascia", "erector spinae", "latissimus dorsi (lower fibres)"],
    actions=["pin", "spin"],
    equipment=["large-soft-ball"],
    position="supine",
    duration_seconds=90, per_side=True, level="beginner", intensity="gentle",
    instructions=[
        "Let some air out of the soft ball, lie on your back with knees bent and feet flat, and "
        "place the ball under one side of the low back, between the lowest rib and the top of "
        "the pelvis.",
        "Let your weight settle onto the ball and breathe into it for five slow breaths.",
        "Keeping the ball in place, let both knees sway slowly a little way to each side and "
        "back, 8 times, so the skin and fascia wind and unwind around the ball.",
        "Move the ball a hand's width higher, staying below the lowest rib, and repeat, for "
        "about 90 seconds in all.",
        "Lift the hips, slide the ball away, rest flat for a few breaths and change sides.",
    ],
    cues=[
        "The ball stays; your body turns around it.",
        "Squashy ball, soft breath.",
        "Let the knees fall by their own weight.",
    ],
    mistakes=[
        "Inflating the ball so fully that it pushes the back into an arch.",
        "Moving the ball up onto the ribs or onto the spine.",
    ],
    cautions=[
        "A gentle first step for sore backs; move on to the tote or wall work only when this "
        "feels easy.",
    ],
    contraindications=[
        "Do not press directly on the spine; keep the ball to one side of it.",
        DISC, O_SOFT, P_SUPINE, RIB_FRACTURE, fracture("of the spine"), SKIN, BLOOD, FEVER, INJ,
    ],
    indications=["low back tightness", "stiff lower back", "before sleep", "winding down",
                 "desk workers", "new to rolling"],
    suitability=suit(preg=SUPINE3, osteo="care"),
))
