from lines import *  # noqa: F401,F403
from part1 import T, suit, add, YES3  # noqa: F401

# 17
add(T(
    slug="pectoralis-minor-wall-pin-and-reach",
    name="Pectoralis minor pin at the wall with an arm reach",
    summary=("Facing the wall, pin a ball just below the front of the shoulder and slide the arm "
             "up the wall to ease a shoulder that rounds forward."),
    regions=["front-of-shoulder-and-chest"],
    tissues=["pectoralis minor", "pectoralis major"],
    actions=["pin-and-stretch"],
    equipment=["therapy-ball", "wall"],
    position="wall",
    duration_seconds=90, per_side=True, level="beginner", intensity="moderate",
    instructions=[
        "Find the bony knob at the front of the shoulder, just below the outer end of the "
        "collarbone, and place the ball two finger-widths below it and two finger-widths in "
        "toward the breastbone.",
        "Face the wall and lean the ball against it with your chest, turning slightly toward the "
        "working side, until the pressure is clear but comfortable; keep the other hand on the "
        "wall to grade it.",
        "Keeping the ball pinned, slide the working hand slowly up the wall beside you, as high "
        "as is comfortable, and back down, 6 to 8 times.",
        "Move the ball a finger-width lower or closer to the breastbone and repeat, for about "
        "90 seconds in all.",
        "Step away, roll the shoulders back and down, and change sides.",
    ],
    cues=[
        "Sink into the ball, then let the arm do the stretching.",
        "Your other hand is the dimmer switch.",
        "Let the shoulder blade slide down your back as the arm rises.",
    ],
    mistakes=[
        "Placing the ball on the bony knob or on the collarbone.",
        "Drifting out toward the armpit.",
        "Pressing on breast tissue.",
    ],
    cautions=[
        "Tingling, coldness or numbness in the hand: the nerves and vessels to the arm pass under "
        "this muscle, so ease off and move the ball toward the breastbone.",
        "If sliding the arm overhead pinches the shoulder, stop at shoulder height.",
    ],
    contraindications=[BREAST, ARMPIT, PORT, ARM_CLOT, LYMPH_CHEST, O_BALL,
                       fracture("of the ribs or collarbone"), SKIN, BLOOD, FEVER, INJ],
    indications=["rounded shoulders", "tech neck", "desk workers", "tight chest",
                 "slumped posture", "drivers"],
    suitability=suit(osteo="care", clot="care"),
    progression="desk-break-chair-and-wall", progression_level=3,
))

# 18
add(T(
    slug="pectoralis-major-doorway-pin-and-stretch",
    name="Pectoralis major pin in a doorway, arm at shoulder height",
    summary=("Standing beside an open doorway, pin a ball between the chest and the wall and "
             "let the arm swing back through the opening to lengthen the pectoralis major over "
             "the ball."),
    regions=["front-of-shoulder-and-chest"],
    tissues=["pectoralis major (clavicular and sternal fibres)", "anterior deltoid"],
    actions=["pin-and-stretch"],
    equipment=["therapy-ball", "wall"],
    position="standing",
    duration_seconds=90, per_side=True, level="intermediate", intensity="moderate",
    instructions=[
        "Stand facing the wall right beside an open doorway, so the working arm can swing freely "
        "through the opening.",
        "Place the ball on the chest just below the collarbone, midway between the breastbone "
        "and the front of the shoulder, and lean in so it is pinned against the wall close to "
        "the edge of the door frame.",
        "Raise the working arm out to the side at shoulder height, elbow bent to a right angle, "
        "then let it swing slowly back through the doorway until you feel a stretch across the "
        "chest, and return, 6 to 8 times.",
        "Move the ball a finger-width lower and repeat with the elbow a little below shoulder "
        "height, for about 90 seconds in all.",
        "Step away from the wall, let the arm hang, and change sides.",
    ],
    cues=[
        "Lean into the ball first, then open the arm.",
        "A stretch across the chest, never a pinch at the front of the shoulder.",
        "Keep the ribs from flaring forward.",
    ],
    mistakes=[
        "Taking the arm so far back that the front of the shoulder strains.",
        "Letting the ball roll onto breast tissue or out toward the armpit.",
    ],
    cautions=[
        "If the stretch turns into a pinch at the front of the shoulder, bring the arm lower and "
        "make the swing smaller.",
        "Tingling in the hand: lower the arm and move the ball toward the breastbone.",
    ],
    contraindications=[
        "Shoulder dislocation or instability: keep the elbow below shoulder height and the swing "
        "small, or leave this out.",
        BREAST, ARMPIT, PORT, LYMPH_CHEST, O_BALL, fracture("of the ribs or collarbone"), SKIN,
        BLOOD, FEVER, INJ,
    ],
    indications=["tight chest", "rounded shoulders", "desk workers", "gym-goers", "swimmers"],
    suitability=suit(osteo="care"),
))

# 19
add(T(
    slug="pectoralis-roll-foam-roller-prone",
    name="Chest roll face down over a foam roller",
    summary=("Face down with a foam roller lengthwise under one side of the upper chest, shift "
             "slowly sideways so it travels from beside the breastbone toward the front of the "
             "shoulder, above the breast tissue."),
    regions=["front-of-shoulder-and-chest"],
    tissues=["pectoralis major", "pectoralis minor", "anterior deltoid"],
    actions=["roll"],
    equipment=["foam-roller"],
    position="prone",
    duration_seconds=90, per_side=True, level="intermediate", intensity="moderate",
    instructions=[
        "Lie face down with the foam roller running lengthwise under one side of the upper "
        "chest, just beside the breastbone and between the collarbone and the breast line.",
        "Stretch that arm out to the side at shoulder height or lower, and use the other "
        "forearm and your feet to control how much weight goes onto the roller.",
        "Shift your body slowly sideways so the roller travels from beside the breastbone out "
        "toward the front of the shoulder and back, 6 to 8 times.",
        "Pause on a dense spot for three breaths and slide the outstretched arm a little higher "
        "and back down, for about 90 seconds in all.",
        "Roll off to the side, rest a moment, and change sides.",
    ],
    cues=[
        "Above the breast line, below the collarbone.",
        "The other forearm sets the pressure.",
        "Slow enough to breathe three times per pass.",
    ],
    mistakes=[
        "Rolling over breast tissue.",
        "Rolling out into the armpit.",
        "Dropping your full weight onto the roller on the first pass.",
    ],
    cautions=[
        "Tingling in the hand: lower the outstretched arm and move toward the breastbone.",
        "If lying face down strains the low back, place a folded blanket under the belly.",
        "Tender breasts, as in early pregnancy, make this uncomfortable; the wall chest "
        "techniques are kinder then.",
    ],
    contraindications=[
        P_PRONE,
        O_ROLLER_CHEST, BREAST, ARMPIT, PORT, LYMPH_CHEST,
        RIB_FRACTURE, fracture("of the breastbone or collarbone"), SKIN, BLOOD, FEVER, INJ,
    ],
    indications=["tight chest", "rounded shoulders", "gym-goers", "desk workers", "swimmers"],
    suitability=suit(preg={"first": "care", "second": "no", "third": "no"}, osteo="no"),
))

# 20
add(T(
    slug="subclavius-shear-spiky-ball",
    name="Under-the-collarbone shear with a spiky ball",
    summary=("Sitting tall, hold a spiky ball just under the inner collarbone and move the skin "
             "in small circles, working outward to the middle of the collarbone."),
    regions=["front-of-shoulder-and-chest"],
    tissues=["subclavius", "pectoralis major (clavicular fibres)",
             "skin and superficial fascia of the upper chest"],
    actions=["shear"],
    equipment=["spiky-ball", "chair"],
    position="chair",
    duration_seconds=60, per_side=True, level="beginner", intensity="gentle",
    instructions=[
        "Sit tall on a chair and hold the spiky ball in the hand opposite the side you will "
        "work.",
        "Place it just under the collarbone, a thumb's width out from where the collarbone meets "
        "the breastbone, and press only enough for the spikes to grip the skin.",
        "Make 5 slow circles each way so the skin slides over the layers beneath, without the "
        "ball sliding.",
        "Lift the ball, move it a thumb's width outward along the underside of the collarbone "
        "and repeat, stopping at the middle of the collarbone, for about 60 seconds in all.",
        "Take three slow breaths into the top of the chest, notice the change, and change sides.",
    ],
    cues=[
        "Skin-deep: the spikes grip, they don't dig.",
        "Stay tucked under the collarbone.",
        "Breathe into the top of the chest as you go.",
    ],
    mistakes=[
        "Pressing into the hollow above the collarbone.",
        "Working out past the middle of the collarbone toward the front of the shoulder.",
    ],
    cautions=[
        "Tingling into the arm means you are too far out or pressing too hard; move back toward "
        "the breastbone and lighten up.",
    ],
    contraindications=[PORT, ARM_CLOT, COLLAR_HOLLOW, LYMPH_CHEST,
                       fracture("of the collarbone or ribs"), SKIN, BLOOD, FEVER, INJ],
    indications=["shallow breathing", "rounded shoulders", "tight chest", "desk workers",
                 "singers", "wind players"],
    suitability=suit(clot="care"),
))

# 21
add(T(
    slug="sternum-front-ribs-roll-spiky-ball",
    name="Breastbone and front ribs wake-up with a spiky ball",
    summary=("Sitting tall, roll a spiky ball lightly along the breastbone and shear the skin "
             "over the front ribs in small circles: a skin-light wake-up for a stiff chest."),
    regions=["front-of-shoulder-and-chest"],
    tissues=["skin and superficial fascia of the chest", "pectoralis major (sternal fibres)",
             "intercostals"],
    actions=["roll", "shear"],
    equipment=["spiky-ball", "chair"],
    position="chair",
    duration_seconds=90, per_side=False, level="beginner", intensity="gentle",
    instructions=[
        "Sit tall on a chair, feet flat, and hold the spiky ball in one hand.",
        "Place it on the breastbone a thumb's width below the notch at the base of the throat "
        "and press only enough for the spikes to grip the skin.",
        "Roll it slowly down the breastbone and back up, 5 times, stopping above the small soft "
        "tip at the bottom of the breastbone.",
        "Then work outward along the front ribs on each side in small skin-shearing circles, "
        "staying above the breast tissue and changing hands for the second side, for about "
        "90 seconds in all.",
        "Rest both hands on the breastbone and take five slow breaths, feeling the chest rise "
        "under them.",
    ],
    cues=[
        "Skin-light: as if polishing, not kneading.",
        "Breathe into the hand that holds the ball.",
        "Upper chest only; stay above the breast tissue.",
    ],
    mistakes=[
        "Pressing on the soft tip at the bottom of the breastbone.",
        "Digging into the ribs instead of moving the skin.",
    ],
    cautions=[
        "If the joints beside the breastbone are sore, as with costochondritis, keep to the "
        "lightest touch or leave them out.",
        "A few people feel emotional with chest work; pause whenever you like.",
    ],
    contraindications=[
        "Recent heart or chest surgery through the breastbone: no work here until the surgeon "
        "has cleared it.",
        "Osteoporosis: skin-light pressure only over the breastbone and ribs.",
        PORT, BREAST, LYMPH_CHEST, RIB_FRACTURE, fracture("of the breastbone"), SKIN, BLOOD, FEVER, INJ,
    ],
    indications=["stiff chest", "shallow breathing", "morning wake-up", "slumped posture",
                 "singers", "desk workers"],
    suitability=suit(osteo="care"),
))

# 22
add(T(
    slug="hands-press-and-wring-therapy-ball",
    name="Ball between the palms: press and wring",
    summary=("Trap a ball between your palms, press it into both hands, then twist the palms "
             "against each other so the skin and fascia wring around it."),
    regions=["forearm-and-hand"],
    tissues=["palmar fascia", "thenar muscles", "hypothenar muscles", "lumbricals"],
    actions=["compress", "spin"],
    equipment=["therapy-ball", "chair"],
    position="chair",
    duration_seconds=60, per_side=False, level="beginner", intensity="gentle",
    instructions=[
        "Sit on a chair with your forearms resting on your thighs and hold the ball between your "
        "palms, fingers pointing forward.",
        "Press the palms together so the ball sinks into the centre of both hands, hold for three "
        "slow breaths, then ease off.",
        "Press again and twist the palms in opposite directions, like wringing out a cloth, so "
        "the skin winds around the ball, 8 times each way.",
        "Walk the ball to the heels of the hands, the thumb pads and the base of the fingers, "
        "pressing and wringing at each spot, for about 60 seconds in all.",
        "Put the ball down, open the hands wide and shake them out.",
    ],
    cues=[
        "Press like squeezing the juice from an orange.",
        "The skin winds; the ball stays.",
        "Shoulders soft while the hands work.",
    ],
    mistakes=[
        "Gripping with the fingertips instead of pressing with the palms.",
        "Rushing the twists.",
    ],
    cautions=[
        "With carpal tunnel symptoms, keep the pressure off the middle of the wrist crease.",
    ],
    contraindications=[
        "Rheumatoid arthritis or any flare with hot, swollen joints: skip this until the flare "
        "has settled.",
        LYMPH_ARM, fracture("of the wrist, hand or fingers"), SKIN, BLOOD, FEVER, INJ,
    ],
    indications=["musicians", "stiff hands", "typing and texting", "knitting and craft",
                 "before playing an instrument"],
    suitability=suit(),
    progression="musicians-hands", progression_level=1,
))

# 23
add(T(
    slug="thenar-pin-and-thumb-circles-therapy-ball",
    name="Thumb-pad and little-finger-pad pin with thumb circles and finger spreads",
    summary=("With the hand on a ball on a table, pin the pad at the base of the thumb and circle "
             "the thumb, then pin the pad below the little finger and spread the fingers."),
    regions=["forearm-and-hand"],
    tissues=["thenar muscles (abductor and flexor pollicis brevis, opponens pollicis)",
             "hypothenar muscles"],
    actions=["pin-and-stretch"],
    equipment=["therapy-ball", "table", "chair"],
    position="chair",
    duration_seconds=90, per_side=True, level="beginner", intensity="gentle",
    instructions=[
        "Sit at a table with the ball on it and rest the fleshy pad at the base of your thumb on "
        "the ball, fingers relaxed.",
        "Lean a little weight into the hand, with the other hand on top if you want more, until "
        "you find a tender spot.",
        "Keeping the pad pinned, draw 5 slow circles with the tip of the thumb each way, then "
        "stretch the thumb away from the fingers and back, 5 times.",
        "Move the ball to the pad below the little finger, staying off the small round bone at "
        "the heel of the hand, and spread all the fingers wide and relax them, 8 times, for "
        "about 90 seconds in all.",
        "Shake the hand out and change sides.",
    ],
    cues=[
        "Pin the pad, then let the thumb wander.",
        "Spread the fingers like a starfish.",
        "Pressure around 4 or 5 out of 10.",
    ],
    mistakes=[
        "Pressing on the pea-shaped bone at the little-finger side of the wrist, where a nerve "
        "runs close to the surface.",
        "Pushing into the middle of the wrist crease.",
    ],
    cautions=[
        "Arthritis at the base of the thumb: keep the pressure light and the circles small.",
        "With carpal tunnel symptoms, stay on the pads and off the wrist crease.",
    ],
    contraindications=[
        "Rheumatoid arthritis or any flare with hot, swollen joints: skip this until the flare "
        "has settled.",
        LYMPH_ARM, fracture("of the wrist, hand or thumb"), SKIN, BLOOD, FEVER, INJ,
    ],
    indications=["musicians", "texting thumb", "typing", "gamers", "knitting and craft",
                 "guitarists"],
    suitability=suit(),
    progression="musicians-hands", progression_level=2,
))

# 24
add(T(
    slug="thumb-web-pin-and-spread-therapy-ball",
    name="Thumb web pin with finger spreads",
    summary=("Lower the web between thumb and index finger onto a ball on a table, let it sink "
             "in, then spread the thumb and fingers to ease a hand that grips all day."),
    regions=["forearm-and-hand"],
    tissues=["adductor pollicis", "first dorsal interosseous"],
    actions=["pin", "pin-and-stretch"],
    equipment=["therapy-ball", "table", "chair"],
    position="chair",
    duration_seconds=60, per_side=True, level="beginner", intensity="moderate",
    instructions=[
        "Sit at a table with the ball on it. Turn one hand so the thumb side faces down and "
        "lower the fleshy web between thumb and index finger onto the ball, thumb on one side of "
        "it and index finger on the other.",
        "Press down gently with the other hand on the back of the hand until the web feels a "
        "clear, comfortable pressure, and stay for three slow breaths.",
        "Keeping the web pinned, spread the thumb and index finger apart and relax them, 6 times, "
        "then open all the fingers wide and close them softly, 6 times.",
        "Shift the ball a few millimetres toward the thumb's knuckle and repeat, for about "
        "60 seconds in all.",
        "Shake the hand out and change sides.",
    ],
    cues=[
        "Let the web sink around the ball.",
        "Spread slowly, as if opening a fan.",
        "The pressure comes from the top hand, not from gripping.",
    ],
    mistakes=[
        "Squeezing the ball hard with the thumb.",
        "Pressing deep into the bony base of the thumb.",
    ],
    cautions=[
        "This spot is often more tender than it looks; start light.",
        "Arthritis at the base of the thumb: keep the pressure light.",
    ],
    contraindications=[
        "Pregnancy: some prenatal teachers avoid firm pressure in the thumb web because of an "
        "acupressure tradition that links it with labour. The evidence is thin, but keep the "
        "pressure light, or skip it if you or your midwife prefer.",
        LYMPH_ARM, fracture("of the hand or thumb"), SKIN, BLOOD, FEVER, INJ,
    ],
    indications=["gripping", "musicians", "texting thumb", "gardeners", "climbers",
                 "writing by hand"],
    suitability=suit(preg={"first": "care", "second": "care", "third": "care"}),
))

# 25
add(T(
    slug="back-of-hand-shear-spiky-ball",
    name="Back of the hand and knuckles shear with a spiky ball",
    summary=("Roll a spiky ball lightly over the back of the hand, then hold it still between "
             "the knuckle bones and move the skin: a wake-up for stiff, cold hands."),
    regions=["forearm-and-hand"],
    tissues=["skin and fascia of the back of the hand", "dorsal interossei",
             "tissue around the extensor tendons"],
    actions=["shear", "roll"],
    equipment=["spiky-ball", "chair"],
    position="chair",
    duration_seconds=60, per_side=True, level="beginner", intensity="gentle",
    instructions=[
        "Sit on a chair and rest one hand, palm down, on your thigh, fingers relaxed.",
        "Hold the spiky ball in the other hand and roll it slowly over the back of the resting "
        "hand, from the wrist to the knuckles and back, 5 times.",
        "Then hold the ball still in the gap between two knuckle bones and make small circles so "
        "the skin slides, 5 each way; move to the next gap and repeat.",
        "Finish by rolling gently over each knuckle and down the back of each finger, for about "
        "60 seconds in all.",
        "Make a soft fist and open it wide five times, then change hands.",
    ],
    cues=[
        "Skin-light over the bones, a little more in the gaps.",
        "Let the resting hand stay floppy.",
        "Notice warmth spreading into the fingers.",
    ],
    mistakes=[
        "Pressing hard on the knuckles.",
        "Dragging the spikes across the skin instead of moving it.",
    ],
    cautions=[
        "Thin skin on the backs of the hands bruises and tears easily; use the lightest pressure.",
    ],
    contraindications=[
        "Hot, swollen or red joints (an arthritis flare or gout): skip this until the flare has "
        "settled.",
        LYMPH_ARM, fracture("of the hand or fingers"), SKIN, BLOOD, FEVER, INJ,
    ],
    indications=["stiff hands", "cold hands", "stiff knuckles in the morning", "typing",
                 "musicians", "older adults"],
    suitability=suit(),
))

# 26
add(T(
    slug="finger-extensor-shear-spiky-ball",
    name="Back-of-forearm shear with a spiky ball on a table",
    summary=("Rest the back of the forearm on a spiky ball on a table and move the skin over the "
             "finger and wrist extensors in small circles, then open and close the hand."),
    regions=["forearm-and-hand"],
    tissues=["extensor digitorum", "extensor carpi radialis longus and brevis",
             "antebrachial fascia"],
    actions=["shear"],
    equipment=["spiky-ball", "table", "chair"],
    position="chair",
    duration_seconds=60, per_side=True, level="beginner", intensity="gentle",
    instructions=[
        "Sit at a table with the spiky ball on it and rest the back of one forearm on the ball, "
        "palm up, about a hand's width below the elbow.",
        "Let the arm's weight settle so the spikes grip the skin, with the other hand resting on "
        "top of the forearm if you want a little more.",
        "Without sliding, make small slow circles with the forearm, 5 each way, so the skin "
        "moves over the muscles beneath; then slowly open and close the hand 5 times.",
        "Move the ball a few centimetres toward the wrist and repeat, stopping a hand's width "
        "above the wrist, for about 60 seconds in all.",
        "Shake the arm out and change sides.",
    ],
    cues=[
        "The skin moves; the ball stays put.",
        "Open the hand like a starfish.",
        "Gentle: this is the skin layer.",
    ],
    mistakes=[
        "Pressing on the bony point of the elbow.",
        "Dragging the forearm along the spikes.",
    ],
    cautions=[
        "With tennis elbow, start below the sore point and keep the pressure light.",
    ],
    contraindications=[
        "Lymphoedema, lymph nodes removed from the armpit, or active cancer treatment: leave "
        "this arm out unless your cancer care team or lymphoedema therapist has cleared it; "
        "spikes can break swollen skin.",
        fracture("of the forearm or wrist"), SKIN, BLOOD, FEVER, INJ,
    ],
    indications=["typing", "mouse arm", "musicians", "tennis elbow", "gamers", "desk workers"],
    suitability=suit(),
))

# 27
add(T(
    slug="forearm-flexor-roll-table-therapy-ball",
    name="Inner forearm roll on a table with finger spreads",
    summary=("Roll the inner forearm over a ball on a table from below the elbow to above the "
             "wrist, then pin a tender band and spread the fingers."),
    regions=["forearm-and-hand"],
    tissues=["flexor digitorum superficialis", "flexor carpi radialis", "flexor carpi ulnaris",
             "palmaris longus"],
    actions=["roll", "pin-and-stretch"],
    equipment=["therapy-ball", "table", "chair"],
    position="chair",
    duration_seconds=90, per_side=True, level="beginner", intensity="moderate",
    instructions=[
        "Sit at a table with the ball on it and lay one forearm on it, palm up, with the ball a "
        "hand's width below the elbow crease.",
        "Lean some weight into the arm, with the other hand on top if you want more.",
        "Draw the arm slowly back and forth so the ball rolls toward the wrist and back, 5 times, "
        "stopping a hand's width above the wrist crease.",
        "On a tender band, keep the ball pinned, make a soft fist and then spread the fingers "
        "wide and bend the wrist back, 8 times, for about 90 seconds in all.",
        "Shake the hand out and change sides.",
    ],
    cues=[
        "Roll slowly enough to find the ropey bands.",
        "Pin first, then open the hand.",
        "Pressure around 5 or 6 out of 10.",
    ],
    mistakes=[
        "Rolling over the wrist crease.",
        "Pressing into the elbow crease.",
    ],
    cautions=[
        "With carpal tunnel symptoms, stay a hand's width above the wrist crease; numbness or "
        "tingling in the fingers means ease off.",
        "With golfer's elbow, stay below the sore point on the inner elbow.",
    ],
    contraindications=[ELBOW_CREASE, LYMPH_ARM, fracture("of the forearm or wrist"), SKIN, BLOOD,
                       FEVER, INJ],
    indications=["carpal tunnel symptoms", "musicians", "typing", "climbers",
                 "golfer's elbow", "gripping"],
    suitability=suit(),
    progression="musicians-hands", progression_level=3,
))

# 28
add(T(
    slug="wrist-extensor-wall-pin-and-rotate-lacrosse-ball",
    name="Wrist extensor pin at the wall with forearm turns",
    summary=("Pin the back of the forearm below the elbow on a lacrosse ball at the wall, then "
             "turn the forearm and bend the wrist to work across the wrist extensors."),
    regions=["forearm-and-hand"],
    tissues=["extensor carpi radialis brevis", "extensor carpi radialis longus",
             "extensor digitorum", "brachioradialis", "supinator"],
    actions=["pin-and-stretch", "cross-fiber"],
    equipment=["lacrosse-ball", "wall"],
    position="wall",
    duration_seconds=90, per_side=True, level="advanced", intensity="deep",
    instructions=[
        "Face the wall, bend one elbow and bring that forearm across in front of your chest, "
        "palm toward you, then place the lacrosse ball between the wall and the back of the "
        "forearm, three finger-widths below the bony point on the outside of the elbow.",
        "Lean your body weight in through the forearm until the pressure is firm but still lets "
        "you breathe easily.",
        "Keeping the ball pinned, turn the forearm so the thumb rolls up toward the ceiling and "
        "back, 6 times, so the muscle crosses over the ball.",
        "Then let the wrist drop and curl the fingers, and lift them again, 6 times; move the "
        "ball a finger-width toward the wrist and repeat, for about 90 seconds in all.",
        "Step away, shake the arm out and change sides.",
    ],
    cues=[
        "Below the sore point, not on it.",
        "Turn the forearm like a door handle.",
        "Lean with the body; keep the shoulder soft.",
    ],
    mistakes=[
        "Pressing on the bony point of the elbow or the sore tendon.",
        "Holding the breath as the pressure builds.",
    ],
    cautions=[
        "With tennis elbow, stay a few finger-widths below the sore tendon point rather than "
        "on it.",
        "Tingling or numbness on the back of the hand, or a weak grip afterwards, means nerve "
        "pressure just below the elbow; move the ball lower and lighten up.",
        "Build up to this from the therapy-ball forearm techniques.",
    ],
    contraindications=[
        "Osteoporosis: swap the lacrosse ball for a therapy ball and lean lightly.",
        BLOOD_DEEP, LYMPH_ARM, fracture("of the forearm, wrist or elbow"), SKIN, FEVER, INJ,
    ],
    indications=["tennis elbow", "mouse arm", "climbers", "musicians", "racket sports",
                 "gripping"],
    suitability=suit(osteo="care"),
    progression="musicians-hands", progression_level=4,
))

# 29
add(T(
    slug="forearm-roll-massage-stick",
    name="Forearm roll with a massage stick",
    summary=("Sitting at a table, hold a massage stick still with one hand and draw the other "
             "forearm across its spindles, top side then inner side, to ease a tired forearm."),
    regions=["forearm-and-hand"],
    tissues=["wrist and finger flexors", "wrist and finger extensors", "brachioradialis"],
    actions=["roll"],
    equipment=["massage-stick", "table", "chair"],
    position="chair",
    duration_seconds=90, per_side=True, level="beginner", intensity="gentle",
    instructions=[
        "Sit at a table and lay the massage stick across it in front of you; hold one handle "
        "down with your left hand so the stick cannot move.",
        "Lay the right forearm across the middle of the stick, palm down, just below the elbow, "
        "and let its weight rest on the spindles.",
        "Draw the forearm slowly back and forth over the stick, so the spindles travel from below "
        "the elbow to a hand's width above the wrist and back, 6 times.",
        "Turn the palm up and repeat on the inner forearm, 6 times, pausing for a breath on any "
        "tender band, for about 90 seconds in all.",
        "Shake the hand out, hold the stick with the other hand and change sides.",
    ],
    cues=[
        "Let the arm's weight do the work.",
        "One slow out-breath for each pass.",
        "Stop short of both creases.",
    ],
    mistakes=[
        "Rolling into the elbow crease or over the wrist crease.",
        "Clenching the fist while you roll.",
    ],
    cautions=[
        "To go lighter, take some of the arm's weight with the shoulder; to go firmer, lean the "
        "body forward over the arm.",
    ],
    contraindications=[ELBOW_CREASE, LYMPH_ARM, fracture("of the forearm or wrist"), SKIN, BLOOD,
                       FEVER, INJ],
    indications=["typing", "desk workers", "musicians", "gardeners", "climbers", "older adults"],
    suitability=suit(),
))
